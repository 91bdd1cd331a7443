/** Plans in the database: the plan's tree, its actions, reports, reporters and statuses. */
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { rowsOf } from "../db/rows.js";
import { organisations } from "../db/schema.js";
import { conflict, isUniqueViolation, notFound } from "../http/errors.js";
import type { RollupRule } from "./rollup.js";
import { actionPlans, planActionGoals, planActionLinks, planActionOwners, planActions, planFocusAreas, planGoals, planMilestones, planReporters, planReports, plans, planStatuses } from "./schema.js";

export type Plan = typeof plans.$inferSelect;
export type FocusArea = typeof planFocusAreas.$inferSelect;
export type Goal = typeof planGoals.$inferSelect;
export type Status = typeof planStatuses.$inferSelect;
export type ActionPlan = typeof actionPlans.$inferSelect;
export type Action = typeof planActions.$inferSelect;
export type Milestone = typeof planMilestones.$inferSelect;

/** The catalogue a space starts with; it can add its own. */
export const defaultStatuses = [
  { key: "planerad", label: "Planerad", labelEn: "Planned", suggestedProgress: 0, done: false, counts: true },
  { key: "pagar", label: "Pågår", labelEn: "In progress", suggestedProgress: null, done: false, counts: true },
  { key: "klar", label: "Klar", labelEn: "Done", suggestedProgress: 100, done: true, counts: true },
  { key: "pausad", label: "Pausad", labelEn: "Paused", suggestedProgress: null, done: false, counts: true },
  { key: "avbruten", label: "Avbruten", labelEn: "Cancelled", suggestedProgress: null, done: false, counts: false },
] as const;

export async function ensureStatuses(db: Db, spaceId: string): Promise<Status[]> {
  await db
    .insert(planStatuses)
    .values(defaultStatuses.map((s, i) => ({ id: randomUUID(), spaceId, position: i, ...s })))
    .onConflictDoNothing();
  return db.select().from(planStatuses).where(eq(planStatuses.spaceId, spaceId)).orderBy(asc(planStatuses.position));
}

export const statusesOf = (db: Db, spaceId: string): Promise<Status[]> => db.select().from(planStatuses).where(eq(planStatuses.spaceId, spaceId)).orderBy(asc(planStatuses.position));

export interface StatusInput {
  label: string;
  labelEn: string;
  suggestedProgress: number | null;
  done: boolean;
  counts: boolean;
}

/** A status of the space's own, after the others; its key is what the API and the plan file may name it by. */
export async function addStatus(db: Db, spaceId: string, input: StatusInput & { key: string }): Promise<void> {
  try {
    await db.insert(planStatuses).values({ id: randomUUID(), spaceId, position: sql`(select coalesce(max(position), 0) + 1 from plan_statuses where space_id = ${spaceId})`, ...input });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict("plans.error.statusTaken", "key");
    throw err;
  }
}

/** Changes a status's words and meaning; every action with it is counted by the new meaning at once. */
export async function updateStatus(db: Db, spaceId: string, id: string, input: StatusInput): Promise<void> {
  const rows = await db.update(planStatuses).set(input).where(and(eq(planStatuses.id, id), eq(planStatuses.spaceId, spaceId))).returning({ id: planStatuses.id });
  if (rows.length === 0) throw notFound();
}

export interface NewPlan {
  slug: string;
  title: string;
  vision: string | null;
  periodStart: number;
  periodEnd: number;
  published: boolean;
}

export async function createPlan(db: Db, spaceId: string, input: NewPlan): Promise<Plan> {
  await ensureStatuses(db, spaceId);
  try {
    const [row] = await db.insert(plans).values({ id: randomUUID(), spaceId, ...input }).returning();
    return row!;
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict("plans.error.slug_taken", "slug");
    throw err;
  }
}

export async function updatePlan(db: Db, planId: string, input: Partial<NewPlan> & Partial<NodeRule>): Promise<void> {
  try {
    await db.update(plans).set(input).where(eq(plans.id, planId));
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict("plans.error.slug_taken", "slug");
    throw err;
  }
}

export async function findPlanBySlug(db: Db, slug: string): Promise<Plan | undefined> {
  const [row] = await db.select().from(plans).where(eq(plans.slug, slug));
  return row;
}

