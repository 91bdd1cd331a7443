/** Networks: their members' terms, meetings (events of the space), documents and decisions. */
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { rowsOf } from "../db/rows.js";
import { networkDecisions, networkDocuments, networkMeetings, networkMembers, networkPositions, networks, planActionLinks, type NetworkKind, type DocumentKind } from "../db/schema.js";
import { conflict } from "../http/errors.js";
import { isUniqueViolation } from "../http/errors.js";
import { findOrCreatePersonByEmail } from "../people/repository.js";

export type Network = typeof networks.$inferSelect;
export type Position = typeof networkPositions.$inferSelect;
export type Decision = typeof networkDecisions.$inferSelect;

export const defaultPositions = [
  { key: "ordforande", label: "Ordförande", labelEn: "Chair" },
  { key: "vice-ordforande", label: "Vice ordförande", labelEn: "Vice chair" },
  { key: "sekreterare", label: "Sekreterare", labelEn: "Secretary" },
  { key: "ledamot", label: "Ledamot", labelEn: "Member" },
  { key: "adjungerad", label: "Adjungerad", labelEn: "Co-opted" },
] as const;

export async function ensurePositions(db: Db, spaceId: string): Promise<Position[]> {
  await db
    .insert(networkPositions)
    .values(defaultPositions.map((p, i) => ({ id: randomUUID(), spaceId, position: i * 10, ...p })))
    .onConflictDoNothing();
  return positionsOf(db, spaceId);
}

export const positionsOf = (db: Db, spaceId: string): Promise<Position[]> => db.select().from(networkPositions).where(eq(networkPositions.spaceId, spaceId)).orderBy(asc(networkPositions.position), asc(networkPositions.label));

export async function addPosition(db: Db, spaceId: string, p: { key: string; label: string; labelEn: string }): Promise<void> {
  try {
    await db.insert(networkPositions).values({ id: randomUUID(), spaceId, position: 1000, ...p });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict("networks.error.keyTaken", "key");
    throw err;
  }
}

export interface NetworkInput {
  slug: string;
  name: string;
  kind: NetworkKind;
  description: string | null;
  contactName: string | null;
  contactEmail: string | null;
  membersPublic: boolean;
  documentsPublic: boolean;
}

export async function createNetwork(db: Db, spaceId: string, input: NetworkInput): Promise<Network> {
  try {
    const [n] = await db.insert(networks).values({ id: randomUUID(), spaceId, ...input }).returning();
    await ensurePositions(db, spaceId);
    return n!;
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict("networks.error.slugTaken", "slug");
    throw err;
  }
}

export async function updateNetwork(db: Db, id: string, input: Omit<NetworkInput, "slug">): Promise<void> {
  await db.update(networks).set(input).where(eq(networks.id, id));
}

export const findNetworkBySlug = async (db: Db, slug: string): Promise<Network | undefined> => (await db.select().from(networks).where(eq(networks.slug, slug)))[0];
export const allNetworks = (db: Db): Promise<Network[]> => db.select().from(networks).orderBy(asc(networks.name));
export const networksOfSpace = (db: Db, spaceId: string): Promise<Network[]> => db.select().from(networks).where(eq(networks.spaceId, spaceId)).orderBy(asc(networks.name));

export interface MemberInput {
  email: string;
  name: string;
  organisationId: string | null;
  positionId: string;
  fromOn: string;
  toOn: string | null;
  manages: boolean;
}

/** A term for a person (found by e-mail, or listed as new): a new row, whatever terms they had before. */
export async function addMember(db: Db, network: Network, m: MemberInput): Promise<void> {
  const positions = await positionsOf(db, network.spaceId);
  if (!positions.some((p) => p.id === m.positionId)) throw conflict("networks.error.unknown", "positionId");
  const person = await findOrCreatePersonByEmail(db, m.email, m.name, { organisationId: m.organisationId });
  await db.insert(networkMembers).values({ id: randomUUID(), networkId: network.id, personId: person.id, organisationId: m.organisationId, positionId: m.positionId, fromOn: m.fromOn, toOn: m.toOn, manages: m.manages });
}

