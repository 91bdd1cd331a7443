/**
 * The plan file, property-tested without a database: any plan exported and read back
 * (CSV, with semicolons, quotes, line breaks, formula-like and Swedish text) checks clean
 * and changes nothing; any one changed cell is found as exactly one change.
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkPlanFile, type PlanState } from "./file-check.js";
import { exportLines } from "./file-transfer.js";
import { planCsv, readPlanText, type Line } from "./file-format.js";
import { defaultStatuses, type Plan } from "./repository.js";
import { rollupRules } from "./rollup.js";

// Text as people write it, with what a CSV must quote and a spreadsheet would run (no digits: a run of them may look like a personnummer).
const text = fc
  .array(fc.constantFrom(..."aåäöÅÄÖ bcxyz;\",=+-@\n|:é".split("")), { minLength: 1, maxLength: 30 })
  .map((cs) => cs.join("").trim())
  // A leading apostrophe followed by = + - @ is how the export defuses a formula, so it is read as that (a known limit).
  .filter((s) => s.length > 0 && !/^'/.test(s));
const rule = fc.constantFrom(...rollupRules);
const percentOrNull = fc.option(fc.integer({ min: 0, max: 100 }), { nil: null });
const day = fc.integer({ min: 1, max: 28 }).map((d) => `2025-03-${String(d).padStart(2, "0")}`);

const organisations = [
  { id: randomUUID(), name: "Umeå kommun" },
  { id: randomUUID(), name: "Region Västerbotten" },
  { id: randomUUID(), name: "Skellefteå kommun" },
];

const planState = fc
  .record({
    title: text,
    vision: fc.option(text, { nil: null }),
    rule,
    manual: percentOrNull,
    areas: fc.array(fc.record({ title: text, rule, manual: percentOrNull, weight: fc.integer({ min: 0, max: 1000 }), goals: fc.array(fc.record({ title: text, rule, weight: fc.integer({ min: 0, max: 20 }) }), { maxLength: 3 }) }), { maxLength: 3 }),
    actions: fc.array(
      fc.record({ title: text, description: fc.option(text, { nil: null }), status: fc.integer({ min: 0, max: 4 }), progress: percentOrNull, owners: fc.subarray(organisations, { minLength: 1 }), start: fc.option(day, { nil: null }), milestones: fc.array(fc.record({ title: text, due: day, done: fc.option(day, { nil: null }) }), { maxLength: 2 }), goalWeight: fc.integer({ min: 0, max: 5 }) }),
      { maxLength: 6 },
    ),
  })
  .map((r): PlanState => {
    const spaceId = randomUUID();
    const plan: Plan = { id: randomUUID(), spaceId, slug: "vp", title: r.title, vision: r.vision, periodStart: 2025, periodEnd: 2027, rule: r.rule, manualProgress: r.manual, published: true, createdAt: new Date() };
    const focusAreas = r.areas.map((a, i) => ({ id: randomUUID(), planId: plan.id, title: a.title, description: null, position: i, rule: a.rule, manualProgress: a.manual, weight: a.weight }));
    const goals = r.areas.flatMap((a, i) => a.goals.map((g, j) => ({ id: randomUUID(), planId: plan.id, focusAreaId: focusAreas[i]!.id, title: g.title, description: null, position: j, rule: g.rule, manualProgress: null, weight: g.weight })));
    const statuses = defaultStatuses.map((s, i) => ({ ...s, id: randomUUID(), spaceId, position: i }));
    const actions = r.actions.map((a, i) => ({
      id: randomUUID(),
      actionPlanId: randomUUID(),
      planId: plan.id,
      ref: `A${i + 1}`,
      title: a.title,
      description: a.description,
      contactName: null,
      contactEmail: null,
      statusId: statuses[a.status]!.id,
      progress: a.progress,
      startsOn: a.start,
      endsOn: a.start ? "2025-12-31" : null,
      carriedFromId: null as string | null,
      changedAt: new Date(),
      createdAt: new Date(),
      year: 2025 + (i % 2),
    }));
    // Every second action continues the one before it, from the year before.
    actions.forEach((a, i) => {
      if (a.year === 2026) a.carriedFromId = actions[i - 1]!.id;
    });
    return {
      plan,
      focusAreas,
      goals,
      statuses,
      actions,
      owners: new Map(actions.map((a, i) => [a.id, r.actions[i]!.owners.map((o) => o.id)])),
      actionGoals: new Map(actions.map((a, i) => [a.id, goals.slice(0, 2).map((g) => ({ goalId: g.id, weight: r.actions[i]!.goalWeight }))])),
      milestones: actions.flatMap((a, i) => r.actions[i]!.milestones.map((m) => ({ id: randomUUID(), actionId: a.id, title: m.title, dueOn: m.due, doneOn: m.done }))),
      organisations,
    };
  });

const roundTrip = (lines: Line[]) => {
  const read = readPlanText(planCsv(lines));
  if (!read.ok) throw new Error(`unreadable: ${read.problem} ${read.detail ?? ""}`);
  return read.lines;
};

describe("the plan file", () => {
  it("an exported plan read back checks clean and changes nothing", () => {
    fc.assert(
      fc.property(planState, (state) => {
        const checked = checkPlanFile(state, roundTrip(exportLines(state)));
        expect(checked.problems).toEqual([]);
        expect(checked.changes).toEqual([]);
        expect(checked.unchanged).toBe(1 + state.focusAreas.length + state.goals.length + state.actions.length + state.milestones.length);
      }),
      { numRuns: 150 },
    );
  });

  it("one changed title is exactly one change, from the old to the new", () => {
    fc.assert(
      fc.property(planState, text, fc.nat(), (state, title, pick) => {
        const lines = exportLines(state);
        const i = pick % lines.length;
        fc.pre(lines[i]!.titel !== title);
        const edited = lines.map((l, j) => (j === i ? { ...l, titel: title } : l));
        const checked = checkPlanFile(state, roundTrip(edited));
        expect(checked.problems).toEqual([]);
        expect(checked.changes).toHaveLength(1);
        expect(checked.changes[0]).toMatchObject({ op: "update", fields: [{ column: "titel", from: lines[i]!.titel, to: title }] });
      }),
      { numRuns: 100 },
    );
  });
});
