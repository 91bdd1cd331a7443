/** The e-mails a registration sends, in the person's language, with invites where they belong. */
import { clock, dateTimeRange, longDate } from "../i18n/format.js";
import { pick, type Locale } from "../i18n/messages.js";
import type { EventRow } from "../events/repository.js";
import type { OutgoingMail } from "../mail/outbox.js";
import { buildInvite } from "./ics.js";

export type MailKind =
  | "confirmed"
  | "waitlisted"
  | "offered"
  | "pending_approval"
  | "declined"
  | "cancelled"
  | "offer_expired"
  | "reminder"
  | "event_changed"
  | "event_cancelled"
  | "invitation"
  | "invitation_reminder"
  | "delegation";

export interface MailContext {
  kind: MailKind;
  locale: Locale;
  event: EventRow;
  person: { name: string; email: string };
  registrationId: string;
  /** SEQUENCE for the invite: raised on every change (RFC 5545 §3.8.7.4). */
  sequence: number;
  manageUrl: string;
  publicUrl: string;
  organizer: { name: string; email: string };
  /** A number, or a marker the database replaces with the number (see register_place). */
  position?: number | string | null;
  offerExpiresAt?: Date | null;
  attendance?: "onsite" | "remote";
  stamp: Date;
  /** Registered by a delegation's contact: who, and whether the organiser's questions are still to be answered. */
  delegatedBy?: string | null;
  answerQuestions?: boolean;
  /** The delegation mail: how many the contact registered. */
  count?: number;
}

/** What a delegate is told beyond the ordinary mail: who registered them, and the questions left to them. */
function delegateNote(c: MailContext, locale: Locale): { before: string; after: string } {
  if (!c.delegatedBy) return { before: "", after: "" };
  return locale === "en"
    ? { before: `${c.delegatedBy} has registered you. `, after: c.answerQuestions ? `\n\nThe organiser has questions for you (for example about food). Answer them on your registration's page:\n${c.manageUrl}` : "" }
    : { before: `${c.delegatedBy} har anmält dig. `, after: c.answerQuestions ? `\n\nArrangören har frågor till dig (till exempel om mat). Svara på dem på sidan för din anmälan:\n${c.manageUrl}` : "" };
}