/** Ends a term (it stays as history); a day before it began is refused by the database's check. */
export async function endTerm(db: Db, networkId: string, memberId: string, toOn: string): Promise<boolean> {
  const rows = await db
    .update(networkMembers)
    .set({ toOn, manages: false })
    .where(and(eq(networkMembers.networkId, networkId), eq(networkMembers.id, memberId), sql`${networkMembers.fromOn} <= ${toOn}`))
    .returning({ id: networkMembers.id });
  return rows.length > 0;
}

export interface MemberRow {
  id: string;
  personId: string;
  name: string;
  email: string | null;
  organisation: string | null;
  position: string;
  positionEn: string;
  fromOn: string;
  toOn: string | null;
  manages: boolean;
  current: boolean;
}

const termCovers = (today: string) => sql`m.from_on <= ${today}::date and (m.to_on is null or m.to_on >= ${today}::date)`;

export async function membersOf(db: Db, networkId: string, today: string): Promise<MemberRow[]> {
  const rows = await rowsOf<{ id: string; person_id: string; name: string; email: string | null; organisation: string | null; position: string; position_en: string; from_on: string; to_on: string | null; manages: boolean; current: boolean }>(
    db,
    sql`select m.id, m.person_id, p.name, p.email, o.name as organisation, pos.label as position, pos.label_en as position_en, m.from_on::text as from_on, m.to_on::text as to_on, m.manages, (${termCovers(today)}) as current
        from network_members m join people p on p.id = m.person_id join network_positions pos on pos.id = m.position_id left join organisations o on o.id = m.organisation_id
        where m.network_id = ${networkId} order by (${termCovers(today)}) desc, pos.position, p.name, m.from_on desc`,
  );
  return rows.map((r) => ({ id: r.id, personId: r.person_id, name: r.name, email: r.email, organisation: r.organisation, position: r.position, positionEn: r.position_en, fromOn: r.from_on, toOn: r.to_on, manages: r.manages, current: r.current }));
}

/** What the person is in the network today: a member, one who manages it, or neither. */
export async function roleInNetwork(db: Db, personId: string, networkId: string, today: string): Promise<{ member: boolean; manages: boolean }> {
  const rows = await rowsOf<{ manages: boolean }>(db, sql`select m.manages from network_members m where m.network_id = ${networkId} and m.person_id = ${personId} and ${termCovers(today)}`);
  return { member: rows.length > 0, manages: rows.some((r) => r.manages) };
}

/** Whether the person manages (today, by the database's clock) the network whose meeting this event is. */
export async function managesMeeting(db: Db, personId: string, eventId: string): Promise<boolean> {
  const rows = await rowsOf<{ ok: number }>(
    db,
    sql`select 1 as ok from network_meetings mt join network_members m on m.network_id = mt.network_id
        where mt.event_id = ${eventId} and m.person_id = ${personId} and m.manages and m.from_on <= current_date and (m.to_on is null or m.to_on >= current_date) limit 1`,
  );
  return rows.length > 0;
}

/** The networks a person is a member of today, with their position there. */
export async function networksOfPerson(db: Db, personId: string, today: string) {
  return rowsOf<{ id: string; slug: string; name: string; kind: NetworkKind; position: string; position_en: string; to_on: string | null; manages: boolean }>(
    db,
    sql`select n.id, m.manages, n.slug, n.name, n.kind, pos.label as position, pos.label_en as position_en, m.to_on::text as to_on from network_members m join networks n on n.id = m.network_id join network_positions pos on pos.id = m.position_id
        where m.person_id = ${personId} and ${termCovers(today)} order by n.name`,
  );
}

// ── Meetings ──────────────────────────────────────────────────────────────────

export async function addMeeting(db: Db, networkId: string, eventId: string): Promise<void> {
  await db.insert(networkMeetings).values({ eventId, networkId });
}

export interface MeetingRow {
  eventId: string;
  slug: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  status: string;
  venue: string | null;
}

