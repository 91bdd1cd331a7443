/**
 * What happens to a registration after it is made (register.ts makes it): cancelling,
 * promoting from the waiting list in arrival order, offers that expire, approval, moving
 * between on site and remote, capacity changes, telling people about event changes.
 *
 * Every change runs in one transaction that first locks the event's place-pool rows
 * (SELECT … FOR UPDATE), so registrations for one event are serialised in the database
 * itself: correct with several app instances on one PostgreSQL, and on PGlite. Mail is
 * written to the outbox in the same transaction.
 */
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { people, placePools, registrationSettings, registrations, type Attendance } from "../db/schema.js";
import { findEventById, type EventRow } from "../events/repository.js";
import { AppError } from "../http/errors.js";
import { isLocale, type Locale, type MessageKey } from "../i18n/messages.js";
import { enqueueMail } from "../mail/outbox.js";
import { signLink } from "../shared/signed-links.js";
import { composeMail, type MailKind } from "./mails.js";
import { releaseSeats } from "../sessions/service.js";
import type { Pool, RegistrationRow, Settings } from "./repository.js";

export interface RegContext {
  db: Db;
  now: Date;
  linkKey: Buffer;
  publicUrl: string;
  organizer: { name: string; email: string };
}

export const refuse = (messageKey: MessageKey, status: 409 | 422 = 409, field?: string) =>
  new AppError(status === 422 ? "validation_failed" : "conflict", status, {
    messageKey: status === 422 ? "error.validation_failed" : messageKey,
    fields: field ? [{ field, key: messageKey }] : [],
  });

export const manageUrl = (ctx: Pick<RegContext, "linkKey" | "publicUrl">, r: Pick<RegistrationRow, "id" | "manageVersion">) =>
  `${ctx.publicUrl}/anmalan/${signLink(ctx.linkKey, "registration", r.id, r.manageVersion)}`;

export async function lockPools(tx: Db, eventId: string): Promise<Pool[]> {
  return tx.select().from(placePools).where(eq(placePools.eventId, eventId)).orderBy(asc(placePools.attendance)).for("update");
}

export async function settingsOf(tx: Db, eventId: string): Promise<Settings> {
  const [s] = await tx.select().from(registrationSettings).where(eq(registrationSettings.eventId, eventId));
  if (!s) throw refuse("reg.error.closed");
  return s;
}

export async function waitlistPositionTx(tx: Db, r: RegistrationRow): Promise<number | null> {
  if (r.status !== "waitlisted" || r.waitlistSeq === null) return null;
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(registrations)
    .where(and(eq(registrations.eventId, r.eventId), eq(registrations.attendance, r.attendance), eq(registrations.status, "waitlisted"), sql`${registrations.waitlistSeq} < ${r.waitlistSeq}`));
  return row!.n + 1;
}

/** Writes the mail for this registration into the outbox (same transaction). */
export async function notify(tx: Db, ctx: RegContext, event: EventRow, r: RegistrationRow, kind: MailKind, note?: { delegatedBy: string; answerQuestions: boolean }): Promise<RegistrationRow> {
  if (!r.personId) return r;
  const [person] = await tx.select({ name: people.name, email: people.email, locale: people.locale }).from(people).where(eq(people.id, r.personId));
  if (!person?.email) return r;
  const cancels = kind === "cancelled" || kind === "event_cancelled";
  // A CANCEL only makes sense for an invite that was sent (sequence > 0).
  const carriesInvite = kind === "confirmed" || kind === "event_changed" || (cancels && r.icsSequence > 0);
  let current = r;
  if (carriesInvite) {
    [current] = (await tx.update(registrations).set({ icsSequence: r.icsSequence + 1 }).where(eq(registrations.id, r.id)).returning()) as [RegistrationRow];
  }
  const mail = composeMail({
    kind,
    locale: isLocale(person.locale) ? person.locale : "sv",
    event,
    person: { name: person.name, email: person.email },
    registrationId: r.id,
    sequence: current.icsSequence,
    manageUrl: manageUrl(ctx, r),
    publicUrl: ctx.publicUrl,
    organizer: ctx.organizer,
    position: await waitlistPositionTx(tx, current),
    offerExpiresAt: current.offerExpiresAt,
    attendance: current.attendance,
    stamp: ctx.now,
    ...(note ?? {}),
  });
  if (!carriesInvite) mail.ics = null;
  await enqueueMail(tx, mail, ctx.now);
  return current;
}

