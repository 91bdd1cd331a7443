/**
 * Roles given per event by its organisers: check-in staff and session moderators. The
 * policy (policy.ts) reads them; nothing else decides what a role allows.
 */
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { eventRoles, events, people, type EventRoleKind } from "../db/schema.js";
import { findOrCreatePersonByEmail } from "../people/repository.js";

export async function hasEventRole(db: Db, personId: string, eventId: string, role: EventRoleKind): Promise<boolean> {
  const [row] = await db
    .select({ role: eventRoles.role })
    .from(eventRoles)
    .where(and(eq(eventRoles.eventId, eventId), eq(eventRoles.personId, personId), eq(eventRoles.role, role)))
    .limit(1);
  return !!row;
}

export async function grantEventRole(db: Db, eventId: string, personId: string, role: EventRoleKind, grantedBy: string | null): Promise<void> {
  await db.insert(eventRoles).values({ eventId, personId, role, grantedBy }).onConflictDoNothing();
}

/** Gives the role to whoever has the address (a profile is made for a newcomer); that person, for the answer. */
export async function grantEventRoleByEmail(db: Db, eventId: string, email: string, role: EventRoleKind, grantedBy: string | null) {
  const person = await findOrCreatePersonByEmail(db, email, email.split("@")[0]!);
  await grantEventRole(db, eventId, person.id, role, grantedBy);
  return person;
}

export async function withdrawEventRole(db: Db, eventId: string, personId: string, role: EventRoleKind): Promise<boolean> {
  const rows = await db
    .delete(eventRoles)
    .where(and(eq(eventRoles.eventId, eventId), eq(eventRoles.personId, personId), eq(eventRoles.role, role)))
    .returning({ personId: eventRoles.personId });
  return rows.length > 0;
}

/** Who holds which role for an event, by name. */
export async function listEventRoles(db: Db, eventId: string) {
  return db
    .select({ personId: eventRoles.personId, role: eventRoles.role, name: people.name, email: people.email, since: eventRoles.createdAt })
    .from(eventRoles)
    .innerJoin(people, eq(people.id, eventRoles.personId))
    .where(eq(eventRoles.eventId, eventId))
    .orderBy(asc(eventRoles.role), asc(people.name));
}

/** The roles a person holds, with their events: for their own page. */
export async function rolesOfPerson(db: Db, personId: string) {
  return db
    .select({ role: eventRoles.role, eventId: events.id, title: events.titleSv, startsAt: events.startsAt })
    .from(eventRoles)
    .innerJoin(events, eq(events.id, eventRoles.eventId))
    .where(eq(eventRoles.personId, personId))
    .orderBy(asc(events.startsAt));
}
