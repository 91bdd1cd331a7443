/**
 * Export and import of a plan as a file (file-format.ts): the plan as it is, read in a fixed
 * number of queries; an import checked first (file-check.ts) and then written in one
 * transaction, with the plan's row locked, only if it would make exactly the changes the
 * person saw in the dry run.
 */
import { rowsOf } from "../db/rows.js";
import { createHash, randomUUID } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { conflict } from "../http/errors.js";
import { checkPlanFile, currentNodes, canonicalLine, type Change, type PlanState, type Problem, type Ref, type Resolved } from "./file-check.js";
import type { Line } from "./file-format.js";
import { actionPlansOf, addActionPlan, organisationChoices, type Action, type Plan, type Status } from "./repository.js";
import { planActionGoals, planActionOwners, planActions, planFocusAreas, planGoals, planMilestones, planReports, plans, planStatuses } from "./schema.js";
import { spaces } from "../db/schema.js";

export async function loadPlanState(db: Db, plan: Plan): Promise<PlanState> {
  const [focusAreas, goals, statuses, actions, owners, goalLinks, milestones, organisations] = await Promise.all([
    db.select().from(planFocusAreas).where(eq(planFocusAreas.planId, plan.id)).orderBy(asc(planFocusAreas.position)),
    db.select().from(planGoals).where(eq(planGoals.planId, plan.id)).orderBy(asc(planGoals.position)),
    db.select().from(planStatuses).where(eq(planStatuses.spaceId, plan.spaceId)).orderBy(asc(planStatuses.position)),
    rowsOf<Record<string, unknown>>(
      db,
      sql`select a.id, a.action_plan_id, a.plan_id, a.ref, a.title, a.description, a.contact_name, a.contact_email, a.status_id, a.progress,
                 a.starts_on::text as starts_on, a.ends_on::text as ends_on, a.carried_from_id, a.changed_at, a.created_at, ap.year
          from plan_actions a join action_plans ap on ap.id = a.action_plan_id where a.plan_id = ${plan.id} order by ap.year, a.ref`,
    ),
    rowsOf<{ action_id: string; organisation_id: string }>(db, sql`select o.action_id, o.organisation_id from plan_action_owners o join plan_actions a on a.id = o.action_id where a.plan_id = ${plan.id}`),
    rowsOf<{ action_id: string; goal_id: string; weight: number }>(db, sql`select l.action_id, l.goal_id, l.weight from plan_action_goals l join plan_actions a on a.id = l.action_id where a.plan_id = ${plan.id}`),
    rowsOf<{ id: string; action_id: string; title: string; due_on: string; done_on: string | null }>(
      db,
      sql`select m.id, m.action_id, m.title, m.due_on::text as due_on, m.done_on::text as done_on from plan_milestones m join plan_actions a on a.id = m.action_id where a.plan_id = ${plan.id} order by m.due_on, m.title`,
    ),
    db
      .select({ regionCode: spaces.regionCode })
      .from(spaces)
      .where(eq(spaces.id, plan.spaceId))
      .then(([s]) => organisationChoices(db, s?.regionCode ?? null)),
  ]);
  const byAction = <T extends { action_id: string }, V>(rows: T[], value: (r: T) => V) => {
    const map = new Map<string, V[]>();
    for (const r of rows) map.set(r.action_id, [...(map.get(r.action_id) ?? []), value(r)]);
    return map;
  };
  return {
    plan,
    focusAreas,
    goals,
    statuses,
    actions: actions.map((a) => ({
      id: a.id as string,
      actionPlanId: a.action_plan_id as string,
      planId: a.plan_id as string,
      ref: a.ref as string,
      title: a.title as string,
      description: a.description as string | null,
      contactName: a.contact_name as string | null,
      contactEmail: a.contact_email as string | null,
      statusId: a.status_id as string,
      progress: a.progress === null ? null : Number(a.progress),
      startsOn: a.starts_on as string | null,
      endsOn: a.ends_on as string | null,
      carriedFromId: a.carried_from_id as string | null,
      changedAt: new Date(a.changed_at as string),
      createdAt: new Date(a.created_at as string),
      year: Number(a.year),
    })),
    owners: byAction(owners, (o) => o.organisation_id),
    actionGoals: byAction(goalLinks, (g) => ({ goalId: g.goal_id, weight: Number(g.weight) })),
    milestones: milestones.map((m) => ({ id: m.id, actionId: m.action_id, title: m.title, dueOn: m.due_on, doneOn: m.done_on })),
    organisations,
  };
}

