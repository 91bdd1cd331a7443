/**
 * Checking people in: check-in lists with their rules, finding a person by name, and
 * redeeming a ticket or a registration on a list. A redeem decides under a lock on the
 * registration, so two stations scanning one ticket at once check it in once; the same
 * nonce twice (a slow network, a second press) is the same check-in, answered the same.
 */
import { randomUUID } from "node:crypto";
import { and, asc, count, countDistinct, eq, ilike, inArray, or, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { checkinLists, checkins, organisations, people, registrations, sessionChoices } from "../db/schema.js";
import { readTicket, signedBy } from "./tickets.js";

export type CheckinList = typeof checkinLists.$inferSelect;

/** The event's lists; an event that has none gets "Entré" (everyone with a confirmed place, once). */
export async function listsOf(db: Db, eventId: string): Promise<CheckinList[]> {
  const lists = await db.select().from(checkinLists).where(eq(checkinLists.eventId, eventId)).orderBy(asc(checkinLists.createdAt), asc(checkinLists.name));
  if (lists.length > 0) return lists;
  await db.insert(checkinLists).values({ id: randomUUID(), eventId, name: "Entré" }).onConflictDoNothing();
  return db.select().from(checkinLists).where(eq(checkinLists.eventId, eventId));
}

export async function findList(db: Db, id: string): Promise<CheckinList | undefined> {
  const [row] = await db.select().from(checkinLists).where(eq(checkinLists.id, id));
  return row;
}

export async function createList(db: Db, eventId: string, input: { name: string; attendance: "onsite" | "remote" | null; allowReentry: boolean; sessionId?: string | null }): Promise<CheckinList> {
  const [row] = await db.insert(checkinLists).values({ id: randomUUID(), eventId, ...input }).returning();
  return row!;
}

/** Seated on the list's session (a list for one session with seats). */
const seatedOn = (sessionId: string) => sql`exists (select 1 from ${sessionChoices} sc where sc.session_id = ${sessionId} and sc.registration_id = ${registrations.id} and sc.status = 'seated')`;

const counted = (list: CheckinList) =>
  and(eq(registrations.eventId, list.eventId), eq(registrations.status, "confirmed"), list.attendance ? eq(registrations.attendance, list.attendance) : undefined, list.sessionId ? seatedOn(list.sessionId) : undefined);

/** Arrived and expected on a list, by attendance. */
export async function listCounts(db: Db, list: CheckinList) {
  const [expected, arrived] = await Promise.all([
    db.select({ attendance: registrations.attendance, n: count() }).from(registrations).where(counted(list)).groupBy(registrations.attendance),
    db
      .select({ attendance: registrations.attendance, n: countDistinct(checkins.registrationId) })
      .from(checkins)
      .innerJoin(registrations, eq(registrations.id, checkins.registrationId))
      .where(eq(checkins.listId, list.id))
      .groupBy(registrations.attendance),
  ]);
  const of = (rows: { attendance: string; n: number }[], a?: string) => rows.filter((r) => !a || r.attendance === a).reduce((s, r) => s + Number(r.n), 0);
  return {
    expected: of(expected),
    arrived: of(arrived),
    onsite: { expected: of(expected, "onsite"), arrived: of(arrived, "onsite") },
    remote: { expected: of(expected, "remote"), arrived: of(arrived, "remote") },
  };
}

/** The event's lists, each with its arrived and expected. */
export async function listsWithCounts(db: Db, eventId: string) {
  return Promise.all((await listsOf(db, eventId)).map(async (list) => ({ list, counts: await listCounts(db, list) })));
}

export interface Found {
  registrationId: string;
  name: string;
  organisationName: string | null;
  attendance: "onsite" | "remote";
  checkedInAt: Date | null;
}

/** When the registration was first checked in on the list (null: not yet), for a select over registrations. */
const firstOnList = (list: CheckinList) =>
  sql<Date | null>`(select min(c.at) from ${checkins} c where c.registration_id = ${registrations.id} and c.list_id = ${list.id})`.mapWith((v) => (v ? new Date(v) : null));

/** Confirmed people on the list whose name, e-mail or organisation contains the text. */
export async function searchList(db: Db, list: CheckinList, q: string, limit = 20): Promise<Found[]> {
  const p = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  const rows = await db
    .select({
      registrationId: registrations.id,
      name: people.name,
      organisationName: organisations.name,
      attendance: registrations.attendance,
      checkedInAt: firstOnList(list),
    })
    .from(registrations)
    .innerJoin(people, eq(people.id, registrations.personId))
    .leftJoin(organisations, eq(organisations.id, registrations.organisationId))
    .where(and(counted(list), or(ilike(people.name, p), ilike(people.email, p), ilike(organisations.name, p))))
    .orderBy(asc(people.name))
    .limit(limit);
  return rows;
}

export const redeemKinds = ["ok", "already", "conflict", "cancelled", "not_confirmed", "wrong_attendance", "not_in_session", "revoked", "wrong_event", "invalid"] as const;

export type RedeemResult =
  | { kind: "ok"; name: string; organisationName: string | null; attendance: "onsite" | "remote"; at: Date }
  | { kind: "already"; name: string; at: Date }
  /** Uploaded from a scanner that was offline, for a ticket already checked in: kept and shown, not merged. */
  | { kind: "conflict"; name: string; at: Date }
  | { kind: "cancelled"; name: string }
  | { kind: "not_confirmed"; name: string }
  | { kind: "wrong_attendance"; name: string; attendance: "onsite" | "remote" }
  /** The list is one session's, and the person has no seat on it. */
  | { kind: "not_in_session"; name: string }
  | { kind: "revoked"; name: string }
  | { kind: "wrong_event" }
  | { kind: "invalid" };

export interface RedeemInput {
  /** A ticket's code as scanned, or a registration chosen by name on the list's page. */
  code?: string | undefined;
  registrationId?: string | undefined;
  nonce: string;
  by: string | null;
  at: Date;
  offline?: boolean;
}

/** Which registration a scanned code or a chosen name means on this list; the reason when none. */
async function resolve(db: Db, list: CheckinList, input: RedeemInput): Promise<{ id: string } | { refused: RedeemResult }> {
  if (input.registrationId) return { id: input.registrationId };
  const ticket = readTicket(input.code ?? "");
  if (!ticket) return { refused: { kind: "invalid" } };
  const [r] = await db.select({ eventId: registrations.eventId, ticketVersion: registrations.ticketVersion, personId: registrations.personId }).from(registrations).where(eq(registrations.id, ticket.registrationId));
  // A code that names no registration, or is not signed by its event's key, is forged or mistyped.
  if (!r || !(await signedBy(db, r.eventId, ticket))) return { refused: { kind: "invalid" } };
  if (r.eventId !== list.eventId) return { refused: { kind: "wrong_event" } };
  if (ticket.version !== r.ticketVersion) {
    const [p] = r.personId ? await db.select({ name: people.name }).from(people).where(eq(people.id, r.personId)) : [];
    return { refused: { kind: "revoked", name: p?.name ?? "–" } };
  }
  return { id: ticket.registrationId };
}

export async function redeem(db: Db, list: CheckinList, input: RedeemInput): Promise<RedeemResult> {
  const target = await resolve(db, list, input);
  if ("refused" in target) return target.refused;
  return db.transaction(async (tx) => {
    const [r] = await tx.select().from(registrations).where(and(eq(registrations.id, target.id), eq(registrations.eventId, list.eventId))).for("update");
    if (!r) return { kind: "invalid" } as const;
    const [person] = r.personId ? await tx.select({ name: people.name }).from(people).where(eq(people.id, r.personId)) : [];
    const [org] = r.organisationId ? await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, r.organisationId)) : [];
    const name = person?.name ?? "–";
    const earlier = await tx.select().from(checkins).where(and(eq(checkins.listId, list.id), eq(checkins.registrationId, r.id))).orderBy(asc(checkins.at));
    const same = earlier.find((c) => c.nonce === input.nonce);
    if (same) return same.conflict ? ({ kind: "conflict", name, at: earlier[0]!.at } as const) : ({ kind: "ok", name, organisationName: org?.name ?? null, attendance: r.attendance, at: same.at } as const);
    if (r.status === "cancelled" || r.status === "declined") return { kind: "cancelled", name } as const;
    if (r.status !== "confirmed") return { kind: "not_confirmed", name } as const;
    if (list.attendance && r.attendance !== list.attendance) return { kind: "wrong_attendance", name, attendance: r.attendance } as const;
    if (list.sessionId) {
      const [seat] = await tx.select({ status: sessionChoices.status }).from(sessionChoices).where(and(eq(sessionChoices.sessionId, list.sessionId), eq(sessionChoices.registrationId, r.id)));
      if (seat?.status !== "seated") return { kind: "not_in_session", name } as const;
    }
    const conflict = earlier.length > 0 && !list.allowReentry;
    if (conflict && !input.offline) return { kind: "already", name, at: earlier[0]!.at } as const;
    const made = await tx
      .insert(checkins)
      .values({ id: randomUUID(), listId: list.id, registrationId: r.id, at: input.at, byPersonId: input.by, nonce: input.nonce, offline: input.offline ?? false, conflict })
      .onConflictDoNothing()
      .returning({ id: checkins.id });
    // The nonce was used on this list for someone else: a broken scanner, not a check-in.
    if (made.length === 0) return { kind: "invalid" } as const;
    if (conflict) return { kind: "conflict", name, at: earlier[0]!.at } as const;
    return { kind: "ok", name, organisationName: org?.name ?? null, attendance: r.attendance, at: input.at } as const;
  });
}

