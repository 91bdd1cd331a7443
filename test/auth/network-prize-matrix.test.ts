/**
 * The policy's matrix for networks and the prize (issue 15): every route of both, from the
 * app's own routing table, against every role: nobody, a signed-in person, a network
 * member, a network manager (a member given the right), a juror, a conflicted juror (whose
 * organisation is the nomination's), a prize admin, the space's organiser and a platform
 * admin. A route the table does not classify fails the test. Denied: 401, 403, 404 or the
 * way to the login, and nothing in the tables changes; allowed: every GET answers 2xx.
 */
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { rowsOf } from "../../src/db/rows.js";
import { outbox } from "../../src/db/schema.js";
import { TestClient } from "../support/app.js";
import { describeEachDriver } from "../support/db.js";
import { makeAdmin, makePerson } from "../support/factories.js";
import { askMatrix, classifiedRoutes, clientsOf, fingerprint, requesterOf } from "../support/matrix.js";
import { nominate, prizeYear } from "../prizes/support.js";

const roles = ["nobody", "signedIn", "networkMember", "networkManager", "juror", "conflictedJuror", "prizeAdmin", "organiser", "admin"] as const;
type Role = (typeof roles)[number];
type Need = "public" | "insider" | "networkManager" | "spaceOrganiser" | "jury" | "judges" | "prizeAdmin" | "fileReader";
const allowedFor: Record<Need, Role[]> = {
  public: [...roles],
  insider: ["networkMember", "networkManager", "organiser", "admin"],
  networkManager: ["networkManager", "organiser", "admin"],
  spaceOrganiser: ["organiser", "admin"],
  jury: ["juror", "conflictedJuror"],
  // The nomination filled in is the conflicted juror's own organisation's.
  judges: ["juror"],
  prizeAdmin: ["prizeAdmin", "organiser", "admin"],
  fileReader: ["juror", "prizeAdmin", "organiser", "admin"],
};

