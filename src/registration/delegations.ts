/**
 * Delegations: one contact registers several colleagues from their organisation at once.
 * Each delegate gets an ordinary registration (own place or queue number, own
 * confirmation and manage link); the contact sees them all and can replace a person,
 * who then takes over the same place.
 */
import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { delegations, people, registrationQuestions, registrations, type Attendance } from "../db/schema.js";
import type { EventRow } from "../events/repository.js";
import { AppError, forbidden, notFound } from "../http/errors.js";
import type { MessageKey } from "../i18n/messages.js";
import { findOrCreatePersonByEmail } from "../people/repository.js";
import type { Db } from "../db/client.js";
import { findEventById } from "../events/repository.js";
import { cancelRegistration, changeAttendance, manageUrl, type RegContext } from "./service.js";
import { missingRequired } from "./questions.js";
import { listQuestions } from "./repository.js";
import { register } from "./register.js";
import { composeMail } from "./mails.js";
import { enqueueMail } from "../mail/outbox.js";
import { isLocale } from "../i18n/messages.js";

export type Delegation = typeof delegations.$inferSelect;

export interface DelegateInput {
  name: string;
  email: string;
  /** How this person takes part; the delegation's choice when not given. */
  attendance?: Attendance | null;
}

export interface DelegateOutcome {
  email: string;
  registrationId: string | null;
  status: string | null;
  position: number | null;
  /** Why this person could not be registered (e.g. the organisation's cap). */
  error: MessageKey | null;
}

export const delegationUrl = (ctx: Pick<RegContext, "publicUrl">, delegationId: string) => `${ctx.publicUrl}/delegation/${delegationId}`;

/**
 * The contact registers colleagues: a delegation, then each delegate as an ordinary
 * registration with their own attendance. Each delegate's mail says who registered them
 * and, when the organiser asks questions, sends them to their own page to answer; the
 * contact gets a mail with the delegation's link.
 */
export async function createDelegation(
  ctx: RegContext,
  event: EventRow,
  contact: { personId: string; name: string; email: string | null; locale?: string | null },
  organisationId: string,
  attendance: Attendance,
  delegates: DelegateInput[],
): Promise<{ delegation: Delegation; outcomes: DelegateOutcome[] }> {
  const [delegation] = await ctx.db.insert(delegations).values({ id: randomUUID(), eventId: event.id, contactPersonId: contact.personId, organisationId }).returning();
  const outcomes = await addDelegates(ctx, event, delegation!, contact.name, attendance, delegates);
  if (contact.email) {
    const registered = outcomes.filter((o) => o.registrationId).length;
    const mail = composeMail({ kind: "delegation", locale: isLocale(contact.locale) ? contact.locale : "sv", event, person: { name: contact.name, email: contact.email }, registrationId: "", sequence: 0, manageUrl: delegationUrl(ctx, delegation!.id), publicUrl: ctx.publicUrl, organizer: ctx.organizer, stamp: ctx.now, count: registered });
    await enqueueMail(ctx.db, mail, ctx.now);
  }
  return { delegation: delegation!, outcomes };
}

/** Adds colleagues to a delegation, at its making or later; each is registered on their own. */
export async function addDelegates(ctx: RegContext, event: EventRow, delegation: Delegation, contactName: string, attendance: Attendance, delegates: DelegateInput[]): Promise<DelegateOutcome[]> {
  const organisationId = delegation.organisationId;
  const answerQuestions = (await ctx.db.select({ id: registrationQuestions.id }).from(registrationQuestions).where(eq(registrationQuestions.eventId, event.id)).limit(1)).length > 0;
  const outcomes: DelegateOutcome[] = [];
  for (const d of delegates) {
    const person = await findOrCreatePersonByEmail(ctx.db, d.email, d.name);
    if (!person.organisationId && organisationId) await ctx.db.update(people).set({ organisationId }).where(eq(people.id, person.id));
    try {
      const r = await register(ctx, {
        event,
        personId: person.id,
        organisationId,
        attendance: d.attendance ?? attendance,
        answers: {},
        sensitiveAnswers: {},
        delegationId: delegation.id,
        mailNote: person.id === delegation.contactPersonId ? undefined : { delegatedBy: contactName, answerQuestions },
      });
      if (!r.created && r.registration.delegationId === null) {
        await ctx.db.update(registrations).set({ delegationId: delegation.id }).where(eq(registrations.id, r.registration.id));
      }
      outcomes.push({ email: person.email!, registrationId: r.registration.id, status: r.registration.status, position: r.position, error: null });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      outcomes.push({ email: person.email!, registrationId: null, status: null, position: null, error: err.fields[0]?.key ?? err.messageKey });
    }
  }
  return outcomes;
}

