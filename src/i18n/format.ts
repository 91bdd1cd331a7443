/**
 * Dates and times as Swedish readers expect them (Språkrådet, klarspråk):
 * "21 november 2019", "2019-11-21" where space is short, "kl. 9.00–15.30",
 * 24-hour clock, time zone Europe/Stockholm. English gets the equivalents.
 */
import type { Locale } from "./messages.js";

export const TIME_ZONE = "Europe/Stockholm";

const dateFormats = {
  sv: new Intl.DateTimeFormat("sv-SE", { timeZone: TIME_ZONE, day: "numeric", month: "long", year: "numeric" }),
  en: new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, day: "numeric", month: "long", year: "numeric" }),
};
const weekdayFormats = {
  sv: new Intl.DateTimeFormat("sv-SE", { timeZone: TIME_ZONE, weekday: "long" }),
  en: new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, weekday: "long" }),
};
const partsFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// The same few instants (an event's start and end) are formatted over and over, in every
// page and mail; Intl formatting is slow enough to show in a registration rush's profile.
function keptByInstant<T>(compute: (instant: Date) => T): (instant: Date) => T {
  const known = new Map<number, T>();
  return (instant) => {
    const key = instant.getTime();
    const kept = known.get(key);
    if (kept !== undefined) return kept;
    if (known.size >= 2000) known.clear();
    const value = compute(instant);
    known.set(key, value);
    return value;
  };
}

/** The wall-clock time in Stockholm for an instant. */
export const stockholmParts: (instant: Date) => Readonly<LocalParts> = keptByInstant((instant) => Object.freeze(partsOf(instant)));

function partsOf(instant: Date): LocalParts {
  const p: Record<string, number> = {};
  for (const part of partsFormat.formatToParts(instant)) {
    if (part.type !== "literal") p[part.type] = Number(part.value);
  }
  return {
    year: p.year!,
    month: p.month!,
    day: p.day!,
    hour: p.hour! % 24,
    minute: p.minute!,
    second: p.second!,
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "2019-11-21" in Stockholm time. */
export function isoDate(instant: Date): string {
  const p = stockholmParts(instant);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** "09:30" in Stockholm time, the value an <input type="time"> wants. */
export function inputTime(instant: Date): string {
  const p = stockholmParts(instant);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** "2026-11-23 11:05", Stockholm time, as the reader's own clock shows it (lists, exports, logs). */
export const localStamp = (instant: Date) => `${isoDate(instant)} ${inputTime(instant)}`;

/** "21 november 2019" / "21 November 2019". */
const longDates = { sv: keptByInstant((i) => dateFormats.sv.format(i)), en: keptByInstant((i) => dateFormats.en.format(i)) };
export function longDate(instant: Date, locale: Locale): string {
  return longDates[locale](instant);
}

export function weekday(instant: Date, locale: Locale): string {
  return weekdayFormats[locale].format(instant);
}

/** "9.00" in Swedish, "09:00" in English. */
export function clock(instant: Date, locale: Locale): string {
  const p = stockholmParts(instant);
  return locale === "sv" ? `${p.hour}.${pad(p.minute)}` : `${pad(p.hour)}:${pad(p.minute)}`;
}

/** "kl. 9.00–15.30" / "09:00–15:30". */
export function timeRange(start: Date, end: Date, locale: Locale): string {
  const range = `${clock(start, locale)}–${clock(end, locale)}`;
  return locale === "sv" ? `kl. ${range}` : range;
}

/**
 * "21 november 2019, kl. 9.00–15.30" for a one-day event,
 * "21 november 2019 kl. 9.00 – 22 november 2019 kl. 15.30" across days.
 */
export function dateTimeRange(start: Date, end: Date, locale: Locale): string {
  if (isoDate(start) === isoDate(end)) {
    return `${longDate(start, locale)}, ${timeRange(start, end, locale)}`;
  }
  const at = (d: Date) =>
    locale === "sv" ? `${longDate(d, locale)} kl. ${clock(d, locale)}` : `${longDate(d, locale)} ${clock(d, locale)}`;
  return `${at(start)} – ${at(end)}`;
}

/** ISO 8601 week number (Swedes plan by "vecka 47"). */
export function isoWeek(instant: Date): number {
  const p = stockholmParts(instant);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day));
  const dayNum = (d.getUTCDay() + 6) % 7; // Monday = 0
  d.setUTCDate(d.getUTCDate() - dayNum + 3); // Thursday of this week
  const firstThursday = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  const firstDayNum = (firstThursday.getUTCDay() + 6) % 7;
  firstThursday.setUTCDate(firstThursday.getUTCDate() - firstDayNum + 3);
  return 1 + Math.round((d.getTime() - firstThursday.getTime()) / (7 * 24 * 3600 * 1000));
}

/**
 * The instant at which Stockholm's clocks show the given wall-clock time, or null when
 * that time does not exist (the hour skipped when summer time starts). In the repeated
 * autumn hour the earlier instant is chosen.
 */
export function stockholmToInstant(date: string, time: string): Date | null {
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const tm = /^(\d{2}):(\d{2})$/.exec(time);
  if (!dm || !tm) return null;
  const [y, mo, d, h, mi] = [dm[1], dm[2], dm[3], tm[1], tm[2]].map(Number) as [number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // Stockholm is UTC+1 or UTC+2; try both offsets, earlier instant first.
  for (const offsetHours of [2, 1]) {
    const candidate = new Date(wall - offsetHours * 3600_000);
    const p = stockholmParts(candidate);
    if (p.year === y && p.month === mo && p.day === d && p.hour === h && p.minute === mi) return candidate;
  }
  return null;
}

/** Moves an instant by whole calendar days in Stockholm, keeping its wall-clock time. */
export function shiftStockholmDays(instant: Date, days: number): Date {
  const p = stockholmParts(instant);
  const day = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  const date = `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
  return (
    stockholmToInstant(date, `${pad(p.hour)}:${pad(p.minute)}`) ??
    // The wall-clock time falls in the skipped spring hour: keep the same UTC distance.
    new Date(instant.getTime() + days * 86400_000)
  );
}

/** Whole days between two Stockholm calendar dates (b − a). */
export function daysBetween(a: string, b: string): number {
  const toUtc = (s: string) => {
    const [y, m, d] = s.split("-").map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((toUtc(b) - toUtc(a)) / 86400_000);
}

/** A number with at most (or, with `fixed`, exactly) one decimal, as the locale writes it: 3,9 in Swedish, 3.9 in English. */
export function oneDecimal(n: number, locale: Locale, fixed = false): string {
  return n.toLocaleString(locale === "sv" ? "sv-SE" : "en-GB", { minimumFractionDigits: fixed ? 1 : 0, maximumFractionDigits: 1 });
}
