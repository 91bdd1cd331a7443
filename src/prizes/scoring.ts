/**
 * The jury's ranking, as a plain function. A review's score is the weighted mean of its
 * criteria's scores, with the weights normalised (Σ score·weight / Σ weight, so weights of 2
 * and 3 mean 40 % and 60 %, as in the plans). Only complete reviews count: one that lacks a
 * criterion's score is not yet a review. A review by a juror with a conflict of interest on
 * that nomination never counts, whenever it was given. A nomination's figure is the mean or
 * the median of its reviews' scores, as the round chose; one without a counted review has
 * none and comes last.
 */
import type { RankingMethod } from "./schema.js";

export interface Criterion {
  id: string;
  weight: number;
}

export interface Review {
  jurorId: string;
  nominationId: string;
  /** Criterion id → 0–5. */
  scores: Record<string, number>;
}

export interface Ranked {
  nominationId: string;
  /** 0–5, or null without a counted review. */
  score: number | null;
  reviews: number;
  /** Per criterion: the mean of the counted reviews' scores. */
  byCriterion: Record<string, number | null>;
}

export const conflictKey = (jurorId: string, nominationId: string) => `${jurorId}:${nominationId}`;

/** One review's weighted score; null when a criterion is unscored or every weight is 0. */
export function reviewScore(criteria: readonly Criterion[], scores: Record<string, number>): number | null {
  let total = 0;
  let weights = 0;
  for (const c of criteria) {
    const s = scores[c.id];
    if (s === undefined || !Number.isFinite(s)) return null;
    total += s * Math.max(0, c.weight);
    weights += Math.max(0, c.weight);
  }
  return weights > 0 ? total / weights : null;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const mean = (values: readonly number[]) => (values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length);

/**
 * Every nomination given, ranked: highest figure first, then more counted reviews, then
 * the order given (so equal figures keep a stable order the page can say are tied).
 */
export function rankNominations(nominationIds: readonly string[], criteria: readonly Criterion[], reviews: readonly Review[], method: RankingMethod, conflicts: ReadonlySet<string>): Ranked[] {
  const counted = new Map<string, Review[]>(nominationIds.map((id) => [id, []]));
  for (const r of reviews) {
    if (conflicts.has(conflictKey(r.jurorId, r.nominationId))) continue;
    if (reviewScore(criteria, r.scores) === null) continue;
    counted.get(r.nominationId)?.push(r);
  }
  const aggregate = method === "median" ? median : mean;
  const ranked = nominationIds.map((nominationId, order) => {
    const list = counted.get(nominationId)!;
    const byCriterion = Object.fromEntries(criteria.map((c) => [c.id, mean(list.map((r) => r.scores[c.id]!))]));
    return { order, row: { nominationId, score: aggregate(list.map((r) => reviewScore(criteria, r.scores)!)), reviews: list.length, byCriterion } };
  });
  ranked.sort((a, b) => (b.row.score ?? -1) - (a.row.score ?? -1) || b.row.reviews - a.row.reviews || a.order - b.order);
  return ranked.map((r) => r.row);
}
