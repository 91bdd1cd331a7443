/** Converts the HTML forms' date and clock-time fields into the instants the rules use. */
import { fieldError, validationFailed, type FieldError } from "../http/errors.js";
import { inputTime, isoDate, stockholmToInstant } from "../i18n/format.js";
import { parseInput } from "../http/validation.js";
import type { FormState } from "../http/ui.js";
import type { SessionWithPeople } from "./program-repository.js";
import type { EventRow } from "./repository.js";
import { EventForm, SessionForm } from "./schemas.js";

function instantOrError(date: string, time: string, field: string, errors: FieldError[]): Date {
  const at = stockholmToInstant(date, time);
  if (!at) errors.push({ field, key: "validation.time_missing" });
  return at ?? new Date(0);
}

export function eventFromForm(values: Record<string, string>) {
  const f = parseInput(EventForm, values);
  const errors: FieldError[] = [];
  const startsAt = instantOrError(f.startDate, f.startTime, "startTime", errors);
  const endsAt = instantOrError(f.endDate, f.endTime, "endTime", errors);
  if (errors.length) throw validationFailed(errors);
  const { startDate: _a, startTime: _b, endDate: _c, endTime: _d, ...rest } = f;
  return { ...rest, startsAt, endsAt };
}

export function sessionFromForm(values: Record<string, string>) {
  const f = parseInput(SessionForm, values);
  const errors: FieldError[] = [];
  const startsAt = instantOrError(f.date, f.startTime, "startTime", errors);
  const endsAt = instantOrError(f.date, f.endTime, "endTime", errors);
  if (errors.length) throw validationFailed(errors);
  const { date: _a, startTime: _b, endTime: _c, ...rest } = f;
  return { ...rest, startsAt, endsAt };
}

export const requireDate = (value: string | undefined, field: string) => {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value) || !stockholmToInstant(value, "12:00")) throw fieldError(field, "validation.date");
  return value;
};

export function eventFormValues(e: EventRow & { seriesId: string | null }): FormState["values"] {
  return {
    title: e.titleSv,
    titleEn: e.titleEn ?? "",
    description: e.descriptionSv ?? "",
    descriptionEn: e.descriptionEn ?? "",
    slug: e.slug,
    venue: e.venue ?? "",
    address: e.address ?? "",
    format: e.format,
    seriesId: e.seriesId ?? "",
    regionCode: e.regionCode ?? "",
    startDate: isoDate(e.startsAt),
    startTime: inputTime(e.startsAt),
    endDate: isoDate(e.endsAt),
    endTime: inputTime(e.endsAt),
  };
}

export function sessionFormValues(s: SessionWithPeople): FormState["values"] {
  return {
    type: s.type,
    title: s.titleSv,
    titleEn: s.titleEn ?? "",
    description: s.descriptionSv ?? "",
    descriptionEn: s.descriptionEn ?? "",
    room: s.room ?? "",
    roomEn: s.roomEn ?? "",
    track: s.track ?? "",
    trackEn: s.trackEn ?? "",
    seats: s.seats === null ? "" : String(s.seats),
    date: isoDate(s.startsAt),
    startTime: inputTime(s.startsAt),
    endTime: inputTime(s.endsAt),
  };
}