/** When each of the event's registrations was first checked in on any list: for the organiser's list and export. */
export async function firstCheckins(db: Db, registrationIds: string[]): Promise<Map<string, Date>> {
  if (registrationIds.length === 0) return new Map();
  const rows = await db
    .select({ id: checkins.registrationId, at: sql<Date>`min(${checkins.at})`.mapWith((v) => new Date(v)) })
    .from(checkins)
    .where(inArray(checkins.registrationId, registrationIds))
    .groupBy(checkins.registrationId);
  return new Map(rows.map((r) => [r.id, r.at]));
}

/**
 * What a station downloads to go on without a connection: every registration of the
 * event that has a person (its ticket's current version, its status and attendance, name
 * and organisation, first check-in on this list) and the key that verifies tickets. A
 * ticket whose registration is cancelled, or whose version is older than the one listed,
 * is revoked: that is the revocation list. No e-mail, no answers, no health data.
 */
export async function offlineList(db: Db, list: CheckinList) {
  const rows = await db
    .select({
      id: registrations.id,
      version: registrations.ticketVersion,
      status: registrations.status,
      attendance: registrations.attendance,
      name: people.name,
      organisation: organisations.name,
      checkedInAt: firstOnList(list),
      inSession: (list.sessionId ? sql<boolean>`${seatedOn(list.sessionId)}` : sql<boolean>`true`).mapWith(Boolean),
    })
    .from(registrations)
    .innerJoin(people, eq(people.id, registrations.personId))
    .leftJoin(organisations, eq(organisations.id, registrations.organisationId))
    .where(eq(registrations.eventId, list.eventId))
    .orderBy(asc(people.name));
  return rows.map((r) => ({ ...r, checkedInAt: r.checkedInAt?.toISOString() ?? null }));
}

