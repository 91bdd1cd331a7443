/**
 * Plans in the JSON API (issue 14): an action with its history, reports by those who may
 * make them, the plan file's export, dry run and import, and ideas sent in and decided on.
 */
import { expect, it } from "vitest";
import { searchOrganisations } from "../../src/organisations/repository.js";
import { addAction, addActionPlan, addFocusArea, addGoal, createPlan, statusesOf } from "../../src/plans/repository.js";
import { api, createTestApp } from "../support/app.js";
import { describeEachDriver } from "../support/db.js";
import { makeAdmin, makeOrganiser, makePerson } from "../support/factories.js";
import { createApiToken } from "../../src/auth/repository.js";

describeEachDriver("plans in the API", (get) => {
  async function setup() {
    const t = createTestApp(get());
    t.clock.now = new Date("2025-04-01T08:00:00Z");
    const { db } = t.deps;
    const org = await makeOrganiser(db);
    const plan = await createPlan(db, org.space.id, { slug: `api-${org.space.slug}`, title: "Verksamhetsplan 2025–2027", vision: null, periodStart: 2025, periodEnd: 2027, published: true });
    const area = await addFocusArea(db, plan.id, { title: "Kompetens", description: null, rule: "mean", manualProgress: null, weight: 1 });
    const goal = await addGoal(db, area, { title: "Digital kompetens i alla led", description: null, rule: "mean", manualProgress: null, weight: 1 });
    const year = await addActionPlan(db, plan, 2025);
    const umea = (await searchOrganisations(db, "2480"))[0]!;
    const statuses = await statusesOf(db, org.space.id);
    const action = await addAction(db, year, { ref: "K1", title: "Utbildning för chefer", description: null, contactName: null, contactEmail: null, statusId: statuses[0]!.id, startsOn: null, endsOn: null, ownerIds: [umea.id], goals: [{ goalId: goal.id, weight: 1 }] }, t.clock.now);
    return { t, db, org, plan, action, umea };
  }

  it("reads an action with its history, and takes reports from the organiser but not from others", async () => {
    const { t, db, org, plan, action } = await setup();
    const path = `/v1/plans/${plan.slug}/actions/${action.id}`;
    let res = await api(t).get(path);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ref: "K1", year: 2025, status: { key: "planerad" }, progress: null, history: [], goals: [{ title: "Digital kompetens i alla led" }] });
    expect((await api(t).post(`${path}/reports`, { status: "pagar", progress: 20, comment: "Första omgången" })).status).toBe(401);
    const stranger = await createApiToken(db, (await makePerson(db)).id, "test");
    expect((await api(t, stranger.token).post(`${path}/reports`, { status: "pagar", progress: 20, comment: "Första omgången" })).status).toBe(403);
    res = await api(t, org.token).post(`${path}/reports`, { status: "kanske", comment: "x" });
    expect(res.status).toBe(422);
    expect((await res.json()).error.details).toEqual([expect.objectContaining({ field: "status" })]);
    res = await api(t, org.token).post(`${path}/reports`, { status: "pagar", progress: 20, comment: "Första omgången" });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ progress: 20, status: { key: "pagar" }, history: [{ status: "pagar", progress: 20, comment: "Första omgången" }] });
    // "Klar" suggests 100 when no figure is given.
    res = await api(t, org.token).post(`${path}/reports`, { status: "klar", comment: "Alla chefer utbildade" });
    expect((await res.json()).progress).toBe(100);
    expect((await api(t).get(`/v1/plans/${plan.slug}/actions/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it("exports the plan file, checks a changed one without writing, and saves it with the dry run's digest", async () => {
    const { t, org, plan, umea } = await setup();
    expect((await api(t).get(`/v1/plans/${plan.slug}/file`)).status).toBe(401);
    const csv = await (await api(t, org.token).get(`/v1/plans/${plan.slug}/file`)).text();
    expect(csv).toContain('"åtgärd";');
    const xlsx = await api(t, org.token).get(`/v1/plans/${plan.slug}/file?format=xlsx`);
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
    const content = `${csv.trim()}\r\n"åtgärd";"";"";"K2";"2025";"Digitala mötesplatser";"";"";"";"";"Planerad";"";"${umea.name}";"";"";"";"";"";"";""`;
    let res = await api(t, org.token).post(`/v1/plans/${plan.slug}/file`, { content });
    const dry = await res.json();
    expect(dry).toMatchObject({ applied: false, problems: [], changes: [{ op: "add", kind: "action", label: "K2 Digitala mötesplatser" }] });
    expect((await (await api(t).get(`/v1/plans/${plan.slug}`)).json()).actions).toHaveLength(1);
    res = await api(t, org.token).post(`/v1/plans/${plan.slug}/file`, { content, apply: true, digest: "annan-sammanfattning" });
    expect(res.status).toBe(409);
    res = await api(t, org.token).post(`/v1/plans/${plan.slug}/file`, { content, apply: true, digest: dry.digest });
    expect((await res.json()).applied).toBe(true);
    expect((await (await api(t).get(`/v1/plans/${plan.slug}`)).json()).actions.map((a: { ref: string }) => a.ref).sort()).toEqual(["K1", "K2"]);
    // A file with problems is answered with each, in the caller's language, and nothing is written.
    res = await api(t, org.token).post(`/v1/plans/${plan.slug}/file?lang=en`, { content: `${csv.trim()}\r\n"åtgärd";"";"";"K3";"2025";"X";"";"";"";"";"Kanske";"";"${umea.name}";"";"";"";"";"";"";""`, apply: true, digest: dry.digest });
    const bad = await res.json();
    expect(bad.applied).toBe(false);
    expect(bad.problems).toEqual([{ line: 6, column: "status", code: "plans.file.error.status", message: "Unknown status. Write one of: Planerad, Pågår, Klar, Pausad, Avbruten." }]);
    expect((await (await api(t).get(`/v1/plans/${plan.slug}`)).json()).actions).toHaveLength(2);
  });

  it("takes ideas from anyone and shows them to all once decided on", async () => {
    const { t, org, plan, action } = await setup();
    let res = await api(t).post(`/v1/plans/${plan.slug}/ideas`, { title: "Gemensam e-tjänsteplattform", body: "Så att små kommuner slipper bygga själva" });
    expect(res.status).toBe(201);
    const idea = await res.json();
    expect(idea).toMatchObject({ status: "new", actionId: null });
    expect(await (await api(t).get(`/v1/plans/${plan.slug}/ideas`)).json()).toEqual([]);
    expect((await (await api(t, org.token).get(`/v1/plans/${plan.slug}/ideas`)).json()).map((i: { id: string }) => i.id)).toEqual([idea.id]);
    const { token: admin } = await makeAdmin(t.deps.db);
    expect((await api(t, org.token).post(`/v1/plans/${plan.slug}/ideas/${idea.id}/decision`, { decision: "attach", actionId: "00000000-0000-4000-8000-000000000000" })).status).toBe(422);
    expect((await api(t, admin).post(`/v1/plans/${plan.slug}/ideas/${idea.id}/decision`, { decision: "attach", actionId: action.id })).status).toBe(204);
    expect(await (await api(t).get(`/v1/plans/${plan.slug}/ideas`)).json()).toMatchObject([{ id: idea.id, status: "attached", actionId: action.id }]);
    expect((await (await api(t).get(`/v1/plans/${plan.slug}/actions/${action.id}`)).json()).ideas).toMatchObject([{ title: "Gemensam e-tjänsteplattform" }]);
    res = await api(t).post(`/v1/plans/${plan.slug}/ideas`, { title: "" });
    expect(res.status).toBe(422);
  });
});
