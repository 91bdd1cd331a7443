/** Reads for registration: settings, pools, questions, and registrations joined with people. */
import { and, asc, count, desc, eq, getTableColumns, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { preparedPerDb, type Db } from "../db/client.js";
import { flatten, selectWithSpace, type EventWithSpace } from "../events/repository.js";
import { readLink } from "../shared/signed-links.js";
import {
  events,
  organisations,
  people,
  placePools,
  registrationQuestions,
  registrationSettings,
  registrations,
  type Attendance,
  type OrganisationKind,
  type RegistrationStatus,
} from "../db/schema.js";

export type Settings = typeof registrationSettings.$inferSelect;
export type Pool = typeof placePools.$inferSelect;
export type Question = typeof registrationQuestions.$inferSelect;
export type RegistrationRow = typeof registrations.$inferSelect;

/** What registering needs of an event: the event itself, its settings and its questions in order. */
export interface RegistrationSetup {
  event: EventWithSpace;
  settings: Settings | undefined;
  questions: Question[];
}

// The event's questions as one JSON array, keyed as the Question type is.
const questionFields = Object.entries(getTableColumns(registrationQuestions))
  .map(([key, column]) => `'${key}', q."${column.name}"`)
  .join(", ");
const questionsOfEvent = sql<Question[]>`(select coalesce(json_agg(json_build_object(${sql.raw(questionFields)}) order by q.position, q.id), '[]'::json) from registration_questions q where q.event_id = ${events.id})`;

const setupQuery = (db: Db) =>
  selectWithSpace(db, { settings: registrationSettings, questions: questionsOfEvent }).leftJoin(registrationSettings, eq(registrationSettings.eventId, events.id));
const setupById = preparedPerDb((db) => setupQuery(db).where(eq(events.id, sql.placeholder("key"))).prepare("registration_setup_by_id"));
const setupBySlug = preparedPerDb((db) => setupQuery(db).where(eq(events.slug, sql.placeholder("key"))).prepare("registration_setup_by_slug"));

/** The event, its settings and its questions in one query (a registration reads them all). */
export async function findRegistrationSetup(db: Db, by: { id: string } | { slug: string }): Promise<RegistrationSetup | undefined> {
  const [row] = "id" in by ? await setupById(db).execute({ key: by.id }) : await setupBySlug(db).execute({ key: by.slug });
  if (!row) return undefined;
  const { settings, questions, ...event } = row;
  return { event: flatten(event), settings: settings ?? undefined, questions };
}

export async function findSettings(db: Db, eventId: string): Promise<Settings | undefined> {
  const [row] = await db.select().from(registrationSettings).where(eq(registrationSettings.eventId, eventId));
  return row;
}

export async function listPools(db: Db, eventId: string): Promise<Pool[]> {
  return db.select().from(placePools).where(eq(placePools.eventId, eventId)).orderBy(asc(placePools.attendance));
}

export async function listQuestions(db: Db, eventId: string): Promise<Question[]> {
  return db.select().from(registrationQuestions).where(eq(registrationQuestions.eventId, eventId)).orderBy(asc(registrationQuestions.position), asc(registrationQuestions.id));
}

export async function findRegistration(db: Db, id: string): Promise<RegistrationRow | undefined> {
  const [row] = await db.select().from(registrations).where(eq(registrations.id, id));
  return row;
}

/** The registration a manage link points at, when its signature and version are right. */
export async function findRegistrationByManageToken(db: Db, linkKey: Buffer, token: string): Promise<RegistrationRow | undefined> {
  const id = /^([0-9a-f-]{36})\./.exec(token)?.[1];
  const registration = id ? await findRegistration(db, id) : undefined;
  if (!registration) return undefined;
  return readLink(linkKey, "registration", token.slice(0, 100), () => registration.manageVersion) === registration.id ? registration : undefined;
}

export async function findRegistrationOf(db: Db, eventId: string, personId: string): Promise<RegistrationRow | undefined> {
  const [row] = await db.select().from(registrations).where(and(eq(registrations.eventId, eventId), eq(registrations.personId, personId)));
  return row;
}

/** Place in the waiting list (1 = next), counted among those still waiting. */
export async function waitlistPosition(db: Db, r: Pick<RegistrationRow, "eventId" | "attendance" | "waitlistSeq" | "status">): Promise<number | null> {
  if (r.status !== "waitlisted" || r.waitlistSeq === null) return null;
  const [row] = await db
    .select({ n: count() })
    .from(registrations)
    .where(
      and(
        eq(registrations.eventId, r.eventId),
        eq(registrations.attendance, r.attendance),
        eq(registrations.status, "waitlisted"),
        lt(registrations.waitlistSeq, r.waitlistSeq),
      ),
    );
  return Number(row!.n) + 1;
}

/** Who gets a place that is freed in a pool: the first still waiting for it, if anyone. */
export async function nextInLine(db: Db, eventId: string, attendance: Attendance, except: string): Promise<{ id: string; name: string } | undefined> {
  const [row] = await db
    .select({ id: registrations.id, name: people.name })
    .from(registrations)
    .innerJoin(people, eq(people.id, registrations.personId))
    .where(and(eq(registrations.eventId, eventId), eq(registrations.attendance, attendance), eq(registrations.status, "waitlisted"), sql`${registrations.id} <> ${except}`))
    .orderBy(asc(registrations.waitlistSeq))
    .limit(1);
  return row;
}

export interface RegistrationListItem extends RegistrationRow {
  name: string | null;
  email: string | null;
  title: string | null;
  organisationName: string | null;
  organisationKind: OrganisationKind | null;
  municipalityCode: string | null;
  countyCode: string | null;
  /** Place in the queue of its pool, for a waiting registration. */
  position: number | null;
}

export interface RegistrationFilter {
  q?: string;
  status?: RegistrationStatus | "";
  attendance?: Attendance | "";
  organisationKind?: OrganisationKind | "";
  municipalityCode?: string;
  countyCode?: string;
}

export function filterConditions(eventId: string, f: RegistrationFilter): SQL[] {
  const c: SQL[] = [eq(registrations.eventId, eventId)];
  if (f.status) c.push(eq(registrations.status, f.status));
  if (f.attendance) c.push(eq(registrations.attendance, f.attendance));
  if (f.organisationKind) c.push(eq(organisations.kind, f.organisationKind));
  if (f.municipalityCode) c.push(eq(organisations.municipalityCode, f.municipalityCode));
  if (f.countyCode) c.push(eq(organisations.countyCode, f.countyCode));
  if (f.q) {
    const p = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    c.push(or(ilike(people.name, p), ilike(people.email, p), ilike(organisations.name, p))!);
  }
  return c;
}

/**
 * People are looked up one by one by key (LATERAL … OFFSET 0 keeps PostgreSQL from
 * turning it into a hash join over every person in the country); the alias is "people",
 * so filterConditions' references to people's columns read from it.
 */
const peopleOfRegistration = sql`lateral (select p.name, p.email, p.title from people p where p.id = ${registrations.personId} offset 0) as "people"`;

/**
 * One page of an event's registrations in arrival order, with people and organisations;
 * a waiting registration carries its place in its pool's queue (counted over the whole
 * queue, not just the page or the filter).
 */
export async function listRegistrations(db: Db, eventId: string, f: RegistrationFilter = {}, page: { limit: number; offset: number } = { limit: 100_000, offset: 0 }): Promise<RegistrationListItem[]> {
  const queue = db
    .select({ id: registrations.id, position: sql<number>`row_number() over (partition by ${registrations.attendance} order by ${registrations.waitlistSeq})::int`.as("position") })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.status, "waitlisted")))
    .as("queue");
  const rows = await db
    .select({
      r: registrations,
      name: sql<string | null>`"people"."name"`,
      email: sql<string | null>`"people"."email"`,
      title: sql<string | null>`"people"."title"`,
      organisationName: organisations.name,
      organisationKind: organisations.kind,
      municipalityCode: organisations.municipalityCode,
      countyCode: organisations.countyCode,
      position: queue.position,
    })
    .from(registrations)
    .leftJoin(peopleOfRegistration, sql`true`)
    .leftJoin(queue, eq(queue.id, registrations.id))
    .leftJoin(organisations, eq(organisations.id, registrations.organisationId))
    .where(and(...filterConditions(eventId, f)))
    .orderBy(asc(registrations.createdAt), asc(registrations.id))
    .limit(page.limit)
    .offset(page.offset);
  return rows.map(({ r, ...rest }) => ({ ...r, ...rest }));
}