const needs: [RegExp, Need][] = [
  [/^\w+ \/(natverk|pris)\/ny$/, "spaceOrganiser"],
  [/^GET \/natverk\/:slug$/, "public"],
  [/^GET \/natverk\/:slug\/dokument\//, "insider"],
  [/^\w+ \/natverk\/:slug\/hantera(\/.*)?$/, "networkManager"],
  [/^GET \/api\/v1\/networks\/:slug$/, "public"],
  [/^POST \/api\/v1\/networks\/:slug\/(decisions|members|meetings|decisions\/:id\/(action|update))$/, "networkManager"],
  [/^POST \/api\/v1\/(networks|prizes)$/, "spaceOrganiser"],
  [/^GET \/api\/v1\/(networks|prizes)$/, "public"],
  [/^GET \/pris\/:slug(\/:year\{\[0-9\]\{4\}\})?$/, "public"],
  [/^\w+ \/pris\/:slug\/:year\{\[0-9\]\{4\}\}\/(nominera|nominering\/:token(\/bilaga)?)$/, "public"],
  [/^\w+ \/pris\/:slug\/:year\{\[0-9\]\{4\}\}\/jury(\/organisationer)?$/, "jury"],
  [/^\w+ \/pris\/:slug\/:year\{\[0-9\]\{4\}\}\/jury\/:nid(\/jav)?$/, "judges"],
  [/^GET \/pris\/:slug\/:year\{\[0-9\]\{4\}\}\/filer\/:fid$/, "fileReader"],
  [/^\w+ \/pris\/:slug(\/:year\{\[0-9\]\{4\}\})?\/hantera(\/.*)?$/, "prizeAdmin"],
  [/^\w+ \/api\/v1\/prizes\/:slug\/years\/:year(\/nominations)?$/, "public"],
  [/^GET \/api\/v1\/prizes\/:slug\/years\/:year\/ranking$/, "prizeAdmin"],
  [/^POST \/api\/v1\/prizes\/:slug\/years\/:year\/(phase|jurors|decision|announcement|criteria|eligibility|nominations\/:id\/screening)$/, "prizeAdmin"],
  [/^POST \/api\/v1\/prizes\/:slug\/years$/, "prizeAdmin"],
  [/^PUT \/api\/v1\/prizes\/:slug\/years\/:year\/nominations\/:id\/review$/, "judges"],
];

describeEachDriver("the policy's matrix of network and prize routes and roles", (get) => {
  it("refuses every role without the right on every route, changing nothing, and lets those with it see every page", async () => {
    const { t, db, base, slug: prizeSlug, admin: organiserClient, organiser, organisation, roundId } = await prizeYear(get(), { TRUST_PROXY: "true" });
    const umea = await organisation("2480");
    // The network, with a member and a manager, a meeting with minutes and a decision.
    const networkSlug = `natverk-${organiser.space.slug}`;
    await organiserClient.post("/natverk/ny", { spaceId: organiser.space.id, slug: networkSlug, name: "Informationssäkerhetsnätverket", kind: "network" });
    const [position] = await rowsOf<{ id: string }>(db, sql`select id from network_positions where space_id = ${organiser.space.id} and key = 'ledamot'`);
    const member = await makePerson(db, { name: "Mia Medlem" });
    const manager = await makePerson(db, { name: "Max Hanterare" });
    await organiserClient.post(`/natverk/${networkSlug}/hantera/medlemmar`, { name: member.name, email: member.email!, positionId: position!.id, fromOn: "2025-01-01" });
    await organiserClient.post(`/natverk/${networkSlug}/hantera/medlemmar`, { name: manager.name, email: manager.email!, positionId: position!.id, fromOn: "2025-01-01", manages: "on" });
    await organiserClient.post(`/natverk/${networkSlug}/hantera/moten`, { title: "Nätverksträff", date: "2026-12-03", start: "13:00", end: "15:00", publish: "on" });
    const [meeting] = await rowsOf<{ event_id: string }>(db, sql`select m.event_id from network_meetings m join networks n on n.id = m.network_id where n.slug = ${networkSlug}`);
    await organiserClient.postMultipart(`/natverk/${networkSlug}/hantera/moten/${meeting!.event_id}/dokument`, { title: "Minnesanteckningar", kind: "minutes", file: new File([Buffer.from("%PDF-1.4\n%%EOF\n")], "anteckningar.pdf", { type: "application/pdf" }) });
    await organiserClient.post(`/natverk/${networkSlug}/hantera/beslut`, { text: "Nätverket tar fram en gemensam riskanalys.", decidedOn: "2026-12-03" });
    const [doc] = await rowsOf<{ id: string }>(db, sql`select id from network_documents where event_id = ${meeting!.event_id}`);
    const [decision] = await rowsOf<{ id: string }>(db, sql`select d.id from network_decisions d join networks n on n.id = d.network_id where n.slug = ${networkSlug}`);
    const [member1] = await rowsOf<{ id: string }>(db, sql`select m.id from network_members m where m.person_id = ${member.id}`);

    // The prize: Umeå's nomination (with an attachment) in judging; the conflicted juror works for Umeå. Next year's call is open.
    const visitor = new TestClient(t);
    await nominate(visitor, base, { title: "Umeås e-arkiv", orgs: [umea.id], email: "n@example.se" });
    const [nomination] = await rowsOf<{ id: string }>(db, sql`select id from prize_nominations where round_id = ${roundId}`);
    const link = new URL(/(http\S+\/nominering\/\S+)/.exec((await db.select().from(outbox).where(sql`${outbox.toAddress} = 'n@example.se'`))[0]!.textBody)![1]!).pathname;
    await visitor.postMultipart(`${link}/bilaga`, { file: new File([Buffer.from("%PDF-1.4\n%%EOF\n")], "bilaga.pdf", { type: "application/pdf" }) });
    const [file] = await rowsOf<{ file_id: string }>(db, sql`select file_id from prize_nomination_files where nomination_id = ${nomination!.id}`);
    await organiserClient.post(`/pris/${prizeSlug}/hantera/ar`, { year: "2027", closesOn: "2027-10-01", announceOn: "2027-11-20", announceTime: "18:00", ranking: "median" });
    await nominate(visitor, `/pris/${prizeSlug}/2027`, { title: "Nästa års arbete", orgs: [umea.id], email: "n2027@example.se" });
    const link2027 = new URL(/(http\S+\/nominering\/\S+)/.exec((await db.select().from(outbox).where(sql`${outbox.toAddress} = 'n2027@example.se'`))[0]!.textBody)![1]!).pathname;
    const juror = await makePerson(db, { name: "Jonna Jurymedlem" });
    const conflicted = await makePerson(db, { name: "Kalle Jävig" });
    for (const p of [juror, conflicted]) await organiserClient.post(`${base}/hantera/jury`, { jurorName: p.name, email: p.email! });
    const prizeAdmin = await makePerson(db, { name: "Pia Prisadmin" });
    await organiserClient.post(`/pris/${prizeSlug}/hantera/administratorer`, { email: prizeAdmin.email! });
    await organiserClient.post(`${base}/hantera/fas`, { phase: "judging" });

    const platform = await makeAdmin(db);
    const people: Record<Exclude<Role, "nobody">, { id: string; email: string | null }> = { signedIn: await makePerson(db), networkMember: member, networkManager: manager, juror, conflictedJuror: conflicted, prizeAdmin, organiser: organiser.person, admin: platform.person };
    const clients = await clientsOf<Role>(t, people);
    await clients.get("juror")!.page.post(`${base}/jury/organisationer`, { org1: (await organisation("2460")).id });
    await clients.get("conflictedJuror")!.page.post(`${base}/jury/organisationer`, { org1: umea.id });

    const fill = (path: string) =>
      path
        .replace(/^\/pris\/:slug\/:year\{\[0-9\]\{4\}\}\/nominering\/:token/, link2027)
        .replace(/^\/pris\/:slug\/:year\{\[0-9\]\{4\}\}\/nominera$/, `/pris/${prizeSlug}/2027/nominera`)
        .replace(":year{[0-9]{4}}", "2026")
        .replace(/^\/natverk\/:slug/, `/natverk/${networkSlug}`)
        .replace(/^\/pris\/:slug/, `/pris/${prizeSlug}`)
        .replace(/^\/api\/v1\/networks\/:slug/, `/api/v1/networks/${networkSlug}`)
        .replace(/^\/api\/v1\/prizes\/:slug\/years\/:year/, `/api/v1/prizes/${prizeSlug}/years/2026`)
        .replace(/^\/api\/v1\/prizes\/:slug/, `/api/v1/prizes/${prizeSlug}`)
        .replace("/decisions/:id/", `/decisions/${decision!.id}/`)
        .replace("/nominations/:id/", `/nominations/${nomination!.id}/`)
        .replace("/dokument/:id/:name?", `/dokument/${doc!.id}/anteckningar.pdf`)
        .replace(/\/(moten)\/:eid/, `/moten/${meeting!.event_id}`)
        .replace(/\/beslut\/:did/, `/beslut/${decision!.id}`)
        .replace(/\/dokument\/:did/, `/dokument/${doc!.id}`)
        .replace(":mid", member1!.id)
        .replace(":nid", nomination!.id)
        .replace(":fid", file!.file_id)
        .replace(":cid", "00000000-0000-4000-8000-000000000000")
        .replace(":file{rangordning\\.(csv|xlsx)}", "rangordning.xlsx");

    const { routes, unclassified, needOf } = classifiedRoutes(t, /^\/(natverk\/(:slug|ny)|pris\/(:slug|ny)|api\/v1\/(networks|prizes)(\/:slug|$))/, needs);
    expect(routes.length).toBeGreaterThan(35);
    expect(unclassified, "routes the matrix does not know").toEqual([]);

    const request = requesterOf(t, clients, "10.8");
    const tables = ["networks", "network_positions", "network_members", "network_meetings", "network_documents", "network_decisions", "plan_actions", "plan_reports", "plan_action_links", "prizes", "prize_admins", "prize_rounds", "prize_criteria", "prize_screen_questions", "prize_nominations", "prize_screen_answers", "prize_jurors", "prize_juror_organisations", "prize_conflicts", "prize_reviews", "prize_scores"];
    const before = await fingerprint(db, tables);
    const { letThrough, refused } = await askMatrix({ routes, roles, allowed: (k) => allowedFor[needOf(k)], fill, request });
    expect(letThrough, "answers that let a role through").toEqual([]);
    expect(await fingerprint(db, tables), "the denied requests changed nothing").toBe(before);
    expect(refused, "pages and data refused to those who may see them").toEqual([]);
  }, 180_000);
});
