/**
 * Registering: one registration per person and event, never more confirmed than places.
 * The common case holds the pool's row lock for a few statements only; returning
 * registrations and caps per organisation take the careful path with every pool locked.
 */
import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { outbox, people, placePools, registrationSettings, registrations } from "../db/schema.js";
import type { EventRow } from "../events/repository.js";
import { isLocale } from "../i18n/messages.js";
import { composeMail, type MailKind } from "./mails.js";
import type { RegistrationRow, Settings } from "./repository.js";
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
  /** What the caller has already read, so it is not read again. */
  known?: { settings: Settings; person: { name: string; email: string | null; locale: string | null } };
}

export interface RegisterResult {
  registration: RegistrationRow;
  created: boolean;
  position: number | null;
}

/**
 * Registers a person. The common case (a new registration, no cap per organisation)
 * holds the pool's row lock for two statements only: one that takes a place or a queue
 * number and sets the status, and the outbox insert. Everything else is read before.
 */
export async function register(ctx: RegContext, input: RegisterInput): Promise<RegisterResult> {
  const settings = input.known?.settings ?? (await ctx.db.select().from(registrationSettings).where(eq(registrationSettings.eventId, input.event.id)))[0];
  if (!settings) throw refuse("reg.error.closed");
  const [pool] = await ctx.db.select().from(placePools).where(and(eq(placePools.eventId, input.event.id), eq(placePools.attendance, input.attendance)));
  if (!pool || pool.capacity === 0) throw refuse("reg.error.attendance", 422, "attendance");
  if (settings.maxPerOrganisation && input.organisationId && !input.byOrganiser) return registerCarefully(ctx, input);
  const person = input.known?.person ?? (await ctx.db.select({ name: people.name, email: people.email, locale: people.locale }).from(people).where(eq(people.id, input.personId)))[0];
  const approval = settings.mode === "approval" && !input.byOrganiser;

  const fast = await ctx.db.transaction(async (tx) => {
    const id = randomUUID();
    const inserted = await tx
      .insert(registrations)
      .values({
        id,
        eventId: input.event.id,
        personId: input.personId,
        organisationId: input.organisationId,
        attendance: input.attendance,
        // Provisional: decided by the next statement, before anyone else can see it.
        status: "pending_approval",
        answers: input.answers,
        sensitiveAnswers: input.sensitiveAnswers,
        delegationId: input.delegationId ?? null,
        updatedAt: ctx.now,
      })
      .onConflictDoNothing({ target: [registrations.eventId, registrations.personId] })
      .returning({ id: registrations.id, createdAt: registrations.createdAt });
    if (inserted.length === 0) {
      const [existing] = await tx.select().from(registrations).where(and(eq(registrations.eventId, input.event.id), eq(registrations.personId, input.personId)));
      if (existing && existing.status !== "cancelled" && existing.status !== "declined") {
        return { registration: existing, created: false, position: await waitlistPositionTx(tx, existing) };
      }
      return null; // a cancelled registration comes back: the careful path
    }
    let status: RegistrationRow["status"] = "pending_approval";
    let position: number | null = null;
    if (!approval) {
      // Lock the pool row: everyone registering for this pool queues here, in arrival order.
      // Every earlier registration has committed once we hold it, so the queue count is exact.
      const [pool] = (await tx
        .select({ taken: placePools.taken, capacity: placePools.capacity })
        .from(placePools)
        .where(and(eq(placePools.eventId, input.event.id), eq(placePools.attendance, input.attendance)))
        .for("update")) as [{ taken: number; capacity: number }];
      // A new statement, so a new snapshot: it sees every queue entry committed before we got the lock.
      const [{ waiting }] = (await tx
        .select({ waiting: sql<number>`count(*)::int` })
        .from(registrations)
        .where(and(eq(registrations.eventId, input.event.id), eq(registrations.attendance, input.attendance), eq(registrations.status, "waitlisted")))) as [{ waiting: number }];
      const locked = { ...pool, waiting };
      const took = locked.taken < locked.capacity && locked.waiting === 0;
      status = took ? "confirmed" : "waitlisted";
      position = took ? null : locked.waiting + 1;
    }
    const row: RegistrationRow = {
      id,
      eventId: input.event.id,
      personId: input.personId,
      organisationId: input.organisationId,
      attendance: input.attendance,
      status,
      waitlistSeq: null,
      offerExpiresAt: null,
      manageVersion: 1,
      answers: input.answers,
      sensitiveAnswers: input.sensitiveAnswers,
      delegationId: input.delegationId ?? null,
      icsSequence: status === "confirmed" ? 1 : 0,
      reminderSentAt: null,
      anonymisedAt: null,
      createdAt: inserted[0]!.createdAt,
      updatedAt: ctx.now,
      confirmedAt: status === "confirmed" ? ctx.now : null,
      cancelledAt: null,
    };
    const mail = person?.email
      ? composeMail({
          kind: status as MailKind,
          locale: isLocale(person.locale) ? person.locale : "sv",
          event: input.event,
          person: { name: person.name, email: person.email },
          registrationId: id,
          sequence: row.icsSequence,
          manageUrl: manageUrl(ctx, row),
          publicUrl: ctx.publicUrl,
          organizer: ctx.organizer,
          position,
          attendance: row.attendance,
          stamp: ctx.now,
        })
      : null;
    // One statement: the place (if taken), the decision and the mail, all in this transaction.
    const takePlaceCte =
      status === "confirmed"
        ? sql`p as (update ${placePools} set taken = taken + 1 where event_id = ${input.event.id} and attendance = ${input.attendance} returning 1),`
        : sql``;
    const mailCte = mail
      ? sql`, m as (
          insert into ${outbox} (to_address, subject, text_body, ics, ics_method, registration_id, next_attempt_at)
          values (${mail.to}, ${mail.subject}, ${mail.text}, ${status === "confirmed" ? (mail.ics?.content ?? null) : null}, ${status === "confirmed" ? (mail.ics?.method ?? null) : null}, ${id}, ${ctx.now.toISOString()}::timestamptz)
          returning 1)`
      : sql``;
    const decided = (await tx.execute(sql`
      with ${takePlaceCte} r as (
        update ${registrations} set
          status = ${status},
          confirmed_at = ${row.confirmedAt ? row.confirmedAt.toISOString() : null}::timestamptz,
          ics_sequence = ${row.icsSequence},
          waitlist_seq = ${status === "waitlisted" ? sql`nextval('registration_waitlist_seq')` : sql`null`}
        where id = ${id} returning waitlist_seq
      ) ${mailCte}
      select (select waitlist_seq from r) as waitlist_seq`)) as unknown as { rows: { waitlist_seq: string | number | null }[] };
    row.waitlistSeq = decided.rows[0]!.waitlist_seq === null ? null : Number(decided.rows[0]!.waitlist_seq);
    return { registration: row, created: true, position };
  });
  return fast ?? registerCarefully(ctx, input);
}

/** The general path: every pool locked first (caps per organisation, returning registrations). */
async function registerCarefully(ctx: RegContext, input: RegisterInput): Promise<RegisterResult> {
  return ctx.db.transaction(async (tx) => {
    const pools = await lockPools(tx, input.event.id);
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
    const notified = await notify(tx, ctx, input.event, row!, row!.status as MailKind);
    return { registration: notified, created: true, position: await waitlistPositionTx(tx, notified) };
  });
}