export async function meetingsOf(db: Db, networkIds: string[], withDrafts: boolean): Promise<(MeetingRow & { networkId: string })[]> {
  if (networkIds.length === 0) return [];
  const rows = await rowsOf<{ event_id: string; network_id: string; slug: string; title: string; starts_at: string | Date; ends_at: string | Date; status: string; venue: string | null }>(
    db,
    sql`select mt.event_id, mt.network_id, e.slug, e.title_sv as title, e.starts_at, e.ends_at, e.status, e.venue from network_meetings mt join events e on e.id = mt.event_id
        where mt.network_id in (${sql.join(networkIds.map((id) => sql`${id}::uuid`), sql`, `)}) ${withDrafts ? sql`` : sql`and e.status in ('published', 'cancelled')`} order by e.starts_at desc`,
  );
  return rows.map((r) => ({ eventId: r.event_id, networkId: r.network_id, slug: r.slug, title: r.title, startsAt: new Date(r.starts_at), endsAt: new Date(r.ends_at), status: r.status, venue: r.venue }));
}

export const meetingOf = async (db: Db, networkId: string, eventId: string) =>
  (await db.select().from(networkMeetings).where(and(eq(networkMeetings.networkId, networkId), eq(networkMeetings.eventId, eventId))))[0];

// ── Documents ─────────────────────────────────────────────────────────────────

export async function addDocument(db: Db, eventId: string, fileId: string, kind: DocumentKind, title: string): Promise<void> {
  await db.insert(networkDocuments).values({ id: randomUUID(), eventId, fileId, kind, title });
}

export interface DocumentRow {
  id: string;
  eventId: string;
  fileId: string;
  kind: DocumentKind;
  title: string;
  filename: string;
  size: number;
}

export async function documentsOf(db: Db, networkId: string): Promise<DocumentRow[]> {
  const rows = await rowsOf<{ id: string; event_id: string; file_id: string; kind: DocumentKind; title: string; filename: string; size: string | number }>(
    db,
    sql`select d.id, d.event_id, d.file_id, d.kind, d.title, f.filename, f.size from network_documents d join network_meetings mt on mt.event_id = d.event_id join stored_files f on f.id = d.file_id
        where mt.network_id = ${networkId} order by d.kind desc, d.created_at`,
  );
  return rows.map((r) => ({ id: r.id, eventId: r.event_id, fileId: r.file_id, kind: r.kind, title: r.title, filename: r.filename, size: Number(r.size) }));
}

/** The network whose meeting a file is a document of, to decide who may read it. */
export async function networkOfDocument(db: Db, networkId: string, documentId: string): Promise<{ fileId: string } | null> {
  const rows = await rowsOf<{ file_id: string }>(db, sql`select d.file_id from network_documents d join network_meetings mt on mt.event_id = d.event_id where mt.network_id = ${networkId} and d.id = ${documentId}`);
  return rows[0] ? { fileId: rows[0].file_id } : null;
}

export async function removeDocument(db: Db, networkId: string, documentId: string): Promise<string | null> {
  const doc = await networkOfDocument(db, networkId, documentId);
  if (!doc) return null;
  await db.delete(networkDocuments).where(eq(networkDocuments.id, documentId));
  return doc.fileId;
}

// ── Decisions and actions ─────────────────────────────────────────────────────

export interface DecisionInput {
  eventId: string | null;
  ref: string | null;
  text: string;
  decidedOn: string;
}

export async function addDecision(db: Db, networkId: string, d: DecisionInput): Promise<Decision> {
  const [row] = await db.insert(networkDecisions).values({ id: randomUUID(), networkId, ...d }).returning();
  return row!;
}

export const findDecision = async (db: Db, networkId: string, id: string): Promise<Decision | undefined> =>
  (await db.select().from(networkDecisions).where(and(eq(networkDecisions.networkId, networkId), eq(networkDecisions.id, id))))[0];

export const decisionsOf = (db: Db, networkId: string): Promise<Decision[]> => db.select().from(networkDecisions).where(eq(networkDecisions.networkId, networkId)).orderBy(desc(networkDecisions.decidedOn), desc(networkDecisions.createdAt));

