import { randomUUID } from "node:crypto";
import { and, asc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { organisations, type OrganisationKind } from "../db/schema.js";
import { conflict, isUniqueViolation } from "../http/errors.js";
import { loadRegister } from "./register.js";
import type { OrganisationInput } from "./schemas.js";

export type Organisation = typeof organisations.$inferSelect;

export async function findOrganisationById(db: Db, id: string): Promise<Organisation | undefined> {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row;
}

/**
 * Search by name, kommunkod, länskod or organisation number. Exact code matches come
 * first, then names that start with the query, then the rest alphabetically.
 */
export async function searchOrganisations(
  db: Db,
  q: string,
  options: { kind?: OrganisationKind; limit?: number } = {},
): Promise<Organisation[]> {
  const term = q.trim();
  const conditions: SQL[] = [];
  if (options.kind) conditions.push(eq(organisations.kind, options.kind));
  let rank: SQL | null = null;
  if (term) {
    const escaped = term.replace(/[\\%_]/g, (m) => `\\${m}`);
    const digits = term.replace(/[\s-]/g, "");
    const byCode: SQL[] = [];
    if (/^\d{2}$/.test(digits)) byCode.push(eq(organisations.countyCode, digits));
    if (/^\d{4}$/.test(digits)) byCode.push(eq(organisations.municipalityCode, digits));
    if (/^\d{10}$/.test(digits)) byCode.push(eq(organisations.orgNumber, digits));
    conditions.push(or(ilike(organisations.name, `%${escaped}%`), ...byCode)!);
    rank = sql`case
      when ${organisations.municipalityCode} = ${digits} or ${organisations.orgNumber} = ${digits} then 0
      when ${organisations.kind} = 'region' and ${organisations.countyCode} = ${digits} then 0
      when lower(${organisations.name}) = lower(${term}) then 1
      when ${organisations.name} ilike ${`${escaped}%`} then 2
      else 3 end`;
  }
  return db
    .select()
    .from(organisations)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(...(rank ? [rank] : []), asc(organisations.name))
    .limit(options.limit ?? 50);
}

export async function createOrganisation(db: Db, input: OrganisationInput): Promise<Organisation> {
  try {
    const [row] = await db
      .insert(organisations)
      .values({ id: randomUUID(), name: input.name, kind: input.kind, orgNumber: input.orgNumber, countyCode: input.countyCode })
      .returning();
    return row!;
  } catch (err) {
    if (isUniqueViolation(err, "organisations_org_number_key")) throw conflict("error.org_number_taken", "orgNumber");
    throw err;
  }
}

/** Loads SCB's regions and municipalities; safe to run again (nothing is duplicated). */
export async function importRegister(db: Db): Promise<{ regions: number; municipalities: number }> {
  const { counties, municipalities } = loadRegister();
  await db
    .insert(organisations)
    .values(
      counties.map((c) => ({ id: randomUUID(), name: c.regionName, kind: "region" as const, countyCode: c.countyCode })),
    )
    .onConflictDoNothing();
  await db
    .insert(organisations)
    .values(
      municipalities.map((m) => ({
        id: randomUUID(),
        name: m.name,
        kind: "municipality" as const,
        municipalityCode: m.municipalityCode,
        countyCode: m.countyCode,
      })),
    )
    .onConflictDoNothing();
  return { regions: counties.length, municipalities: municipalities.length };
}

export async function findRegionByCounty(db: Db, countyCode: string): Promise<Organisation | undefined> {
  const [row] = await db
    .select()
    .from(organisations)
    .where(and(eq(organisations.kind, "region"), eq(organisations.countyCode, countyCode)));
  return row;
}

export async function findMunicipalityByCode(db: Db, code: string): Promise<Organisation | undefined> {
  const [row] = await db.select().from(organisations).where(eq(organisations.municipalityCode, code));
  return row;
}
