/** Plans on both drivers: the tree, reports with their history, roll-up, carry-over. */
import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { searchOrganisations } from "../../src/organisations/repository.js";
import { planFigures } from "../../src/plans/progress.js";
import { actionHistory, addAction, addActionPlan, addFocusArea, addGoal, carryOver, createPlan, isReporterFor, grantReporter, reportProgress, statusesOf } from "../../src/plans/repository.js";
import { planActions, planReports } from "../../src/plans/schema.js";
import { figuresAt, loadPlanTree } from "../../src/plans/tree.js";
import { describeEachDriver } from "../support/db.js";
import { makePerson, makeSpace } from "../support/factories.js";

describeEachDriver("plans", (get) => {
  async function setup() {
    const { db } = get();
    const space = await makeSpace(db);
    const plan = await createPlan(db, space.id, { slug: `vp-${space.slug}`, title: "Verksamhetsplan 2023–2025", vision: null, periodStart: 2023, periodEnd: 2025, published: true });
    const statuses = Object.fromEntries((await statusesOf(db, space.id)).map((s) => [s.key, s]));
    const area = await addFocusArea(db, plan.id, { title: "Ledning och styrning", description: null, rule: "weighted", manualProgress: null, weight: 1 });
    const goal = await addGoal(db, area, { title: "Gemensam styrmodell", description: null, rule: "weighted", manualProgress: null, weight: 1 });
    const umea = (await searchOrganisations(db, "2480"))[0]!;
    const skelleftea = (await searchOrganisations(db, "2482"))[0]!;
    const ap = await addActionPlan(db, plan, 2023);
    const base = { description: null, contactName: null, contactEmail: null, startsOn: null, endsOn: null, statusId: statuses.planerad!.id };
    const a = await addAction(db, ap, { ...base, ref: "A1", title: "Styrmodell", ownerIds: [umea.id], goals: [{ goalId: goal.id, weight: 2 }] }, new Date("2023-01-10T10:00:00Z"));
    const b = await addAction(db, ap, { ...base, ref: "A2", title: "Portfölj", ownerIds: [skelleftea.id], goals: [{ goalId: goal.id, weight: 3 }] }, new Date("2023-01-10T10:00:00Z"));
    return { db, space, plan, statuses, area, goal, ap, a, b, umea, skelleftea };
  }

  it("computes a goal's figure by normalised weights, counting an action without a report as 0, and shows the rule", async () => {
    const { db, plan, statuses, goal, area, a, b } = await setup();
    await reportProgress(db, a.id, { personId: null, reporterName: "Test", statusId: statuses.klar!.id, progress: 100, comment: "Klar" }, new Date("2023-06-01T10:00:00Z"));
    let figures = planFigures(await loadPlanTree(db, plan));
    expect(figures.goals.get(goal.id)).toMatchObject({ rule: "weighted", counted: 2, unreported: 1 });
    expect(figures.goals.get(goal.id)!.progress).toBeCloseTo(40, 9);
    await reportProgress(db, b.id, { personId: null, reporterName: "Test", statusId: statuses.pagar!.id, progress: 50, comment: "Halvvägs" }, new Date("2023-09-01T10:00:00Z"));
    figures = planFigures(await loadPlanTree(db, plan));
    expect(figures.goals.get(goal.id)!.progress).toBeCloseTo(40 + 30, 9);
    expect(figures.focusAreas.get(area.id)!.progress).toBeCloseTo(70, 9);
    expect(figures.plan.progress).toBeCloseTo(70, 9);
    // As it was in July: only A1's report had been made.
    const tree = await loadPlanTree(db, plan);
    const then = await figuresAt(db, tree, new Date("2023-07-01T00:00:00Z"));
    expect(planFigures(tree, (x) => then.get(x.id)?.progress ?? null).goals.get(goal.id)!.progress).toBeCloseTo(40, 9);
  });

  it("keeps every report with who and when, and two reports at once are both kept, the action ending with the last written", async () => {
    const { db, statuses, a } = await setup();
    const person = await makePerson(db, { name: "Rapportör Test" });
    await Promise.all(
      [10, 20, 30, 40, 50].map((p, i) => reportProgress(db, a.id, { personId: person.id, reporterName: person.name, statusId: statuses.pagar!.id, progress: p, comment: `Rapport ${i}` }, new Date(Date.UTC(2023, 3, 1, 10, i)))),
    );
    const history = await actionHistory(db, a.id);
    expect(history).toHaveLength(5);
    expect(history.every((h) => h.reporterName === "Rapportör Test")).toBe(true);
    const [latest] = await db.select({ id: planReports.id, progress: planReports.progress }).from(planReports).where(eq(planReports.actionId, a.id)).orderBy(sql`seq desc`).limit(1);
    const [action] = await db.select().from(planActions).where(eq(planActions.id, a.id));
    expect(action!.progress).toBe(latest!.progress);
  });

  it("carries unfinished actions over with their history, counts each once, and does not carry twice", async () => {
    const { db, plan, statuses, goal, a, b } = await setup();
    await reportProgress(db, a.id, { personId: null, reporterName: "T", statusId: statuses.klar!.id, progress: 100, comment: "Klar" }, new Date("2023-05-01T10:00:00Z"));
    await reportProgress(db, b.id, { personId: null, reporterName: "T", statusId: statuses.pagar!.id, progress: 30, comment: "Igång" }, new Date("2023-10-01T10:00:00Z"));
    const first = await carryOver(db, plan, 2023);
    expect(first.carried).toBe(1);
    expect((await carryOver(db, plan, 2023)).carried).toBe(0);
    const [copy] = await db.select().from(planActions).where(eq(planActions.carriedFromId, b.id));
    expect(copy).toMatchObject({ ref: "A2", progress: 30, actionPlanId: first.actionPlan.id });
    await reportProgress(db, copy!.id, { personId: null, reporterName: "T", statusId: statuses.pagar!.id, progress: 60, comment: "Vidare" }, new Date("2024-03-01T10:00:00Z"));
    expect((await actionHistory(db, copy!.id)).map((h) => [h.year, h.progress])).toEqual([[2024, 60], [2023, 30]]);
    const figures = planFigures(await loadPlanTree(db, plan));
    // A1 done (weight 2) and A2's latest incarnation at 60 (weight 3): the old A2 is not counted again.
    expect(figures.goals.get(goal.id)).toMatchObject({ counted: 2 });
    expect(figures.goals.get(goal.id)!.progress).toBeCloseTo(0.4 * 100 + 0.6 * 60, 9);
  });

  it("a reporter may report only on actions their organisation owns", async () => {
    const { db, plan, a, b, umea } = await setup();
    const person = await makePerson(db);
    await grantReporter(db, plan.id, person.id, umea.id);
    expect(await isReporterFor(db, person.id, a)).toBe(true);
    expect(await isReporterFor(db, person.id, b)).toBe(false);
  });
});
