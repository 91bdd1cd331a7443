/** Program rules for sessions and exhibitors; the caller has authorized the actor. */
import type { Db } from "../db/client.js";
import { AppError, fieldError } from "../http/errors.js";
import { findOrganisationById } from "../organisations/repository.js";
import {
  deleteExhibitorRow,
  deleteSessionRow,
  findSession,
  insertExhibitor,
  insertSession,
  personIdsExist,
  updateExhibitorRow,
  updateSessionRow,
  setExhibitorLogoRow,
  type SessionPersonInput,
  type SessionValues,
} from "./program-repository.js";
import { isTimeOrderValid, isWithinEvent } from "./program-rules.js";
import type { EventRow } from "./repository.js";
import type { ExhibitorInput } from "./schemas.js";
import { saveImage } from "../files/repository.js";
import { seatsChanged } from "../sessions/service.js";

export interface SessionInput {
  type: SessionValues["type"];
  title: string;
  titleEn?: string | null;
  description?: string | null;
  descriptionEn?: string | null;
  room?: string | null;
  roomEn?: string | null;
  track?: string | null;
  trackEn?: string | null;
  seats?: number | null;
  startsAt: Date;
  endsAt: Date;
  people?: SessionPersonInput[];
}

function assertEditable(event: EventRow) {
  if (event.status === "cancelled") throw new AppError("conflict", 409, { messageKey: "error.not_editable" });
}

async function checkSession(db: Db, event: EventRow, s: { startsAt: Date; endsAt: Date }, persons: SessionPersonInput[] | undefined, endField: string) {
  if (!isTimeOrderValid(s.startsAt, s.endsAt)) throw fieldError(endField, "validation.end_before_start");
  if (!isWithinEvent(s, event)) throw fieldError(endField === "endsAt" ? "startsAt" : "date", "validation.session_outside_event");
  if (persons && !(await personIdsExist(db, persons.map((p) => p.personId)))) throw fieldError("people", "validation.unknown_person");
}

const toValues = (i: Omit<SessionInput, "people">): SessionValues => ({
  type: i.type,
  titleSv: i.title,
  titleEn: i.titleEn ?? null,
  descriptionSv: i.description ?? null,
  descriptionEn: i.descriptionEn ?? null,
  startsAt: i.startsAt,
  endsAt: i.endsAt,
  room: i.room ?? null,
  roomEn: i.roomEn ?? null,
  track: i.track ?? null,
  trackEn: i.trackEn ?? null,
  seats: i.seats ?? null,
});

export async function createSession(db: Db, event: EventRow, input: SessionInput, endField = "endsAt"): Promise<string> {
  assertEditable(event);
  await checkSession(db, event, input, input.people, endField);
  return insertSession(db, event.id, toValues(input), input.people ?? []);
}

export type SessionPatch = Partial<SessionInput>;

export async function updateSession(db: Db, event: EventRow, sessionId: string, patch: SessionPatch, now: Date, endField = "endsAt"): Promise<void> {
  assertEditable(event);
  const current = await findSession(db, event.id, sessionId);
  if (!current) throw new AppError("not_found", 404);
  const merged = {
    type: patch.type ?? current.type,
    title: patch.title ?? current.titleSv,
    titleEn: patch.titleEn !== undefined ? patch.titleEn : current.titleEn,
    description: patch.description !== undefined ? patch.description : current.descriptionSv,
    descriptionEn: patch.descriptionEn !== undefined ? patch.descriptionEn : current.descriptionEn,
    room: patch.room !== undefined ? patch.room : current.room,
    roomEn: patch.roomEn !== undefined ? patch.roomEn : current.roomEn,
    track: patch.track !== undefined ? patch.track : current.track,
    trackEn: patch.trackEn !== undefined ? patch.trackEn : current.trackEn,
    seats: patch.seats !== undefined ? patch.seats : current.seats,
    startsAt: patch.startsAt ?? current.startsAt,
    endsAt: patch.endsAt ?? current.endsAt,
  };
  await checkSession(db, event, merged, patch.people, endField);
  await updateSessionRow(db, sessionId, toValues(merged), patch.people, now);
  // More seats (or none to limit): the waiting are seated at once, in order.
  if (merged.seats !== current.seats) await seatsChanged(db, sessionId, now);
}

export async function deleteSession(db: Db, event: EventRow, sessionId: string): Promise<void> {
  assertEditable(event);
  if (!(await deleteSessionRow(db, event.id, sessionId))) throw new AppError("not_found", 404);
}

async function exhibitorValues(db: Db, input: ExhibitorInput) {
  if (input.organisationId && !(await findOrganisationById(db, input.organisationId))) {
    throw fieldError("organisationId", "validation.unknown_organisation");
  }
  // Exhibitors are replaced whole (PUT): what is left out is cleared.
  return {
    name: input.name,
    descriptionSv: input.description ?? null,
    descriptionEn: input.descriptionEn ?? null,
    booth: input.booth ?? null,
    organisationId: input.organisationId,
    website: input.website ?? null,
  };
}

export async function createExhibitor(db: Db, event: EventRow, input: ExhibitorInput) {
  assertEditable(event);
  return insertExhibitor(db, event.id, await exhibitorValues(db, input));
}

export async function updateExhibitor(db: Db, event: EventRow, id: string, input: ExhibitorInput) {
  assertEditable(event);
  const row = await updateExhibitorRow(db, event.id, id, await exhibitorValues(db, input));
  if (!row) throw new AppError("not_found", 404);
  return row;
}

/** A new logo (checked: an image, small enough), or none: `bytes` null removes it. */
export async function setExhibitorLogo(db: Db, event: EventRow, id: string, bytes: Buffer | null) {
  assertEditable(event);
  const found = await setExhibitorLogoRow(db, event.id, id, async (tx) => (bytes ? saveImage(tx, "logo", bytes) : null));
  if (!found) throw new AppError("not_found", 404);
}

export async function deleteExhibitor(db: Db, event: EventRow, id: string) {
  assertEditable(event);
  if (!(await deleteExhibitorRow(db, event.id, id))) throw new AppError("not_found", 404);
}
