/**
 * How a goal's, a focus area's and a plan's progress is computed from its children, by the
 * rule chosen for that node, and shown beside the figure so that anyone can check it.
 *
 * One rule for what has no figure, the same everywhere: a child without a report (an
 * action nobody has reported on, a node reported by hand that has no figure yet) counts
 * as 0 %. Progress is never overstated by leaving the silent ones out; the count of those
 * is returned so the page can say "3 of 12 have no report yet". Children whose status
 * does not count (e.g. "avbruten") are left out entirely, and said so.
 *
 * Weights are normalised: Σ progress·weight / Σ weight, so weights of 2 and 3 mean 40 %
 * and 60 %. A rule never changes by itself (Decidim's Accountability sums weights without
 * dividing and switches rule when one child keeps the default weight: not here). A figure
 * reported by hand is the node's figure, whatever its children say.
 */
export const rollupRules = ["mean", "weighted", "done", "manual"] as const;
export type RollupRule = (typeof rollupRules)[number];

export interface RollupChild {
  /** 0–100, or null when nobody has reported. */
  progress: number | null;
  /** Only for the weighted rule; ≥ 0. */
  weight: number;
  /** Its status says it is finished (for the "share done" rule). */
  done: boolean;
  /** False for a status that is left out of the roll-up (e.g. cancelled). */
  counts: boolean;
}

export interface Rollup {
  /** 0–100, or null when there is nothing to compute from (no children that count, all weights 0, no hand figure). */
  progress: number | null;
  rule: RollupRule;
  /** Children that took part. */
  counted: number;
  /** Of those, how many had no figure and counted as 0. */
  unreported: number;
  /** Children left out because their status does not count. */
  excluded: number;
}

const clamp = (p: number) => Math.min(100, Math.max(0, p));

export function rollup(rule: RollupRule, children: readonly RollupChild[], manual: number | null = null): Rollup {
  const counting = children.filter((c) => c.counts);
  const base = { rule, counted: counting.length, unreported: counting.filter((c) => c.progress === null).length, excluded: children.length - counting.length };
  if (rule === "manual") return { ...base, progress: manual === null ? null : clamp(manual) };
  if (counting.length === 0) return { ...base, progress: null };
  const value = (c: RollupChild) => clamp(c.progress ?? 0);
  if (rule === "done") return { ...base, progress: (100 * counting.filter((c) => c.done).length) / counting.length };
  if (rule === "mean") return { ...base, progress: counting.reduce((s, c) => s + value(c), 0) / counting.length };
  const totalWeight = counting.reduce((s, c) => s + Math.max(0, c.weight), 0);
  if (totalWeight === 0) return { ...base, progress: null };
  return { ...base, progress: counting.reduce((s, c) => s + value(c) * Math.max(0, c.weight), 0) / totalWeight };
}

/** The share each child has of its parent's figure under the weighted rule (0–1), for showing "40 %". */
export function normalisedWeights(children: readonly RollupChild[]): number[] {
  const total = children.reduce((s, c) => s + (c.counts ? Math.max(0, c.weight) : 0), 0);
  return children.map((c) => (c.counts && total > 0 ? Math.max(0, c.weight) / total : 0));
}

/** A node's roll-up as a child of its parent. */
export const asChild = (r: Rollup, weight: number, done = r.progress === 100): RollupChild => ({ progress: r.progress, weight, done, counts: true });

/** Whole per cent for showing; the computed figure is kept exact. */
export const shownPercent = (p: number | null): number | null => (p === null ? null : Math.round(p));
