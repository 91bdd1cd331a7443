import { pick, type Locale } from "../i18n/messages.js";
import type { EventRow } from "./repository.js";

export const eventTitle = (e: Pick<EventRow, "titleSv" | "titleEn">, locale: Locale) => pick(locale, e.titleSv, e.titleEn);
export const eventDescription = (e: Pick<EventRow, "descriptionSv" | "descriptionEn">, locale: Locale) =>
  e.descriptionSv ? pick(locale, e.descriptionSv, e.descriptionEn) : null;

export const eventPath = (e: Pick<EventRow, "slug">) => `/evenemang/${e.slug}`;

/** Splits plain text into paragraphs on blank lines; rendering escapes the text. */
export function paragraphs(text: string | null): string[] {
  if (!text) return [];
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}
