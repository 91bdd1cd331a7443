import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conflictKey, median, rankNominations, reviewScore, type Criterion, type Review } from "./scoring.js";

const criteriaArb = fc.uniqueArray(fc.record({ id: fc.constantFrom("a", "b", "c", "d"), weight: fc.integer({ min: 0, max: 10 }) }), { selector: (c) => c.id, minLength: 1, maxLength: 4 });
const scoresFor = (criteria: Criterion[]) => fc.record(Object.fromEntries(criteria.map((c) => [c.id, fc.integer({ min: 0, max: 5 })])) as Record<string, fc.Arbitrary<number>>);
const noms = ["n1", "n2", "n3"];
const setup = criteriaArb.chain((criteria) =>
  fc.record({
    criteria: fc.constant(criteria),
    reviews: fc.array(fc.record({ jurorId: fc.constantFrom("j1", "j2", "j3", "j4"), nominationId: fc.constantFrom(...noms), scores: scoresFor(criteria) }), { maxLength: 12 }),
    conflicts: fc.subarray(["j1:n1", "j2:n2", "j3:n1", "j4:n3"]),
    method: fc.constantFrom("mean" as const, "median" as const),
  }),
);

describe("a review's weighted score", () => {
  it("is the normalised weighted mean: weights 2 and 3 give 40 % and 60 %", () => {
    expect(reviewScore([{ id: "a", weight: 2 }, { id: "b", weight: 3 }], { a: 5, b: 0 })).toBeCloseTo(2);
  });
  it("is not a score while a criterion lacks one, nor when every weight is 0", () => {
    expect(reviewScore([{ id: "a", weight: 1 }, { id: "b", weight: 1 }], { a: 5 })).toBeNull();
    expect(reviewScore([{ id: "a", weight: 0 }], { a: 5 })).toBeNull();
  });
  it("stays between the lowest and the highest score given, and does not change when every weight is multiplied", () => {
    fc.assert(
      fc.property(criteriaArb.chain((c) => fc.tuple(fc.constant(c), scoresFor(c), fc.integer({ min: 2, max: 7 }))), ([criteria, scores, k]) => {
        const s = reviewScore(criteria, scores);
        if (criteria.every((c) => c.weight === 0)) return s === null;
        const given = criteria.filter((c) => c.weight > 0).map((c) => scores[c.id]!);
        const scaled = reviewScore(criteria.map((c) => ({ ...c, weight: c.weight * k })), scores);
        return s !== null && s >= Math.min(...given) - 1e-9 && s <= Math.max(...given) + 1e-9 && Math.abs(scaled! - s) < 1e-9;
      }),
    );
  });
});

describe("the ranking", () => {
  it("keeps a conflicted juror's review out, exactly as if it had not been given", () => {
    fc.assert(
      fc.property(setup, ({ criteria, reviews, conflicts, method }) => {
        const set = new Set(conflicts);
        const withConflicts = rankNominations(noms, criteria, reviews, method, set);
        const without = rankNominations(noms, criteria, reviews.filter((r) => !set.has(conflictKey(r.jurorId, r.nominationId))), method, new Set());
        expect(withConflicts).toEqual(without);
      }),
    );
  });

  it("does not depend on the order the reviews come in, and lists every nomination once, best first", () => {
    fc.assert(
      fc.property(setup, fc.integer({ min: 0, max: 1000 }), ({ criteria, reviews, conflicts, method }, seed) => {
        const shuffled = [...reviews].sort((a, b) => ((JSON.stringify(a).length * seed) % 7) - ((JSON.stringify(b).length * seed) % 7));
        const a = rankNominations(noms, criteria, reviews, method, new Set(conflicts));
        const b = rankNominations(noms, criteria, shuffled, method, new Set(conflicts));
        expect(b.map((r) => [r.nominationId, r.score === null ? null : r.score.toFixed(9)])).toEqual(a.map((r) => [r.nominationId, r.score === null ? null : r.score.toFixed(9)]));
        expect(a.map((r) => r.nominationId).sort()).toEqual([...noms].sort());
        const scores = a.map((r) => r.score ?? -1);
        expect(scores).toEqual([...scores].sort((x, y) => y - x));
      }),
    );
  });

  it("gives each nomination the mean or the median of its counted reviews, within 0–5", () => {
    fc.assert(
      fc.property(setup, ({ criteria, reviews, method }) => {
        for (const r of rankNominations(noms, criteria, reviews, method, new Set())) {
          const own = reviews.filter((x) => x.nominationId === r.nominationId).map((x) => reviewScore(criteria, x.scores)).filter((s): s is number => s !== null);
          expect(r.reviews).toBe(own.length);
          const expected = own.length === 0 ? null : method === "mean" ? own.reduce((s, v) => s + v, 0) / own.length : median(own);
          if (expected === null) expect(r.score).toBeNull();
          else {
            expect(r.score).toBeCloseTo(expected, 9);
            expect(r.score).toBeGreaterThanOrEqual(0);
            expect(r.score).toBeLessThanOrEqual(5);
          }
        }
      }),
    );
  });

  it("puts a higher review first: one more top review never lowers a nomination's mean, one more zero never raises it", () => {
    fc.assert(
      fc.property(setup, fc.constantFrom(...noms), ({ criteria, reviews }, target) => {
        if (criteria.every((c) => c.weight === 0)) return;
        const before = rankNominations(noms, criteria, reviews, "mean", new Set()).find((r) => r.nominationId === target)!.score;
        const all = (v: number): Review => ({ jurorId: "j9", nominationId: target, scores: Object.fromEntries(criteria.map((c) => [c.id, v])) });
        const up = rankNominations(noms, criteria, [...reviews, all(5)], "mean", new Set()).find((r) => r.nominationId === target)!.score!;
        const down = rankNominations(noms, criteria, [...reviews, all(0)], "mean", new Set()).find((r) => r.nominationId === target)!.score!;
        expect(up).toBeGreaterThanOrEqual((before ?? 0) - 1e-9);
        expect(down).toBeLessThanOrEqual((before ?? 5) + 1e-9);
      }),
    );
  });

  it("takes the median of an even number as the mean of the middle two, and of none as nothing", () => {
    expect(median([1, 4, 2, 5])).toBe(3);
    expect(median([3])).toBe(3);
    expect(median([])).toBeNull();
  });
});
