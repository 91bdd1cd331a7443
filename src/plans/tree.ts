/** Reads a plan's whole tree in a fixed number of queries, whatever its size. */
import { rowsOf } from "../db/rows.js";
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import type { PlanTree, TreeAction } from "./progress.js";
import type { Plan } from "./repository.js";
import { planFocusAreas, planGoals, planStatuses } from "./schema.js";

export async function loadPlanTree(db: Db, plan: Plan): Promise<PlanTree> {
  const [areas, goals, statuses, actions, owners, links] = await Promise.all([
    db.select().from(planFocusAreas).where(eq(planFocusAreas.planId, plan.id)).orderBy(asc(planFocusAreas.position)),
    db.select().from(planGoals).where(eq(planGoals.planId, plan.id)).orderBy(asc(planGoals.position)),
    db.select().from(planStatuses).where(eq(planStatuses.spaceId, plan.spaceId)).orderBy(asc(planStatuses.position)),
    rowsOf<{ id: string; ref: string; title: string; year: number; status_id: string; progress: number | null; changed_at: string | Date; created_at: string | Date; carried_from_id: string | null; superseded: boolean }>(
      db,
      sql`select a.id, a.ref, a.title, ap.year, a.status_id, a.progress, a.changed_at, a.created_at, a.carried_from_id,
                 exists (select 1 from plan_actions n where n.carried_from_id = a.id) as superseded
          from plan_actions a join action_plans ap on ap.id = a.action_plan_id
          where a.plan_id = ${plan.id} order by ap.year desc, a.ref`,
    ),
    rowsOf<{ action_id: string; id: string; name: string; municipality_code: string | null; county_code: string | null }>(
      db,
      sql`select o.action_id, g.id, g.name, g.municipality_code, g.county_code
          from plan_action_owners o join plan_actions a on a.id = o.action_id join organisations g on g.id = o.organisation_id
          where a.plan_id = ${plan.id} order by g.name`,
    ),
    rowsOf<{ action_id: string; goal_id: string; weight: number }>(
      db,
      sql`select l.action_id, l.goal_id, l.weight from plan_action_goals l join plan_actions a on a.id = l.action_id where a.plan_id = ${plan.id}`,
    ),
  ]);
  const byAction = new Map<string, TreeAction>();
  const treeActions: TreeAction[] = actions.map((a) => {
    const action: TreeAction = { id: a.id, ref: a.ref, title: a.title, year: Number(a.year), statusId: a.status_id, progress: a.progress === null ? null : Number(a.progress), changedAt: new Date(a.changed_at), createdAt: new Date(a.created_at), carriedFromId: a.carried_from_id, superseded: a.superseded, owners: [], goals: [] };
    byAction.set(a.id, action);
    return action;
  });
  for (const o of owners) byAction.get(o.action_id)?.owners.push({ id: o.id, name: o.name, municipalityCode: o.municipality_code, countyCode: o.county_code });
  for (const l of links) byAction.get(l.action_id)?.goals.push({ goalId: l.goal_id, weight: Number(l.weight) });
  const node = (n: { id: string; title: string; description: string | null; rule: Plan["rule"]; manualProgress: number | null; weight: number }) => ({ id: n.id, title: n.title, description: n.description, rule: n.rule, manualProgress: n.manualProgress, weight: n.weight });
  return {
    plan: { id: plan.id, title: plan.title, description: plan.vision, rule: plan.rule, manualProgress: plan.manualProgress, weight: 1 },
    focusAreas: areas.map((fa) => ({ ...node(fa), goals: goals.filter((g) => g.focusAreaId === fa.id).map(node) })),
    actions: treeActions,
    statuses,
  };
}

/**
 * Each action's figure and status as they were at `at`: its latest report before then, or,
 * for an action carried over, its predecessor's; none when nothing had been reported.
 */
export async function figuresAt(db: Db, tree: PlanTree, at: Date): Promise<Map<string, { progress: number; statusId: string }>> {
  const rows = await rowsOf<{ action_id: string; progress: number; status_id: string; carried_from_id: string | null }>(
    db,
    sql`select a.id as action_id, a.carried_from_id, r.progress, r.status_id
        from plan_actions a
        left join lateral (select progress, status_id from plan_reports where action_id = a.id and created_at < ${at.toISOString()}::timestamptz order by created_at desc, seq desc limit 1) r on true
        where a.plan_id = ${tree.plan.id}`,
  );
  const own = new Map(rows.map((r) => [r.action_id, r]));
  const result = new Map<string, { progress: number; statusId: string }>();
  for (const a of tree.actions) {
    let row = own.get(a.id);
    for (let hops = 0; row && row.progress === null && row.carried_from_id && hops < 50; hops++) row = own.get(row.carried_from_id);
    if (row && row.progress !== null) result.set(a.id, { progress: Number(row.progress), statusId: row.status_id });
  }
  return result;
}