export interface OfflineScan {
  code?: string | undefined;
  registrationId?: string | undefined;
  nonce: string;
  at: Date;
}

/** Check-ins made without a connection, redeemed in the order they were made; each answer says what happened to it. */
export async function uploadOffline(db: Db, list: CheckinList, scans: OfflineScan[], by: string | null): Promise<RedeemResult[]> {
  const ordered = scans.map((s, i) => ({ s, i })).sort((a, b) => a.s.at.getTime() - b.s.at.getTime());
  const results: RedeemResult[] = new Array(scans.length);
  for (const { s, i } of ordered) results[i] = await redeem(db, list, { ...s, by, offline: true });
  return results;
}

/** Offline check-ins of tickets that were already in: for the organiser to look at. */
export async function listConflicts(db: Db, list: CheckinList) {
  return db
    .select({ name: people.name, at: checkins.at, firstAt: sql<Date>`(select min(f.at) from ${checkins} f where f.registration_id = ${checkins.registrationId} and f.list_id = ${list.id} and not f.conflict)`.mapWith((v) => new Date(v)) })
    .from(checkins)
    .innerJoin(registrations, eq(registrations.id, checkins.registrationId))
    .innerJoin(people, eq(people.id, registrations.personId))
    .where(and(eq(checkins.listId, list.id), eq(checkins.conflict, true)))
    .orderBy(asc(checkins.at));
}

/** A redeem's answer as the scanners read it (API and the station's script alike). */
export const redeemJson = (r: RedeemResult) => ({ result: r.kind, name: "name" in r ? r.name : null, organisationName: r.kind === "ok" ? r.organisationName : null, at: "at" in r ? r.at.toISOString() : null });

/**
 * When an offline scan says it was made: a real instant, not in the future (a few
 * minutes of clock drift aside) and not before the event's week. Null when it cannot be.
 */
export function offlineInstant(at: string, now: Date, eventStartsAt: Date): Date | null {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return null;
  if (d.getTime() > now.getTime() + 5 * 60_000) return null;
  if (d.getTime() < eventStartsAt.getTime() - 7 * 86_400_000) return null;
  return d;
}
