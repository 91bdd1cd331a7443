/** Everything held about a person (GDPR article 15), as one JSON document. */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { apiTokens, delegations, events, invitations, people, registrations, sessionPeople, programSessions, spaceMembers, spaces } from "../db/schema.js";

export async function exportPersonData(db: Db, personId: string) {
  const [person] = await db.select().from(people).where(eq(people.id, personId));
  const regs = await db
    .select({ registration: registrations, eventTitle: events.titleSv, eventStartsAt: events.startsAt })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(eq(registrations.personId, personId));
  const roles = await db
    .select({ session: programSessions.titleSv, eventId: programSessions.eventId, role: sessionPeople.role, remote: sessionPeople.remote })
    .from(sessionPeople)
    .innerJoin(programSessions, eq(programSessions.id, sessionPeople.sessionId))
    .where(eq(sessionPeople.personId, personId));
  const memberships = await db.select({ space: spaces.name, role: spaceMembers.role }).from(spaceMembers).innerJoin(spaces, eq(spaces.id, spaceMembers.spaceId)).where(eq(spaceMembers.personId, personId));
  const tokens = await db.select({ name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt }).from(apiTokens).where(eq(apiTokens.personId, personId));
  const delegationRows = await db.select().from(delegations).where(eq(delegations.contactPersonId, personId));
  const invited = person?.email ? await db.select({ eventId: invitations.eventId, createdAt: invitations.createdAt }).from(invitations).where(eq(invitations.email, person.email)) : [];
  return {
    exportedAt: new Date().toISOString(),
    person,
    registrations: regs.map((r) => ({ ...r.registration, event: { title: r.eventTitle, startsAt: r.eventStartsAt } })),
    programRoles: roles,
    organiserOf: memberships,
    apiTokens: tokens,
    delegationsAsContact: delegationRows.map(({ id, eventId, organisationId, createdAt }) => ({ id, eventId, organisationId, createdAt })),
    invitations: invited,
  };
}
