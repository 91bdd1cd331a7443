/**
 * Event rules: creating, changing, publishing, cancelling and copying an edition.
 * Callers have already authorized the actor (auth/policy.ts); these functions check
 * the data itself and change nothing when a rule is broken.
 */
import type { Db } from "../db/client.js";
import { eventSeries, events, exhibitors, programSessions, sessionPeople, type EventStatus } from "../db/schema.js";
import { AppError, fieldError, notFound } from "../http/errors.js";
import { daysBetween, isoDate, shiftStockholmDays, stockholmToInstant } from "../i18n/format.js";
import { findSpaceById } from "../spaces/repository.js";
import { isTimeOrderValid } from "./program-rules.js";
import {
  findEventById,
  findOrCreateSeries,
  findSeriesInSpace,
  freeSlug,
  insertEvent,
  updateEventRow,
  type EventChanges,
  type EventRow,
  type EventWithSpace,
} from "./repository.js";
import { listExhibitors, listSessions } from "./program-repository.js";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";

export interface NewEvent {
  spaceId: string;
  slug: string | null;
  title: string;
  titleEn?: string | null;
  description?: string | null;
  descriptionEn?: string | null;
  venue?: string | null;
  address?: string | null;
  format: EventRow["format"];
  seriesId: string | null;
  seriesName?: string | null;
  regionCode: string | null;
  startsAt: Date;
  endsAt: Date;
}

/** Field names the caller uses for the times, so errors point at the right inputs. */
export interface TimeFields {
  end: string;
}

export async function createEvent(db: Db, input: NewEvent, fields: TimeFields = { end: "endsAt" }): Promise<EventRow> {
  const space = await findSpaceById(db, input.spaceId);
  if (!space) throw fieldError("spaceId", "validation.unknown_space");
  if (!isTimeOrderValid(input.startsAt, input.endsAt)) throw fieldError(fields.end, "validation.end_before_start");
  const seriesId = await resolveSeries(db, input.spaceId, input.seriesId, input.seriesName ?? null);
  const slug = input.slug ?? (await freeSlug(db, `${input.title}`));
  return insertEvent(db, {
    spaceId: input.spaceId,
    seriesId,
    slug,
    titleSv: input.title,
    titleEn: input.titleEn ?? null,
    descriptionSv: input.description ?? null,
    descriptionEn: input.descriptionEn ?? null,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    venue: input.venue ?? null,
    address: input.address ?? null,
    format: input.format,
    regionCode: input.regionCode ?? space.regionCode,
  });
}

async function resolveSeries(db: Db, spaceId: string, seriesId: string | null | undefined, seriesName: string | null): Promise<string | null> {
  if (seriesName) return (await findOrCreateSeries(db, spaceId, seriesName)).id;
  if (!seriesId) return null;
  if (!(await findSeriesInSpace(db, spaceId, seriesId))) throw fieldError("seriesId", "validation.unknown_series");
  return seriesId;
}

export interface EventPatch {
  slug?: string | null;
  title?: string;
  titleEn?: string | null;
  description?: string | null;
  descriptionEn?: string | null;
  venue?: string | null;
  address?: string | null;
  format?: EventRow["format"];
  seriesId?: string | null;
  seriesName?: string | null;
  regionCode?: string | null;
  startsAt?: Date;
  endsAt?: Date;
  status?: EventStatus;
}

/**
 * Applies a change. Status moves draft ⇄ published and from either to cancelled; a
 * cancelled event cannot be changed any more (people have been told it is off).
 */
export async function updateEvent(
  db: Db,
  event: EventRow,
  patch: EventPatch,
  now: Date,
  fields: TimeFields = { end: "endsAt" },
): Promise<EventRow> {
  if (event.status === "cancelled") throw new AppError("conflict", 409, { messageKey: "error.not_editable" });
  const startsAt = patch.startsAt ?? event.startsAt;
  const endsAt = patch.endsAt ?? event.endsAt;
  if (!isTimeOrderValid(startsAt, endsAt)) throw fieldError(fields.end, "validation.end_before_start");

  const changes: EventChanges = {};
  if (patch.slug) changes.slug = patch.slug;
  if (patch.title !== undefined) changes.titleSv = patch.title;
  if (patch.titleEn !== undefined) changes.titleEn = patch.titleEn;
  if (patch.description !== undefined) changes.descriptionSv = patch.description;
  if (patch.descriptionEn !== undefined) changes.descriptionEn = patch.descriptionEn;
  if (patch.venue !== undefined) changes.venue = patch.venue;
  if (patch.address !== undefined) changes.address = patch.address;
  if (patch.format !== undefined) changes.format = patch.format;
  if (patch.regionCode !== undefined) changes.regionCode = patch.regionCode;
  if (patch.startsAt) changes.startsAt = patch.startsAt;
  if (patch.endsAt) changes.endsAt = patch.endsAt;
  if (patch.seriesId !== undefined || patch.seriesName) {
    changes.seriesId = await resolveSeries(db, event.spaceId, patch.seriesId, patch.seriesName ?? null);
  }
  if (patch.status && patch.status !== event.status) {
    changes.status = patch.status;
    if (patch.status === "published") changes.publishedAt = now;
    if (patch.status === "cancelled") changes.cancelledAt = now;
  }
  return updateEventRow(db, event.id, changes, now);
}

