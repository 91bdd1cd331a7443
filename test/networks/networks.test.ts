/**
 * Networks and councils (issue 15 §1): members with positions and terms (former ones kept),
 * the member list public or not, meetings as events with invitations to the members and
 * minutes visible to members or to all, decisions that become or update actions (linked
 * both ways), a member's own page, and a member who manages without being an organiser.
 */
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { rowsOf } from "../../src/db/rows.js";
import { networkDecisions, planActionLinks, planReports } from "../../src/db/schema.js";
import { searchOrganisations } from "../../src/organisations/repository.js";
import { addAction, addActionPlan, createPlan, linksOf, statusesOf } from "../../src/plans/repository.js";
import { createTestApp, TestClient } from "../support/app.js";
import { describeEachDriver } from "../support/db.js";
import { makeEvent, makeOrganiser, makePerson } from "../support/factories.js";

const PDF = new Blob([Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")], { type: "application/pdf" });

describeEachDriver("networks and councils", (get) => {
  async function setup() {
    const t = createTestApp(get());
    const { db } = t.deps;
    const org = await makeOrganiser(db);
    const c = new TestClient(t);
    await c.login(org.person.email!);
    const slug = `radet-${org.space.slug}`;
    const res = await c.post("/natverk/ny", { spaceId: org.space.id, slug, name: "Strategiska rådet", kind: "council", description: "Kommundirektörer och CDO:er som leder samverkan.", contactName: "Kim Sekreterare", contactEmail: "kim@example.se" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/natverk/${slug}/hantera`);
    const positions = await rowsOf<{ id: string; key: string }>(db, sql`select id, key from network_positions where space_id = ${org.space.id}`);
    const pos = (key: string) => positions.find((p) => p.key === key)!.id;
    const [umea] = await searchOrganisations(db, "2480");
    const plan = await createPlan(db, org.space.id, { slug: `plan-${org.space.slug}`, title: "Digitaliseringsplan", vision: null, periodStart: 2026, periodEnd: 2027, published: true });
    const year = await addActionPlan(db, plan, 2026);
    const statuses = await statusesOf(db, org.space.id);
    return { t, db, org, c, slug, pos, umea: umea!, plan, year, statuses };
  }

  it("keeps members with positions and terms, former ones as history, and shows the list only as the network decides", async () => {
    const { t, db, c, slug, pos, umea } = await setup();
    expect((await c.post(`/natverk/${slug}/hantera/medlemmar`, { name: "Alva Ordförande", email: "alva@example.se", organisationId: umea.id, positionId: pos("ordforande"), fromOn: "2025-01-01", toOn: "2026-12-31" })).status).toBe(303);
    expect((await c.post(`/natverk/${slug}/hantera/medlemmar`, { name: "Bertil Ledamot", email: "bertil@example.se", organisationId: "", positionId: pos("ledamot"), fromOn: "2023-01-01", toOn: "" })).status).toBe(303);
    const [bertil] = await rowsOf<{ id: string }>(db, sql`select m.id from network_members m join people p on p.id = m.person_id where p.email = 'bertil@example.se'`);
    // A term cannot end before it began: refused, nothing changed.
    const bad = await c.post(`/natverk/${slug}/hantera/medlemmar/${bertil!.id}/avsluta`, { toOn: "2022-06-30" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("Sista dagen kan inte vara före första dagen.");
    expect((await c.post(`/natverk/${slug}/hantera/medlemmar/${bertil!.id}/avsluta`, { toOn: "2025-06-30" })).status).toBe(303);
    // A new term for the same person is a new row; the ended one stays as history.
    expect((await c.post(`/natverk/${slug}/hantera/medlemmar`, { name: "Bertil Ledamot", email: "bertil@example.se", organisationId: "", positionId: pos("adjungerad"), fromOn: "2026-01-01", toOn: "" })).status).toBe(303);
    expect((await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from network_members m join people p on p.id = m.person_id where p.email = 'bertil@example.se'`))[0]!.n).toBe(2);

    const visitor = new TestClient(t);
    const hidden = await (await visitor.get(`/natverk/${slug}`)).text();
    expect(hidden).toContain("Nätverket visar sina medlemmar bara för medlemmarna.");
    expect(hidden).not.toContain("Alva Ordförande");
    // A member sees the list, current and former, with positions and terms.
    const alva = new TestClient(t);
    await alva.login("alva@example.se");
    const inside = await (await alva.get(`/natverk/${slug}`)).text();
    expect(inside).toContain(`Ordförande</strong>: Alva Ordförande, ${umea.name}`);
    expect(inside).toMatch(/Adjungerad<\/strong>: Bertil Ledamot/);
    expect(inside).toContain("Tidigare medlemmar (1)");
    // Public by the network's setting.
    expect((await c.post(`/natverk/${slug}/hantera`, { name: "Strategiska rådet", kind: "council", membersPublic: "on" })).status).toBe(303);
    expect(await (await visitor.get(`/natverk/${slug}`)).text()).toContain("Alva Ordförande");
    // The member's own page lists the network with the position.
    const mine = await (await alva.get("/mina-natverk")).text();
    expect(mine).toContain("Strategiska rådet</a>: Ordförande");
  });

  it("holds meetings as events, invites the current members, and shows minutes only to members unless the network makes them public", async () => {
    const { t, db, c, slug, pos } = await setup();
    await c.post(`/natverk/${slug}/hantera/medlemmar`, { name: "Cilla Ledamot", email: "cilla@example.se", positionId: pos("ledamot"), fromOn: "2025-01-01" });
    await c.post(`/natverk/${slug}/hantera/medlemmar`, { name: "Dan Avgången", email: "dan@example.se", positionId: pos("ledamot"), fromOn: "2020-01-01", toOn: "2024-12-31" });
    expect((await c.post(`/natverk/${slug}/hantera/moten`, { title: "Rådsmöte december", date: "2026-12-10", start: "09:00", end: "12:00", venue: "Regionens hus", publish: "on" })).status).toBe(303);
    const [meeting] = await rowsOf<{ event_id: string; status: string; space_id: string }>(db, sql`select m.event_id, e.status, e.space_id from network_meetings m join events e on e.id = m.event_id join networks n on n.id = m.network_id where n.slug = ${slug}`);
    expect(meeting!.status).toBe("published");
    // Invitations go to current members only, each address once.
    expect((await c.post(`/natverk/${slug}/hantera/moten/${meeting!.event_id}/bjud-in`, {})).status).toBe(303);
    expect((await c.post(`/natverk/${slug}/hantera/moten/${meeting!.event_id}/bjud-in`, {})).status).toBe(303);
    const invited = await rowsOf<{ email: string }>(db, sql`select email from invitations where event_id = ${meeting!.event_id} order by email`);
    expect(invited.map((i) => i.email)).toEqual(["cilla@example.se"]);

    const up = await c.postMultipart(`/natverk/${slug}/hantera/moten/${meeting!.event_id}/dokument`, { title: "Protokoll 10 december", kind: "minutes", file: new File([PDF], "protokoll.pdf", { type: "application/pdf" }) });
    expect(up.status).toBe(303);
    const [doc] = await rowsOf<{ id: string }>(db, sql`select id from network_documents where event_id = ${meeting!.event_id}`);
    const link = `/natverk/${slug}/dokument/${doc!.id}/protokoll.pdf`;
    const visitor = new TestClient(t);
    expect((await visitor.get(link)).status).toBe(404);
    expect(await (await visitor.get(`/natverk/${slug}`)).text()).not.toContain("Protokoll 10 december");
    const cilla = new TestClient(t);
    await cilla.login("cilla@example.se");
    const res = await cilla.get(link);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-cache");
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    // A former member is not a member.
    const dan = new TestClient(t);
    await dan.login("dan@example.se");
    expect((await dan.get(link)).status).toBe(404);
    await c.post(`/natverk/${slug}/hantera`, { name: "Strategiska rådet", kind: "council", documentsPublic: "on" });
    expect((await visitor.get(link)).status).toBe(200);
    // A file that is not a document refuses with a message and keeps nothing.
    const files = (await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from stored_files`))[0]!.n;
    const refused = await c.postMultipart(`/natverk/${slug}/hantera/moten/${meeting!.event_id}/dokument`, { title: "Skript", kind: "document", file: new File(["#!/bin/sh\necho hej"], "skript.sh", { type: "text/x-sh" }) });
    expect(refused.status).toBe(422);
    expect((await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from stored_files`))[0]!.n).toBe(files);
  });

  it("turns a decision into an action owned by the network, or an update of one, linked both ways", async () => {
    const { t, db, c, slug, year, statuses, plan, pos } = await setup();
    expect((await c.post(`/natverk/${slug}/hantera/beslut`, { ref: "§ 4", text: "Rådet beslutar att ta fram en gemensam e-arkivlösning för länet.", decidedOn: "2026-05-12" })).status).toBe(303);
    const [decision] = await db.select().from(networkDecisions);
    expect((await c.post(`/natverk/${slug}/hantera/beslut/${decision!.id}/atgard`, { actionPlanId: year.id, ref: "B4", title: "Gemensamt e-arkiv" })).status).toBe(303);
    const [action] = await rowsOf<{ id: string; description: string }>(db, sql`select id, description from plan_actions where ref = 'B4' and action_plan_id = ${year.id}`);
    expect(action!.description).toContain("e-arkivlösning");
    const links = await db.select().from(planActionLinks).where(sql`${planActionLinks.actionId} = ${action!.id}`);
    expect(links.map((l) => l.networkId)).toHaveLength(1);
    // Twice is refused: the decision already has its action.
    expect((await c.post(`/natverk/${slug}/hantera/beslut/${decision!.id}/atgard`, { actionPlanId: year.id, ref: "B5", title: "Igen" })).status).toBe(422);
    const visitor = new TestClient(t);
    const networkPage = await (await visitor.get(`/natverk/${slug}`)).text();
    expect(networkPage).toContain("B4 Gemensamt e-arkiv");
    expect(networkPage).toContain("blev en åtgärd i handlingsplanen");
    // A member's own page: the network, its next meeting and the actions it owns.
    await c.post(`/natverk/${slug}/hantera/medlemmar`, { name: "Frida Ledamot", email: "frida@example.se", positionId: pos("ledamot"), fromOn: "2026-01-01" });
    await c.post(`/natverk/${slug}/hantera/moten`, { title: "Rådsmöte i februari", date: "2027-02-09", start: "09:00", end: "12:00", publish: "on" });
    const frida = new TestClient(t);
    await frida.login("frida@example.se");
    const own = await (await frida.get("/mina-natverk")).text();
    expect(own).toContain("Rådsmöte i februari");
    expect(own).toContain("B4 Gemensamt e-arkiv");
    const actionPage = await (await visitor.get(`/planer/${plan.slug}/atgarder/${action!.id}`)).text();
    expect(actionPage).toContain(`href="/natverk/${slug}"`);
    expect(actionPage).toContain("Strategiska rådet, § 4");

    // Another decision updates an existing action: a report says so, and the network owns it too.
    const other = await addAction(db, year, { ref: "A1", title: "Bredband till alla", description: null, contactName: null, contactEmail: null, statusId: statuses[0]!.id, startsOn: null, endsOn: null, ownerIds: [], goals: [] }, t.deps.now());
    await c.post(`/natverk/${slug}/hantera/beslut`, { ref: "§ 7", text: "Rådet godkänner utbyggnadsplanen.", decidedOn: "2026-06-01" });
    const [second] = await db.select().from(networkDecisions).where(sql`${networkDecisions.ref} = '§ 7'`);
    const pagar = statuses.find((s) => s.key === "pagar")!;
    const noFigure = await c.post(`/natverk/${slug}/hantera/beslut/${second!.id}/uppdatera`, { actionId: other.id, statusId: pagar.id, progress: "", comment: "Beslut § 7: utbyggnadsplanen godkänd." });
    expect(noFigure.status).toBe(422);
    expect((await c.post(`/natverk/${slug}/hantera/beslut/${second!.id}/uppdatera`, { actionId: other.id, statusId: pagar.id, progress: "30", comment: "Beslut § 7: utbyggnadsplanen godkänd." })).status).toBe(303);
    const [report] = await db.select().from(planReports).where(sql`${planReports.actionId} = ${other.id}`);
    // The action's own form gives it owning networks: only the space's own; the link stays when it is edited.
    const form = await (await c.get(`/planer/${plan.slug}/atgarder/${other.id}/redigera`)).text();
    expect(form).toContain("Nätverk som äger åtgärden");
    const [network] = await rowsOf<{ id: string }>(db, sql`select id from networks where slug = ${slug}`);
    const fields = { ref: "A1", title: "Bredband till alla", description: "", owner1: (await searchOrganisations(db, "2480"))[0]!.id, contactName: "", contactEmail: "", startsOn: "", endsOn: "", statusId: statuses[0]!.id };
    const otherSpace = await makeOrganiser(db);
    const [foreignNetwork] = await rowsOf<{ id: string }>(db, sql`insert into networks (id, space_id, slug, name) values (gen_random_uuid(), ${otherSpace.space.id}, ${`f-${otherSpace.space.slug}`}, 'Annat nätverk') returning id`);
    expect((await c.post(`/planer/${plan.slug}/atgarder/${other.id}/redigera`, { ...fields, networks: foreignNetwork!.id })).status).toBe(422);
    expect((await c.post(`/planer/${plan.slug}/atgarder/${other.id}/redigera`, { ...fields, networks: network!.id })).status).toBe(303);
    expect((await linksOf(db, other.id)).networkIds).toEqual([network!.id]);
    expect([report!.progress, report!.comment]).toEqual([30, "Beslut § 7: utbyggnadsplanen godkänd."]);
    const [tied] = await db.select().from(networkDecisions).where(sql`${networkDecisions.id} = ${second!.id}`);
    expect([tied!.actionId, tied!.actionRole]).toEqual([other.id, "updated"]);
    // An action of another space's plan cannot be chosen.
    const foreign = await makeOrganiser(db);
    const foreignPlan = await createPlan(db, foreign.space.id, { slug: `f-${foreign.space.slug}`, title: "Annan plan", vision: null, periodStart: 2026, periodEnd: 2026, published: true });
    const foreignYear = await addActionPlan(db, foreignPlan, 2026);
    await c.post(`/natverk/${slug}/hantera/beslut`, { text: "Per capsulam.", decidedOn: "2026-06-02" });
    const [third] = await db.select().from(networkDecisions).where(sql`${networkDecisions.ref} is null`);
    const before = (await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from plan_actions`))[0]!.n;
    expect((await c.post(`/natverk/${slug}/hantera/beslut/${third!.id}/atgard`, { actionPlanId: foreignYear.id, ref: "X1", title: "Fel plan" })).status).toBe(422);
    expect((await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from plan_actions`))[0]!.n).toBe(before);
  });

  it("lets a member given the right manage the network, and nothing else in the space", async () => {
    const { t, c, slug, pos, org } = await setup();
    await c.post(`/natverk/${slug}/hantera/medlemmar`, { name: "Eva Sekreterare", email: "eva@example.se", positionId: pos("sekreterare"), fromOn: "2025-01-01", manages: "on" });
    const eva = new TestClient(t);
    await eva.login("eva@example.se");
    expect((await eva.get(`/natverk/${slug}/hantera`)).status).toBe(200);
    expect((await eva.post(`/natverk/${slug}/hantera/beslut`, { text: "Nästa möte hålls i Skellefteå.", decidedOn: "2026-09-01" })).status).toBe(303);
    expect((await eva.get("/natverk/ny")).status).toBe(403);
    // She runs the network's meetings as events (program, registration), and no other event of the space.
    expect((await eva.post(`/natverk/${slug}/hantera/moten`, { title: "Arbetsmöte", date: "2027-03-02", start: "10:00", end: "11:00", publish: "on" })).status).toBe(303);
    const [meeting] = await rowsOf<{ event_id: string }>(t.deps.db, sql`select m.event_id from network_meetings m join networks n on n.id = m.network_id where n.slug = ${slug}`);
    expect((await eva.get(`/arrangor/evenemang/${meeting!.event_id}`)).status).toBe(200);
    expect((await eva.get(`/arrangor/evenemang/${meeting!.event_id}/anmalan`)).status).toBe(200);
    const conference = await makeEvent(t.deps.db, { space: org.space, published: true });
    expect((await eva.get(`/arrangor/evenemang/${conference.id}`)).status).toBe(403);
    // When her term ends, so does that.
    await c.post(`/natverk/${slug}/hantera/medlemmar/${(await rowsOf<{ id: string }>(t.deps.db, sql`select m.id from network_members m join people p on p.id = m.person_id where p.email = 'eva@example.se'`))[0]!.id}/avsluta`, { toOn: "2025-06-30" });
    expect((await eva.get(`/arrangor/evenemang/${meeting!.event_id}`)).status).toBe(403);
    expect((await eva.get(`/natverk/${slug}/hantera`)).status).toBe(403);
    expect((await eva.get(`/arrangor/spaces/${org.space.id}`)).status).not.toBe(200);
    const plain = await makePerson(t.deps.db);
    const other = new TestClient(t);
    await other.login(plain.email!);
    expect((await other.get(`/natverk/${slug}/hantera`)).status).toBe(403);
    const nobody = await new TestClient(t).get(`/natverk/${slug}/hantera`);
    expect([nobody.status, nobody.headers.get("location")?.startsWith("/logga-in")]).toEqual([303, true]);
  });

  it("answers bad input with the person's language and a 4xx, changing nothing", async () => {
    const { c, slug, org } = await setup();
    const res = await c.post(`/natverk/${slug}/hantera/medlemmar`, { name: "", email: "inte-en-adress", positionId: "nej", fromOn: "igår" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Fel: ");
    expect(html).toContain("e-postadress");
    const taken = await c.post("/natverk/ny", { spaceId: org.space.id, slug, name: "Dubblett", kind: "network" });
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain("Adressen används redan.");
    const foreign = await c.post("/natverk/ny", { spaceId: "00000000-0000-4000-8000-000000000000", slug: "annat", name: "Annat", kind: "network" });
    expect(foreign.status).toBe(422);
    expect(await foreign.text()).toContain("Välj något i listan.");
  });
});
