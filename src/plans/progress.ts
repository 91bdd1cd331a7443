/**
 * A plan's figures, computed from plain data: each action's latest figure, each goal's from
 * its actions, each focus area's from its goals, the plan's from its focus areas, each by
 * its own rule (rollup.ts). An action carried over into a later year counts once, as its
 * latest incarnation (the earlier one is "superseded" and left out).
 */
import { asChild, rollup, type Rollup, type RollupChild, type RollupRule } from "./rollup.js";

export interface TreeNode {
  id: string;
  title: string;
  description: string | null;
  rule: RollupRule;
  manualProgress: number | null;
  weight: number;
}

export interface TreeStatus {
  id: string;
  key: string;
  label: string;
  labelEn: string;
  done: boolean;
  counts: boolean;
  suggestedProgress: number | null;
}

export interface TreeAction {
  id: string;
  ref: string;
  title: string;
  year: number;
  statusId: string;
  progress: number | null;
  changedAt: Date;
  createdAt: Date;
  carriedFromId: string | null;
  superseded: boolean;
  owners: { id: string; name: string; municipalityCode: string | null; countyCode: string | null }[];
  goals: { goalId: string; weight: number }[];
}

export interface PlanTree {
  plan: TreeNode;
  focusAreas: (TreeNode & { goals: TreeNode[] })[];
  actions: TreeAction[];
  statuses: TreeStatus[];
}

export interface Figures {
  plan: Rollup;
  focusAreas: Map<string, Rollup>;
  goals: Map<string, Rollup>;
}

/**
 * The figures of every node. `progressOf` gives each action's figure (today's by default;
 * the page's "then" passes the figures as they were at a date).
 */
export function planFigures(tree: PlanTree, progressOf: (a: TreeAction) => number | null = (a) => a.progress, statusOf: (a: TreeAction) => string = (a) => a.statusId): Figures {
  const statuses = new Map(tree.statuses.map((s) => [s.id, s]));
  const current = tree.actions.filter((a) => !a.superseded);
  const goals = new Map<string, Rollup>();
  const focusAreas = new Map<string, Rollup>();
  for (const fa of tree.focusAreas) {
    for (const goal of fa.goals) {
      const children: RollupChild[] = [];
      for (const a of current) {
        const link = a.goals.find((g) => g.goalId === goal.id);
        if (!link) continue;
        const status = statuses.get(statusOf(a));
        children.push({ progress: progressOf(a), weight: link.weight, done: status?.done ?? false, counts: status?.counts ?? true });
      }
      goals.set(goal.id, rollup(goal.rule, children, goal.manualProgress));
    }
    focusAreas.set(fa.id, rollup(fa.rule, fa.goals.map((g) => asChild(goals.get(g.id)!, g.weight)), fa.manualProgress));
  }
  const plan = rollup(tree.plan.rule, tree.focusAreas.map((fa) => asChild(focusAreas.get(fa.id)!, fa.weight)), tree.plan.manualProgress);
  return { plan, focusAreas, goals };
}

export interface ActionFilter {
  focusAreaId?: string;
  organisationId?: string;
  municipalityCode?: string;
}

/** The current actions a filter lets through (the figures stay those of the whole plan). */
export function filterActions(tree: PlanTree, f: ActionFilter): TreeAction[] {
  const goalsOfArea = f.focusAreaId ? new Set(tree.focusAreas.find((fa) => fa.id === f.focusAreaId)?.goals.map((g) => g.id) ?? []) : null;
  return tree.actions.filter(
    (a) =>
      !a.superseded &&
      (!goalsOfArea || a.goals.some((g) => goalsOfArea.has(g.goalId))) &&
      (!f.organisationId || a.owners.some((o) => o.id === f.organisationId)) &&
      (!f.municipalityCode || a.owners.some((o) => o.municipalityCode === f.municipalityCode)),
  );
}
