/** The poll arithmetic, property-tested: what any set of answers must give. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PollAnswer } from "./schema.js";
import { normaliseWord, tally, wordsOf } from "./tally.js";

const options = fc.array(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 2, maxLength: 6 });

describe("poll results", () => {
  it("single choice: every answer counted once, the counts add up to those who answered, shares to 1", () => {
    fc.assert(
      fc.property(options.chain((o) => fc.tuple(fc.constant(o), fc.array(fc.nat(o.length - 1).map((i) => ({ choices: [i] }) as PollAnswer), { maxLength: 50 }))), ([o, answers]) => {
        const t = tally({ kind: "single", options: o, scaleMax: null }, answers);
        expect(t.answered).toBe(answers.length);
        expect(t.rows.reduce((n, r) => n + r.count, 0)).toBe(answers.length);
        if (answers.length > 0) expect(t.rows.reduce((n, r) => n + r.share, 0)).toBeCloseTo(1, 9);
      }),
    );
  });

  it("multiple choice: a choice given twice in one answer counts once; no option exceeds those who answered", () => {
    fc.assert(
      fc.property(options.chain((o) => fc.tuple(fc.constant(o), fc.array(fc.array(fc.nat(o.length - 1), { minLength: 1, maxLength: 8 }).map((c) => ({ choices: c }) as PollAnswer), { maxLength: 40 }))), ([o, answers]) => {
        const t = tally({ kind: "multiple", options: o, scaleMax: null }, answers);
        for (const r of t.rows) expect(r.count).toBeLessThanOrEqual(answers.length);
        const expected = o.map((_, i) => answers.filter((a) => "choices" in a && a.choices.includes(i)).length);
        expect(t.rows.map((r) => r.count)).toEqual(expected);
      }),
    );
  });

  it("rating: the mean is the plain mean of the ratings on the scale", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 10 }).chain((max) => fc.tuple(fc.constant(max), fc.array(fc.integer({ min: 1, max }), { maxLength: 60 }))), ([max, ratings]) => {
        const t = tally({ kind: "rating", options: [], scaleMax: max }, ratings.map((rating) => ({ rating })));
        expect(t.rows).toHaveLength(max);
        if (ratings.length === 0) expect(t.mean).toBeNull();
        else expect(t.mean!).toBeCloseTo(ratings.reduce((a, b) => a + b, 0) / ratings.length, 9);
      }),
    );
  });

  it("ranking: Borda points add up to n(n−1)/2 per complete answer, listed best first", () => {
    fc.assert(
      fc.property(options.chain((o) => fc.tuple(fc.constant(o), fc.array(fc.shuffledSubarray([...o.keys()], { minLength: o.length, maxLength: o.length }).map((r) => ({ ranking: r }) as PollAnswer), { maxLength: 30 }))), ([o, answers]) => {
        const t = tally({ kind: "ranking", options: o, scaleMax: null }, answers);
        const n = o.length;
        expect(t.rows.reduce((s, r) => s + r.count, 0)).toBe((answers.length * n * (n - 1)) / 2);
        for (let i = 1; i < t.rows.length; i++) expect(t.rows[i - 1]!.count).toBeGreaterThanOrEqual(t.rows[i]!.count);
      }),
    );
  });

  it("word cloud: case and spacing do not make two words; normalising twice changes nothing; at most three words an answer", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }), (w) => {
        expect(normaliseWord(normaliseWord(w))).toBe(normaliseWord(w));
      }),
    );
    expect(normaliseWord("  Öppna \t  DATA ")).toBe("öppna data");
    expect(wordsOf(["Tillit", "tillit ", "", "Mod", "Öppenhet", "fem"])).toEqual(["tillit", "mod", "öppenhet"]);
    const t = tally({ kind: "words", options: [], scaleMax: null }, [{ words: ["Tillit"] }, { words: ["TILLIT", "mod"] }, { words: [" tillit  "] }]);
    expect(t.rows.map((r) => [r.label, r.count])).toEqual([["tillit", 3], ["mod", 1]]);
  });
});