const sv: Record<MailKind, (c: MailContext, title: string, when: string) => [string, string]> = {
  confirmed: (c, title, when) => [`Du är anmäld: ${title}`, `Hej ${c.person.name}!\n\n${delegateNote(c, "sv").before}Du är anmäld till ${title}, ${when}${c.attendance === "remote" ? " (på distans)" : ""}.${delegateNote(c, "sv").after}\n\nKalenderinbjudan finns i det här meddelandet.\n\nSe, ändra eller avboka din anmälan:\n${c.manageUrl}`],
  waitlisted: (c, title) => [`Du står på väntelistan: ${title}`, `Hej ${c.person.name}!\n\n${delegateNote(c, "sv").before}Alla platser ${c.attendance === "remote" ? "på distans" : "på plats"} till ${title} är tagna. Du står som nummer ${c.position ?? "?"} på väntelistan och får ett meddelande om en plats blir ledig.${delegateNote(c, "sv").after}\n\nSe din plats i kön eller lämna väntelistan:\n${c.manageUrl}`],
  offered: (c, title) => [`En plats är ledig för dig: ${title}`, `Hej ${c.person.name}!\n\nEn plats har blivit ledig på ${title}. Tacka ja senast ${c.offerExpiresAt ? `${longDate(c.offerExpiresAt, "sv")} kl. ${clock(c.offerExpiresAt, "sv")}` : ""}, annars går platsen vidare till nästa i kön.\n\nTacka ja eller nej här:\n${c.manageUrl}`],
  pending_approval: (c, title) => [`Vi har tagit emot din anmälan: ${title}`, `Hej ${c.person.name}!\n\nArrangören går igenom anmälningarna till ${title} och hör av sig när din är godkänd.\n\nSe din anmälan:\n${c.manageUrl}`],
  declined: (c, title) => [`Din anmälan blev inte godkänd: ${title}`, `Hej ${c.person.name}!\n\nArrangören kunde tyvärr inte godkänna din anmälan till ${title}.`],
  cancelled: (c, title) => [`Avbokad: ${title}`, `Hej ${c.person.name}!\n\nDin anmälan till ${title} är avbokad.`],
  offer_expired: (c, title) => [`Erbjudandet har gått ut: ${title}`, `Hej ${c.person.name}!\n\nDu svarade inte på erbjudandet om en plats på ${title} i tid, så platsen gick vidare.`],
  reminder: (c, title, when) => [`Påminnelse: ${title}`, `Hej ${c.person.name}!\n\nVälkommen till ${title}, ${when}.\n\nDin anmälan:\n${c.manageUrl}`],
  event_changed: (c, title, when) => [`Ändrat: ${title}`, `Hej ${c.person.name}!\n\n${title} har ändrats. Nu gäller: ${when}.\n\nDen uppdaterade kalenderinbjudan finns i meddelandet.\n\nDin anmälan:\n${c.manageUrl}`],
  event_cancelled: (c, title) => [`Inställt: ${title}`, `Hej ${c.person.name}!\n\n${title} är inställt. Vi beklagar.`],
  invitation: (c, title, when) => [`Inbjudan: ${title}`, `Hej ${c.person.name}!\n\nDu är inbjuden till ${title}, ${when}.\n\nAnmäl dig här:\n${c.manageUrl}`],
  invitation_reminder: (c, title, when) => [`Påminnelse om inbjudan: ${title}`, `Hej ${c.person.name}!\n\nDu är inbjuden till ${title}, ${when}, men har inte anmält dig än.\n\nAnmäl dig här:\n${c.manageUrl}`],
  delegation: (c, title, when) => [`Din delegation till ${title}`, `Hej ${c.person.name}!\n\nDu har anmält ${c.count ?? 0} ${c.count === 1 ? "person" : "personer"} till ${title}, ${when}. Var och en har fått en egen bekräftelse och kan sköta sin plats själv.\n\nSe delegationen, lägg till kolleger eller byt person:\n${c.manageUrl}`],
};

const en: Record<MailKind, (c: MailContext, title: string, when: string) => [string, string]> = {
  confirmed: (c, title, when) => [`You are registered: ${title}`, `Hello ${c.person.name},\n\n${delegateNote(c, "en").before}You are registered for ${title}, ${when}${c.attendance === "remote" ? " (remote)" : ""}.${delegateNote(c, "en").after}\n\nThe calendar invitation is attached.\n\nView, change or cancel your registration:\n${c.manageUrl}`],
  waitlisted: (c, title) => [`You are on the waiting list: ${title}`, `Hello ${c.person.name},\n\n${delegateNote(c, "en").before}All ${c.attendance === "remote" ? "remote places" : "places on site"} at ${title} are taken. You are number ${c.position ?? "?"} on the waiting list. We will tell you if a place becomes free.${delegateNote(c, "en").after}\n\nSee your position or leave the list:\n${c.manageUrl}`],
  offered: (c, title) => [`A place is free for you: ${title}`, `Hello ${c.person.name},\n\nA place has become free at ${title}. Accept it by ${c.offerExpiresAt ? `${longDate(c.offerExpiresAt, "en")} ${clock(c.offerExpiresAt, "en")}` : ""}, or it passes to the next person.\n\nAccept or decline here:\n${c.manageUrl}`],
  pending_approval: (c, title) => [`We have received your registration: ${title}`, `Hello ${c.person.name},\n\nThe organiser reviews registrations for ${title} and will tell you when yours is approved.\n\nSee your registration:\n${c.manageUrl}`],
  declined: (c, title) => [`Your registration was not approved: ${title}`, `Hello ${c.person.name},\n\nUnfortunately the organiser could not approve your registration for ${title}.`],
  cancelled: (c, title) => [`Cancelled: ${title}`, `Hello ${c.person.name},\n\nYour registration for ${title} is cancelled.`],
  offer_expired: (c, title) => [`The offer has expired: ${title}`, `Hello ${c.person.name},\n\nYou did not answer the offer of a place at ${title} in time, so it passed on.`],
  reminder: (c, title, when) => [`Reminder: ${title}`, `Hello ${c.person.name},\n\nWelcome to ${title}, ${when}.\n\nYour registration:\n${c.manageUrl}`],
  event_changed: (c, title, when) => [`Changed: ${title}`, `Hello ${c.person.name},\n\n${title} has changed. It is now: ${when}.\n\nThe updated calendar invitation is attached.\n\nYour registration:\n${c.manageUrl}`],
  event_cancelled: (c, title) => [`Cancelled: ${title}`, `Hello ${c.person.name},\n\n${title} has been cancelled. We are sorry.`],
  invitation: (c, title, when) => [`Invitation: ${title}`, `Hello ${c.person.name},\n\nYou are invited to ${title}, ${when}.\n\nRegister here:\n${c.manageUrl}`],
  invitation_reminder: (c, title, when) => [`Reminder of your invitation: ${title}`, `Hello ${c.person.name},\n\nYou are invited to ${title}, ${when}, but have not registered yet.\n\nRegister here:\n${c.manageUrl}`],
  delegation: (c, title, when) => [`Your delegation to ${title}`, `Hello ${c.person.name},\n\nYou have registered ${c.count ?? 0} ${c.count === 1 ? "person" : "people"} for ${title}, ${when}. Each has had their own confirmation and can manage their place themselves.\n\nSee the delegation, add colleagues or replace someone:\n${c.manageUrl}`],
};