async function takePlace(tx: Db, eventId: string, attendance: Attendance): Promise<boolean> {
  // Conditional update under the pool's row lock: never more taken than capacity.
  const rows = await tx
    .update(placePools)
    .set({ taken: sql`${placePools.taken} + 1` })
    .where(and(eq(placePools.eventId, eventId), eq(placePools.attendance, attendance), sql`${placePools.taken} < ${placePools.capacity}`))
    .returning({ taken: placePools.taken });
  return rows.length === 1;
}

async function releasePlace(tx: Db, eventId: string, attendance: Attendance): Promise<void> {
  await tx
    .update(placePools)
    .set({ taken: sql`greatest(${placePools.taken} - 1, 0)` })
    .where(and(eq(placePools.eventId, eventId), eq(placePools.attendance, attendance)));
}

export async function someoneWaiting(tx: Db, eventId: string, attendance: Attendance): Promise<boolean> {
  const [row] = await tx
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.attendance, attendance), eq(registrations.status, "waitlisted")))
    .limit(1);
  return row !== undefined;
}

/** Arrival order on the waiting list, from a database sequence (safe across instances). */
async function nextQueueNumber(tx: Db): Promise<number> {
  const result = (await tx.execute(sql`select nextval('registration_waitlist_seq')::bigint as seq`)) as unknown as { rows: { seq: string | number }[] };
  return Number(result.rows[0]!.seq);
}

/** Confirmed if a place is free and nobody is ahead in the queue; otherwise waitlisted. */
export async function placeOrQueue(tx: Db, ctx: RegContext, eventId: string, attendance: Attendance) {
  if (!(await someoneWaiting(tx, eventId, attendance)) && (await takePlace(tx, eventId, attendance))) {
    return { status: "confirmed" as const, confirmedAt: ctx.now, waitlistSeq: null };
  }
  return { status: "waitlisted" as const, confirmedAt: null, waitlistSeq: await nextQueueNumber(tx) };
}

/**
 * Fills free places from the waiting list, first in line first: confirmed at once
 * ("auto") or offered with a deadline ("offer"). Call inside a transaction holding the
 * pool locks.
 */
async function promoteFromWaitingList(tx: Db, ctx: RegContext, event: EventRow, attendance: Attendance): Promise<number> {
  const settings = await settingsOf(tx, event.id);
  let promoted = 0;
  for (;;) {
    const [next] = await tx
      .select()
      .from(registrations)
      .where(and(eq(registrations.eventId, event.id), eq(registrations.attendance, attendance), eq(registrations.status, "waitlisted")))
      .orderBy(asc(registrations.waitlistSeq))
      .limit(1);
    if (!next || !(await takePlace(tx, event.id, attendance))) return promoted;
    const offer = settings.waitlistMode === "offer";
    const [row] = await tx
      .update(registrations)
      .set(
        offer
          ? { status: "offered", offerExpiresAt: new Date(ctx.now.getTime() + settings.offerHours * 3600_000), updatedAt: ctx.now }
          : { status: "confirmed", confirmedAt: ctx.now, waitlistSeq: null, updatedAt: ctx.now },
      )
      .where(eq(registrations.id, next.id))
      .returning();
    await notify(tx, ctx, event, row!, offer ? "offered" : "confirmed");
    promoted++;
  }
}

async function withRegistration<T>(ctx: RegContext, registrationId: string, act: (tx: Db, r: RegistrationRow, event: EventRow) => Promise<T>): Promise<T> {
  const [head] = await ctx.db.select({ eventId: registrations.eventId }).from(registrations).where(eq(registrations.id, registrationId));
  if (!head) throw new AppError("not_found", 404);
  const event = await findEventById(ctx.db, head.eventId);
  if (!event) throw new AppError("not_found", 404);
  return ctx.db.transaction(async (tx) => {
    await lockPools(tx, head.eventId);
    const [r] = await tx.select().from(registrations).where(eq(registrations.id, registrationId)).for("update");
    return act(tx, r!, event);
  });
}

