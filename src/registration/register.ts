/**
 * Registering: one registration per person and event, never more confirmed than places.
 * The common case is one statement in the database (register_place, or register_by_email
 * for someone registering by e-mail, which also finds or makes the profile); returning
 * registrations and caps per organisation take the careful path with every pool locked.
 */
import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { preparedPerDb } from "../db/client.js";
import { people, registrationSettings, registrations } from "../db/schema.js";
import type { EventRow } from "../events/repository.js";
import { isLocale, type Locale } from "../i18n/messages.js";
import { normaliseEmail } from "../people/repository.js";
import { composeMail, type MailKind } from "./mails.js";
import type { RegistrationRow, Settings } from "./repository.js";
import { assertSetupCurrent, SetupChanged } from "./setup-cache.js";
import { lockPools, manageUrl, notify, placeOrQueue, refuse, settingsOf, waitlistPositionTx, type RegContext } from "./service.js";
import type { Attendance } from "../db/schema.js";

export interface RegisterInput {
  event: EventRow;
  personId: string;
  organisationId: string | null;
  attendance: Attendance;
  answers: Record<string, string | string[]>;
  sensitiveAnswers: Record<string, string | string[]>;
  delegationId?: string | null;
  /** Organisers may add people outside the window and regardless of mode. */
  byOrganiser?: boolean;
  /**
   * The version of the event's setup the caller decided on when it was kept in memory
   * (setup-cache.ts): the database refuses with SetupChanged when it is no longer current.
   */
  setupVersion?: number | null;
  /** A delegate's mail says who registered them and whether questions are left to answer. */
  mailNote?: { delegatedBy: string; answerQuestions: boolean };
  /** What the caller has already read, so it is not read again. */
  known?: { settings: Settings; person: { name: string; email: string | null; locale: string | null } };
}

export interface RegisterResult {
  registration: RegistrationRow;
  created: boolean;
  position: number | null;
}

/** What register_place and register_by_email answer. */
const decisionFields = {
  outcome: sql<"created" | "exists" | "returning" | "no_pool" | "person_differs" | "setup_changed">`d.outcome`,
  registrationId: sql<string | null>`d.registration_id`,
  status: sql<RegistrationRow["status"] | null>`d.status`,
  waitlistSeq: sql<string | number | null>`d.waitlist_seq`,
  queuePosition: sql<number | null>`d.queue_position`,
  createdAt: sql<Date | string | null>`d.created_at`,
};

type PlaceDecision = { [K in keyof typeof decisionFields]: (typeof decisionFields)[K] extends SQL<infer T> ? T : never };

/** The call of register_place (sql/register_place.sql), prepared once per database. */
const placeDecision = preparedPerDb((db) => {
  const p = (name: string) => sql.placeholder(name);
  return db
    .select(decisionFields)
    .from(
      sql`register_place_if_current(
        ${p("setupVersion")}::bigint, ${p("id")}::uuid, ${p("event")}::uuid, ${p("person")}::uuid, ${p("organisation")}::uuid, ${p("attendance")}::text,
        ${p("answers")}::jsonb, ${p("sensitive")}::jsonb, ${p("delegation")}::uuid, ${p("now")}::timestamptz, ${p("approval")}::boolean,
        ${p("mailTo")}::text, ${p("mails")}::jsonb, ${p("marker")}::text) as d`,
    )
    .prepare("register_place");
});

/** A registration about to be decided by the database, and the mail for each way it can go. */
interface Prepared {
  row: RegistrationRow;
  marker: string;
  mails: string;
}

function prepare(ctx: RegContext, input: Omit<RegisterInput, "known">, person: { name: string; email: string | null; locale: string | null } | undefined, approval: boolean): Prepared {
  const id = randomUUID();
  const row: RegistrationRow = {
    id,
    eventId: input.event.id,
    personId: input.personId,
    organisationId: input.organisationId,
    attendance: input.attendance,
    status: "pending_approval",
    waitlistSeq: null,
    offerExpiresAt: null,
    manageVersion: 1,
    answers: input.answers,
    sensitiveAnswers: input.sensitiveAnswers,
    delegationId: input.delegationId ?? null,
    icsSequence: 0,
    ticketVersion: 1,
    reminderSentAt: null,
    anonymisedAt: null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    confirmedAt: null,
    cancelledAt: null,
  };
  // A marker no title or name can contain; the database puts the queue position there.
  const marker = `[[${randomUUID()}]]`;
  const outcomes: MailKind[] = approval ? ["pending_approval"] : ["confirmed", "waitlisted"];
  const mails: Record<string, { subject: string; text: string; ics: string | null; icsMethod: string | null; withTicket: boolean; locale: string | null }> = {};
  if (person?.email) {
    const link = manageUrl(ctx, row);
    for (const kind of outcomes) {
      const mail = composeMail({
        kind,
        locale: isLocale(person.locale) ? person.locale : "sv",
        event: input.event,
        person: { name: person.name, email: person.email },
        registrationId: id,
        sequence: kind === "confirmed" ? 1 : 0,
        manageUrl: link,
        publicUrl: ctx.publicUrl,
        organizer: ctx.organizer,
        position: marker,
        attendance: row.attendance,
        stamp: ctx.now,
        ...(input.mailNote ?? {}),
      });
      mails[kind] = { subject: mail.subject, text: mail.text, ics: mail.ics?.content ?? null, icsMethod: mail.ics?.method ?? null, withTicket: mail.withTicket ?? false, locale: mail.locale ?? null };
    }
  }
  return { row, marker, mails: JSON.stringify(mails) };
}

