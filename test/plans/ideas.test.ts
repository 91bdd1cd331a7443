/**
 * Ideas become actions (issue 14 §4) on both drivers: the idea wall's ideas and the public
 * form's go to the plan's review list; promoting makes an action (the idea unchanged, linked
 * both ways), attaching joins one, declining keeps the reason; the sender is told and, if
 * asked, follows the action; anyone may follow by a confirmed link and stop by one; a report
 * mails the followers in its transaction. Bad input and double decisions change nothing.
 */
import { and, eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { liveIdeas, outbox } from "../../src/db/schema.js";
import { postIdea, moderateIdea } from "../../src/live/ideas.js";
import { ensureRooms, listRooms, saveRoomSettings } from "../../src/live/service.js";
import { searchOrganisations } from "../../src/organisations/repository.js";
import { addAction, addActionPlan, addFocusArea, addGoal, createPlan, statusesOf } from "../../src/plans/repository.js";
import { planActions, planFollowers, planIdeas } from "../../src/plans/schema.js";
import { createTestApp, TestClient } from "../support/app.js";
import { describeEachDriver } from "../support/db.js";
import { makeEvent, makeOrganiser } from "../support/factories.js";

describeEachDriver("ideas become actions", (get) => {
  async function setup(env: Record<string, string> = {}) {
    const t = createTestApp(get(), env);
    const { db } = t.deps;
    const org = await makeOrganiser(db);
    const organiser = new TestClient(t);
    await organiser.login(org.person.email!);
    const plan = await createPlan(db, org.space.id, { slug: `vp-${org.space.slug}`, title: "Verksamhetsplan", vision: null, periodStart: 2026, periodEnd: 2028, published: true });
    const area = await addFocusArea(db, plan.id, { title: "Infrastruktur", description: null, rule: "mean", manualProgress: null, weight: 1 });
    const goal = await addGoal(db, area, { title: "E-tjänster", description: null, rule: "mean", manualProgress: null, weight: 1 });
    const ap = await addActionPlan(db, plan, 2026);
    const statuses = Object.fromEntries((await statusesOf(db, org.space.id)).map((s) => [s.key, s]));
    const umea = (await searchOrganisations(db, "2480"))[0]!;
    const existing = await addAction(db, ap, { ref: "A1", title: "Gemensam e-tjänsteplattform", description: null, contactName: null, contactEmail: null, statusId: statuses.planerad!.id, startsOn: null, endsOn: null, ownerIds: [umea.id], goals: [{ goalId: goal.id, weight: 1 }] }, t.deps.now());
    // An idea wall at the space's event: two ideas, one put under the other, one hidden.
    const event = await makeEvent(db, { space: org.space, published: true, title: "Mötesplatsen" });
    await ensureRooms(db, event.id);
    const room = (await listRooms(db, event.id))[0]!.room;
    await saveRoomSettings(db, room.id, { moderation: "post", requireRegistration: false, questionsOpen: true, screenPaused: false, hideCount: false, ideasOpen: true }, t.deps.now());
    const wall = { ...room, ideasOpen: true };
    const bygglov = await postIdea(db, wall, "k1", { title: "Gemensam e-tjänst för bygglov", body: "Bygg den en gång.", tags: [], name: null }, t.deps.now());
    const alike = await postIdea(db, wall, "k2", { title: "Bygglov digitalt överallt", body: null, tags: [], name: null }, t.deps.now());
    const hidden = await postIdea(db, wall, "k3", { title: "Reklam", body: null, tags: [], name: null }, t.deps.now());
    await moderateIdea(db, wall, alike.id, "group", { under: bygglov.id });
    await moderateIdea(db, wall, hidden.id, "hide");
    const base = `/planer/${plan.slug}`;
    const mailsTo = async (to: string) => db.select().from(outbox).where(eq(outbox.toAddress, to));
    return { t, db, org, organiser, plan, goal, ap, statuses, umea, existing, bygglov, base, mailsTo };
  }

  it("takes in the wall's shown ideas once, promotes one into an action without changing it, linked both ways", async () => {
    const { db, organiser, plan, goal, statuses, umea, bygglov, base } = await setup();
    let res = await organiser.post(`${base}/ideer/hamta`, {});
    expect(res.status).toBe(303);
    expect(await (await organiser.get(`${base}/ideer`)).text()).toContain("1 ny idé är hämtad.");
    expect((await organiser.post(`${base}/ideer/hamta`, {})).status).toBe(303);
    const ideas = await db.select().from(planIdeas).where(eq(planIdeas.planId, plan.id));
    expect(ideas.map((i) => [i.title, i.origin])).toEqual([["Gemensam e-tjänst för bygglov", "Idéväggen: Mötesplatsen"]]);
    const idea = ideas[0]!;
    res = await organiser.get(`${base}/hantera/ny-atgard?year=2026&ide=${idea.id}`);
    expect(res.headers.get("location")).toBe(`${base}/hantera/ar/2026/ny-atgard?ide=${idea.id}`);
    const form = await (await organiser.get(res.headers.get("location")!)).text();
    expect(form).toContain("Ny åtgärd från idén ”Gemensam e-tjänst för bygglov”");
    expect(form).toContain("Bygg den en gång.");
    res = await organiser.post(`${base}/hantera/ar/2026/ny-atgard?ide=${idea.id}`, { ideaId: idea.id, ref: "A2", title: "E-tjänst för bygglov i alla kommuner", description: "", statusId: statuses.planerad!.id, owner1: umea.id, [`goal.${goal.id}`]: "1" });
    expect(res.status).toBe(303);
    const [action] = await db.select().from(planActions).where(and(eq(planActions.planId, plan.id), eq(planActions.ref, "A2")));
    const [after] = await db.select().from(planIdeas).where(eq(planIdeas.id, idea.id));
    expect(after).toMatchObject({ status: "promoted", actionId: action!.id, title: idea.title, body: idea.body });
    const [wallIdea] = await db.select().from(liveIdeas).where(eq(liveIdeas.id, bygglov.id));
    expect(wallIdea!.title).toBe("Gemensam e-tjänst för bygglov");
    expect(await (await organiser.get(`${base}/atgarder/${action!.id}`)).text()).toContain("Idéer som åtgärden bygger på");
    expect(await (await organiser.get(`${base}/ideer`)).text()).toMatch(/Blev åtgärden <a class="ds-link" href="[^"]+">A2 E-tjänst för bygglov/);
    // A second decision on it is refused, and nothing changes.
    res = await organiser.post(`${base}/ideer/${idea.id}/avsla`, { reason: "Nej" });
    expect(res.status).toBe(409);
    expect((await db.select().from(planIdeas).where(eq(planIdeas.id, idea.id)))[0]).toEqual(after);
  });

  it("an idea sent in with an address: the sender is told, follows the action, and a report mails them with a way to stop", async () => {
    const { t, db, organiser, existing, statuses, base, mailsTo } = await setup();
    const visitor = new TestClient(t);
    let res = await visitor.post(`${base}/ideer/ny`, { title: "Samma plattform för alla e-tjänster", body: "", name: "Ada", email: "ada@example.se", wantsUpdates: "on" });
    expect(res.status).toBe(303);
    const [idea] = await db.select().from(planIdeas).where(eq(planIdeas.submitterEmail, "ada@example.se"));
    expect(idea).toMatchObject({ origin: "form", status: "new", wantsUpdates: true });
    // Not shown publicly before it is reviewed.
    expect(await (await new TestClient(t).get(`${base}/ideer`)).text()).not.toContain("Samma plattform för alla e-tjänster");
    res = await organiser.post(`${base}/ideer/${idea!.id}/koppla`, { actionId: existing.id });
    expect(res.status).toBe(303);
    expect((await mailsTo("ada@example.se")).map((m) => m.subject)).toEqual(["Din idé: Samma plattform för alla e-tjänster"]);
    expect((await db.select().from(planIdeas).where(eq(planIdeas.id, idea!.id)))[0]!.submitterEmail).toBeNull();
    const [follower] = await db.select().from(planFollowers).where(eq(planFollowers.email, "ada@example.se"));
    expect(follower!.confirmedAt).not.toBeNull();
    res = await organiser.post(`${base}/atgarder/${existing.id}/rapport`, { statusId: statuses.pagar!.id, progress: "25", comment: "Upphandlingen har börjat." });
    expect(res.status).toBe(303);
    const moved = (await mailsTo("ada@example.se")).find((m) => m.subject.startsWith("Nytt läge"))!;
    expect(moved.textBody).toContain("Pågår, 25 %");
    const stop = /(http\S+\/planer\/sluta-folja\/\S+)/.exec(moved.textBody)![1]!;
    const path = new URL(stop).pathname;
    expect((await visitor.get(path)).status).toBe(200);
    expect(await db.select().from(planFollowers).where(eq(planFollowers.email, "ada@example.se"))).toHaveLength(1); // opening the link changes nothing
    expect(await (await visitor.post(path, {})).text()).toContain("Du följer inte längre åtgärden.");
    expect(await db.select().from(planFollowers).where(eq(planFollowers.email, "ada@example.se"))).toHaveLength(0);
  });

  it("declines with the reason shown; following by a confirmed link; bad input and forged links refused", async () => {
    const { t, db, organiser, existing, statuses, base, mailsTo } = await setup();
    const visitor = new TestClient(t);
    await visitor.post(`${base}/ideer/ny`, { title: "Gratis glass", body: "", name: "", email: "", wantsUpdates: "" });
    const [idea] = await db.select().from(planIdeas).where(eq(planIdeas.title, "Gratis glass"));
    let res = await organiser.post(`${base}/ideer/${idea!.id}/avsla`, { reason: "" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Fyll i skäl.");
    res = await organiser.post(`${base}/ideer/${idea!.id}/koppla`, { actionId: crypto.randomUUID() });
    expect(res.status).toBe(422);
    expect((await db.select().from(planIdeas).where(eq(planIdeas.id, idea!.id)))[0]!.status).toBe("new");
    expect((await organiser.post(`${base}/ideer/${idea!.id}/avsla`, { reason: "Hör inte till planen." })).status).toBe(303);
    expect(await (await visitor.get(`${base}/ideer`)).text()).toContain("Blev inte en åtgärd. Skäl: Hör inte till planen.");
    // Only organisers decide.
    expect((await visitor.post(`${base}/ideer/${idea!.id}/avsla`, { reason: "x" })).status).toBe(401);
    expect((await visitor.post(`${base}/ideer/hamta`, {})).status).toBe(401);
    // Bad input on the public forms.
    res = await visitor.post(`${base}/ideer/ny`, { title: "", email: "inte-en-adress" });
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(text).toContain("Fyll i din idé, i en mening.");
    expect(text).toContain("Skriv e-postadressen i formatet namn@exempel.se.");
    expect((await visitor.post(`${base}/atgarder/${existing.id}/folj`, { email: "nej" })).status).toBe(422);
    // Following: a confirmation first, nothing else until confirmed.
    res = await visitor.post(`${base}/atgarder/${existing.id}/folj`, { email: "bo@example.se" });
    expect(res.status).toBe(303);
    const confirm = (await mailsTo("bo@example.se"))[0]!;
    const link = new URL(/(http\S+\/planer\/folj\/\S+)/.exec(confirm.textBody)![1]!).pathname;
    await organiser.post(`${base}/atgarder/${existing.id}/rapport`, { statusId: statuses.pagar!.id, progress: "10", comment: "Start." });
    expect(await mailsTo("bo@example.se")).toHaveLength(1);
    expect((await visitor.get(`${link.slice(0, -3)}xyz`)).status).toBe(404);
    expect((await visitor.post(`${link.slice(0, -3)}xyz`, {})).status).toBe(404);
    expect(await (await visitor.post(link, {})).text()).toContain("Du följer nu åtgärden");
    await organiser.post(`${base}/atgarder/${existing.id}/rapport`, { statusId: statuses.pagar!.id, progress: "20", comment: "Vidare." });
    expect((await mailsTo("bo@example.se")).map((m) => m.subject)).toEqual([confirm.subject, "Nytt läge: A1 Gemensam e-tjänsteplattform"]);
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(planFollowers)).toEqual([{ n: 1 }]);
  });

  it("counts the open forms per address: the 21st idea in an hour is refused with 429", async () => {
    const { t, base } = await setup({ TRUST_PROXY: "true" });
    const visitor = new TestClient(t);
    // An address of its own: on PostgreSQL the counters are shared by every app on the database (the other tests of this file post too).
    const from = { headers: { "x-forwarded-for": "198.51.100.7" } };
    for (let i = 0; i < 20; i++) expect((await visitor.post(`${base}/ideer/ny`, { title: `Idé ${i}` }, from)).status).toBe(303);
    const res = await visitor.post(`${base}/ideer/ny`, { title: "En till" }, from);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).not.toBeNull();
    expect((await visitor.post(`${base}/ideer/ny`, { title: "Från en annan" }, { headers: { "x-forwarded-for": "203.0.113.9" } })).status).toBe(303);
  });
});