/** The plan's lines, as the file holds them. */
export function exportLines(state: PlanState): Line[] {
  const names = new Map(state.organisations.map((o) => [o.id, o.name]));
  return currentNodes(state).map((n, i) => ({ ...canonicalLine(n, names), line: i + 2 }));
}

export interface ImportResult {
  problems: Problem[];
  changes: Change[];
  unchanged: number;
  /** Of the changes: the dry run's is posted back with the approval, and must still be the same. */
  digest: string;
  applied: boolean;
}

export interface Importer {
  personId: string | null;
  name: string;
  /** The comment on a report the file makes (in the importer's language). */
  reportComment: string;
  /** Tells the action's followers of a report the file makes, in the same transaction. */
  notify?: (tx: Db, action: { id: string; title: string; ref: string }, report: { progress: number; status: Status; comment: string }) => Promise<void>;
}

/**
 * What the changes are, without where they stand in the file: the approval posts back the
 * file's lines as CSV, where a spreadsheet's empty rows are gone and the lines after them
 * have other numbers, though the changes are the same.
 */
export const digestOf = (changes: Change[]) => createHash("sha256").update(JSON.stringify(changes.map(({ line: _, ...c }) => c))).digest("base64url");

/**
 * Checks the file's lines against the plan and, when `apply` carries the dry run's digest
 * and the changes are still exactly those, writes them all in one transaction. Anything
 * wrong: nothing is written.
 */
export async function importPlanLines(db: Db, plan: Plan, lines: Line[], apply: { digest: string; by: Importer; now: Date } | null): Promise<ImportResult> {
  if (!apply) {
    const checked = checkPlanFile(await loadPlanState(db, plan), lines);
    return { problems: checked.problems, changes: checked.changes, unchanged: checked.unchanged, digest: digestOf(checked.changes), applied: false };
  }
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    // One import at a time per plan, and no form writes between the check and the writes.
    await t.select({ id: plans.id }).from(plans).where(eq(plans.id, plan.id)).for("update");
    const checked = checkPlanFile(await loadPlanState(t, plan), lines);
    const digest = digestOf(checked.changes);
    const result = { problems: checked.problems, changes: checked.changes, unchanged: checked.unchanged, digest, applied: false };
    if (checked.problems.length) return result;
    if (digest !== apply.digest) throw conflict("plans.file.stale");
    await write(t, plan, checked.resolved, new Set(checked.changes.map((c) => c.line)), apply.by, apply.now);
    return { ...result, applied: true };
  });
}

