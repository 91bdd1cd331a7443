import { randomUUID } from "node:crypto";
import { and, asc, eq, ilike, or, sql } from "drizzle-orm";
import { preparedPerDb, type Db } from "../db/client.js";
import { organisations, people } from "../db/schema.js";
import { isUniqueViolation, conflict } from "../http/errors.js";

export type Person = typeof people.$inferSelect;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findPersonById(db: Db, id: string): Promise<Person | undefined> {
  const [row] = await db.select().from(people).where(eq(people.id, id));
  return row;
}

export async function findPersonByEmail(db: Db, email: string): Promise<Person | undefined> {
  const [row] = await db.select().from(people).where(eq(people.email, normaliseEmail(email)));
  return row;
}

export interface NewPerson {
  name: string;
  email?: string | null;
  organisationId?: string | null;
  title?: string | null;
  bio?: string | null;
  isPlatformAdmin?: boolean;
}

export async function createPerson(db: Db, input: NewPerson): Promise<Person> {
  try {
    const [row] = await db
      .insert(people)
      .values({
        id: randomUUID(),
        name: input.name,
        email: input.email ? normaliseEmail(input.email) : null,
        organisationId: input.organisationId ?? null,
        title: input.title ?? null,
        bio: input.bio ?? null,
        isPlatformAdmin: input.isPlatformAdmin ?? false,
      })
      .returning();
    return row!;
  } catch (err) {
    if (isUniqueViolation(err, "people_email_key")) throw conflict("error.email_taken", "email");
    throw err;
  }
}

/** One profile per person: returns the existing one for the e-mail, or makes it. */
// One round trip: insert, or return the existing row untouched (the no-op update makes RETURNING give it).
const insertOrFindPerson = preparedPerDb((db) =>
  db
    .insert(people)
    .values({ id: sql.placeholder("id"), name: sql.placeholder("name"), email: sql.placeholder("email"), organisationId: sql.placeholder("organisationId"), locale: sql.placeholder("locale") })
    .onConflictDoUpdate({ target: people.email, set: { email: sql`excluded.email` } })
    .returning()
    .prepare("insert_or_find_person"),
);

export async function findOrCreatePersonByEmail(db: Db, email: string, name: string, extra: { organisationId?: string | null; locale?: string | null } = {}): Promise<Person> {
  const [row] = await insertOrFindPerson(db).execute({ id: randomUUID(), name, email: normaliseEmail(email), organisationId: extra.organisationId ?? null, locale: extra.locale ?? null });
  return row!;
}

export interface ProfileChanges {
  name?: string;
  locale?: string | null;
  organisationId?: string | null;
  title?: string | null;
  bio?: string | null;
  email?: string | null;
}

export async function updatePerson(db: Db, id: string, changes: ProfileChanges): Promise<Person | undefined> {
  try {
    const [row] = await db
      .update(people)
      .set({
        ...changes,
        ...(changes.email !== undefined ? { email: changes.email ? normaliseEmail(changes.email) : null } : {}),
        updatedAt: new Date(),
      })
      .where(eq(people.id, id))
      .returning();
    return row;
  } catch (err) {
    if (isUniqueViolation(err, "people_email_key")) throw conflict("error.email_taken", "email");
    throw err;
  }
}

export async function setPlatformAdmin(db: Db, id: string): Promise<void> {
  await db.update(people).set({ isPlatformAdmin: true }).where(eq(people.id, id));
}

export interface PersonWithOrganisation extends Person {
  organisationName: string | null;
}

export async function searchPeople(db: Db, q: string, limit = 20): Promise<PersonWithOrganisation[]> {
  const pattern = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  const rows = await db
    .select({ person: people, organisationName: organisations.name })
    .from(people)
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
    .where(q ? or(ilike(people.name, pattern), ilike(people.email, pattern)) : sql`true`)
    .orderBy(asc(people.name))
    .limit(limit);
  return rows.map((r) => ({ ...r.person, organisationName: r.organisationName }));
}

export async function personWithOrganisation(db: Db, id: string): Promise<PersonWithOrganisation | undefined> {
  const [row] = await db
    .select({ person: people, organisationName: organisations.name })
    .from(people)
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
    .where(and(eq(people.id, id)));
  return row ? { ...row.person, organisationName: row.organisationName } : undefined;
}
