/** The roll-up rules, property-tested: bounds, weights, missing figures, hand reports. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalisedWeights, rollup, rollupRules, type RollupChild } from "./rollup.js";

const child: fc.Arbitrary<RollupChild> = fc.record({
  progress: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
  weight: fc.integer({ min: 0, max: 10 }),
  done: fc.boolean(),
  counts: fc.boolean(),
});
const children = fc.array(child, { maxLength: 12 });
const rule = fc.constantFrom(...rollupRules);

describe("roll-up of progress", () => {
  it("stays within 0–100 for every rule, and says how many counted, had no report or were left out", () => {
    fc.assert(
      fc.property(rule, children, fc.option(fc.integer({ min: -50, max: 150 }), { nil: null }), (r, cs, manual) => {
        const out = rollup(r, cs, manual);
        if (out.progress !== null) {
          expect(out.progress).toBeGreaterThanOrEqual(0);
          expect(out.progress).toBeLessThanOrEqual(100);
        }
        expect(out.rule).toBe(r);
        expect(out.counted + out.excluded).toBe(cs.length);
        expect(out.unreported).toBe(cs.filter((c) => c.counts && c.progress === null).length);
      }),
    );
  });

  it("weights are normalised: 2 and 3 are 40 % and 60 %, and scaling every weight changes nothing", () => {
    const a = { progress: 100, weight: 2, done: true, counts: true };
    const b = { progress: 0, weight: 3, done: false, counts: true };
    expect(rollup("weighted", [a, b]).progress).toBeCloseTo(40, 9);
    expect(normalisedWeights([a, b])).toEqual([0.4, 0.6]);
    fc.assert(
      fc.property(children, fc.integer({ min: 1, max: 50 }), (cs, k) => {
        const scaled = cs.map((c) => ({ ...c, weight: c.weight * k }));
        const p1 = rollup("weighted", cs).progress;
        const p2 = rollup("weighted", scaled).progress;
        if (p1 === null) expect(p2).toBeNull();
        else expect(p2).toBeCloseTo(p1, 9);
      }),
    );
  });

  it("the weighted rule with equal weights is the mean, and never switches rule by itself when one weight differs", () => {
    fc.assert(
      fc.property(children, fc.integer({ min: 1, max: 9 }), (cs, w) => {
        const equal = cs.map((c) => ({ ...c, weight: w }));
        const mean = rollup("mean", equal).progress;
        const weighted = rollup("weighted", equal).progress;
        if (mean === null) expect(weighted).toBeNull();
        else expect(weighted).toBeCloseTo(mean, 9);
      }),
    );
    // Decidim's flaw: one child keeping the default weight made it fall back to another rule.
    const cs = [
      { progress: 100, weight: 1, done: true, counts: true },
      { progress: 0, weight: 4, done: false, counts: true },
    ];
    expect(rollup("weighted", cs).progress).toBeCloseTo(20, 9);
  });

  it("a child without a report counts as 0 under every computed rule: adding one never raises the figure", () => {
    fc.assert(
      fc.property(fc.constantFrom<("mean" | "done")[]>("mean", "done"), children, (r, cs) => {
        const before = rollup(r, cs).progress;
        const after = rollup(r, [...cs, { progress: null, weight: 1, done: false, counts: true }]).progress!;
        expect(after).toBeLessThanOrEqual(before ?? 100);
        expect(rollup(r, [{ progress: null, weight: 1, done: false, counts: true }]).progress).toBe(0);
      }),
    );
  });

  it("children whose status does not count change nothing", () => {
    fc.assert(
      fc.property(rule, children, child, (r, cs, extra) => {
        const without = rollup(r, cs, 33);
        const withExcluded = rollup(r, [...cs, { ...extra, counts: false }], 33);
        expect(withExcluded.progress).toBe(without.progress);
        expect(withExcluded.excluded).toBe(without.excluded + 1);
      }),
    );
  });

  it("a figure reported by hand is the figure, whatever the children say; without one there is none", () => {
    fc.assert(
      fc.property(children, fc.integer({ min: 0, max: 100 }), (cs, manual) => {
        expect(rollup("manual", cs, manual).progress).toBe(manual);
        expect(rollup("manual", cs, null).progress).toBeNull();
      }),
    );
  });

  it("share done is the share of counting children whose status is finished", () => {
    fc.assert(
      fc.property(children, (cs) => {
        const counting = cs.filter((c) => c.counts);
        const out = rollup("done", cs).progress;
        if (counting.length === 0) expect(out).toBeNull();
        else expect(out).toBeCloseTo((100 * counting.filter((c) => c.done).length) / counting.length, 9);
      }),
    );
  });

  it("has no figure when nothing can be computed: no children, or all weights 0", () => {
    expect(rollup("mean", []).progress).toBeNull();
    expect(rollup("weighted", [{ progress: 50, weight: 0, done: false, counts: true }]).progress).toBeNull();
  });
});