/** Which mails carry a calendar object, and with which METHOD. */
const icsMethod: Partial<Record<MailKind, "REQUEST" | "CANCEL">> = {
  confirmed: "REQUEST",
  event_changed: "REQUEST",
  cancelled: "CANCEL",
  event_cancelled: "CANCEL",
};

export const inviteUid = (registrationId: string) => `registration-${registrationId}@samverka`;

export function composeMail(c: MailContext): OutgoingMail {
  const title = pick(c.locale, c.event.titleSv, c.event.titleEn);
  const when = dateTimeRange(c.event.startsAt, c.event.endsAt, c.locale);
  const [subject, text] = (c.locale === "en" ? en : sv)[c.kind](c, title, when);
  const method = icsMethod[c.kind];
  return {
    to: c.person.email,
    subject,
    text,
    registrationId: c.registrationId || null,
    ics: method ? { method, content: calendarInvite(c, method) } : null,
    // A confirmation and the reminder before the day carry the ticket, made when sent.
    withTicket: !!c.registrationId && (c.kind === "confirmed" || c.kind === "reminder"),
    locale: c.locale,
  };
}

/**
 * The calendar object for one registration: the same UID and SEQUENCE in the mail and in
 * the file a person downloads from the confirmation page, so that both are one entry.
 */
export function calendarInvite(c: Pick<MailContext, "locale" | "event" | "person" | "registrationId" | "sequence" | "publicUrl" | "organizer" | "attendance" | "stamp">, method: "REQUEST" | "CANCEL" = "REQUEST"): string {
  const title = pick(c.locale, c.event.titleSv, c.event.titleEn);
  const location = c.attendance === "remote" ? (c.locale === "en" ? "Online" : "Digitalt") : [c.event.venue, c.event.address].filter(Boolean).join(", ");
  return buildInvite({
    method,
    uid: inviteUid(c.registrationId),
    sequence: c.sequence,
    start: c.event.startsAt,
    end: c.event.endsAt,
    summary: title,
    description: `${c.publicUrl}/evenemang/${c.event.slug}`,
    location: location || null,
    url: `${c.publicUrl}/evenemang/${c.event.slug}`,
    organizer: c.organizer,
    attendee: c.person,
    stamp: c.stamp,
  });
}