/** Counts of the filtered registrations by status, municipality, county and day (Stockholm time), for totals. */
export interface RegistrationGroup {
  status: RegistrationStatus;
  municipalityCode: string | null;
  countyCode: string | null;
  day: string;
  n: number;
}

export async function countRegistrationGroups(db: Db, eventId: string, f: RegistrationFilter = {}): Promise<RegistrationGroup[]> {
  const day = sql<string>`to_char(${registrations.createdAt} at time zone 'Europe/Stockholm', 'YYYY-MM-DD')`;
  const rows = await db
    .select({ status: registrations.status, municipalityCode: organisations.municipalityCode, countyCode: organisations.countyCode, day, n: sql<number>`count(*)::int` })
    .from(registrations)
    .leftJoin(peopleOfRegistration, sql`true`)
    .leftJoin(organisations, eq(organisations.id, registrations.organisationId))
    .where(and(...filterConditions(eventId, f)))
    .groupBy(registrations.status, organisations.municipalityCode, organisations.countyCode, day);
  return rows as RegistrationGroup[];
}

/**
 * How many of the filtered registrations confirmed on site answered each health question
 * (value null) and gave each answer (an option, or a free text), without names and without
 * reading anyone's registration into the application.
 */
export async function countSensitiveAnswers(db: Db, eventId: string, f: RegistrationFilter = {}): Promise<{ questionId: string; value: string | null; n: number }[]> {
  const rows = await db
    .select({
      questionId: sql<string>`e.key`,
      // grouping() tells the question's own row (how many answered) from a value's row.
      value: sql<string | null>`case when grouping(v.value) = 0 then coalesce(v.value, '') end`,
      n: sql<number>`count(distinct ${registrations.id})::int`,
    })
    .from(registrations)
    .leftJoin(peopleOfRegistration, sql`true`)
    .leftJoin(organisations, eq(organisations.id, registrations.organisationId))
    .innerJoin(sql`lateral jsonb_each(${registrations.sensitiveAnswers}) as e(key, val)`, sql`true`)
    .leftJoin(sql`lateral jsonb_array_elements_text(case jsonb_typeof(e.val) when 'array' then e.val else jsonb_build_array(e.val) end) as v(value)`, sql`true`)
    // Caterers feed those confirmed on site: not the remote, not the waiting list.
    .where(and(...filterConditions(eventId, f), eq(registrations.status, "confirmed"), eq(registrations.attendance, "onsite")))
    .groupBy(sql`grouping sets ((e.key), (e.key, v.value))`);
  return rows.map((r) => ({ ...r, value: r.value ?? null }));
}

export async function listRegistrationsOfPerson(db: Db, personId: string) {
  return db.select().from(registrations).where(eq(registrations.personId, personId)).orderBy(desc(registrations.createdAt));
}

export async function statusCounts(db: Db, eventId: string) {
  const rows = await db
    .select({ status: registrations.status, attendance: registrations.attendance, n: count() })
    .from(registrations)
    .where(eq(registrations.eventId, eventId))
    .groupBy(registrations.status, registrations.attendance);
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

export async function activeCountForOrganisation(db: Db, eventId: string, organisationId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(registrations)
    .where(
      and(
        eq(registrations.eventId, eventId),
        eq(registrations.organisationId, organisationId),
        inArray(registrations.status, ["confirmed", "offered", "waitlisted", "pending_approval"]),
      ),
    );
  return Number(row!.n);
}

export { sql };
