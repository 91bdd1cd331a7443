/** Networks and the prize in the JSON API (issue 15): what each may read, a decision by a manager, a nomination like the form's, the admins' ranking. */
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { createApiToken } from "../../src/auth/repository.js";
import { rowsOf } from "../../src/db/rows.js";
import { outbox } from "../../src/db/schema.js";
import { api, json } from "../support/app.js";
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
});
