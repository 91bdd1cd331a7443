/**
 * The prize (issue 15 §2): a public call for nominations with a confirmation and an edit
 * link until the closing date; the screener sets ineligible ones aside with the reason and
 * can restore them; jurors state their organisations and never see (nor count on) a
 * nomination of their own organisation; declared conflicts are logged; weighted scores are
 * ranked by the round's method; others' scores only after one's own; the decision is made
 * in deliberation and announced now or at its time, with the nominators' mails.
 */
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { rowsOf } from "../../src/db/rows.js";
import { outbox, prizeScores } from "../../src/db/schema.js";
import { runJobsOnce } from "../../src/jobs.js";
import { TestClient } from "../support/app.js";
import { describeEachDriver } from "../support/db.js";
import { nominate, prizeYear } from "./support.js";

const linkIn = (text: string) => /(http\S+\/nominering\/\S+)/.exec(text)?.[1];

describeEachDriver("the yearly prize", (get) => {
  it("takes nominations with a confirmation and an edit link until the closing date, then refuses", async () => {
    const { t, db, base, organisation, goal, roundId } = await prizeYear(get());
    const umea = await organisation("2480");
    const visitor = new TestClient(t);
    const form = await (await visitor.get(`${base}/nominera`)).text();
    expect(form).toContain("Fler e-tjänster");
    const res = await nominate(visitor, base, { title: "E-arkiv för alla", orgs: [umea.id], email: "nora@example.se", goals: [goal.id] });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("nora@example.se");
    const [mail] = await db.select().from(outbox).where(sql`${outbox.toAddress} = 'nora@example.se'`);
    expect(mail!.subject).toBe("Din nominering till Guldmolnet 2026");
    const link = new URL(linkIn(mail!.textBody)!).pathname;
    const edit = await visitor.get(link);
    expect(edit.status).toBe(200);
    const body = new URLSearchParams({ title: "E-arkiv för hela länet", summary: "Nu för alla kommuner.", links: "", org1: umea.id, _csrf: await visitor.csrf() });
    expect((await visitor.request(link, { method: "POST", body: body.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } })).status).toBe(303);
    expect((await rowsOf<{ title: string }>(db, sql`select title from prize_nominations where round_id = ${roundId}`)).map((r) => r.title)).toEqual(["E-arkiv för hela länet"]);
    // An attachment streamed to the store, on the nominator's own page.
    const up = await visitor.postMultipart(`${link}/bilaga`, { file: new File([Buffer.from("%PDF-1.4\n%%EOF\n")], "underlag.pdf", { type: "application/pdf" }) });
    expect(up.status).toBe(303);
    expect(await (await visitor.get(link)).text()).toContain("underlag.pdf");
    // A made-up link answers nothing.
    expect((await visitor.get(`${base}/nominering/00000000-0000-4000-8000-000000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(404);
    // After the closing date: neither new nominations nor changes.
    t.clock.now = new Date("2026-12-16T12:00:00Z");
    expect((await nominate(visitor, base, { title: "För sent", orgs: [umea.id], email: "sen@example.se" })).status).toBe(409);
    const late = new URLSearchParams({ title: "Ändrad för sent", summary: "x", org1: umea.id, _csrf: await visitor.csrf() });
    expect((await visitor.request(link, { method: "POST", body: late.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } })).status).toBe(409);
    expect((await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from prize_nominations where round_id = ${roundId}`))[0]!.n).toBe(1);
  });

  it("refuses a nomination without an organisation from the register, in the person's language, keeping nothing", async () => {
    const { t, db, base, roundId } = await prizeYear(get());
    const visitor = new TestClient(t);
    const none = await nominate(visitor, base, { title: "Utan organisation", orgs: [], email: "x@example.se" });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain("Välj minst en organisation.");
    const made = await nominate(visitor, base, { title: "Påhittad", orgs: ["00000000-0000-4000-8000-000000000000"], email: "x@example.se" });
    expect(made.status).toBe(422);
    await visitor.get("/sprak/en");
    const en = await nominate(visitor, base, { title: "", orgs: [], email: "not-an-address" });
    expect(en.status).toBe(422);
    expect(await en.text()).toContain("Choose at least one organisation.");
    expect((await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from prize_nominations where round_id = ${roundId}`))[0]!.n).toBe(0);
  });

  it("screens, judges with conflicts kept out, ranks by weighted scores, and announces the sealed decision with the nominators' mails", async () => {
    const { t, db, base, admin, organisation, criteria, questionId, roundId, goal, action, plan } = await prizeYear(get());
    const [umea, skelleftea, lycksele] = [await organisation("2480"), await organisation("2482"), await organisation("2481")];
    const visitor = new TestClient(t);
    await nominate(visitor, base, { title: "Umeås e-arkiv", orgs: [umea.id], email: "a@example.se", goals: [goal.id], action: action.id });
    await nominate(visitor, base, { title: "Skellefteås AI-stöd", orgs: [skelleftea.id], email: "b@example.se" });
    await nominate(visitor, base, { title: "Lyckseles bredband", orgs: [lycksele.id], email: "c@example.se" });
    await nominate(visitor, base, { title: "Utanför länet", orgs: [umea.id], email: "d@example.se" });
    const noms = new Map((await rowsOf<{ id: string; title: string }>(db, sql`select id, title from prize_nominations where round_id = ${roundId}`)).map((n) => [n.title, n.id]));
    const id = (title: string) => noms.get(title)!;

    // Screening: a "no" sets it aside with the reason; kept, and can be restored.
    expect((await admin.post(`${base}/hantera/fas`, { phase: "screening" })).status).toBe(303);
    expect((await admin.post(`${base}/hantera/nomineringar/${id("Utanför länet")}/prova`, { [`q.${questionId}`]: "no", note: "Genomfört i Norrbotten." })).status).toBe(303);
    const [aside] = await rowsOf<{ ineligible_reason: string }>(db, sql`select ineligible_reason from prize_nominations where id = ${id("Utanför länet")}`);
    expect(aside!.ineligible_reason).toBe("Är arbetet genomfört i länet? – Genomfört i Norrbotten.");
    expect((await admin.post(`${base}/hantera/nomineringar/${id("Utanför länet")}/aterstall`, {})).status).toBe(303);
    expect((await rowsOf<{ r: string | null }>(db, sql`select ineligible_reason as r from prize_nominations where id = ${id("Utanför länet")}`))[0]!.r).toBeNull();
    await admin.post(`${base}/hantera/nomineringar/${id("Utanför länet")}/prova`, { [`q.${questionId}`]: "no" });
    expect((await admin.post(`${base}/hantera/nomineringar/${id("Umeås e-arkiv")}/prova`, {})).status).toBe(422);

    // The jury: Ulla works for Umeå, Sam for none of them.
    expect((await admin.post(`${base}/hantera/jury`, { jurorName: "Ulla Jurymedlem", email: "ulla@example.se" })).status).toBe(303);
    expect((await admin.post(`${base}/hantera/jury`, { jurorName: "Sam Jurymedlem", email: "sam@example.se" })).status).toBe(303);
    expect((await db.select().from(outbox).where(sql`${outbox.toAddress} = 'ulla@example.se'`))[0]!.subject).toBe("Du är med i juryn för Guldmolnet 2026");
    const ulla = new TestClient(t);
    await ulla.login("ulla@example.se");
    const sam = new TestClient(t);
    await sam.login("sam@example.se");
    expect((await admin.post(`${base}/hantera/fas`, { phase: "judging" })).status).toBe(303);
    // Nothing is seen before one's organisations are stated.
    expect(await (await ulla.get(`${base}/jury`)).text()).toContain("Ange dina organisationer först.");
    expect((await ulla.get(`${base}/jury/${id("Skellefteås AI-stöd")}`)).status).toBe(404);
    expect((await ulla.post(`${base}/jury/organisationer`, { org1: umea.id })).status).toBe(303);
    expect((await sam.post(`${base}/jury/organisationer`, { org1: (await organisation("2460")).id })).status).toBe(303);
    const ullaList = await (await ulla.get(`${base}/jury`)).text();
    expect(ullaList).not.toContain("Umeås e-arkiv");
    expect(ullaList).toContain("Skellefteås AI-stöd");
    expect(ullaList).not.toContain("Utanför länet");
    expect((await ulla.get(`${base}/jury/${id("Umeås e-arkiv")}`)).status).toBe(404);
    expect((await ulla.post(`${base}/jury/${id("Umeås e-arkiv")}`, { [`score.${criteria[0]!.id}`]: "5" })).status).toBe(404);
    const [ullaJuror] = await rowsOf<{ id: string }>(db, sql`select j.id from prize_jurors j join people p on p.id = j.person_id where p.email = 'ulla@example.se'`);
    // As if she had scored it before stating her organisation: kept, but never counted.
    await db.insert(prizeScores).values(criteria.map((c) => ({ jurorId: ullaJuror!.id, nominationId: id("Umeås e-arkiv"), criterionId: c.id, score: 5 })));
    await db.execute(sql`insert into prize_reviews (juror_id, nomination_id) values (${ullaJuror!.id}, ${id("Umeås e-arkiv")})`);
    // She declares a conflict of her own on Lycksele's: logged, and it leaves her list.
    expect((await ulla.post(`${base}/jury/${id("Lyckseles bredband")}/jav`, { reason: "Jag satt i projektets styrgrupp." })).status).toBe(303);
    expect(await (await ulla.get(`${base}/jury`)).text()).not.toContain(`href="${base}/jury/${id("Lyckseles bredband")}"`);

    // Scores: weights 3 and 2 are 60 % and 40 %.
    const score = (c: TestClient, nom: string, a: number, b: number) => c.post(`${base}/jury/${id(nom)}`, { [`score.${criteria[0]!.id}`]: String(a), [`score.${criteria[1]!.id}`]: String(b), comment: "Bra." });
    expect((await score(sam, "Umeås e-arkiv", 4, 2)).status).toBe(303); // 3.2
    expect((await score(sam, "Skellefteås AI-stöd", 3, 3)).status).toBe(303); // 3.0
    expect((await score(sam, "Lyckseles bredband", 5, 0)).status).toBe(303); // 3.0
    // Before her own review, Ulla does not see Sam's scores; after it she does.
    expect(await (await ulla.get(`${base}/jury/${id("Skellefteås AI-stöd")}`)).text()).toContain("Visas när du har satt poäng på alla kriterier.");
    expect((await ulla.post(`${base}/jury/${id("Skellefteås AI-stöd")}`, { [`score.${criteria[0]!.id}`]: "9" })).status).toBe(422);
    expect((await score(ulla, "Skellefteås AI-stöd", 5, 5)).status).toBe(303); // 5.0 → mean 4.0
    expect(await (await ulla.get(`${base}/jury/${id("Skellefteås AI-stöd")}`)).text()).toContain("Sam Jurymedlem: 3,0 av 5");

    const page = await (await admin.get(`${base}/hantera`)).text();
    const order = ["Skellefteås AI-stöd", "Umeås e-arkiv", "Lyckseles bredband"].map((title) => page.indexOf(`<th scope="row">${title}</th>`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(page).toMatch(/<th scope="row">Umeås e-arkiv<\/th><td>3,2<\/td><td>1<\/td>/);
    expect(page).toContain("Ulla Jurymedlem är jävig för Umeås e-arkiv: samma organisation");
    expect(page).toContain("Ulla Jurymedlem har anmält jäv för Lyckseles bredband: Jag satt i projektets styrgrupp.");
    // Her review of her own organisation's work is kept and shown, marked as not counted.
    expect(page).toMatch(/Ulla Jurymedlem: 5,0 av 5 \(räknas inte: jäv\)/);
    const csv = await (await admin.get(`${base}/hantera/rangordning.csv`)).text();
    const rows = csv.trim().split("\r\n").map((l) => l.split(";")[1]);
    expect(rows).toEqual(['"Nominering"', '"Skellefteås AI-stöd"', '"Umeås e-arkiv"', '"Lyckseles bredband"']);
    expect((await visitor.get(`${base}/hantera/rangordning.csv`)).status).not.toBe(200);
    // Scoring closes with the judging phase.
    expect((await admin.post(`${base}/hantera/fas`, { phase: "deliberation" })).status).toBe(303);
    expect((await score(sam, "Umeås e-arkiv", 0, 0)).status).toBe(409);
    expect((await admin.post(`${base}/hantera/nomineringar/${id("Skellefteås AI-stöd")}/kortlista`, { shortlisted: "on" })).status).toBe(303);
    expect((await admin.post(`${base}/hantera/nomineringar/${id("Umeås e-arkiv")}/kortlista`, { shortlisted: "on" })).status).toBe(303);
    expect((await admin.post(`${base}/hantera/nomineringar/${id("Utanför länet")}/kortlista`, { shortlisted: "on" })).status).toBe(422);
    expect((await admin.post(`${base}/hantera/beslut`, { winnerId: id("Utanför länet"), justification: "x" })).status).toBe(422);
    expect((await admin.post(`${base}/hantera/beslut`, { winnerId: id("Skellefteås AI-stöd"), justification: "Ett modigt och delbart arbete." })).status).toBe(303);
    expect(await (await visitor.get(base)).text()).not.toContain("Skellefteås AI-stöd");
    expect((await db.select().from(outbox).where(sql`${outbox.subject} like '%vinn%' or ${outbox.subject} like '%Vinnaren%'`)).length).toBe(0);

    // The ceremony: announce now. The page, the gallery and the mails at once.
    expect((await admin.post(`${base}/hantera/tillkannage`, {})).status).toBe(303);
    const after = await (await visitor.get(base)).text();
    expect(after).toContain("Skellefteås AI-stöd");
    expect(after).toContain("Ett modigt och delbart arbete.");
    expect(after).toContain("Umeås e-arkiv");
    const gallery = await (await visitor.get("/pris/galleri")).text();
    expect(gallery).toContain("Vinnare: Skellefteås AI-stöd");
    expect(gallery).toContain("Kortlistad: Umeås e-arkiv");
    // Each with the goals and actions of the plan it served.
    expect(gallery).toContain("Mål i planen som arbetet bidrar till: Fler e-tjänster.");
    expect(gallery).toContain(`href="/planer/${plan.slug}/atgarder/${action.id}"`);
    expect(gallery).not.toContain("Lyckseles bredband");
    const mails = await rowsOf<{ to_address: string; subject: string }>(db, sql`select to_address, subject from outbox where subject like '%Guldmolnet 2026' and subject not like 'Din nominering%' and subject not like 'Du är%' order by to_address`);
    expect(mails).toEqual([
      { to_address: "a@example.se", subject: "Vinnaren av Guldmolnet 2026" },
      { to_address: "b@example.se", subject: "Skellefteås AI-stöd vinner Guldmolnet 2026" },
      { to_address: "c@example.se", subject: "Vinnaren av Guldmolnet 2026" },
    ]);
    // Announcing again does nothing twice.
    expect((await admin.post(`${base}/hantera/tillkannage`, {})).status).toBe(409);
    await runJobsOnce(t.deps);
    expect((await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from outbox where subject like 'Vinnaren av%' or subject like '%vinner%'`))[0]!.n).toBe(3);
  });

  it("announces at the ceremony's time by itself: the first visit after it, or the jobs, whichever comes first, once", async () => {
    const { t, db, base, admin, organisation, roundId } = await prizeYear(get());
    const visitor = new TestClient(t);
    await nominate(visitor, base, { title: "Vinnande arbete", orgs: [(await organisation("2480")).id], email: "w@example.se" });
    const [n] = await rowsOf<{ id: string }>(db, sql`select id from prize_nominations where round_id = ${roundId}`);
    await admin.post(`${base}/hantera/fas`, { phase: "deliberation" });
    expect((await admin.post(`${base}/hantera/beslut`, { winnerId: n!.id, justification: "Motivering." })).status).toBe(303);
    t.clock.now = new Date("2027-01-20T16:59:59Z");
    await runJobsOnce(t.deps);
    expect(await (await visitor.get(base)).text()).not.toContain("Vinnande arbete");
    t.clock.now = new Date("2027-01-20T17:00:00Z"); // 18:00 in Stockholm
    const [first, second] = await Promise.all([visitor.get(base), new TestClient(t).get("/pris/galleri")]);
    expect(await first.text()).toContain("Vinnande arbete");
    expect(await second.text()).toContain("Vinnande arbete");
    await runJobsOnce(t.deps);
    expect((await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from outbox where to_address = 'w@example.se' and subject like '%vinner%'`))[0]!.n).toBe(1);
  });
});
