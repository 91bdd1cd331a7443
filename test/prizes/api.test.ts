/** Networks and the prize in the JSON API (issue 15): what each may read, a decision by a manager, a nomination like the form's, the admins' ranking. */
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { createApiToken } from "../../src/auth/repository.js";
import { rowsOf } from "../../src/db/rows.js";
import { outbox } from "../../src/db/schema.js";
import { api, json, TestClient } from "../support/app.js";
import { describeEachDriver } from "../support/db.js";
import { makePerson } from "../support/factories.js";
import { prizeYear } from "./support.js";

describeEachDriver("networks and the prize in the API", (get) => {
  it("shows a network's members to its members only (unless public) and takes a decision from a manager", async () => {
    const { t, db, admin, organiser } = await prizeYear(get());
    const slug = `api-${organiser.space.slug}`;
    await admin.post("/natverk/ny", { spaceId: organiser.space.id, slug, name: "Arkitekturnätverket", kind: "network" });
    const [position] = await rowsOf<{ id: string }>(db, sql`select id from network_positions where space_id = ${organiser.space.id} and key = 'ledamot'`);
    const member = await makePerson(db, { name: "Ada Arkitekt" });
    await admin.post(`/natverk/${slug}/hantera/medlemmar`, { name: member.name, email: member.email!, positionId: position!.id, fromOn: "2025-01-01" });
    const memberToken = (await createApiToken(db, member.id, "t")).token;
    expect((await json(await api(t).get(`/v1/networks/${slug}`))).members).toBeNull();
    expect((await json(await api(t, memberToken).get(`/v1/networks/${slug}`))).members).toEqual([{ name: "Ada Arkitekt", organisation: null, position: "Ledamot", positionEn: "Member", fromOn: "2025-01-01", toOn: null, current: true }]);
    expect((await json(await api(t).get("/v1/networks"))).some((n: { slug: string }) => n.slug === slug)).toBe(true);
    // A member may not record decisions; the organiser may; bad input changes nothing.
    expect((await api(t, memberToken).post(`/v1/networks/${slug}/decisions`, { text: "Nej", decidedOn: "2026-11-01" })).status).toBe(403);
    const bad = await api(t, organiser.token).post(`/v1/networks/${slug}/decisions`, { text: "", decidedOn: "2026-02-30" });
    expect(bad.status).toBe(422);
    const made = await api(t, organiser.token).post(`/v1/networks/${slug}/decisions`, { text: "Nätverket tar fram en gemensam målarkitektur.", ref: "§ 2", decidedOn: "2026-11-01" });
    expect(made.status).toBe(201);
    expect((await json(await api(t).get(`/v1/networks/${slug}`))).decisions.map((d: { ref: string }) => d.ref)).toEqual(["§ 2"]);
  });

  it("takes a nomination like the form, refuses bad ones, and gives the ranking to the prize's admins only", async () => {
    const { t, db, slug, organiser, organisation, roundId, goal } = await prizeYear(get());
    const umea = await organisation("2480");
    const year = await json(await api(t).get(`/v1/prizes/${slug}/years/2026`));
    expect(year.criteria.map((c: { share: number }) => c.share)).toEqual([0.6, 0.4]);
    expect([year.phase, year.winner, year.shortlist]).toEqual(["nomination", null, []]);
    const none = await api(t).post(`/v1/prizes/${slug}/years/2026/nominations`, { title: "Utan", summary: "x", organisationIds: [], nominatorName: "N", nominatorEmail: "n@example.se" });
    expect(none.status).toBe(422);
    const madeUp = await api(t).post(`/v1/prizes/${slug}/years/2026/nominations`, { title: "Påhittad", summary: "x", organisationIds: ["00000000-0000-4000-8000-000000000000"], nominatorName: "N", nominatorEmail: "n@example.se" });
    expect(madeUp.status).toBe(422);
    const ok = await api(t).post(`/v1/prizes/${slug}/years/2026/nominations`, { title: "E-arkiv", summary: "Om e-arkivet.", organisationIds: [umea.id], goalIds: [goal.id], links: ["https://example.se/e-arkiv"], nominatorName: "Nina", nominatorEmail: "nina@example.se" });
    expect(ok.status).toBe(201);
    expect((await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from prize_nominations where round_id = ${roundId}`))[0]!.n).toBe(1);
    expect((await db.select().from(outbox).where(sql`${outbox.toAddress} = 'nina@example.se'`)).length).toBe(1);
    const someone = (await createApiToken(db, (await makePerson(db)).id, "t")).token;
    expect((await api(t, someone).get(`/v1/prizes/${slug}/years/2026/ranking`)).status).toBe(403);
    expect((await api(t).get(`/v1/prizes/${slug}/years/2026/ranking`)).status).toBe(401);
    const ranking = await json(await api(t, organiser.token).get(`/v1/prizes/${slug}/years/2026/ranking`));
    expect(ranking.rows.map((r: { title: string; score: number | null }) => [r.title, r.score])).toEqual([["E-arkiv", null]]);
    expect(ranking.decision).toBeNull();
    expect((await api(t).get(`/v1/prizes/${slug}/years/1999`)).status).toBe(422);
    expect((await api(t).get(`/v1/prizes/${slug}/years/2030`)).status).toBe(404);
  });

  it("runs a year through the API: phase, screening, jury, a juror's review (none on a conflict), the sealed decision and the announcement", async () => {
    const { t, db, slug, organiser, organisation, roundId, criteria, questionId } = await prizeYear(get());
    const [umea, skelleftea] = [await organisation("2480"), await organisation("2482")];
    const admin = api(t, organiser.token);
    for (const [title, org, mail] of [["Umeås", umea, "u"], ["Skellefteås", skelleftea, "s"]] as const) {
      expect((await api(t).post(`/v1/prizes/${slug}/years/2026/nominations`, { title, summary: "x", organisationIds: [org.id], nominatorName: "N", nominatorEmail: `${mail}@example.se` })).status).toBe(201);
    }
    const id = async (title: string) => (await rowsOf<{ id: string }>(db, sql`select id from prize_nominations where round_id = ${roundId} and title = ${title}`))[0]!.id;
    expect((await admin.post(`/v1/prizes/${slug}/years/2026/phase`, { phase: "announced" })).status).toBe(422);
    expect((await admin.post(`/v1/prizes/${slug}/years/2026/phase`, { phase: "screening" })).status).toBe(204);
    expect((await admin.post(`/v1/prizes/${slug}/years/2026/nominations/${await id("Umeås")}/screening`, { answers: {} })).status).toBe(422);
    const screened = await json(await admin.post(`/v1/prizes/${slug}/years/2026/nominations/${await id("Umeås")}/screening`, { answers: { [questionId]: true } }));
    expect(screened).toEqual({ eligible: true, reason: null });
    expect((await admin.post(`/v1/prizes/${slug}/years/2026/jurors`, { email: "jens@example.se", name: "Jens Jurymedlem" })).status).toBe(201);
    expect((await admin.post(`/v1/prizes/${slug}/years/2026/jurors`, { email: "jens@example.se", name: "Jens Jurymedlem" })).status).toBe(409);
    const jens = (await rowsOf<{ id: string }>(db, sql`select id from people where email = 'jens@example.se'`))[0]!;
    const jensApi = api(t, (await createApiToken(db, jens.id, "t")).token);
    const page = new TestClient(t);
    await page.login("jens@example.se");
    await admin.post(`/v1/prizes/${slug}/years/2026/phase`, { phase: "judging" });
    expect((await page.post(`/pris/${slug}/2026/jury/organisationer`, { org1: umea.id })).status).toBe(303);
    const review = { scores: { [criteria[0]!.id]: 5, [criteria[1]!.id]: 4 }, comment: "Bra." };
    // His own organisation's: as if it were not there.
    expect((await jensApi.put(`/v1/prizes/${slug}/years/2026/nominations/${await id("Umeås")}/review`, review)).status).toBe(404);
    expect((await jensApi.put(`/v1/prizes/${slug}/years/2026/nominations/${await id("Skellefteås")}/review`, { scores: { [criteria[0]!.id]: 9 } })).status).toBe(422);
    expect((await jensApi.put(`/v1/prizes/${slug}/years/2026/nominations/${await id("Skellefteås")}/review`, review)).status).toBe(204);
    expect((await admin.put(`/v1/prizes/${slug}/years/2026/nominations/${await id("Skellefteås")}/review`, review)).status).toBe(403);
    const ranking = await json(await admin.get(`/v1/prizes/${slug}/years/2026/ranking`));
    expect(ranking.rows.map((r: { title: string; score: number | null; reviews: number }) => [r.title, r.score, r.reviews])).toEqual([["Skellefteås", 4.6, 1], ["Umeås", null, 0]]);
    expect((await admin.post(`/v1/prizes/${slug}/years/2026/decision`, { winnerId: await id("Skellefteås"), justification: "Motivering." })).status).toBe(409);
    await admin.post(`/v1/prizes/${slug}/years/2026/phase`, { phase: "deliberation" });
    expect((await jensApi.put(`/v1/prizes/${slug}/years/2026/nominations/${await id("Skellefteås")}/review`, review)).status).toBe(409);
    expect((await admin.post(`/v1/prizes/${slug}/years/2026/decision`, { winnerId: await id("Skellefteås"), justification: "Motivering." })).status).toBe(204);
    expect((await json(await api(t).get(`/v1/prizes/${slug}/years/2026`))).winner).toBeNull();
    expect((await admin.post(`/v1/prizes/${slug}/years/2026/announcement`, {})).status).toBe(204);
    expect((await json(await api(t).get(`/v1/prizes/${slug}/years/2026`))).winner.title).toBe("Skellefteås");
    expect((await admin.post(`/v1/prizes/${slug}/years/2026/announcement`, {})).status).toBe(409);
  });

  it("adds members and holds meetings through the API, for the network's managers only", async () => {
    const { t, db, admin: page, organiser } = await prizeYear(get());
    const slug = `api2-${organiser.space.slug}`;
    await page.post("/natverk/ny", { spaceId: organiser.space.id, slug, name: "Bredbandsnätverket", kind: "network", membersPublic: "on" });
    const admin = api(t, organiser.token);
    expect((await admin.post(`/v1/networks/${slug}/members`, { email: "bo@example.se", name: "Bo Bredband", position: "ordforande", fromOn: "2026-01-01", toOn: "2025-12-31" })).status).toBe(422);
    expect((await admin.post(`/v1/networks/${slug}/members`, { email: "bo@example.se", name: "Bo Bredband", position: "kung", fromOn: "2026-01-01" })).status).toBe(422);
    expect((await admin.post(`/v1/networks/${slug}/members`, { email: "bo@example.se", name: "Bo Bredband", position: "ordforande", fromOn: "2026-01-01" })).status).toBe(201);
    const net = await json(await api(t).get(`/v1/networks/${slug}`));
    expect(net.members.map((m: { name: string; position: string }) => [m.name, m.position])).toEqual([["Bo Bredband", "Ordförande"]]);
    const bo = (await rowsOf<{ id: string }>(db, sql`select id from people where email = 'bo@example.se'`))[0]!;
    const boApi = api(t, (await createApiToken(db, bo.id, "t")).token);
    expect((await boApi.post(`/v1/networks/${slug}/meetings`, { title: "Möte", startsAt: "2026-12-10T09:00:00+01:00", endsAt: "2026-12-10T11:00:00+01:00" })).status).toBe(403);
    const made = await admin.post(`/v1/networks/${slug}/meetings`, { title: "Bredbandsträff", startsAt: "2026-12-10T09:00:00+01:00", endsAt: "2026-12-10T11:00:00+01:00", publish: true });
    expect(made.status).toBe(201);
    expect((await json(await api(t).get(`/v1/networks/${slug}`))).meetings.map((m: { title: string; status: string }) => [m.title, m.status])).toEqual([["Bredbandsträff", "published"]]);
    expect((await admin.post(`/v1/networks/${slug}/meetings`, { title: "Baklänges", startsAt: "2026-12-10T11:00:00+01:00", endsAt: "2026-12-10T09:00:00+01:00" })).status).toBe(422);
  });

  it("sets a prize and a network up through the API, and turns a decision into an action, for those who may", async () => {
    const { t, db, organiser, plan } = await prizeYear(get());
    const admin = api(t, organiser.token);
    const someone = api(t, (await createApiToken(db, (await makePerson(db)).id, "t")).token);
    const prize = { spaceId: organiser.space.id, slug: `api-${organiser.space.slug}`, name: "Innovationspriset" };
    expect((await someone.post("/v1/prizes", prize)).status).toBe(403);
    expect((await admin.post("/v1/prizes", { ...prize, slug: "galleri" })).status).toBe(422);
    expect((await admin.post("/v1/prizes", prize)).status).toBe(201);
    const years = `/v1/prizes/${prize.slug}/years`;
    expect((await admin.post(years, { year: 2026, closesAt: "2026-12-20T23:59:00+01:00", announceAt: "2026-12-01T18:00:00+01:00", ranking: "median" })).status).toBe(422);
    expect((await someone.post(years, { year: 2026, closesAt: "2026-12-20T23:59:00+01:00", announceAt: "2027-01-20T18:00:00+01:00", ranking: "median" })).status).toBe(403);
    expect((await admin.post(years, { year: 2026, closesAt: "2026-12-20T23:59:00+01:00", announceAt: "2027-01-20T18:00:00+01:00", ranking: "median", planId: plan.id })).status).toBe(201);
    expect((await admin.post(`${years}/2026/criteria`, { title: "Nytta", weight: 1 })).status).toBe(201);
    expect((await admin.post(`${years}/2026/criteria`, { title: "Spridning", weight: 3 })).status).toBe(201);
    expect((await admin.post(`${years}/2026/eligibility`, { text: "Är arbetet i drift?" })).status).toBe(201);
    const year = await json(await api(t).get(`${years}/2026`));
    expect([year.phase, year.criteria.map((c: { share: number }) => c.share), year.eligibility]).toEqual(["nomination", [0.25, 0.75], ["Är arbetet i drift?"]]);

    const network = { spaceId: organiser.space.id, slug: `n-${organiser.space.slug}`, name: "Ledarskapsnätverket", kind: "network" };
    expect((await someone.post("/v1/networks", network)).status).toBe(403);
    expect((await admin.post("/v1/networks", { ...network, slug: "ny" })).status).toBe(422);
    expect((await admin.post("/v1/networks", network)).status).toBe(201);
    const decision = await json(await admin.post(`/v1/networks/${network.slug}/decisions`, { text: "Nätverket ordnar en chefsutbildning.", decidedOn: "2026-11-20" }));
    const [actionPlan] = await rowsOf<{ id: string }>(db, sql`select id from action_plans where plan_id = ${plan.id} and year = 2026`);
    const made = await admin.post(`/v1/networks/${network.slug}/decisions/${decision.id}/action`, { actionPlanId: actionPlan!.id, ref: "L1", title: "Chefsutbildning i digitalt ledarskap" });
    expect(made.status).toBe(201);
    const action = await json(made);
    expect((await admin.post(`/v1/networks/${network.slug}/decisions/${decision.id}/action`, { actionPlanId: actionPlan!.id, ref: "L2", title: "Igen" })).status).toBe(422);
    const owned = await json(await api(t).get(`/v1/plans/${plan.slug}/actions/${action.actionId}`));
    expect(owned.networks).toEqual([{ slug: network.slug, name: "Ledarskapsnätverket" }]);
    expect(owned.decisions.map((d: { role: string; text: string }) => [d.role, d.text])).toEqual([["created", "Nätverket ordnar en chefsutbildning."]]);
    const second = await json(await admin.post(`/v1/networks/${network.slug}/decisions`, { text: "Utbildningen startar i mars.", decidedOn: "2026-11-21" }));
    expect((await admin.post(`/v1/networks/${network.slug}/decisions/${second.id}/update`, { actionId: action.actionId, status: "pagar", progress: 10, comment: "Beslut: start i mars." })).status).toBe(200);
    expect((await json(await api(t).get(`/v1/plans/${plan.slug}/actions/${action.actionId}`))).progress).toBe(10);
  });
});