/** What the database decided, as the caller sees it; the careful path where it said so. */
async function settle(ctx: RegContext, input: RegisterInput, row: RegistrationRow, decided: PlaceDecision | undefined): Promise<RegisterResult> {
  if (decided?.outcome === "setup_changed") throw new SetupChanged();
  if (!decided || decided.outcome === "no_pool") throw refuse("reg.error.attendance", 422, "attendance");
  if (decided.outcome === "returning") return registerCarefully(ctx, input);
  if (decided.outcome === "exists") {
    const [existing] = await ctx.db.select().from(registrations).where(eq(registrations.id, decided.registrationId!));
    // Cancelled in the meantime by someone else: the careful path decides afresh.
    if (!existing || existing.status === "cancelled" || existing.status === "declined") return registerCarefully(ctx, input);
    return { registration: existing, created: false, position: await waitlistPositionTx(ctx.db, existing) };
  }
  row.status = decided.status!;
  row.waitlistSeq = decided.waitlistSeq === null ? null : Number(decided.waitlistSeq);
  row.createdAt = new Date(decided.createdAt!);
  if (row.status === "confirmed") {
    row.icsSequence = 1;
    row.confirmedAt = ctx.now;
  }
  return { registration: row, created: true, position: decided.queuePosition };
}

/**
 * Registers a person. The common case (a new registration, no cap per organisation) is
 * one call of the database function register_place: it inserts the registration, locks
 * the pool's row, reads how many wait, takes a place or a queue number, and writes the
 * mail to the outbox, all in one statement, so the lock is never held across a round trip
 * to this process. The mail for each possible outcome is composed here beforehand.
 */
export async function register(ctx: RegContext, input: RegisterInput): Promise<RegisterResult> {
  const settings = input.known?.settings ?? (await ctx.db.select().from(registrationSettings).where(eq(registrationSettings.eventId, input.event.id)))[0];
  if (!settings) throw refuse("reg.error.closed");
  if (settings.maxPerOrganisation && input.organisationId && !input.byOrganiser) return registerCarefully(ctx, input);
  const person = input.known?.person ?? (await ctx.db.select({ name: people.name, email: people.email, locale: people.locale }).from(people).where(eq(people.id, input.personId)))[0];
  const approval = settings.mode === "approval" && !input.byOrganiser;
  const { row, marker, mails } = prepare(ctx, input, person, approval);
  const [decided] = await placeDecision(ctx.db).execute({
    setupVersion: input.setupVersion ?? null,
    id: row.id,
    event: input.event.id,
    person: input.personId,
    organisation: input.organisationId,
    attendance: input.attendance,
    answers: JSON.stringify(input.answers),
    sensitive: JSON.stringify(input.sensitiveAnswers),
    delegation: input.delegationId ?? null,
    now: ctx.now.toISOString(),
    approval,
    mailTo: person?.email ?? null,
    mails,
    marker,
  });
  return settle(ctx, input, row, decided);
}

export interface NewcomerInput extends Pick<RegisterInput, "event" | "organisationId" | "attendance" | "answers" | "sensitiveAnswers" | "setupVersion"> {
  settings: Settings;
  /** As typed; the profile is found or made by it. */
  email: string;
  name: string;
  locale: Locale;
}

/** The call of register_by_email (sql/register_by_email.sql), prepared once per database. */
const newcomerDecision = preparedPerDb((db) => {
  const p = (name: string) => sql.placeholder(name);
  return db
    .select({ ...decisionFields, personId: sql<string>`d.person_id`, organisationId: sql<string | null>`d.organisation_id` })
    .from(
      sql`register_by_email_if_current(
        ${p("setupVersion")}::bigint, ${p("id")}::uuid, ${p("event")}::uuid, ${p("newPerson")}::uuid, ${p("email")}::text, ${p("name")}::text, ${p("locale")}::text,
        ${p("organisation")}::uuid, ${p("attendance")}::text, ${p("answers")}::jsonb, ${p("sensitive")}::jsonb, ${p("now")}::timestamptz,
        ${p("approval")}::boolean, ${p("mails")}::jsonb, ${p("marker")}::text) as d`,
    )
    .prepare("register_by_email");
});