export async function findPlanById(db: Db, id: string): Promise<Plan | undefined> {
  const [row] = await db.select().from(plans).where(eq(plans.id, id));
  return row;
}

export const plansOfSpaces = (db: Db, spaceIds: string[]): Promise<Plan[]> =>
  spaceIds.length === 0 ? Promise.resolve([]) : db.select().from(plans).where(inArray(plans.spaceId, spaceIds)).orderBy(desc(plans.periodStart), asc(plans.title));

export const publishedPlans = (db: Db): Promise<Plan[]> => db.select().from(plans).where(eq(plans.published, true)).orderBy(desc(plans.periodStart), asc(plans.title));

/** How a node's figure is made: its rule, a figure by hand (for "manual"), its weight in its parent. */
export interface NodeRule {
  rule: RollupRule;
  manualProgress: number | null;
}

export interface NewNode extends NodeRule {
  title: string;
  description: string | null;
  weight: number;
}

export async function addFocusArea(db: Db, planId: string, input: NewNode): Promise<FocusArea> {
  const [row] = await db
    .insert(planFocusAreas)
    .values({ id: randomUUID(), planId, position: sql`(select coalesce(max(position), 0) + 1 from plan_focus_areas where plan_id = ${planId})`, ...input })
    .returning();
  return row!;
}

export async function addGoal(db: Db, focusArea: FocusArea, input: NewNode): Promise<Goal> {
  const [row] = await db
    .insert(planGoals)
    .values({ id: randomUUID(), planId: focusArea.planId, focusAreaId: focusArea.id, position: sql`(select coalesce(max(position), 0) + 1 from plan_goals where focus_area_id = ${focusArea.id})`, ...input })
    .returning();
  return row!;
}

export async function findFocusArea(db: Db, planId: string, id: string): Promise<FocusArea | undefined> {
  const [row] = await db.select().from(planFocusAreas).where(and(eq(planFocusAreas.id, id), eq(planFocusAreas.planId, planId)));
  return row;
}

export async function updateFocusArea(db: Db, planId: string, id: string, input: Partial<NewNode>): Promise<void> {
  const rows = await db.update(planFocusAreas).set(input).where(and(eq(planFocusAreas.id, id), eq(planFocusAreas.planId, planId))).returning({ id: planFocusAreas.id });
  if (rows.length === 0) throw notFound();
}

export async function updateGoal(db: Db, planId: string, id: string, input: Partial<NewNode>): Promise<void> {
  const rows = await db.update(planGoals).set(input).where(and(eq(planGoals.id, id), eq(planGoals.planId, planId))).returning({ id: planGoals.id });
  if (rows.length === 0) throw notFound();
}

export async function addActionPlan(db: Db, plan: Plan, year: number): Promise<ActionPlan> {
  const [row] = await db.insert(actionPlans).values({ id: randomUUID(), planId: plan.id, year }).onConflictDoNothing().returning();
  if (row) return row;
  const [existing] = await db.select().from(actionPlans).where(and(eq(actionPlans.planId, plan.id), eq(actionPlans.year, year)));
  return existing!;
}

export const actionPlansOf = (db: Db, planId: string): Promise<ActionPlan[]> => db.select().from(actionPlans).where(eq(actionPlans.planId, planId)).orderBy(asc(actionPlans.year));

export interface ActionInput {
  ref: string;
  title: string;
  description: string | null;
  contactName: string | null;
  contactEmail: string | null;
  statusId: string;
  startsOn: string | null;
  endsOn: string | null;
  ownerIds: string[];
  /** Goal id → the action's weight in that goal. */
  goals: { goalId: string; weight: number }[];
  eventIds?: string[];
  sessionIds?: string[];
  /** The networks that own the action. */
  networkIds?: string[];
}