/** The decision made or updated this action; the action is the network's (linked back). Written with the action's own transaction. */
export async function tieDecisionToAction(tx: Db, decision: Decision, actionId: string, role: "created" | "updated"): Promise<void> {
  await tx.update(networkDecisions).set({ actionId, actionRole: role }).where(eq(networkDecisions.id, decision.id));
  const owned = await tx.select().from(planActionLinks).where(and(eq(planActionLinks.actionId, actionId), eq(planActionLinks.networkId, decision.networkId)));
  if (owned.length === 0) await tx.insert(planActionLinks).values({ actionId, networkId: decision.networkId });
}

export interface NetworkAction {
  id: string;
  ref: string;
  title: string;
  progress: number | null;
  status: string;
  statusEn: string;
  planSlug: string;
  planTitle: string;
  year: number;
}

/** The actions the networks own, in published plans (or all, for those who manage them). */
export async function actionsOfNetworks(db: Db, networkIds: string[], withUnpublished: boolean): Promise<(NetworkAction & { networkId: string })[]> {
  if (networkIds.length === 0) return [];
  const rows = await rowsOf<{ id: string; network_id: string; ref: string; title: string; progress: number | null; status: string; status_en: string; plan_slug: string; plan_title: string; year: number }>(
    db,
    sql`select a.id, l.network_id, a.ref, a.title, a.progress, st.label as status, st.label_en as status_en, p.slug as plan_slug, p.title as plan_title, ap.year
        from plan_action_links l join plan_actions a on a.id = l.action_id join plans p on p.id = a.plan_id join action_plans ap on ap.id = a.action_plan_id join plan_statuses st on st.id = a.status_id
        where l.network_id in (${sql.join(networkIds.map((id) => sql`${id}::uuid`), sql`, `)}) ${withUnpublished ? sql`` : sql`and p.published`}
        order by ap.year desc, a.ref`,
  );
  return rows.map((r) => ({ id: r.id, networkId: r.network_id, ref: r.ref, title: r.title, progress: r.progress, status: r.status, statusEn: r.status_en, planSlug: r.plan_slug, planTitle: r.plan_title, year: r.year }));
}

/** The networks that own an action, and the decisions that made or updated it (for the action's page). */
export async function networkSideOfAction(db: Db, actionId: string) {
  const [owners, decisions] = await Promise.all([
    rowsOf<{ slug: string; name: string }>(db, sql`select n.slug, n.name from plan_action_links l join networks n on n.id = l.network_id where l.action_id = ${actionId} order by n.name`),
    rowsOf<{ id: string; ref: string | null; text: string; decided_on: string; action_role: string; network_slug: string; network_name: string }>(
      db,
      sql`select d.id, d.ref, d.text, d.decided_on::text as decided_on, d.action_role, n.slug as network_slug, n.name as network_name from network_decisions d join networks n on n.id = d.network_id where d.action_id = ${actionId} order by d.decided_on`,
    ),
  ]);
  return { owners, decisions };
}

/** The space's action plans (for a decision to become an action) and their actions (for one to update). */
export async function planChoicesOf(db: Db, spaceId: string) {
  const [years, actions] = await Promise.all([
    rowsOf<{ id: string; plan_title: string; year: number }>(db, sql`select ap.id, p.title as plan_title, ap.year from action_plans ap join plans p on p.id = ap.plan_id where p.space_id = ${spaceId} order by ap.year desc, p.title`),
    rowsOf<{ id: string; ref: string; title: string; year: number; plan_id: string }>(
      db,
      sql`select a.id, a.ref, a.title, ap.year, a.plan_id from plan_actions a join action_plans ap on ap.id = a.action_plan_id join plans p on p.id = a.plan_id where p.space_id = ${spaceId} order by ap.year desc, a.ref limit 500`,
    ),
  ]);
  return { actionPlans: years.map((y) => ({ id: y.id, label: `${y.plan_title} ${y.year}` })), actions: actions.map((a) => ({ id: a.id, planId: a.plan_id, label: `${a.ref} ${a.title} (${a.year})` })) };
}
export type PlanChoices = Awaited<ReturnType<typeof planChoicesOf>>;
