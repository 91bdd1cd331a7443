/**
 * Who gets a name badge, and what it says: everyone with a confirmed place on site, and
 * the program's people who take part in the room without having registered (a speaker
 * the organiser added). Each badge names one role, the most visible one the person has
 * for the event: speaker, moderator, panellist, exhibitor, organiser, staff, else
 * participant. No health data, no e-mail: a badge is read by everyone in the room.
 */
import { and, asc, eq, inArray, isNotNull, notInArray, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { eventRoles, exhibitors, organisations, people, programSessions, registrations, sessionPeople, spaceMembers } from "../db/schema.js";

export const badgeRoles = ["speaker", "moderator", "panellist", "exhibitor", "organiser", "staff", "participant"] as const;
export type BadgeRole = (typeof badgeRoles)[number];

export interface BadgeHolder {
  name: string;
  organisationName: string | null;
  role: BadgeRole;
  /** The registration whose ticket the badge may carry; null for a program person without one. */
  registration: { id: string; eventId: string; ticketVersion: number } | null;
}

/** Who has a badge of their own registration: a confirmed place on site, and a person (not anonymised). */
const onSiteConfirmed = (eventId: string) => and(eq(registrations.eventId, eventId), eq(registrations.status, "confirmed"), eq(registrations.attendance, "onsite"), isNotNull(registrations.personId));

/** The event's badges in name order, or the one of a single registration (printed at the desk). */
export async function badgeHolders(db: Db, event: { id: string; spaceId: string }, only?: { registrationId: string }): Promise<BadgeHolder[]> {
  const onSite = onSiteConfirmed(event.id);
  const registered = await db
    .select({ id: registrations.id, eventId: registrations.eventId, ticketVersion: registrations.ticketVersion, personId: registrations.personId, name: people.name, organisationName: organisations.name, organisationId: registrations.organisationId })
    .from(registrations)
    .innerJoin(people, eq(people.id, registrations.personId))
    .leftJoin(organisations, eq(organisations.id, registrations.organisationId))
    .where(only ? and(onSite, eq(registrations.id, only.registrationId)) : onSite)
    .orderBy(asc(people.name));
  const registeredIds = registered.map((r) => r.personId!);
  // Program people in the room who have no registration of their own.
  const unregistered = only
    ? []
    : await db
        .selectDistinct({ personId: people.id, name: people.name, organisationName: organisations.name, organisationId: people.organisationId })
        .from(sessionPeople)
        .innerJoin(programSessions, eq(programSessions.id, sessionPeople.sessionId))
        .innerJoin(people, eq(people.id, sessionPeople.personId))
        .leftJoin(organisations, eq(organisations.id, people.organisationId))
        .where(and(eq(programSessions.eventId, event.id), eq(sessionPeople.remote, false), registeredIds.length > 0 ? notInArray(people.id, registeredIds) : undefined));
  const personIds = [...registeredIds, ...unregistered.map((u) => u.personId)];
  const roles = await rolesFor(db, event, personIds);
  const exhibiting = new Set(
    (await db.select({ id: exhibitors.organisationId }).from(exhibitors).where(and(eq(exhibitors.eventId, event.id), isNotNull(exhibitors.organisationId)))).map((e) => e.id!),
  );
  const roleOf = (personId: string, organisationId: string | null): BadgeRole => {
    const held = roles.get(personId) ?? new Set<BadgeRole>();
    if (organisationId && exhibiting.has(organisationId)) held.add("exhibitor");
    return badgeRoles.find((r) => held.has(r)) ?? "participant";
  };
  const all: BadgeHolder[] = [
    ...registered.map((r) => ({ name: r.name, organisationName: r.organisationName, role: roleOf(r.personId!, r.organisationId), registration: { id: r.id, eventId: r.eventId, ticketVersion: r.ticketVersion } })),
    ...unregistered.map((u) => ({ name: u.name, organisationName: u.organisationName, role: roleOf(u.personId, u.organisationId), registration: null })),
  ];
  return all.sort((a, b) => a.name.localeCompare(b.name, "sv"));
}

/** Each person's roles for the event: in the program, as organiser of its space, as staff. */
async function rolesFor(db: Db, event: { id: string; spaceId: string }, personIds: string[]): Promise<Map<string, Set<BadgeRole>>> {
  const map = new Map<string, Set<BadgeRole>>();
  if (personIds.length === 0) return map;
  const add = (personId: string, role: BadgeRole) => (map.get(personId) ?? map.set(personId, new Set()).get(personId)!).add(role);
  const [program, organisers, staff] = await Promise.all([
    db
      .select({ personId: sessionPeople.personId, role: sessionPeople.role })
      .from(sessionPeople)
      .innerJoin(programSessions, eq(programSessions.id, sessionPeople.sessionId))
      .where(and(eq(programSessions.eventId, event.id), inArray(sessionPeople.personId, personIds))),
    db.select({ personId: spaceMembers.personId }).from(spaceMembers).where(and(eq(spaceMembers.spaceId, event.spaceId), inArray(spaceMembers.personId, personIds))),
    db.select({ personId: eventRoles.personId, role: eventRoles.role }).from(eventRoles).where(and(eq(eventRoles.eventId, event.id), inArray(eventRoles.personId, personIds))),
  ]);
  for (const p of program) add(p.personId, p.role);
  for (const o of organisers) add(o.personId, "organiser");
  for (const s of staff) add(s.personId, s.role === "moderator" ? "moderator" : "staff");
  return map;
}

/** How many badges the event would print, for the page that offers them. */
export async function badgeCount(db: Db, eventId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(registrations)
    .where(onSiteConfirmed(eventId));
  return row?.n ?? 0;
}