/** A new action in a year's action plan, with its owners, goals and links, in one transaction. */
/** `after` runs in the same transaction with the new action (e.g. linking the idea it came from). */
export async function addAction(db: Db, actionPlan: ActionPlan, input: ActionInput, now: Date, after?: (tx: Db, action: Action) => Promise<void>): Promise<Action> {
  const { ownerIds, goals, eventIds = [], sessionIds = [], networkIds = [], ...fields } = input;
  try {
    return await db.transaction(async (tx) => {
      const [action] = await tx
        .insert(planActions)
        .values({ id: randomUUID(), actionPlanId: actionPlan.id, planId: actionPlan.planId, ...fields, createdAt: now, changedAt: now })
        .returning();
      await writeAttachments(tx as unknown as Db, action!.id, { ownerIds, goals, eventIds, sessionIds, networkIds });
      await after?.(tx as unknown as Db, action!);
      return action!;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict("plans.error.ref_taken", "ref");
    throw err;
  }
}

async function writeAttachments(db: Db, actionId: string, a: { ownerIds: string[]; goals: { goalId: string; weight: number }[]; eventIds: string[]; sessionIds: string[]; networkIds: string[] }) {
  if (a.ownerIds.length) await db.insert(planActionOwners).values([...new Set(a.ownerIds)].map((organisationId) => ({ actionId, organisationId })));
  if (a.goals.length) await db.insert(planActionGoals).values(a.goals.map((g) => ({ actionId, ...g })));
  const links = [...a.eventIds.map((eventId) => ({ actionId, eventId })), ...a.sessionIds.map((sessionId) => ({ actionId, sessionId })), ...[...new Set(a.networkIds)].map((networkId) => ({ actionId, networkId }))];
  if (links.length) await db.insert(planActionLinks).values(links);
}

/** Changes an action's description, owners and goals (not its figure: that only comes by a report). */
export async function updateAction(db: Db, actionId: string, input: Omit<ActionInput, "statusId">): Promise<void> {
  const { ownerIds, goals, eventIds = [], sessionIds = [], networkIds = [], ...fields } = input;
  try {
    await db.transaction(async (tx) => {
      await tx.update(planActions).set(fields).where(eq(planActions.id, actionId));
      await tx.delete(planActionOwners).where(eq(planActionOwners.actionId, actionId));
      await tx.delete(planActionGoals).where(eq(planActionGoals.actionId, actionId));
      await tx.delete(planActionLinks).where(eq(planActionLinks.actionId, actionId));
      await writeAttachments(tx as unknown as Db, actionId, { ownerIds, goals, eventIds, sessionIds, networkIds });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict("plans.error.ref_taken", "ref");
    throw err;
  }
}

/** An action's owners and goal weights, as its form shows them. */
export async function ownersAndGoalsOf(db: Db, actionId: string) {
  const [owners, goals] = await Promise.all([
    rowsOf<{ organisation_id: string }>(db, sql`select organisation_id from plan_action_owners where action_id = ${actionId} order by organisation_id`),
    rowsOf<{ goal_id: string; weight: number }>(db, sql`select goal_id, weight from plan_action_goals where action_id = ${actionId}`),
  ]);
  return { ownerIds: owners.map((o) => o.organisation_id), goals: goals.map((g) => ({ goalId: g.goal_id, weight: Number(g.weight) })) };
}

export async function findAction(db: Db, planId: string, actionId: string): Promise<Action | undefined> {
  const [row] = await db.select().from(planActions).where(and(eq(planActions.id, actionId), eq(planActions.planId, planId)));
  return row;
}

export interface NewReport {
  personId: string | null;
  reporterName: string;
  statusId: string;
  progress: number;
  comment: string;
}

/**
 * A progress report: kept in the history, and the action's status and figure set from it,
 * in one transaction (the action's row is locked, so two reports at once are both kept and
 * the action ends with the one that was written last).
 */
export async function reportProgress(db: Db, actionId: string, report: NewReport, now: Date, notify?: (tx: Db) => Promise<void>): Promise<void> {
  await db.transaction(async (tx) => {
    const [locked] = await tx.select({ id: planActions.id }).from(planActions).where(eq(planActions.id, actionId)).for("update");
    if (!locked) throw notFound();
    await tx.insert(planReports).values({ id: randomUUID(), actionId, ...report, createdAt: now });
    await tx.update(planActions).set({ statusId: report.statusId, progress: report.progress, changedAt: now }).where(eq(planActions.id, actionId));
    await notify?.(tx as unknown as Db);
  });
}

export interface HistoryEntry {
  id: string;
  actionId: string;
  year: number;
  reporterName: string;
  statusId: string;
  progress: number;
  comment: string;
  createdAt: Date;
}

/** Every report of the action and of the actions it continues (carried over), newest first. */
export async function actionHistory(db: Db, actionId: string): Promise<HistoryEntry[]> {
  const rows = await rowsOf<{ id: string; action_id: string; year: number; reporter_name: string; status_id: string; progress: number; comment: string; created_at: string | Date }>(db, sql`
    with recursive chain(id) as (
      select ${actionId}::uuid
      union all
      select a.carried_from_id from plan_actions a join chain on a.id = chain.id where a.carried_from_id is not null
    )
    select r.id, r.action_id, ap.year, r.reporter_name, r.status_id, r.progress, r.comment, r.created_at
    from plan_reports r
    join chain on chain.id = r.action_id
    join plan_actions a on a.id = r.action_id
    join action_plans ap on ap.id = a.action_plan_id
    order by r.created_at desc, r.seq desc`);
  return rows.map((r) => ({ id: r.id, actionId: r.action_id, year: Number(r.year), reporterName: r.reporter_name, statusId: r.status_id, progress: Number(r.progress), comment: r.comment, createdAt: new Date(r.created_at) }));
}

export async function addMilestone(db: Db, actionId: string, m: { title: string; dueOn: string }): Promise<void> {
  await db.insert(planMilestones).values({ id: randomUUID(), actionId, ...m });
}

export async function setMilestoneDone(db: Db, actionId: string, milestoneId: string, doneOn: string | null): Promise<void> {
  const rows = await db.update(planMilestones).set({ doneOn }).where(and(eq(planMilestones.id, milestoneId), eq(planMilestones.actionId, actionId))).returning({ id: planMilestones.id });
  if (rows.length === 0) throw notFound();
}

export const milestonesOf = (db: Db, actionId: string): Promise<Milestone[]> => db.select().from(planMilestones).where(eq(planMilestones.actionId, actionId)).orderBy(asc(planMilestones.dueOn));

export async function grantReporter(db: Db, planId: string, personId: string, organisationId: string): Promise<void> {
  await db.insert(planReporters).values({ planId, personId, organisationId }).onConflictDoNothing();
}

export async function revokeReporter(db: Db, planId: string, personId: string, organisationId: string): Promise<void> {
  await db.delete(planReporters).where(and(eq(planReporters.planId, planId), eq(planReporters.personId, personId), eq(planReporters.organisationId, organisationId)));
}

export async function reportersOf(db: Db, planId: string) {
  return rowsOf<{ person_id: string; name: string; email: string | null; organisation_id: string; organisation: string }>(db, sql`
    select r.person_id, p.name, p.email, r.organisation_id, o.name as organisation
    from plan_reporters r join people p on p.id = r.person_id join organisations o on o.id = r.organisation_id
    where r.plan_id = ${planId} order by o.name, p.name`);
}

/** The person may report on the action: they report for one of its owner organisations in its plan. */
export async function isReporterFor(db: Db, personId: string, action: Pick<Action, "id" | "planId">): Promise<boolean> {
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(planReporters)
    .innerJoin(planActionOwners, and(eq(planActionOwners.organisationId, planReporters.organisationId), eq(planActionOwners.actionId, action.id)))
    .where(and(eq(planReporters.planId, action.planId), eq(planReporters.personId, personId)))
    .limit(1);
  return rows.length > 0;
}

/** The actions a person may report on, in every plan. */
export async function actionsToReport(db: Db, personId: string) {
  return rowsOf<{ id: string; title: string; ref: string; year: number; slug: string; plan: string; progress: number | null }>(db, sql`
    select distinct a.id, a.title, a.ref, ap.year, p.slug, p.title as plan, a.progress
    from plan_reporters r
    join plan_action_owners o on o.organisation_id = r.organisation_id
    join plan_actions a on a.id = o.action_id and a.plan_id = r.plan_id
    join action_plans ap on ap.id = a.action_plan_id
    join plans p on p.id = a.plan_id
    where r.person_id = ${personId}
      and not exists (select 1 from plan_actions n where n.carried_from_id = a.id)
    order by p.title, ap.year desc, a.ref`);
}


export async function organisationNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Next year's action plan gets every action of this year's that is not finished and not
 * left out (cancelled): same reference, owners, goals, links, status and figure, and the
 * milestones not yet reached; each continues the old one, whose history it shows. Actions
 * already carried over are not copied again.
 */
export async function carryOver(db: Db, plan: Plan, fromYear: number): Promise<{ actionPlan: ActionPlan; carried: number }> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const next = await addActionPlan(t, plan, fromYear + 1);
    const open = await rowsOf<{ id: string }>(
      t,
      sql`select a.id from plan_actions a
          join action_plans ap on ap.id = a.action_plan_id
          join plan_statuses s on s.id = a.status_id
          where ap.plan_id = ${plan.id} and ap.year = ${fromYear} and not s.done and s.counts
            and not exists (select 1 from plan_actions n where n.carried_from_id = a.id)
          order by a.ref`,
    );
    for (const { id } of open) {
      const [a] = await t.select().from(planActions).where(eq(planActions.id, id));
      const newId = randomUUID();
      await t.insert(planActions).values({ ...a!, id: newId, actionPlanId: next.id, carriedFromId: id, createdAt: undefined });
      await t.execute(sql`insert into plan_action_owners (action_id, organisation_id) select ${newId}, organisation_id from plan_action_owners where action_id = ${id}`);
      await t.execute(sql`insert into plan_action_goals (action_id, goal_id, weight) select ${newId}, goal_id, weight from plan_action_goals where action_id = ${id}`);
      await t.execute(sql`insert into plan_action_links (action_id, event_id, session_id, network_id) select ${newId}, event_id, session_id, network_id from plan_action_links where action_id = ${id}`);
      await t.execute(sql`insert into plan_milestones (id, action_id, title, due_on) select gen_random_uuid(), ${newId}, title, due_on from plan_milestones where action_id = ${id} and done_on is null`);
      // Those who follow it go on following it.
      await t.execute(sql`update plan_followers set action_id = ${newId} where action_id = ${id}`);
    }
    return { actionPlan: next, carried: open.length };
  });
}

/** The space's events (newest first), their sessions and its networks, to link an action to where it came from or belongs. */
export async function linkChoices(db: Db, spaceId: string) {
  const [events, sessions, networks] = await Promise.all([
    rowsOf<{ id: string; title: string; starts_at: string | Date }>(db, sql`select id, title_sv as title, starts_at from events where space_id = ${spaceId} order by starts_at desc limit 50`),
    rowsOf<{ id: string; title: string; event_title: string }>(
      db,
      sql`select s.id, s.title_sv as title, e.title_sv as event_title from program_sessions s join events e on e.id = s.event_id
          where e.id in (select id from events where space_id = ${spaceId} order by starts_at desc limit 50) order by e.starts_at desc, s.starts_at, s.title_sv`,
    ),
    rowsOf<{ id: string; name: string }>(db, sql`select id, name from networks where space_id = ${spaceId} order by name`),
  ]);
  return { events: events.map((e) => ({ id: e.id, title: e.title, startsAt: new Date(e.starts_at) })), sessions: sessions.map((s) => ({ id: s.id, title: s.title, eventTitle: s.event_title })), networks };
}
export type LinkChoices = Awaited<ReturnType<typeof linkChoices>>;

export async function linksOf(db: Db, actionId: string): Promise<{ eventIds: string[]; sessionIds: string[]; networkIds: string[] }> {
  const rows = await db.select().from(planActionLinks).where(eq(planActionLinks.actionId, actionId));
  return { eventIds: rows.flatMap((r) => (r.eventId ? [r.eventId] : [])), sessionIds: rows.flatMap((r) => (r.sessionId ? [r.sessionId] : [])), networkIds: rows.flatMap((r) => (r.networkId ? [r.networkId] : [])) };
}

/** Organisations to choose owners and reporters from: the space's own county first, then the rest. */
export async function organisationChoices(db: Db, countyCode: string | null): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .orderBy(sql`(${organisations.countyCode} is not distinct from ${countyCode}) desc`, sql`(${organisations.kind} = 'region') desc`, asc(organisations.name));
}
