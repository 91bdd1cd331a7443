/** Queries for the program (sessions with their people) and exhibitors of an event. */
import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.js";
import {
  exhibitors,
  files,
  organisations,
  people,
  programSessions,
  sessionPeople,
  type SessionRole,
  type SessionType,
} from "../db/schema.js";

export type SessionRow = typeof programSessions.$inferSelect;
export type ExhibitorRow = typeof exhibitors.$inferSelect;

export interface SessionPersonView {
  personId: string;
  name: string;
  title: string | null;
  organisationName: string | null;
  bio: string | null;
  role: SessionRole;
  remote: boolean;
}

export interface SessionWithPeople extends SessionRow {
  people: SessionPersonView[];
}

const roleOrder: Record<SessionRole, number> = { moderator: 0, speaker: 1, panellist: 2 };

export async function listSessions(db: Db, eventId: string, onlySessionId?: string): Promise<SessionWithPeople[]> {
  const sessions = await db
    .select()
    .from(programSessions)
    .where(and(eq(programSessions.eventId, eventId), onlySessionId ? eq(programSessions.id, onlySessionId) : undefined))
    .orderBy(asc(programSessions.startsAt), asc(programSessions.room), asc(programSessions.id));
  if (sessions.length === 0) return [];
  const links = await db
    .select({
      sessionId: sessionPeople.sessionId,
      personId: people.id,
      name: people.name,
      title: people.title,
      bio: people.bio,
      organisationName: organisations.name,
      role: sessionPeople.role,
      remote: sessionPeople.remote,
    })
    .from(sessionPeople)
    .innerJoin(people, eq(people.id, sessionPeople.personId))
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
    .where(inArray(sessionPeople.sessionId, sessions.map((s) => s.id)))
    .orderBy(asc(people.name));
  return sessions.map((s) => ({
    ...s,
    people: links
      .filter((l) => l.sessionId === s.id)
      .map(({ sessionId: _s, ...p }) => p)
      .sort((a, b) => roleOrder[a.role] - roleOrder[b.role]),
  }));
}

export async function findSession(db: Db, eventId: string, sessionId: string): Promise<SessionWithPeople | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return undefined;
  const [session] = await listSessions(db, eventId, sessionId);
  return session;
}

export interface SessionValues {
  type: SessionType;
  titleSv: string;
  titleEn: string | null;
  descriptionSv: string | null;
  descriptionEn: string | null;
  startsAt: Date;
  endsAt: Date;
  room: string | null;
  roomEn: string | null;
  track: string | null;
  trackEn: string | null;
  seats: number | null;
}

export interface SessionPersonInput {
  personId: string;
  role: SessionRole;
  remote: boolean;
}

export async function insertSession(db: Db, eventId: string, values: SessionValues, persons: SessionPersonInput[]): Promise<string> {
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(programSessions).values({ id, eventId, ...values });
    if (persons.length) await tx.insert(sessionPeople).values(dedupe(persons).map((p) => ({ sessionId: id, ...p })));
  });
  return id;
}

export async function updateSessionRow(
  db: Db,
  sessionId: string,
  values: Partial<SessionValues>,
  persons: SessionPersonInput[] | undefined,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(programSessions).set({ ...values, updatedAt: now }).where(eq(programSessions.id, sessionId));
    if (persons) {
      await tx.delete(sessionPeople).where(eq(sessionPeople.sessionId, sessionId));
      if (persons.length) await tx.insert(sessionPeople).values(dedupe(persons).map((p) => ({ sessionId, ...p })));
    }
  });
}

export async function deleteSessionRow(db: Db, eventId: string, sessionId: string): Promise<boolean> {
  const rows = await db
    .delete(programSessions)
    .where(and(eq(programSessions.id, sessionId), eq(programSessions.eventId, eventId)))
    .returning({ id: programSessions.id });
  return rows.length > 0;
}

export async function addSessionPerson(db: Db, sessionId: string, p: SessionPersonInput): Promise<void> {
  await db
    .insert(sessionPeople)
    .values({ sessionId, ...p })
    .onConflictDoUpdate({ target: [sessionPeople.sessionId, sessionPeople.personId], set: { role: p.role, remote: p.remote } });
}

export async function removeSessionPerson(db: Db, sessionId: string, personId: string): Promise<void> {
  await db.delete(sessionPeople).where(and(eq(sessionPeople.sessionId, sessionId), eq(sessionPeople.personId, personId)));
}

/** One role per person and session: the last mention wins. */
function dedupe(persons: SessionPersonInput[]): SessionPersonInput[] {
  return [...new Map(persons.map((p) => [p.personId, p])).values()];
}

export async function listExhibitors(db: Db, eventId: string): Promise<ExhibitorRow[]> {
  return db.select().from(exhibitors).where(eq(exhibitors.eventId, eventId)).orderBy(asc(exhibitors.name));
}

export interface ExhibitorValues {
  name: string;
  descriptionSv: string | null;
  descriptionEn: string | null;
  booth: string | null;
  organisationId: string | null;
  website: string | null;
}

export async function findExhibitor(db: Db, eventId: string, id: string): Promise<ExhibitorRow | undefined> {
  const [row] = await db.select().from(exhibitors).where(and(eq(exhibitors.id, id), eq(exhibitors.eventId, eventId)));
  return row;
}

/**
 * Points the exhibitor at another logo (made by `newFile` in the same transaction, or none);
 * the logo it had is deleted. False when the event has no such exhibitor: then no file is made.
 */
export async function setExhibitorLogoRow(db: Db, eventId: string, id: string, newFile: (tx: Db) => Promise<string | null>): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ logo: exhibitors.logoFileId }).from(exhibitors).where(and(eq(exhibitors.id, id), eq(exhibitors.eventId, eventId))).for("update");
    if (!before) return false;
    const fileId = await newFile(tx);
    await tx.update(exhibitors).set({ logoFileId: fileId }).where(eq(exhibitors.id, id));
    if (before.logo) await tx.delete(files).where(eq(files.id, before.logo));
    return true;
  });
}

export async function insertExhibitor(db: Db, eventId: string, v: ExhibitorValues): Promise<ExhibitorRow> {
  const [row] = await db.insert(exhibitors).values({ id: randomUUID(), eventId, ...v }).returning();
  return row!;
}

export async function updateExhibitorRow(db: Db, eventId: string, id: string, v: ExhibitorValues): Promise<ExhibitorRow | undefined> {
  const [row] = await db
    .update(exhibitors)
    .set(v)
    .where(and(eq(exhibitors.id, id), eq(exhibitors.eventId, eventId)))
    .returning();
  return row;
}

export async function deleteExhibitorRow(db: Db, eventId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(exhibitors)
    .where(and(eq(exhibitors.id, id), eq(exhibitors.eventId, eventId)))
    .returning({ id: exhibitors.id, logo: exhibitors.logoFileId });
  // Its logo goes with it.
  if (rows[0]?.logo) await db.delete(files).where(eq(files.id, rows[0].logo));
  return rows.length > 0;
}

export async function personIdsExist(db: Db, ids: string[]): Promise<boolean> {
  if (ids.length === 0) return true;
  const unique = [...new Set(ids)];
  const rows = await db.select({ id: people.id }).from(people).where(inArray(people.id, unique));
  return rows.length === unique.length;
}
