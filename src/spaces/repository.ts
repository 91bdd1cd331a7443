import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { people, spaceMembers, spaces } from "../db/schema.js";
import { conflict, isUniqueViolation } from "../http/errors.js";

export type Space = typeof spaces.$inferSelect;

export async function findSpaceById(db: Db, id: string): Promise<Space | undefined> {
  const [row] = await db.select().from(spaces).where(eq(spaces.id, id));
  return row;
}

export async function findSpaceBySlug(db: Db, slug: string): Promise<Space | undefined> {
  const [row] = await db.select().from(spaces).where(eq(spaces.slug, slug));
  return row;
}

export async function listSpaces(db: Db): Promise<Space[]> {
  return db.select().from(spaces).orderBy(asc(spaces.name));
}

export async function listSpacesOf(db: Db, personId: string): Promise<Space[]> {
  const rows = await db
    .select({ space: spaces })
    .from(spaceMembers)
    .innerJoin(spaces, eq(spaces.id, spaceMembers.spaceId))
    .where(eq(spaceMembers.personId, personId))
    .orderBy(asc(spaces.name));
  return rows.map((r) => r.space);
}

export async function isSpaceOrganiser(db: Db, personId: string, spaceId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(spaceMembers)
    .where(and(eq(spaceMembers.personId, personId), eq(spaceMembers.spaceId, spaceId), eq(spaceMembers.role, "organiser")));
  return row !== undefined;
}

export async function hasSensitiveAccess(db: Db, personId: string, spaceId: string): Promise<boolean> {
  const [row] = await db
    .select({ ok: spaceMembers.sensitiveAccess })
    .from(spaceMembers)
    .where(and(eq(spaceMembers.personId, personId), eq(spaceMembers.spaceId, spaceId)));
  return row?.ok === true;
}

export async function setSensitiveAccess(db: Db, spaceId: string, personId: string, allowed: boolean): Promise<void> {
  await db.update(spaceMembers).set({ sensitiveAccess: allowed }).where(and(eq(spaceMembers.spaceId, spaceId), eq(spaceMembers.personId, personId)));
}

export async function updateRetention(db: Db, spaceId: string, r: { retentionDays: number; retentionAction: "anonymise" | "delete" }): Promise<void> {
  await db.update(spaces).set(r).where(eq(spaces.id, spaceId));
}

export interface NewSpace {
  slug: string;
  name: string;
  description?: string | null;
  regionCode?: string | null;
}

/** Slugs that would collide with the organiser pages' own paths. */
const RESERVED_SLUGS = new Set(["ny", "evenemang", "api", "admin"]);

export async function createSpace(db: Db, input: NewSpace): Promise<Space> {
  if (RESERVED_SLUGS.has(input.slug)) throw conflict("error.slug_taken", "slug");
  try {
    const [row] = await db
      .insert(spaces)
      .values({ id: randomUUID(), slug: input.slug, name: input.name, description: input.description ?? null, regionCode: input.regionCode ?? null })
      .returning();
    return row!;
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict("error.slug_taken", "slug");
    throw err;
  }
}

export async function addSpaceOrganiser(db: Db, spaceId: string, personId: string): Promise<void> {
  await db.insert(spaceMembers).values({ spaceId, personId, role: "organiser" }).onConflictDoNothing();
}

export async function removeSpaceMember(db: Db, spaceId: string, personId: string): Promise<void> {
  await db.delete(spaceMembers).where(and(eq(spaceMembers.spaceId, spaceId), eq(spaceMembers.personId, personId)));
}

export async function listSpaceMembers(db: Db, spaceId: string) {
  return db
    .select({ personId: people.id, name: people.name, email: people.email, role: spaceMembers.role, sensitiveAccess: spaceMembers.sensitiveAccess })
    .from(spaceMembers)
    .innerJoin(people, eq(people.id, spaceMembers.personId))
    .where(eq(spaceMembers.spaceId, spaceId))
    .orderBy(asc(people.name));
}
