/** Queries for events and series. Program sessions and exhibitors: program-repository.ts. */
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, gte, inArray, lt, ne, sql, type SQL } from "drizzle-orm";
import type { SelectedFields } from "drizzle-orm/pg-core";
import type { Db } from "../db/client.js";
import { eventSeries, events, spaces, type EventFormat, type EventStatus } from "../db/schema.js";
import { conflict, isUniqueViolation } from "../http/errors.js";
import { slugify } from "../shared/fields.js";

export type EventRow = typeof events.$inferSelect;
export type Series = typeof eventSeries.$inferSelect;

export interface EventWithSpace extends EventRow {
  spaceName: string;
  spaceSlug: string;
  seriesName: string | null;
}

const withSpaceColumns = { event: events, spaceName: spaces.name, spaceSlug: spaces.slug, seriesName: eventSeries.name };

export function flatten(r: { event: EventRow; spaceName: string; spaceSlug: string; seriesName: string | null }): EventWithSpace {
  return { ...r.event, spaceName: r.spaceName, spaceSlug: r.spaceSlug, seriesName: r.seriesName };
}

/** Events with their space and series; `extra` adds columns of tables the caller joins. */
export function selectWithSpace<Extra extends SelectedFields>(db: Db, extra: Extra = {} as Extra) {
  return db
    .select({ ...withSpaceColumns, ...extra })
    .from(events)
    .innerJoin(spaces, eq(spaces.id, events.spaceId))
    .leftJoin(eventSeries, eq(eventSeries.id, events.seriesId));
}

export async function findEventById(db: Db, id: string): Promise<EventWithSpace | undefined> {
  const [row] = await selectWithSpace(db).where(eq(events.id, id));
  return row && flatten(row);
}

export async function findEventBySlug(db: Db, slug: string): Promise<EventWithSpace | undefined> {
  const [row] = await selectWithSpace(db).where(eq(events.slug, slug));
  return row && flatten(row);
}

export interface PublicListOptions {
  now: Date;
  when: "upcoming" | "past" | "all";
  regionCode?: string | null;
  spaceSlug?: string | null;
  limit: number;
  offset: number;
}

/** Published and cancelled events (a cancelled event stays visible so people learn of it). */
export async function listPublicEvents(db: Db, o: PublicListOptions): Promise<EventWithSpace[]> {
  const conditions: SQL[] = [inArray(events.status, ["published", "cancelled"])];
  if (o.when === "upcoming") conditions.push(gte(events.endsAt, o.now));
  if (o.when === "past") conditions.push(lt(events.endsAt, o.now));
  if (o.regionCode) conditions.push(eq(events.regionCode, o.regionCode));
  if (o.spaceSlug) conditions.push(eq(spaces.slug, o.spaceSlug));
  const rows = await selectWithSpace(db)
    .where(and(...conditions))
    .orderBy(o.when === "past" ? desc(events.startsAt) : asc(events.startsAt), asc(events.id))
    .limit(o.limit)
    .offset(o.offset);
  return rows.map(flatten);
}

export async function listSpaceEvents(db: Db, spaceId: string): Promise<EventWithSpace[]> {
  const rows = await selectWithSpace(db).where(eq(events.spaceId, spaceId)).orderBy(desc(events.startsAt));
  return rows.map(flatten);
}

export async function listSeriesEditions(db: Db, seriesId: string): Promise<EventRow[]> {
  return db.select().from(events).where(eq(events.seriesId, seriesId)).orderBy(desc(events.startsAt));
}

/** A free slug based on the wanted one: "digitala-vasterbotten-2026", then "-2", "-3"… */
export async function freeSlug(db: Db, wanted: string, exceptEventId?: string): Promise<string> {
  const base = slugify(wanted).slice(0, 90);
  const taken = await db
    .select({ slug: events.slug })
    .from(events)
    .where(
      and(
        sql`(${events.slug} = ${base} or ${events.slug} like ${`${base}-%`})`,
        exceptEventId ? ne(events.id, exceptEventId) : undefined,
      ),
    );
  const set = new Set(taken.map((t) => t.slug));
  if (!set.has(base)) return base;
  for (let n = 2; ; n++) if (!set.has(`${base}-${n}`)) return `${base}-${n}`;
}

export interface EventValues {
  spaceId: string;
  seriesId: string | null;
  slug: string;
  titleSv: string;
  titleEn: string | null;
  descriptionSv: string | null;
  descriptionEn: string | null;
  startsAt: Date;
  endsAt: Date;
  venue: string | null;
  address: string | null;
  format: EventFormat;
  regionCode: string | null;
}

export async function insertEvent(db: Db, values: EventValues): Promise<EventRow> {
  try {
    const [row] = await db
      .insert(events)
      .values({ id: randomUUID(), ...values, status: "draft" })
      .returning();
    return row!;
  } catch (err) {
    if (isUniqueViolation(err, "events_slug_unique")) throw conflict("error.slug_taken", "slug");
    throw err;
  }
}

export type EventChanges = Partial<Omit<EventValues, "spaceId">> & {
  status?: EventStatus;
  publishedAt?: Date | null;
  cancelledAt?: Date | null;
};

export async function updateEventRow(db: Db, id: string, changes: EventChanges, now: Date): Promise<EventRow> {
  try {
    const [row] = await db
      .update(events)
      .set({ ...changes, updatedAt: now })
      .where(eq(events.id, id))
      .returning();
    return row!;
  } catch (err) {
    if (isUniqueViolation(err, "events_slug_unique")) throw conflict("error.slug_taken", "slug");
    throw err;
  }
}

export async function listSeries(db: Db, spaceId: string): Promise<Series[]> {
  return db.select().from(eventSeries).where(eq(eventSeries.spaceId, spaceId)).orderBy(asc(eventSeries.name));
}

export async function findSeriesInSpace(db: Db, spaceId: string, seriesId: string): Promise<Series | undefined> {
  const [row] = await db
    .select()
    .from(eventSeries)
    .where(and(eq(eventSeries.id, seriesId), eq(eventSeries.spaceId, spaceId)));
  return row;
}

/** Finds the space's series with this name, or creates it. */
export async function findOrCreateSeries(db: Db, spaceId: string, name: string): Promise<Series> {
  const slug = slugify(name);
  await db.insert(eventSeries).values({ id: randomUUID(), spaceId, slug, name }).onConflictDoNothing();
  const [row] = await db
    .select()
    .from(eventSeries)
    .where(and(eq(eventSeries.spaceId, spaceId), eq(eventSeries.slug, slug)));
  return row!;
}
