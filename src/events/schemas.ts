/**
 * Inputs for events, program sessions and exhibitors. The API takes instants
 * (startsAt/endsAt); the HTML forms take a date and clock times in Stockholm time and
 * are converted into the same input by `fromEventForm`/`fromSessionForm`, so both go
 * through the same rules and limits.
 */
import { z } from "@hono/zod-openapi";
import { eventFormats, eventStatuses, sessionRoles, sessionTypes } from "../db/schema.js";
import { RegistrationSettingsInput } from "../registration/schemas.js";
import {
  formWholeNumber,
  LIMITS,
  checkbox,
  optionalUrl,
  formDate,
  formTime,
  id,
  instant,
  optionalCountyCode,
  optionalId,
  optionalSlug,
  optionalText,
  requiredText,
} from "../shared/fields.js";

const eventFields = {
  title: requiredText(LIMITS.title).openapi({ description: "Title in Swedish.", example: "Digitala Västerbotten 2026" }),
  titleEn: optionalText(LIMITS.title).openapi({ description: "Title in English; Swedish is shown when absent." }),
  description: optionalText(LIMITS.longText).openapi({ description: "Description in Swedish (plain text, blank lines separate paragraphs)." }),
  descriptionEn: optionalText(LIMITS.longText),
  venue: optionalText(LIMITS.shortText).openapi({ example: "Folkets hus, Umeå" }),
  address: optionalText(LIMITS.shortText).openapi({ example: "Skolgatan 59, 903 29 Umeå" }),
  format: z.enum(eventFormats).default("onsite"),
  seriesId: optionalId.openapi({ description: "The event series (yearly editions) it belongs to." }),
  seriesName: optionalText(LIMITS.name).openapi({ description: "Puts the event in the space's series of this name, created when new (instead of seriesId)." }),
  regionCode: optionalCountyCode.openapi({ description: "Länskod; defaults to the organiser's region." }),
};

export const EventCreate = z
  .strictObject({
    spaceId: id.openapi({ description: "The organiser space that owns the event." }),
    slug: optionalSlug.openapi({ description: "Web address; made from the title when absent." }),
    ...eventFields,
    startsAt: instant,
    endsAt: instant,
    ...RegistrationSettingsInput,
  })
  .openapi("EventCreate");
export type EventCreate = z.output<typeof EventCreate>;

export const EventUpdate = z
  .strictObject({
    slug: optionalSlug,
    title: eventFields.title.optional(),
    titleEn: eventFields.titleEn,
    description: eventFields.description,
    descriptionEn: eventFields.descriptionEn,
    venue: eventFields.venue,
    address: eventFields.address,
    format: z.enum(eventFormats).optional(),
    seriesId: eventFields.seriesId,
    seriesName: eventFields.seriesName,
    regionCode: eventFields.regionCode,
    startsAt: instant.optional(),
    endsAt: instant.optional(),
    status: z.enum(eventStatuses).optional().openapi({ description: "Publish or cancel by setting the status. A cancelled event stays cancelled." }),
    ...RegistrationSettingsInput,
  })
  .openapi("EventUpdate");
export type EventUpdate = z.output<typeof EventUpdate>;

/** The HTML event form: the same fields, times as date + clock time. */
export const EventForm = z.object({
  slug: optionalSlug,
  ...eventFields,
  startDate: formDate,
  startTime: formTime,
  endDate: formDate,
  endTime: formTime,
});
export type EventForm = z.output<typeof EventForm>;

export const EventCopy = z
  .strictObject({
    startDate: formDate.openapi({ description: "Start date of the new edition (Stockholm calendar); every time moves by the same number of days." }),
  })
  .openapi("EventCopy");

const sessionPerson = z.strictObject({
  personId: id,
  role: z.enum(sessionRoles),
  remote: z.boolean().default(false).openapi({ description: "Joins over a link rather than in the room." }),
});

const sessionFields = {
  type: z.enum(sessionTypes),
  title: requiredText(LIMITS.title),
  titleEn: optionalText(LIMITS.title),
  description: optionalText(LIMITS.longText),
  descriptionEn: optionalText(LIMITS.longText),
  room: optionalText(LIMITS.shortText),
  roomEn: optionalText(LIMITS.shortText),
  track: optionalText(LIMITS.shortText),
  trackEn: optionalText(LIMITS.shortText),
};

/** Seats to choose (1–100 000), or null: open to everyone, nothing to choose. */
const seats = z.number({ message: "seats.error.seats" }).int({ message: "seats.error.seats" }).min(1, { message: "seats.error.seats" }).max(100_000, { message: "seats.error.seats" }).nullable();

export const SessionCreate = z
  .strictObject({
    ...sessionFields,
    seats: seats.default(null).openapi({ description: "Seats participants choose; null: open to everyone." }),
    startsAt: instant,
    endsAt: instant,
    people: z.array(sessionPerson).max(50).default([]),
  })
  .openapi("SessionCreate");
export type SessionCreate = z.output<typeof SessionCreate>;

export const SessionUpdate = z
  .strictObject({
    type: sessionFields.type.optional(),
    title: sessionFields.title.optional(),
    titleEn: sessionFields.titleEn,
    description: sessionFields.description,
    descriptionEn: sessionFields.descriptionEn,
    room: sessionFields.room,
    roomEn: sessionFields.roomEn,
    track: sessionFields.track,
    trackEn: sessionFields.trackEn,
    seats: seats.optional(),
    startsAt: instant.optional(),
    endsAt: instant.optional(),
    people: z.array(sessionPerson).max(50).optional().openapi({ description: "Replaces the list of people when given." }),
  })
  .openapi("SessionUpdate");
export type SessionUpdate = z.output<typeof SessionUpdate>;

export const SessionForm = z.object({
  ...sessionFields,
  seats: formWholeNumber(1, 100_000, "seats.error.seats"),
  date: formDate,
  startTime: formTime,
  endTime: formTime,
});

export const SessionPersonForm = z.object({
  personId: id,
  role: z.enum(sessionRoles),
  remote: checkbox,
});

export const ExhibitorInput = z
  .strictObject({
    name: requiredText(LIMITS.name),
    description: optionalText(LIMITS.longText),
    descriptionEn: optionalText(LIMITS.longText),
    booth: optionalText(LIMITS.shortText),
    organisationId: optionalId,
    website: optionalUrl.openapi({ description: "The exhibitor's web site, http(s) only." }),
  })
  .openapi("ExhibitorInput");
export type ExhibitorInput = z.output<typeof ExhibitorInput>;

export const EventListQuery = z.object({
  when: z.enum(["upcoming", "past", "all"]).default("upcoming"),
  region: optionalCountyCode.openapi({ description: "Länskod, e.g. 24 for Västerbotten." }),
  space: optionalSlug.openapi({ description: "Only this organiser's events (slug)." }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type EventListQuery = z.output<typeof EventListQuery>;
