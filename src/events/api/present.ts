/** JSON shapes of events, sessions and exhibitors in the API, with their OpenAPI schemas. */
import { z } from "@hono/zod-openapi";
import { eventFormats, eventStatuses, sessionRoles, sessionTypes } from "../../db/schema.js";
import type { ExhibitorRow, SessionWithPeople } from "../program-repository.js";
import type { ProgramWarning } from "../program-rules.js";
import type { EventRow } from "../repository.js";

export const EventJson = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    title: z.string(),
    titleEn: z.string().nullable(),
    description: z.string().nullable(),
    descriptionEn: z.string().nullable(),
    startsAt: z.string().openapi({ format: "date-time" }),
    endsAt: z.string().openapi({ format: "date-time" }),
    venue: z.string().nullable(),
    address: z.string().nullable(),
    format: z.enum(eventFormats),
    status: z.enum(eventStatuses),
    regionCode: z.string().nullable(),
    spaceId: z.uuid(),
    seriesId: z.uuid().nullable(),
    url: z.string().openapi({ description: "The event's public page." }),
    registration: z
      .object({
        placesOnsite: z.number().int(),
        placesRemote: z.number().int(),
        takenOnsite: z.number().int(),
        takenRemote: z.number().int(),
        registrationMode: z.enum(["open", "approval", "invitation"]),
        waitlistMode: z.enum(["auto", "offer"]),
        offerHours: z.number().int(),
        registrationOpensAt: z.string().nullable(),
        registrationClosesAt: z.string().nullable(),
        cancelUntil: z.string().nullable(),
        maxPerOrganisation: z.number().int().nullable(),
        privacyController: z.string().nullable(),
        privacyPurpose: z.string().nullable(),
        lawfulBasis: z.string(),
      })
      .nullable()
      .optional()
      .openapi({ description: "Registration settings and places taken; null when the event has no registration." }),
  })
  .openapi("Event");

export function eventJson(e: EventRow, publicUrl: string): z.infer<typeof EventJson> {
  return {
    id: e.id,
    slug: e.slug,
    title: e.titleSv,
    titleEn: e.titleEn,
    description: e.descriptionSv,
    descriptionEn: e.descriptionEn,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    venue: e.venue,
    address: e.address,
    format: e.format,
    status: e.status,
    regionCode: e.regionCode,
    spaceId: e.spaceId,
    seriesId: e.seriesId,
    url: `${publicUrl}/evenemang/${e.slug}`,
  };
}

export const SessionJson = z
  .object({
    id: z.uuid(),
    eventId: z.uuid(),
    type: z.enum(sessionTypes),
    title: z.string(),
    titleEn: z.string().nullable(),
    description: z.string().nullable(),
    descriptionEn: z.string().nullable(),
    startsAt: z.string().openapi({ format: "date-time" }),
    endsAt: z.string().openapi({ format: "date-time" }),
    room: z.string().nullable(),
    roomEn: z.string().nullable(),
    track: z.string().nullable(),
    trackEn: z.string().nullable(),
    seats: z.number().int().nullable().openapi({ description: "Seats participants choose; null: open to everyone." }),
    people: z.array(
      z.object({
        personId: z.uuid(),
        name: z.string(),
        title: z.string().nullable(),
        organisationName: z.string().nullable(),
        role: z.enum(sessionRoles),
        remote: z.boolean(),
      }),
    ),
  })
  .openapi("Session");

export function sessionJson(s: SessionWithPeople): z.infer<typeof SessionJson> {
  return {
    id: s.id,
    eventId: s.eventId,
    type: s.type,
    title: s.titleSv,
    titleEn: s.titleEn,
    description: s.descriptionSv,
    descriptionEn: s.descriptionEn,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    room: s.room,
    roomEn: s.roomEn,
    track: s.track,
    trackEn: s.trackEn,
    seats: s.seats,
    people: s.people.map((p) => ({
      personId: p.personId,
      name: p.name,
      title: p.title,
      organisationName: p.organisationName,
      role: p.role,
      remote: p.remote,
    })),
  };
}

export const WarningJson = z
  .object({
    kind: z.enum(["room_overlap", "person_double_booked"]),
    sessionIds: z.array(z.uuid()),
    room: z.string().optional(),
    personId: z.uuid().optional(),
    message: z.string(),
  })
  .openapi("ProgramWarning");

export function warningJson(w: ProgramWarning, message: string): z.infer<typeof WarningJson> {
  return w.kind === "room_overlap"
    ? { kind: w.kind, sessionIds: [...w.sessionIds], room: w.room, message }
    : { kind: w.kind, sessionIds: [...w.sessionIds], personId: w.personId, message };
}

export const ExhibitorJson = z
  .object({
    id: z.uuid(),
    eventId: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    descriptionEn: z.string().nullable(),
    booth: z.string().nullable(),
    organisationId: z.uuid().nullable(),
    website: z.string().nullable(),
    logoUrl: z.string().nullable().openapi({ description: "The logo (PNG, JPEG or WebP), uploaded on the organiser's exhibitor page." }),
  })
  .openapi("Exhibitor");

export const exhibitorJson = (x: ExhibitorRow, publicUrl: string): z.infer<typeof ExhibitorJson> => ({
  id: x.id,
  eventId: x.eventId,
  name: x.name,
  description: x.descriptionSv,
  descriptionEn: x.descriptionEn,
  booth: x.booth,
  organisationId: x.organisationId,
  website: x.website,
  logoUrl: x.logoFileId ? `${publicUrl}/filer/${x.logoFileId}` : null,
});