export const publishEvent = (db: Db, event: EventRow, now: Date) => updateEvent(db, event, { status: "published" }, now);
export const cancelEvent = (db: Db, event: EventRow, now: Date) => updateEvent(db, event, { status: "cancelled" }, now);

/**
 * "Copy last year's edition": a new draft in the same series with the same details,
 * program (people included) and exhibitors, every time moved by the same number of
 * calendar days so that 9.00 stays 9.00 across summer time.
 */
/**
 * What another module copies along with an edition, in the same transaction: from the
 * source event to the copy, moving dates with `shift` (e.g. registration's setup).
 */
export type EditionCopier = (tx: Db, sourceId: string, copyId: string, shift: (d: Date) => Date) => Promise<void>;

export async function copyEdition(db: Db, source: EventWithSpace, startDate: string, also: EditionCopier[] = []): Promise<EventRow> {
  if (!stockholmToInstant(startDate, "12:00")) throw fieldError("startDate", "validation.date");
  const days = daysBetween(isoDate(source.startsAt), startDate);
  if (!Number.isFinite(days) || Math.abs(days) > 3660) throw fieldError("startDate", "validation.date");
  const shift = (d: Date) => shiftStockholmDays(d, days);
  const sessions = await listSessions(db, source.id);
  const exhibitorRows = await listExhibitors(db, source.id);
  const newStart = shift(source.startsAt);
  const year = newStart.getUTCFullYear();
  const baseTitle = source.titleSv.replace(/\b(19|20)\d{2}\b/, String(year));
  const baseTitleEn = source.titleEn?.replace(/\b(19|20)\d{2}\b/, String(year)) ?? null;
  const slug = await freeSlug(db, baseTitle.includes(String(year)) ? baseTitle : `${baseTitle} ${year}`);

  return db.transaction(async (tx) => {
    let seriesId = source.seriesId;
    if (!seriesId) {
      // The first copy makes the two editions a series named after the event.
      seriesId = randomUUID();
      const name = source.titleSv.replace(/\s*\b(19|20)\d{2}\b\s*/, " ").trim() || source.titleSv;
      await tx
        .insert(eventSeries)
        .values({ id: seriesId, spaceId: source.spaceId, slug: `${slug}-${seriesId.slice(0, 6)}`.slice(0, 80), name });
      await tx.update(events).set({ seriesId }).where(eq(events.id, source.id));
    }
    const id = randomUUID();
    const [created] = await tx
      .insert(events)
      .values({
        id,
        spaceId: source.spaceId,
        seriesId,
        slug,
        titleSv: baseTitle,
        titleEn: baseTitleEn,
        descriptionSv: source.descriptionSv,
        descriptionEn: source.descriptionEn,
        startsAt: newStart,
        endsAt: shift(source.endsAt),
        venue: source.venue,
        address: source.address,
        format: source.format,
        regionCode: source.regionCode,
        status: "draft",
      })
      .returning();
    for (const s of sessions) {
      const sessionId = randomUUID();
      await tx.insert(programSessions).values({
        id: sessionId,
        eventId: id,
        type: s.type,
        titleSv: s.titleSv,
        titleEn: s.titleEn,
        descriptionSv: s.descriptionSv,
        descriptionEn: s.descriptionEn,
        startsAt: shift(s.startsAt),
        endsAt: shift(s.endsAt),
        room: s.room,
        roomEn: s.roomEn,
        track: s.track,
        trackEn: s.trackEn,
        seats: s.seats,
      });
      if (s.people.length) {
        await tx
          .insert(sessionPeople)
          .values(s.people.map((p) => ({ sessionId, personId: p.personId, role: p.role, remote: p.remote })));
      }
    }
    if (exhibitorRows.length) {
      await tx.insert(exhibitors).values(
        exhibitorRows.map((e) => ({
          id: randomUUID(),
          eventId: id,
          name: e.name,
          descriptionSv: e.descriptionSv,
          descriptionEn: e.descriptionEn,
          booth: e.booth,
          organisationId: e.organisationId,
        })),
      );
    }
    for (const copy of also) await copy(tx, source.id, id, shift);
    return created!;
  });
}

export async function reloadEvent(db: Db, id: string): Promise<EventWithSpace> {
  const e = await findEventById(db, id);
  if (!e) throw notFound();
  return e;
}
