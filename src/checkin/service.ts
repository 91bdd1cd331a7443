/**
 * Checking people in: check-in lists with their rules, finding a person by name, and
 * redeeming a ticket or a registration on a list. A redeem decides under a lock on the
 * registration, so two stations scanning one ticket at once check it in once; the same
 * nonce twice (a slow network, a second press) is the same check-in, answered the same.
 */
import { randomUUID } from "node:crypto";
import { and, asc, count, countDistinct, eq, ilike, inArray, or, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { checkinLists, checkins, organisations, people, registrations } from "../db/schema.js";
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

export async function createList(db: Db, eventId: string, input: { name: string; attendance: "onsite" | "remote" | null; allowReentry: boolean }): Promise<CheckinList> {
  const [row] = await db.insert(checkinLists).values({ id: randomUUID(), eventId, ...input }).returning();
  return row!;
}

const counted = (list: CheckinList) =>
  and(eq(registrations.eventId, list.eventId), eq(registrations.status, "confirmed"), list.attendance ? eq(registrations.attendance, list.attendance) : undefined);

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

/** Confirmed people on the list whose name, e-mail or organisation contains the text. */
export async function searchList(db: Db, list: CheckinList, q: string, limit = 20): Promise<Found[]> {
  const p = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  const rows = await db
    .select({
      registrationId: registrations.id,
      name: people.name,
      organisationName: organisations.name,
      attendance: registrations.attendance,
      checkedInAt: sql<Date | null>`(select min(c.at) from ${checkins} c where c.registration_id = ${registrations.id} and c.list_id = ${list.id})`.mapWith((v) => (v ? new Date(v) : null)),
    })
    .from(registrations)
    .innerJoin(people, eq(people.id, registrations.personId))
    .leftJoin(organisations, eq(organisations.id, registrations.organisationId))
    .where(and(counted(list), or(ilike(people.name, p), ilike(people.email, p), ilike(organisations.name, p))))
    .orderBy(asc(people.name))
    .limit(limit);
  return rows;
}

export type RedeemResult =
  | { kind: "ok"; name: string; organisationName: string | null; attendance: "onsite" | "remote"; at: Date }
  | { kind: "already"; name: string; at: Date }
  | { kind: "cancelled"; name: string }
  | { kind: "not_confirmed"; name: string }
  | { kind: "wrong_attendance"; name: string; attendance: "onsite" | "remote" }
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
    if (same) return { kind: "ok", name, organisationName: org?.name ?? null, attendance: r.attendance, at: same.at } as const;
    if (r.status === "cancelled" || r.status === "declined") return { kind: "cancelled", name } as const;
    if (r.status !== "confirmed") return { kind: "not_confirmed", name } as const;
    if (list.attendance && r.attendance !== list.attendance) return { kind: "wrong_attendance", name, attendance: r.attendance } as const;
    if (earlier.length > 0 && !list.allowReentry) return { kind: "already", name, at: earlier[0]!.at } as const;
    const made = await tx
      .insert(checkins)
      .values({ id: randomUUID(), listId: list.id, registrationId: r.id, at: input.at, byPersonId: input.by, nonce: input.nonce, offline: input.offline ?? false })
      .onConflictDoNothing()
      .returning({ id: checkins.id });
    // The nonce was used on this list for someone else: a broken scanner, not a check-in.
    if (made.length === 0) return { kind: "invalid" } as const;
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