async function write(db: Db, plan: Plan, resolved: Resolved[], changedLines: Set<number>, by: Importer, now: Date) {
  const newIds = new Map<string, string>();
  const idOf = (r: Ref) => ("id" in r ? r.id : newIds.get(r.key)!);
  for (const r of resolved) if (r.key) newIds.set(r.key, randomUUID());
  const years = new Map((await actionPlansOf(db, plan.id)).map((ap) => [ap.year, ap.id]));
  const position = (table: "plan_focus_areas" | "plan_goals", column: "plan_id" | "focus_area_id", parent: string) =>
    sql`(select coalesce(max(position), 0) + 1 from ${sql.raw(table)} where ${sql.raw(column)} = ${parent})`;
  const carried: { id: string; from: string | null }[] = [];
  const reports: { r: Resolved & { kind: "action" }; id: string; wasProgress: number | null }[] = [];
  const current = new Map((await db.select({ id: planActions.id, progress: planActions.progress, statusId: planActions.statusId }).from(planActions).where(eq(planActions.planId, plan.id))).map((a) => [a.id, a]));

  for (const r of resolved) {
    if (!changedLines.has(r.line)) continue;
    const id = r.id ?? newIds.get(r.key ?? "") ?? randomUUID();
    if (r.kind === "plan") {
      await db.update(plans).set({ title: r.title, vision: r.vision, rule: r.rule, manualProgress: r.manualProgress }).where(eq(plans.id, plan.id));
    } else if (r.kind === "focusArea") {
      const v = { title: r.title, description: r.description, rule: r.rule, manualProgress: r.manualProgress, weight: r.weight };
      if (r.id) await db.update(planFocusAreas).set(v).where(eq(planFocusAreas.id, id));
      else await db.insert(planFocusAreas).values({ id, planId: plan.id, position: position("plan_focus_areas", "plan_id", plan.id), ...v });
    } else if (r.kind === "goal") {
      const v = { focusAreaId: idOf(r.parent), title: r.title, description: r.description, rule: r.rule, manualProgress: r.manualProgress, weight: r.weight };
      if (r.id) await db.update(planGoals).set(v).where(eq(planGoals.id, id));
      else await db.insert(planGoals).values({ id, planId: plan.id, position: position("plan_goals", "focus_area_id", v.focusAreaId), ...v });
    } else if (r.kind === "action") {
      if (!years.has(r.year)) years.set(r.year, (await addActionPlan(db, plan, r.year)).id);
      const was = r.id ? current.get(r.id) : undefined;
      if (r.id) await db.update(planActions).set(r.fields).where(eq(planActions.id, id));
      else await db.insert(planActions).values({ id, actionPlanId: years.get(r.year)!, planId: plan.id, ...r.fields, statusId: r.status.id, createdAt: now, changedAt: now });
      await db.delete(planActionOwners).where(eq(planActionOwners.actionId, id));
      await db.delete(planActionGoals).where(eq(planActionGoals.actionId, id));
      if (r.ownerIds.length) await db.insert(planActionOwners).values(r.ownerIds.map((organisationId) => ({ actionId: id, organisationId })));
      if (r.goals.length) await db.insert(planActionGoals).values(r.goals.map((g) => ({ actionId: id, goalId: idOf(g.goal), weight: g.weight })));
      carried.push({ id, from: r.carriedFrom ? "id" in r.carriedFrom ? r.carriedFrom.id : `key:${r.carriedFrom.key}` : null });
      if (!was ? r.progress !== null : r.status.id !== was.statusId || (r.progress !== null && r.progress !== was.progress)) reports.push({ r, id, wasProgress: was?.progress ?? null });
    } else {
      const v = { actionId: idOf(r.action), title: r.title, dueOn: r.dueOn, doneOn: r.doneOn };
      if (r.id) await db.update(planMilestones).set(v).where(eq(planMilestones.id, id));
      else await db.insert(planMilestones).values({ id, ...v });
    }
  }
  // Once every new action exists, what each continues.
  for (const c of carried) {
    const from = c.from?.startsWith("key:") ? newIds.get(c.from.slice(4))! : c.from;
    await db.update(planActions).set({ carriedFromId: from }).where(eq(planActions.id, c.id));
  }
  for (const { r, id, wasProgress } of reports) {
    const progress = r.progress ?? wasProgress ?? r.status.suggestedProgress ?? 0;
    await db.insert(planReports).values({ id: randomUUID(), actionId: id, personId: by.personId, reporterName: by.name, statusId: r.status.id, progress, comment: by.reportComment, createdAt: now });
    await db.update(planActions).set({ statusId: r.status.id, progress, changedAt: now } satisfies Partial<Action>).where(eq(planActions.id, id));
    await by.notify?.(db, { id, title: r.fields.title, ref: r.fields.ref }, { progress, status: r.status, comment: by.reportComment });
  }
}
