/** Sending a PDF that is still being drawn: streamed, never cached (it names people). */
import { Readable } from "node:stream";
import type { Context } from "hono";
import { z } from "zod";
import { eventTitle } from "../events/present.js";
import type { EventWithSpace } from "../events/repository.js";
import type { Db } from "../db/client.js";
import type { Locale, Translate } from "../i18n/messages.js";
import { badgeHolders } from "./badges.js";
import { badgeLayouts, badgesPdf, ticketPdf } from "./pdf.js";
import { dateTimeRange } from "../i18n/format.js";
import { findPersonById } from "../people/repository.js";
import { findOrganisationById } from "../organisations/repository.js";
import { ticketCode } from "./tickets.js";

export function pdfResponse(c: Context, doc: Readable, filename: string) {
  c.header("Content-Disposition", `attachment; filename="${filename}"`);
  c.header("Cache-Control", "private, no-store");
  return c.body(Readable.toWeb(doc) as unknown as ReadableStream, 200, { "Content-Type": "application/pdf" });
}

/** What a badge PDF is asked for with: the sheet, whether to print the ticket's QR, one registration only. */
export const BadgeQuery = z.object({
  layout: z.enum(badgeLayouts, { message: "badges.error.layout" }).default("a4-10"),
  qr: z.enum(["on"], { message: "badges.error.qr" }).optional(),
  registration: z.uuid({ message: "validation.uuid" }).optional(),
});

/** The event's badges (or one registration's) as a PDF being drawn; 404 when the one asked for has no badge. */
export async function eventBadges(db: Db, event: EventWithSpace, q: z.infer<typeof BadgeQuery>, t: Translate, locale: Locale) {
  const holders = await badgeHolders(db, event, q.registration ? { registrationId: q.registration } : undefined);
  if (q.registration && holders.length === 0) return null;
  return badgesPdf(holders, {
    layout: q.layout,
    eventTitle: eventTitle(event, locale),
    lang: locale,
    t,
    qr: q.qr === "on" ? async (h) => (h.registration ? ticketCode(db, h.registration) : null) : null,
  });
}

/** A confirmed registration's ticket as one A4 page (the manage link's and the API's). */
export async function registrationTicketPdf(db: Db, r: { id: string; eventId: string; ticketVersion: number; personId: string | null; organisationId: string | null; attendance: "onsite" | "remote" }, event: EventWithSpace, t: Translate, locale: Locale) {
  const [person, organisation] = await Promise.all([r.personId ? findPersonById(db, r.personId) : undefined, r.organisationId ? findOrganisationById(db, r.organisationId) : undefined]);
  return ticketPdf({
    lang: locale,
    t,
    eventTitle: eventTitle(event, locale),
    when: dateTimeRange(event.startsAt, event.endsAt, locale),
    where: [event.venue, event.address].filter(Boolean).join(", ") || null,
    name: person?.name ?? "–",
    organisationName: organisation?.name ?? null,
    attendance: t(`reg.attendance.${r.attendance}`),
    code: await ticketCode(db, r),
  });
}