export async function loadDelegationFor(db: Db, delegationId: string, personId: string, isAdmin = false): Promise<Delegation> {
  const [row] = await db.select().from(delegations).where(eq(delegations.id, delegationId));
  if (!row) throw notFound();
  if (row.contactPersonId !== personId && !isAdmin) throw notFound();
  return row;
}

/** The delegates, each with whether a required question is still unanswered. */
export async function delegationMembers(db: Db, delegationId: string) {
  const rows = await db
    .select({ registration: registrations, name: people.name, email: people.email })
    .from(registrations)
    .leftJoin(people, eq(people.id, registrations.personId))
    .where(eq(registrations.delegationId, delegationId))
    .orderBy(asc(people.name));
  if (rows.length === 0) return [];
  const questions = await listQuestions(db, rows[0]!.registration.eventId);
  return rows.map((r) => ({ ...r, answersMissing: isActive(r.registration.status) && missingRequired(questions, r.registration).length > 0 }));
}

const isActive = (status: string) => status !== "cancelled" && status !== "declined";

/** Moves one delegate between on site and remote, within capacity, as they could themselves. */
export async function changeDelegateAttendance(ctx: RegContext, delegation: Delegation, registrationId: string, to: Attendance) {
  const [r] = await ctx.db.select({ id: registrations.id }).from(registrations).where(and(eq(registrations.id, registrationId), eq(registrations.delegationId, delegation.id)));
  if (!r) throw notFound();
  return changeAttendance(ctx, r.id, to);
}

export async function listDelegationsOf(db: Db, personId: string) {
  return db.select().from(delegations).where(eq(delegations.contactPersonId, personId));
}

/**
 * Gives a delegate's place to someone else: the same registration (place, queue number,
 * answers) changes person; the old person's link stops working and they are told.
 */
export async function replaceDelegate(ctx: RegContext, delegation: Delegation, registrationId: string, replacement: DelegateInput): Promise<void> {
  const event = (await findEventById(ctx.db, delegation.eventId))!;
  const newPerson = await findOrCreatePersonByEmail(ctx.db, replacement.email, replacement.name);
  await ctx.db.transaction(async (tx) => {
    const [r] = await tx.select().from(registrations).where(and(eq(registrations.id, registrationId), eq(registrations.delegationId, delegation.id))).for("update");
    if (!r) throw notFound();
    if (r.status === "cancelled" || r.status === "declined") throw new AppError("conflict", 409, { messageKey: "reg.error.not_changeable" });
    const [clash] = await tx.select({ id: registrations.id }).from(registrations).where(and(eq(registrations.eventId, r.eventId), eq(registrations.personId, newPerson.id)));
    if (clash) throw new AppError("conflict", 409, { messageKey: "error.conflict", fields: [{ field: "email", key: "error.conflict" }] });
    const [old] = await tx.select({ name: people.name, email: people.email, locale: people.locale }).from(people).where(eq(people.id, r.personId!));
    const [updated] = await tx
      .update(registrations)
      .set({ personId: newPerson.id, manageVersion: r.manageVersion + 1, icsSequence: 0, answers: {}, sensitiveAnswers: {}, updatedAt: ctx.now })
      .where(eq(registrations.id, r.id))
      .returning();
    if (old?.email) {
      await enqueueMail(tx, composeMail({ kind: "cancelled", locale: isLocale(old.locale) ? old.locale : "sv", event, person: { name: old.name, email: old.email }, registrationId: r.id, sequence: r.icsSequence + 1, manageUrl: "", publicUrl: ctx.publicUrl, organizer: ctx.organizer, stamp: ctx.now }), ctx.now);
    }
    if (newPerson.email) {
      const kind = updated!.status === "confirmed" ? "confirmed" : updated!.status === "waitlisted" ? "waitlisted" : updated!.status === "offered" ? "offered" : "pending_approval";
      await enqueueMail(tx, composeMail({ kind, locale: "sv", event, person: { name: newPerson.name, email: newPerson.email }, registrationId: r.id, sequence: 1, manageUrl: manageUrl(ctx, updated!), publicUrl: ctx.publicUrl, organizer: ctx.organizer, attendance: updated!.attendance, offerExpiresAt: updated!.offerExpiresAt, stamp: ctx.now }), ctx.now);
      if (kind === "confirmed") await tx.update(registrations).set({ icsSequence: 1 }).where(eq(registrations.id, r.id));
    }
  });
}

export async function cancelDelegate(ctx: RegContext, delegation: Delegation, registrationId: string): Promise<void> {
  const [r] = await ctx.db.select().from(registrations).where(and(eq(registrations.id, registrationId), eq(registrations.delegationId, delegation.id)));
  if (!r) throw forbidden();
  await cancelRegistration(ctx, r.id);
}
