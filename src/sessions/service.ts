/**
 * Seats in sessions, with the guarantees of the event's own places: a session is never
 * oversold, whoever waits is promoted in the order they chose, and two sessions at the
 * same time cannot both be held. The lock discipline is the registration's: a person's
 * registration row first (one change of theirs at a time), then the sessions touched, in
 * id order (so two people never wait on each other), and every change of a choice is made
 * while its session's row is held, where the seats are counted.
 */
import { and, asc, count, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { organisations, people, programSessions, registrations, sessionChoices } from "../db/schema.js";
import { AppError, fieldError } from "../http/errors.js";
import { clock } from "../i18n/format.js";
import { isLocale, pick, translate, type Locale } from "../i18n/messages.js";
import { enqueueMail } from "../mail/outbox.js";

export type SessionRow = typeof programSessions.$inferSelect;
export type ChoiceStatus = "seated" | "waiting";

export interface SeatedSession {
  session: SessionRow;
  seated: number;
  waiting: number;
}

/** The event's sessions that have seats, in time order. */
export function seatSessionsOf(db: Db, eventId: string): Promise<SessionRow[]> {
  return db.select().from(programSessions).where(and(eq(programSessions.eventId, eventId), isNotNull(programSessions.seats))).orderBy(asc(programSessions.startsAt), asc(programSessions.titleSv));
}

/** The event's sessions that have seats, in time order, with how many are seated and waiting. */
export async function sessionsWithSeats(db: Db, eventId: string): Promise<SeatedSession[]> {
  const sessions = await seatSessionsOf(db, eventId);
  if (sessions.length === 0) return [];
  const counts = await db
    .select({ sessionId: sessionChoices.sessionId, status: sessionChoices.status, n: count() })
    .from(sessionChoices)
    .where(inArray(sessionChoices.sessionId, sessions.map((s) => s.id)))
    .groupBy(sessionChoices.sessionId, sessionChoices.status);
  const of = (id: string, status: ChoiceStatus) => Number(counts.find((c) => c.sessionId === id && c.status === status)?.n ?? 0);
  return sessions.map((session) => ({ session, seated: of(session.id, "seated"), waiting: of(session.id, "waiting") }));
}

export interface Choice {
  sessionId: string;
  status: ChoiceStatus;
  /** Place in the session's waiting list (1 = next), for a waiting choice. */
  position: number | null;
}

/** A registration's choices, with each waiting one's place in line. */
export async function choicesOf(db: Db, registrationId: string): Promise<Choice[]> {
  const rows = await db
    .select({
      sessionId: sessionChoices.sessionId,
      status: sessionChoices.status,
      // Spelled out: in a one-table select drizzle leaves columns unqualified, and the inner alias would capture them.
      ahead: sql<number>`(select count(*) from session_choices w where w.session_id = session_choices.session_id and w.status = 'waiting' and w.seq < session_choices.seq)`.mapWith(Number),
    })
    .from(sessionChoices)
    .where(eq(sessionChoices.registrationId, registrationId));
  return rows.map((r) => ({ sessionId: r.sessionId, status: r.status, position: r.status === "waiting" ? r.ahead + 1 : null }));
}

const overlaps = (a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

/** The first two of the sessions that are on at the same time, if any. */
export function firstClash<S extends { startsAt: Date; endsAt: Date }>(sessions: S[]): [S, S] | null {
  const sorted = [...sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  for (let i = 0; i < sorted.length; i++) for (let j = i + 1; j < sorted.length; j++) if (overlaps(sorted[i]!, sorted[j]!)) return [sorted[i]!, sorted[j]!];
  return null;
}

/** Refuses (422 on "sessions") a choice with a session that is not the event's or has no seats, or two at the same time, named in the reader's language. */
function assertChoosable(chosen: (SessionRow | undefined)[], eventId: string, locale: Locale): asserts chosen is SessionRow[] {
  if (chosen.some((s) => !s || s.eventId !== eventId || s.seats === null)) throw fieldError("sessions", "seats.error.unknown");
  const clash = firstClash(chosen as SessionRow[]);
  if (clash) throw fieldError("sessions", "seats.error.clash", { first: pick(locale, clash[0].titleSv, clash[0].titleEn), second: pick(locale, clash[1].titleSv, clash[1].titleEn) });
}

/** Before registering: the sessions asked for can be chosen together. */
export async function checkSeatChoice(db: Db, eventId: string, wanted: string[], locale: Locale = "sv"): Promise<void> {
  if (wanted.some((id) => !/^[0-9a-f-]{36}$/i.test(id))) throw fieldError("sessions", "seats.error.unknown");
  const sessions = await seatSessionsOf(db, eventId);
  assertChoosable([...new Set(wanted)].map((id) => sessions.find((s) => s.id === id)), eventId, locale);
}

/** Locks the sessions' rows, in id order, and answers them. */
async function lockSessions(tx: Db, ids: string[]): Promise<SessionRow[]> {
  if (ids.length === 0) return [];
  return tx.select().from(programSessions).where(inArray(programSessions.id, [...ids].sort())).orderBy(asc(programSessions.id)).for("update");
}

/** How many are seated on, and waiting for, one session (read with its row held). */
async function seatCount(tx: Db, sessionId: string): Promise<{ seated: number; waiting: number }> {
  const [state] = await tx
    .select({
      seated: sql<number>`count(*) filter (where ${sessionChoices.status} = 'seated')`.mapWith(Number),
      waiting: sql<number>`count(*) filter (where ${sessionChoices.status} = 'waiting')`.mapWith(Number),
    })
    .from(sessionChoices)
    .where(eq(sessionChoices.sessionId, sessionId));
  return state ?? { seated: 0, waiting: 0 };
}

/** With the session's row held: seats the first in line while there is a free seat; each one promoted is told by mail. */
async function fillSeats(tx: Db, session: SessionRow, now: Date): Promise<void> {
  if (session.seats === null) return;
  const free = session.seats - (await seatCount(tx, session.id)).seated;
  if (free <= 0) return;
  const next = await tx
    .select({ registrationId: sessionChoices.registrationId })
    .from(sessionChoices)
    .where(and(eq(sessionChoices.sessionId, session.id), eq(sessionChoices.status, "waiting")))
    .orderBy(asc(sessionChoices.seq))
    .limit(free);
  if (next.length === 0) return;
  await tx
    .update(sessionChoices)
    .set({ status: "seated" })
    .where(and(eq(sessionChoices.sessionId, session.id), inArray(sessionChoices.registrationId, next.map((n) => n.registrationId))));
  const told = await tx
    .select({ registrationId: registrations.id, name: people.name, email: people.email, locale: people.locale })
    .from(registrations)
    .innerJoin(people, eq(people.id, registrations.personId))
    .where(inArray(registrations.id, next.map((n) => n.registrationId)));
  for (const p of told) {
    if (!p.email) continue;
    const locale = isLocale(p.locale) ? p.locale : "sv";
    const title = pick(locale, session.titleSv, session.titleEn);
    const t = (key: "seats.mail.subject" | "seats.mail.text") => translate(locale, key, { name: p.name, session: title, time: clock(session.startsAt, locale) });
    await enqueueMail(tx, { to: p.email, subject: t("seats.mail.subject"), text: t("seats.mail.text"), registrationId: p.registrationId, locale }, now);
  }
}

export interface ChooseResult {
  choices: Choice[];
}

/**
 * Makes the registration's choices exactly `wanted` (sessions of its event that have
 * seats): new ones are seated when a seat is free and nobody waits, else they wait;
 * dropped ones free their seat for the next in line. Refused as a whole, changing
 * nothing, when two wanted sessions are at the same time or the registration has no
 * confirmed place.
 */
export async function chooseSessions(db: Db, registrationId: string, wanted: string[], now: Date, locale: Locale = "sv"): Promise<ChooseResult> {
  const unique = [...new Set(wanted)];
  await db.transaction(async (tx) => {
    const [r] = await tx.select({ id: registrations.id, eventId: registrations.eventId, status: registrations.status }).from(registrations).where(eq(registrations.id, registrationId)).for("update");
    if (!r) throw new AppError("not_found", 404);
    if (r.status !== "confirmed") throw new AppError("conflict", 409, { messageKey: "seats.error.not_confirmed", fields: [{ field: "sessions", key: "seats.error.not_confirmed" }] });
    const current = await tx.select().from(sessionChoices).where(eq(sessionChoices.registrationId, r.id));
    const touched = [...new Set([...unique, ...current.map((c) => c.sessionId)])];
    const locked = await lockSessions(tx, touched);
    const chosen = unique.map((id) => locked.find((s) => s.id === id));
    assertChoosable(chosen, r.eventId, locale);
    const dropped = current.filter((c) => !unique.includes(c.sessionId));
    if (dropped.length) await tx.delete(sessionChoices).where(and(eq(sessionChoices.registrationId, r.id), inArray(sessionChoices.sessionId, dropped.map((d) => d.sessionId))));
    for (const s of chosen) {
      if (current.some((c) => c.sessionId === s.id)) continue;
      const state = await seatCount(tx, s.id);
      const seated = state.seated < s.seats! && state.waiting === 0;
      await tx.insert(sessionChoices).values({ sessionId: s.id, registrationId: r.id, status: seated ? "seated" : "waiting" });
    }
    // A seat given up goes to the first in line of that session.
    for (const d of dropped) if (d.status === "seated") await fillSeats(tx, locked.find((s) => s.id === d.sessionId)!, now);
  });
  return { choices: await choicesOf(db, registrationId) };
}

/** Within a registration's cancellation: its seats go, each to the first in line. */
export async function releaseSeats(tx: Db, registrationId: string, now: Date): Promise<void> {
  const current = await tx.select().from(sessionChoices).where(eq(sessionChoices.registrationId, registrationId));
  if (current.length === 0) return;
  const locked = await lockSessions(tx, current.map((c) => c.sessionId));
  await tx.delete(sessionChoices).where(eq(sessionChoices.registrationId, registrationId));
  for (const c of current) if (c.status === "seated") await fillSeats(tx, locked.find((s) => s.id === c.sessionId)!, now);
}

/** After the organiser changes a session's seats: more seats promote the waiting at once. */
export async function seatsChanged(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const [s] = await lockSessions(tx, [sessionId]);
    if (s) await fillSeats(tx, s, now);
  });
}

/** Who is seated on, and waiting for, one session: for the organiser's list and export. */
export async function sessionParticipants(db: Db, sessionId: string) {
  return db
    .select({ registrationId: registrations.id, name: people.name, email: people.email, organisation: organisations.name, status: sessionChoices.status, chosenAt: sessionChoices.createdAt })
    .from(sessionChoices)
    .innerJoin(registrations, eq(registrations.id, sessionChoices.registrationId))
    .innerJoin(people, eq(people.id, registrations.personId))
    .leftJoin(organisations, eq(organisations.id, registrations.organisationId))
    .where(eq(sessionChoices.sessionId, sessionId))
    .orderBy(asc(sessionChoices.status), asc(sessionChoices.seq));
}