const holdsPlace = (s: RegistrationRow["status"]) => s === "confirmed" || s === "offered";

/** Cancels (by the person or an organiser); a freed place goes to the first in line. Idempotent. */
export async function cancelRegistration(ctx: RegContext, registrationId: string): Promise<RegistrationRow> {
  return withRegistration(ctx, registrationId, async (tx, r, event) => {
    if (r.status === "cancelled" || r.status === "declined") return r;
    const freed = holdsPlace(r.status);
    const [row] = await tx
      .update(registrations)
      .set({ status: "cancelled", cancelledAt: ctx.now, updatedAt: ctx.now, waitlistSeq: null, offerExpiresAt: null })
      .where(eq(registrations.id, r.id))
      .returning();
    const notified = await notify(tx, ctx, event, row!, "cancelled");
    await releaseSeats(tx, r.id, ctx.now);
    if (freed) {
      await releasePlace(tx, event.id, r.attendance);
      await promoteFromWaitingList(tx, ctx, event, r.attendance);
    }
    return notified;
  });
}

export async function acceptOffer(ctx: RegContext, registrationId: string): Promise<RegistrationRow> {
  return withRegistration(ctx, registrationId, async (tx, r, event) => {
    if (r.status === "confirmed") return r;
    if (r.status !== "offered" || !r.offerExpiresAt || r.offerExpiresAt <= ctx.now) throw refuse("reg.error.offer_gone");
    const [row] = await tx
      .update(registrations)
      .set({ status: "confirmed", confirmedAt: ctx.now, offerExpiresAt: null, waitlistSeq: null, updatedAt: ctx.now })
      .where(eq(registrations.id, r.id))
      .returning();
    return notify(tx, ctx, event, row!, "confirmed");
  });
}

/** Declining an offer frees the place for the next in line. */
export async function declineOffer(ctx: RegContext, registrationId: string): Promise<RegistrationRow> {
  return withRegistration(ctx, registrationId, async (tx, r, event) => {
    if (r.status !== "offered") throw refuse("reg.error.offer_gone");
    const [row] = await tx
      .update(registrations)
      .set({ status: "cancelled", cancelledAt: ctx.now, offerExpiresAt: null, waitlistSeq: null, updatedAt: ctx.now })
      .where(eq(registrations.id, r.id))
      .returning();
    await releasePlace(tx, event.id, r.attendance);
    await promoteFromWaitingList(tx, ctx, event, r.attendance);
    return row!;
  });
}

/** The background job: offers past their deadline pass to the next in line. */
export async function expireOffers(ctx: RegContext): Promise<number> {
  const due = await ctx.db
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.status, "offered"), lte(registrations.offerExpiresAt, ctx.now)));
  let expired = 0;
  for (const { id } of due) {
    await withRegistration(ctx, id, async (tx, r, event) => {
      if (r.status !== "offered" || !r.offerExpiresAt || r.offerExpiresAt > ctx.now) return;
      const [row] = await tx
        .update(registrations)
        .set({ status: "cancelled", cancelledAt: ctx.now, offerExpiresAt: null, updatedAt: ctx.now })
        .where(eq(registrations.id, r.id))
        .returning();
      await notify(tx, ctx, event, row!, "offer_expired");
      await releasePlace(tx, event.id, r.attendance);
      await promoteFromWaitingList(tx, ctx, event, r.attendance);
      expired++;
    });
  }
  return expired;
}

export async function approveRegistration(ctx: RegContext, registrationId: string): Promise<RegistrationRow> {
  return withRegistration(ctx, registrationId, async (tx, r, event) => {
    if (r.status !== "pending_approval") return r;
    const outcome = await placeOrQueue(tx, ctx, event.id, r.attendance);
    const [row] = await tx.update(registrations).set({ ...outcome, updatedAt: ctx.now }).where(eq(registrations.id, r.id)).returning();
    return notify(tx, ctx, event, row!, outcome.status);
  });
}

