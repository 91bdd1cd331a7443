/**
 * A participant's own agenda for an event: the sessions they starred and the ones they
 * hold a seat in (starred for them, kept while the seat is). Only the person sees it.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { agendaStars, programSessions, registrations, sessionChoices } from "../db/schema.js";
import { fieldError } from "../http/errors.js";

export interface AgendaMark {
  sessionId: string;
  starred: boolean;
  seated: boolean;
}

/** What is on the person's agenda for the event, by session. */
export async function agendaOf(db: Db, personId: string, eventId: string): Promise<AgendaMark[]> {
  const [stars, seats] = await Promise.all([
    db
      .select({ sessionId: agendaStars.sessionId })
      .from(agendaStars)
      .innerJoin(programSessions, eq(programSessions.id, agendaStars.sessionId))
      .where(and(eq(agendaStars.personId, personId), eq(programSessions.eventId, eventId))),
    db
      .select({ sessionId: sessionChoices.sessionId })
      .from(sessionChoices)
      .innerJoin(registrations, eq(registrations.id, sessionChoices.registrationId))
      .where(and(eq(registrations.personId, personId), eq(registrations.eventId, eventId), eq(registrations.status, "confirmed"), eq(sessionChoices.status, "seated"))),
  ]);
  const ids = [...new Set([...stars.map((s) => s.sessionId), ...seats.map((s) => s.sessionId)])];
  return ids.map((sessionId) => ({ sessionId, starred: stars.some((s) => s.sessionId === sessionId), seated: seats.some((s) => s.sessionId === sessionId) }));
}

/** Stars or unstars one of the event's sessions (idempotent); an unknown session is a 422. */
export async function setStar(db: Db, personId: string, eventId: string, sessionId: string, starred: boolean): Promise<void> {
  const [s] = await db.select({ id: programSessions.id }).from(programSessions).where(and(eq(programSessions.id, sessionId), eq(programSessions.eventId, eventId)));
  if (!s) throw fieldError("sessionId", "agenda.error.unknown");
  if (starred) await db.insert(agendaStars).values({ personId, sessionId }).onConflictDoNothing();
  else await db.delete(agendaStars).where(and(eq(agendaStars.personId, personId), eq(agendaStars.sessionId, sessionId)));
}

/** Replaces the person's stars for the event with exactly these sessions (the API's PUT). */
export async function setStars(db: Db, personId: string, eventId: string, sessionIds: string[]): Promise<void> {
  const unique = [...new Set(sessionIds)];
  const known = unique.length ? await db.select({ id: programSessions.id }).from(programSessions).where(and(eq(programSessions.eventId, eventId), inArray(programSessions.id, unique))) : [];
  if (known.length !== unique.length) throw fieldError("sessionIds", "agenda.error.unknown");
  await db.transaction(async (tx) => {
    const ofEvent = await tx.select({ id: programSessions.id }).from(programSessions).where(eq(programSessions.eventId, eventId)).orderBy(asc(programSessions.id));
    if (ofEvent.length) await tx.delete(agendaStars).where(and(eq(agendaStars.personId, personId), inArray(agendaStars.sessionId, ofEvent.map((s) => s.id))));
    if (unique.length) await tx.insert(agendaStars).values(unique.map((sessionId) => ({ personId, sessionId })));
  });
}