/**
 * A person registering by e-mail without logging in, in one statement: the profile is
 * found or made (what it lacks, organisation and language, filled in from the form), and
 * the registration decided as by register(). The mails are composed beforehand for the
 * name and language given on the form; when the profile already has another name or
 * language, the database changes nothing more and answers null here, and the caller
 * registers the person the ordinary way (findOrCreatePersonByEmail, then register).
 */
export async function registerNewcomer(ctx: RegContext, input: NewcomerInput): Promise<(RegisterResult & { personId: string }) | null> {
  if (input.settings.maxPerOrganisation) return null;
  const email = normaliseEmail(input.email);
  const approval = input.settings.mode === "approval";
  const placeholderPerson = randomUUID();
  const registerInput: RegisterInput = { ...input, personId: placeholderPerson, delegationId: null };
  const { row, marker, mails } = prepare(ctx, registerInput, { name: input.name, email, locale: input.locale }, approval);
  const [decided] = await newcomerDecision(ctx.db).execute({
    setupVersion: input.setupVersion ?? null,
    id: row.id,
    event: input.event.id,
    newPerson: placeholderPerson,
    email,
    name: input.name,
    locale: input.locale,
    organisation: input.organisationId,
    attendance: input.attendance,
    answers: JSON.stringify(input.answers),
    sensitive: JSON.stringify(input.sensitiveAnswers),
    now: ctx.now.toISOString(),
    approval,
    mails,
    marker,
  });
  if (decided?.outcome === "setup_changed") throw new SetupChanged();
  if (!decided || decided.outcome === "person_differs") return null;
  // The form's organisation, or else the profile's (as the database chose it).
  registerInput.personId = row.personId = decided.personId;
  registerInput.organisationId = row.organisationId = decided.organisationId;
  return { ...(await settle(ctx, registerInput, row, decided)), personId: decided.personId };
}

/** The general path: every pool locked first (caps per organisation, returning registrations). */
async function registerCarefully(ctx: RegContext, input: RegisterInput): Promise<RegisterResult> {
  return ctx.db.transaction(async (tx) => {
    const pools = await lockPools(tx, input.event.id);
    if (input.setupVersion != null) await assertSetupCurrent(tx, input.event.id, input.setupVersion);
    const settings = await settingsOf(tx, input.event.id);
    const [existing] = await tx
      .select()
      .from(registrations)
      .where(and(eq(registrations.eventId, input.event.id), eq(registrations.personId, input.personId)))
      .for("update");
    if (existing && existing.status !== "cancelled" && existing.status !== "declined") {
      return { registration: existing, created: false, position: await waitlistPositionTx(tx, existing) };
    }
    const pool = pools.find((p) => p.attendance === input.attendance);
    if (!pool || pool.capacity === 0) throw refuse("reg.error.attendance", 422, "attendance");
    if (settings.maxPerOrganisation && input.organisationId && !input.byOrganiser) {
      const [{ n }] = (await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(registrations)
        .where(
          and(
            eq(registrations.eventId, input.event.id),
            eq(registrations.organisationId, input.organisationId),
            inArray(registrations.status, ["confirmed", "offered", "waitlisted", "pending_approval"]),
          ),
        )) as [{ n: number }];
      if (n >= settings.maxPerOrganisation) throw refuse("reg.error.organisation_cap", 422, "organisationId");
    }
    const outcome =
      settings.mode === "approval" && !input.byOrganiser
        ? { status: "pending_approval" as const, confirmedAt: null, waitlistSeq: null }
        : await placeOrQueue(tx, ctx, input.event.id, input.attendance);
    const values = {
      organisationId: input.organisationId,
      attendance: input.attendance,
      answers: input.answers,
      sensitiveAnswers: input.sensitiveAnswers,
      delegationId: input.delegationId ?? null,
      offerExpiresAt: null,
      cancelledAt: null,
      updatedAt: ctx.now,
      ...outcome,
    };
    const [row] = existing
      ? await tx.update(registrations).set({ ...values, manageVersion: existing.manageVersion + 1 }).where(eq(registrations.id, existing.id)).returning()
      : await tx.insert(registrations).values({ id: randomUUID(), eventId: input.event.id, personId: input.personId, ...values }).returning();
    const notified = await notify(tx, ctx, input.event, row!, row!.status as MailKind, input.mailNote);
    return { registration: notified, created: true, position: await waitlistPositionTx(tx, notified) };
  });
}