export async function declineRegistration(ctx: RegContext, registrationId: string): Promise<RegistrationRow> {
  return withRegistration(ctx, registrationId, async (tx, r, event) => {
    if (r.status !== "pending_approval") throw refuse("reg.error.not_pending");
    const [row] = await tx.update(registrations).set({ status: "declined", updatedAt: ctx.now }).where(eq(registrations.id, r.id)).returning();
    return notify(tx, ctx, event, row!, "declined");
  });
}

/** Moves between on-site and remote, only into a free place; a freed place is offered on. */
export async function changeAttendance(ctx: RegContext, registrationId: string, to: Attendance): Promise<RegistrationRow> {
  return withRegistration(ctx, registrationId, async (tx, r, event) => {
    if (r.attendance === to) return r;
    const pools = await tx.select().from(placePools).where(eq(placePools.eventId, event.id));
    const target = pools.find((p) => p.attendance === to);
    if (!target || target.capacity === 0) throw refuse("reg.error.attendance", 422, "attendance");
    if (r.status === "confirmed") {
      if ((await someoneWaiting(tx, event.id, to)) || !(await takePlace(tx, event.id, to))) throw refuse("reg.error.full", 409, "attendance");
      await releasePlace(tx, event.id, r.attendance);
      // Another kind of place is another ticket: the old code is refused from now on.
      const [row] = await tx.update(registrations).set({ attendance: to, updatedAt: ctx.now, ticketVersion: r.ticketVersion + 1 }).where(eq(registrations.id, r.id)).returning();
      await promoteFromWaitingList(tx, ctx, event, r.attendance);
      return notify(tx, ctx, event, row!, "confirmed");
    }
    if (r.status === "waitlisted" || r.status === "pending_approval") {
      const [row] = await tx
        .update(registrations)
        .set({ attendance: to, updatedAt: ctx.now, ticketVersion: r.ticketVersion + 1, waitlistSeq: r.status === "waitlisted" ? await nextQueueNumber(tx) : null })
        .where(eq(registrations.id, r.id))
        .returning();
      return row!;
    }
    throw refuse("reg.error.not_changeable");
  });
}

/** Replaces the answers (already validated against the questions). */
export async function updateAnswers(ctx: RegContext, registrationId: string, answers: Record<string, string | string[]>, sensitiveAnswers: Record<string, string | string[]>): Promise<RegistrationRow> {
  return withRegistration(ctx, registrationId, async (tx, r) => {
    if (r.status === "cancelled" || r.status === "declined") throw refuse("reg.error.not_changeable");
    const [row] = await tx.update(registrations).set({ answers, sensitiveAnswers, updatedAt: ctx.now }).where(eq(registrations.id, r.id)).returning();
    return row!;
  });
}

/** Sets the places of each attendance mode; more places promote the waiting list at once. */
export async function setCapacity(ctx: RegContext, event: EventRow, capacities: Partial<Record<Attendance, number>>): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await lockPools(tx, event.id);
    for (const [attendance, capacity] of Object.entries(capacities) as [Attendance, number][]) {
      await tx
        .insert(placePools)
        .values({ eventId: event.id, attendance, capacity })
        .onConflictDoUpdate({ target: [placePools.eventId, placePools.attendance], set: { capacity } });
      await promoteFromWaitingList(tx, ctx, event, attendance);
    }
  });
}

/** Every registered person hears about a changed or cancelled event, with an updated invite. */
export async function notifyEventChange(ctx: RegContext, event: EventRow, kind: "event_changed" | "event_cancelled"): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(registrations)
      .where(and(eq(registrations.eventId, event.id), inArray(registrations.status, kind === "event_cancelled" ? ["confirmed", "offered", "waitlisted", "pending_approval"] : ["confirmed"])));
    for (const r of rows) await notify(tx, ctx, event, r, kind);
    return rows.length;
  });
}

export type { Locale };
