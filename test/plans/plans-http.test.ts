/**
 * Plans over HTTP (issue 14 §3, §5): an organiser builds a plan with forms, a reporter of an
 * owner organisation reports progress, the public follow-up shows each figure with its rule,
 * what changed since a date, the embed and screen pages; who may do what; bad input refused
 * without a change.
 */
import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { searchOrganisations } from "../../src/organisations/repository.js";
import { planActions, planGoals, planFocusAreas, planReports, plans } from "../../src/plans/schema.js";
import { linksOf, ownersAndGoalsOf, statusesOf } from "../../src/plans/repository.js";
import { createTestApp, TestClient } from "../support/app.js";
import { describeEachDriver } from "../support/db.js";
import { makeEvent, makeOrganiser, makePerson, makeSession } from "../support/factories.js";

const ownersOf = async (db: Parameters<typeof ownersAndGoalsOf>[0], id: string) => (await ownersAndGoalsOf(db, id)).ownerIds;

describeEachDriver("plans over HTTP", (get) => {
  async function setup() {
    const t = createTestApp(get());
    t.clock.now = new Date("2023-01-10T10:00:00Z");
    const { db } = t.deps;
    const org = await makeOrganiser(db);
    const organiser = new TestClient(t);
    await organiser.login(org.person.email!);
    const slug = `vp-${org.space.slug}`;
    let res = await organiser.post("/planer/ny", { spaceId: org.space.id, title: "Verksamhetsplan 2023–2025", slug, vision: "Handslaget", periodStart: "2023", periodEnd: "2025", rule: "mean", manualProgress: "", published: "on" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/planer/${slug}/hantera`);
    const [plan] = await db.select().from(plans).where(eq(plans.slug, slug));
    res = await organiser.post(`/planer/${slug}/hantera/omraden`, { title: "Digital infrastruktur", description: "", rule: "weighted", manualProgress: "", weight: "1" });
    expect(res.status).toBe(303);
    const [area] = await db.select().from(planFocusAreas).where(eq(planFocusAreas.planId, plan!.id));
    res = await organiser.post(`/planer/${slug}/hantera/omraden/${area!.id}/mal`, { title: "Bredband till alla", description: "", rule: "weighted", manualProgress: "", weight: "1" });
    expect(res.status).toBe(303);
    const [goal] = await db.select().from(planGoals).where(eq(planGoals.focusAreaId, area!.id));
    expect((await organiser.post(`/planer/${slug}/hantera/ar`, { year: "2023" })).status).toBe(303);
    const umea = (await searchOrganisations(db, "2480"))[0]!;
    const lycksele = (await searchOrganisations(db, "2481"))[0]!;
    const statuses = Object.fromEntries((await statusesOf(db, org.space.id)).map((s) => [s.key, s]));
    const newAction = (ref: string, owner: string, weight: string) =>
      organiser.post(`/planer/${slug}/hantera/ar/2023/ny-atgard`, { ref, title: `Åtgärd ${ref}`, description: "", statusId: statuses.planerad!.id, owner1: owner, owner2: "", owner3: "", contactName: "Kim Kontakt", contactEmail: "kim@example.se", startsOn: "2023-01-01", endsOn: "2023-12-31", [`goal.${goal!.id}`]: weight });
    res = await newAction("A1", umea.id, "2");
    expect(res.status).toBe(303);
    expect((await newAction("A2", lycksele.id, "3")).status).toBe(303);
    const actions = Object.fromEntries((await db.select().from(planActions).where(eq(planActions.planId, plan!.id))).map((a) => [a.ref, a]));
    const reporterPerson = await makePerson(db, { name: "Rita Rapportör" });
    const reporter = new TestClient(t);
    await reporter.login(reporterPerson.email!);
    res = await organiser.post(`/planer/${slug}/hantera/rapportorer`, { email: reporterPerson.email!, organisationId: umea.id });
    expect(res.status).toBe(303);
    return { t, db, org, organiser, reporter, reporterPerson, slug, plan: plan!, area: area!, goal: goal!, actions, statuses, umea, lycksele };
  }

  it("a reporter of the owner reports progress; the follow-up shows each figure, its rule, the history and what changed since", async () => {
    const { t, db, organiser, reporter, slug, actions, statuses, lycksele } = await setup();
    const a1 = actions.A1!;
    t.clock.now = new Date("2023-01-15T10:00:00Z");
    let res = await reporter.post(`/planer/${slug}/atgarder/${a1.id}/rapport`, { statusId: statuses.klar!.id, progress: "", comment: "Avtalet är klart" });
    expect(res.status).toBe(303);
    let page = await (await reporter.get(`/planer/${slug}/atgarder/${a1.id}`)).text();
    expect(page).toContain("Tack! Rapporten är sparad");
    expect(page).toContain("Rita Rapportör");
    expect(page).toContain("Avtalet är klart");
    // The suggested figure of "Klar" is 100; A2 (weight 3) has no report: 100·2/5 = 40.
    page = await (await new TestClient(t).get(`/planer/${slug}`)).text();
    expect(page).toContain("40 %");
    expect(page).toContain("Viktat medelvärde av 2 underliggande");
    expect(page).toContain("1 utan rapport räknas som 0 %.");
    // The reporter may not report on A2 (another owner's), nor manage the plan.
    expect((await reporter.post(`/planer/${slug}/atgarder/${actions.A2!.id}/rapport`, { statusId: statuses.pagar!.id, progress: "50", comment: "x" })).status).toBe(403);
    expect((await reporter.get(`/planer/${slug}/hantera`)).status).toBe(403);
    expect((await new TestClient(t).post(`/planer/${slug}/atgarder/${a1.id}/rapport`, { statusId: statuses.pagar!.id, progress: "50", comment: "x" })).status).toBe(401);
    t.clock.now = new Date("2023-01-22T10:00:00Z");
    res = await organiser.post(`/planer/${slug}/atgarder/${actions.A2!.id}/rapport`, { statusId: statuses.pagar!.id, progress: "50", comment: "Halvvägs" });
    expect(res.status).toBe(303);
    // Since 2023-01-18: A2 went from no report to 50 %; the plan from 40 % to 70 %.
    page = await (await new TestClient(t).get(`/planer/${slug}?sedan=2023-01-18`)).text();
    expect(page).toContain("Vad har hänt sedan");
    expect(page).toContain("Planen som helhet: 40 % då, 70 % nu.");
    expect(page).toMatch(/A2 Åtgärd A2<\/a>: Ingen siffra än → Pågår 50 %/);
    expect(page).not.toMatch(/A1 Åtgärd A1<\/a>:/);
    // Filter by owner: only Lycksele's action is listed, the figures stay the plan's.
    page = await (await new TestClient(t).get(`/planer/${slug}?organisation=${lycksele.id}`)).text();
    expect(page).toContain("Åtgärd A2");
    expect(page).not.toContain("Åtgärd A1</a>");
    expect(page).toContain("Siffrorna gäller hela planen.");
    // The reporter sees the actions they report on.
    expect(await (await reporter.get("/planer")).text()).toContain("Åtgärder du rapporterar på");
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(planReports)).toEqual([{ n: 2 }]);
    // The JSON API gives the same figures with their rules.
    const json = await (await t.app.request(`http://localhost/api/v1/plans/${slug}`)).json();
    expect(json.figure).toMatchObject({ rule: "mean", counted: 1, unreported: 0 });
    expect(json.focusAreas[0].goals[0].figure.progress).toBeCloseTo(70, 9);
    expect(json.actions.map((a: { ref: string; progress: number }) => [a.ref, a.progress])).toEqual([["A1", 100], ["A2", 50]]);
    expect((await t.app.request("http://localhost/api/v1/plans/finns-inte")).status).toBe(404);
  });

  it("carries unfinished actions over, and the embed page may be framed by any site while others may not", async () => {
    const { t, organiser, slug, plan } = await setup();
    const res = await organiser.post(`/planer/${slug}/hantera/ar/2023/overfor`, {});
    expect(res.status).toBe(303);
    expect(await (await organiser.get(`/planer/${slug}/hantera`)).text()).toContain("2 åtgärder är överförda till 2024.");
    const embed = await new TestClient(t).get(`/planer/${slug}/inbaddning`);
    expect(embed.status).toBe(200);
    expect(embed.headers.get("content-security-policy")).toContain("frame-ancestors *");
    expect(embed.headers.get("x-frame-options")).toBeNull();
    const page = await new TestClient(t).get(`/planer/${slug}`);
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    const screen = await (await new TestClient(t).get(`/planer/${slug}/skarm?sedan=2023-01-01`)).text();
    expect(screen).toContain("Sedan sist: Verksamhetsplan 2023–2025");
    expect(plan.published).toBe(true);
  });

  it("an unpublished plan is seen only by its organisers; nobody learns it exists", async () => {
    const { t, db, organiser, reporter, slug, plan } = await setup();
    await db.update(plans).set({ published: false }).where(eq(plans.id, plan.id));
    expect((await new TestClient(t).get(`/planer/${slug}`)).status).toBe(404);
    expect((await reporter.get(`/planer/${slug}`)).status).toBe(404);
    expect((await new TestClient(t).get(`/planer/${slug}/inbaddning`)).status).toBe(404);
    expect((await organiser.get(`/planer/${slug}`)).status).toBe(200);
    const other = await makeOrganiser(db);
    const otherClient = new TestClient(t);
    await otherClient.login(other.person.email!);
    expect((await otherClient.get(`/planer/${slug}/hantera`)).status).toBe(404);
  });

  it("refuses bad input with a message in Swedish and changes nothing", async () => {
    const { db, organiser, reporter, slug, plan, goal, actions, statuses, umea } = await setup();
    const count = async () => (await db.execute(sql`select (select count(*) from plan_actions) + (select count(*) from plan_reports) + (select count(*) from plan_goals) + (select count(*) from action_plans) as n`)) as unknown as { rows: { n: number }[] };
    const before = (await count()).rows[0]!.n;
    const bad = async (path: string, fields: Record<string, string>, message: string, client = organiser) => {
      const res = await client.post(path, fields);
      expect(res.status, path).toBe(422);
      expect(await res.text()).toContain(message);
    };
    const action = { ref: "A9", title: "Ny", description: "", statusId: statuses.planerad!.id, owner1: umea.id, owner2: "", owner3: "", contactName: "", contactEmail: "", startsOn: "", endsOn: "" };
    await bad(`/planer/${slug}/hantera/ar/2023/ny-atgard`, { ...action, [`goal.${goal.id}`]: "tre" }, "Skriv en vikt som ett heltal från 0 till 1000.");
    await bad(`/planer/${slug}/hantera/ar/2023/ny-atgard`, { ...action, owner1: "" }, "Välj minst en ägande organisation.");
    await bad(`/planer/${slug}/hantera/ar/2023/ny-atgard`, { ...action, statusId: crypto.randomUUID() }, "Välj ett av alternativen i listan.");
    await bad(`/planer/${slug}/hantera/ar/2023/ny-atgard`, { ...action, owner1: crypto.randomUUID() }, "Välj ett av alternativen i listan.");
    await bad(`/planer/${slug}/hantera/ar/2023/ny-atgard`, { ...action, startsOn: "2023-05-01", endsOn: "2023-01-01" }, "Startdatum kan inte vara efter slutdatum.");
    let res = await organiser.post(`/planer/${slug}/hantera/ar/2023/ny-atgard`, { ...action, ref: "A1" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Det finns redan en åtgärd med den referensen");
    await bad(`/planer/${slug}/hantera/omraden`, { title: "", rule: "mean", manualProgress: "", weight: "1" }, "Fyll i rubrik.");
    await bad(`/planer/${slug}/hantera/omraden`, { title: "X", rule: "summa", manualProgress: "", weight: "1" }, "Välj ett av alternativen i listan.");
    await bad(`/planer/${slug}/hantera/mal/${goal.id}`, { title: "X", rule: "manual", manualProgress: "140", weight: "1" }, "Skriv ett heltal från 0 till 100.");
    await bad(`/planer/${slug}/hantera/ar`, { year: "1999" }, "Skriv ett år mellan 2000 och 2100.");
    await bad(`/planer/${slug}/hantera/plan`, { title: "X", slug, periodStart: "2025", periodEnd: "2023", rule: "mean", manualProgress: "" }, "Första år kan inte vara efter sista år.");
    await bad(`/planer/${slug}/atgarder/${actions.A1!.id}/rapport`, { statusId: statuses.pagar!.id, progress: "", comment: "Pågår" }, "Fyll i hur långt åtgärden har kommit, i procent.", reporter);
    await bad(`/planer/${slug}/atgarder/${actions.A1!.id}/rapport`, { statusId: statuses.pagar!.id, progress: "101", comment: "x" }, "Skriv ett heltal från 0 till 100.", reporter);
    await bad(`/planer/${slug}/atgarder/${actions.A1!.id}/rapport`, { statusId: statuses.pagar!.id, progress: "10", comment: "" }, "Fyll i kommentar.", reporter);
    expect((await organiser.get(`/planer/${slug}/atgarder/inte-ett-id`)).status).toBe(404);
    expect((await organiser.post(`/planer/${slug}/hantera/mal/inte-ett-id`, { title: "X", rule: "mean", weight: "1" })).status).toBe(404);
    expect((await organiser.post(`/planer/${slug}/hantera/ar/20x3/overfor`, {})).status).toBe(404);
    res = await organiser.post(`/planer/${slug}/hantera/rapportorer`, { email: "ingen@example.se", organisationId: umea.id });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Det finns inget konto med den e-postadressen");
    expect((await count()).rows[0]!.n).toBe(before);
    expect((await db.select().from(plans).where(eq(plans.id, plan.id)))[0]).toEqual(plan);
  });

  it("an action is linked to the space's events and sessions it belongs to; others are refused; editing keeps the links", async () => {
    const { t, db, org, organiser, slug, actions, goal } = await setup();
    const event = await makeEvent(db, { space: org.space, title: "Mötesplats Digitala Västerbotten 2023", date: "2023-11-16", published: true });
    const sessionId = await makeSession(db, event, { title: "Från idé till handling" });
    const foreign = await makeEvent(db, { title: "Någon annans konferens" });
    const a1 = actions.A1!;
    const form = await (await organiser.get(`/planer/${slug}/atgarder/${a1.id}/redigera`)).text();
    expect(form).toContain("Mötesplats Digitala Västerbotten 2023 (2023-11-16)");
    expect(form).not.toContain("Någon annans konferens");
    const fields = { ref: "A1", title: a1.title, description: "", owner1: (await ownersOf(db, a1.id))[0]!, owner2: "", owner3: "", contactName: "", contactEmail: "", startsOn: "", endsOn: "", [`goal.${goal.id}`]: "2" };
    let res = await organiser.post(`/planer/${slug}/atgarder/${a1.id}/redigera`, { ...fields, events: foreign.id });
    expect(res.status).toBe(422);
    expect(await linksOf(db, a1.id)).toEqual({ eventIds: [], sessionIds: [], networkIds: [] });
    res = await organiser.post(`/planer/${slug}/atgarder/${a1.id}/redigera`, { ...fields, events: event.id, session1: sessionId });
    expect(res.status).toBe(303);
    expect(await linksOf(db, a1.id)).toEqual({ eventIds: [event.id], sessionIds: [sessionId], networkIds: [] });
    const page = await (await new TestClient(t).get(`/planer/${slug}/atgarder/${a1.id}`)).text();
    expect(page).toContain("Mötesplats Digitala Västerbotten 2023");
    expect(page).toContain("Från idé till handling");
    // Once the session has a recording in the archive, the action links to it.
    expect(page).not.toContain("se inspelningen av");
    expect((await organiser.post(`/arrangor/evenemang/${event.id}/arkiv/${sessionId}/inspelning`, { url: "https://vimeo.com/76979871" })).status).toBe(303);
    expect(await (await new TestClient(t).get(`/planer/${slug}/atgarder/${a1.id}`)).text()).toContain(`href="/evenemang/${event.slug}/inspelningar#s-${sessionId}"`);
    // The edit form shows them chosen, so saving it again keeps them.
    const again = await (await organiser.get(`/planer/${slug}/atgarder/${a1.id}/redigera`)).text();
    expect(again).toMatch(new RegExp(`value="${event.id}"[^>]*checked`));
    expect(again).toMatch(new RegExp(`value="${sessionId}"[^>]*selected`));
  });
});
