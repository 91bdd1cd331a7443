/**
 * Field schemas and length limits in one place, shared by every form, the JSON API and
 * the OpenAPI document. Optional texts accept "", null or absence and store null. No
 * free text accepts anything that looks like a personnummer.
 */
import { z } from "@hono/zod-openapi";
import { looksLikePersonnummer } from "./personnummer.js";

export const LIMITS = {
  name: 200,
  title: 200,
  shortText: 200,
  longText: 10_000,
  email: 254,
  slug: 80,
  search: 100,
} as const;

/** Free text never holds a personnummer (src/shared/personnummer.ts): names, titles, descriptions, answers… */
export const noPersonnummer = { check: (v: string) => !looksLikePersonnummer(v), message: "validation.personnummer" } as const;

export const requiredText = (max: number = LIMITS.shortText) => z.string().trim().min(1).max(max).refine(noPersonnummer.check, noPersonnummer.message);

/**
 * "" and null become null (clear it); left out stays undefined, so that a change (PATCH)
 * never clears what it did not name. (It once became null too, and a PATCH of an event's
 * status cleared its English title, venue and privacy notice.)
 */
export const optionalText = (max: number = LIMITS.shortText) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(noPersonnummer.check, noPersonnummer.message)
    .nullish()
    .transform((v) => (v === undefined ? undefined : v ? v : null));

export const email = z.string().trim().toLowerCase().max(LIMITS.email).pipe(z.email({ message: "validation.email" }));

export const optionalEmail = z
  .string()
  .trim()
  .max(LIMITS.email)
  .nullish()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || z.email().safeParse(v).success, { message: "validation.email" });

/** A web address to link to: http(s) only (never javascript: or data:), "" or null to clear. */
export const optionalUrl = z
  .string()
  .trim()
  .max(LIMITS.shortText)
  .nullish()
  .transform((v) => (v === undefined ? undefined : v ? v : null))
  .refine((v) => v == null || (/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(v) && URL.canParse(v)), { message: "validation.url" });

export const id = z.uuid({ message: "validation.uuid" });

export const optionalId = z
  .union([z.literal(""), z.uuid({ message: "validation.uuid" })])
  .nullish()
  .transform((v) => (v ? v : null));

export const slug = z
  .string()
  .trim()
  .max(LIMITS.slug)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: "validation.slug" });

export const optionalSlug = z
  .union([z.literal(""), slug])
  .nullish()
  .transform((v) => (v ? v : null));

export const countyCode = z.string().trim().regex(/^\d{2}$/, { message: "validation.county_code" });
export const optionalCountyCode = z
  .union([z.literal(""), countyCode])
  .nullish()
  .transform((v) => (v ? v : null));

/** ISO 8601 with an offset or Z, as the API takes instants (RFC 3339 §5.6). */
export const instant = z.iso
  .datetime({ offset: true, message: "validation.datetime" })
  .transform((s) => new Date(s))
  .openapi({ example: "2026-11-19T09:00:00+01:00" });

/** Form fields: a calendar date and a clock time, read as Stockholm time. */
export const formDate = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "validation.date" });
/** A day that is on the calendar (2027-02-30 is refused here, not by the database), for dates kept as dates. */
export const calendarDate = formDate.refine((v) => {
  const day = new Date(`${v}T12:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === v;
}, { message: "validation.date" });
export const formTime = z.string().trim().regex(/^\d{2}:\d{2}$/, { message: "validation.time" });

/** HTML checkboxes send "on" when ticked and nothing otherwise. */
export const checkbox = z
  .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

/** A whole number typed in a form, from `min` to `max`; empty is none (null). */
export const formWholeNumber = (min: number, max: number, message: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{0,7}$/, { message })
    .optional()
    .transform((v) => (v ? Number(v) : null))
    .refine((v) => v === null || (v >= min && v <= max), { message });

export const searchQuery = z.string().trim().max(LIMITS.search).optional().default("");

/** Makes a URL-safe slug from a title: "Digitala Västerbotten 2026" → "digitala-vasterbotten-2026". */
export function slugify(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[åä]/g, "a")
    .replace(/ö/g, "o")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
  return s || "evenemang";
}
