/**
 * The space's own status catalogue (issue 14 §3): the organiser adds a status and changes
 * what one means; the figures follow at once; a taken or malformed short name is refused
 * and changes nothing; only the space's organisers may do it.
 */
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { searchOrganisations } from "../../src/organisations/repository.js";
import { addAction, addActionPlan, addFocusArea, addGoal, createPlan, reportProgress, statusesOf } from "../../src/plans/repository.js";
import { planStatuses } from "../../src/plans/schema.js";
import { createTestApp, TestClient } from "../support/app.js";
import { describeEachDriver } from "../support/db.js";
import { makeOrganiser } from "../support/factories.js";

describeEachDriver("the space's status catalogue", (get) => {
  it("a new status and a changed meaning show in the figures at once; bad short names are refused without a change", async () => {
    const t = createTestApp(get());
    const { db } = t.deps;
    const org = await makeOrganiser(db);
    const plan = await createPlan(db, org.space.id, { slug: `status-${org.space.slug}`, title: "Plan", vision: null, periodStart: 2026, periodEnd: 2027, published: true });
    const area = await addFocusArea(db, plan.id, { title: "Område", description: null, rule: "mean", manualProgress: null, weight: 1 });
    const goal = await addGoal(db, area, { title: "Mål", description: null, rule: "done", manualProgress: null, weight: 1 });
    const year = await addActionPlan(db, plan, 2026);
    const umea = (await searchOrganisations(db, "2480"))[0]!;
    const byKey = async () => Object.fromEntries((await statusesOf(db, org.space.id)).map((s) => [s.key, s]));
    const a = await addAction(db, year, { ref: "S1", title: "Åtgärd", description: null, contactName: null, contactEmail: null, statusId: (await byKey()).pagar!.id, startsOn: null, endsOn: null, ownerIds: [umea.id], goals: [{ goalId: goal.id, weight: 1 }] }, t.deps.now());
    await reportProgress(db, a.id, { personId: null, reporterName: "R", statusId: (await byKey()).pagar!.id, progress: 90, comment: "Nästan" }, t.deps.now());
    const c = new TestClient(t);
    await c.login(org.person.email!);
    const base = `/planer/${plan.slug}/hantera`;

    let res = await c.post(`${base}/statusar`, { key: "vantar-beslut", label: "Väntar på beslut", labelEn: "Awaiting decision", suggestedProgress: "", counts: "on" });
    expect(res.status).toBe(303);
    expect((await byKey())["vantar-beslut"]).toMatchObject({ label: "Väntar på beslut", labelEn: "Awaiting decision", suggestedProgress: null, done: false, counts: true });
    const page = await (await c.get(base)).text();
    expect(page).toContain("Väntar på beslut (vantar-beslut): rapportören anger siffran");

    // The goal counts the share of its actions done: "Pågår" at 90 % is not done (0 %) until "Pågår" is made to mean done.
    const goalFigure = async () => (await (await c.get(`/api/v1/plans/${plan.slug}`)).json()).focusAreas[0].goals[0].figure.progress;
    expect(await goalFigure()).toBe(0);
    const pagar = (await byKey()).pagar!;
    res = await c.post(`${base}/statusar/${pagar.id}`, { label: "Pågår", labelEn: "In progress", suggestedProgress: "", done: "on", counts: "on" });
    expect(res.status).toBe(303);
    expect((await byKey()).pagar!.done).toBe(true);
    expect(await goalFigure()).toBe(100);

    const before = await db.select().from(planStatuses).where(eq(planStatuses.spaceId, org.space.id));
    for (const [fields, message, status] of [
      [{ key: "vantar-beslut", label: "Igen", labelEn: "Again", counts: "on" }, "Det finns redan en status med det kortnamnet.", 409],
      [{ key: "Väntar Beslut", label: "X", labelEn: "X" }, "Skriv kortnamnet med små bokstäver, siffror och bindestreck", 422],
      [{ key: "ny", label: "", labelEn: "X" }, "Fyll i namn", 422],
      [{ key: "ny2", label: "X", labelEn: "X", suggestedProgress: "140" }, "Skriv ett heltal från 0 till 100.", 422],
    ] as const) {
      res = await c.post(`${base}/statusar`, fields);
      expect(res.status).toBe(status);
      expect(await res.text()).toContain(message);
    }
    expect(await db.select().from(planStatuses).where(eq(planStatuses.spaceId, org.space.id))).toEqual(before);
  });
});
