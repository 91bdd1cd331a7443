/**
 * The evaluation survey (issue 14 §2): built from rating, choice and free-text questions,
 * sent to those who came (check-in) or all confirmed with a personal link, answered once
 * without logging in; results per question with last year's edition beside them, free text
 * only from the minimum group size, exportable; no answer can be traced to a person.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { listsOf } from "../../src/checkin/service.js";
import { checkins, events, outbox } from "../../src/db/schema.js";
import { regContextOf } from "../../src/registration/context.js";
import { register } from "../../src/registration/register.js";
import { saveSettings } from "../../src/registration/settings.js";
import { rowsOf } from "../../src/db/rows.js";
import { api, createTestApp, TestClient } from "../support/app.js";
import { describeEachDriver } from "../support/db.js";
import { makeEvent, makeOrganiser, makePerson } from "../support/factories.js";

describeEachDriver("the evaluation survey", (get) => {
  async function setup() {
    const t = createTestApp(get());
    const { db } = t.deps;
    const org = await makeOrganiser(db);
    const series = randomUUID();
    await db.execute(sql`insert into event_series (id, space_id, slug, name) values (${series}, ${org.space.id}, ${`serie-${series.slice(0, 8)}`}, 'Mötesplats Digitala Västerbotten')`);
    const last = await makeEvent(db, { space: org.space, title: "Mötesplats 2024", date: "2024-11-14", published: true });
    const event = await makeEvent(db, { space: org.space, title: "Mötesplats 2025", date: "2025-11-20", published: true });
    await db.update(events).set({ seriesId: series }).where(sql`${events.id} in (${last.id}, ${event.id})`);
    const ctx = regContextOf(t.deps);
    await saveSettings(ctx, event, { placesOnsite: 50 });
    const people = await Promise.all(["Anna Ek", "Bo Lind", "Cecilia Berg", "David Holm"].map((name) => makePerson(db, { name })));
    const regs = [];
    for (const p of people) regs.push((await register(ctx, { event, personId: p.id, organisationId: null, attendance: "onsite", answers: {}, sensitiveAnswers: {} })).registration);
    const [list] = await listsOf(db, event.id);
    for (const r of regs.slice(0, 3)) await db.insert(checkins).values({ id: randomUUID(), listId: list!.id, registrationId: r.id, at: new Date(), nonce: randomUUID() });
    const c = new TestClient(t);
    await c.login(org.person.email!);
    return { t, db, org, event, last, people, c };
  }

  const build = async (c: TestClient, eventId: string, minGroup: string) => {
    const base = `/arrangor/evenemang/${eventId}/utvardering`;
    expect((await c.post(base, { title: "Vad tyckte du om Mötesplatsen?", intro: "", minGroup })).status).toBe(303);
    for (const q of [
      { kind: "rating", text: "Hur nöjd är du med dagen som helhet?", options: "", required: "on" },
      { kind: "choice", text: "Vilket pass var mest givande?", options: "Förmiddagen\nEftermiddagen\nMinglet", required: "" },
      { kind: "text", text: "Vad ska vi göra bättre?", options: "", required: "" },
    ])
      expect((await c.post(`${base}/fragor`, q)).status).toBe(303);
    return base;
  };
  // The mails waiting in the outbox, sent with the invitations in one transaction.
  const linksIn = async (t: ReturnType<typeof createTestApp>) => (await t.deps.db.select().from(outbox)).flatMap((m) => /(\/utvardering\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{32})/.exec(m.textBody ?? "")?.[1] ?? []);

  it("is sent to those who came, answered once through each link, and shown per question with free text only from the group size", async () => {
    const { t, db, event, people, c } = await setup();
    const base = await build(c, event.id, "3");
    let res = await c.post(`${base}/fragor`, { kind: "choice", text: "Ett enda val", options: "Bara ett", required: "" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Skriv minst två alternativ, ett per rad.");
    expect((await c.post(`${base}/skicka`, { audience: "attended" })).status).toBe(303);
    let links = await linksIn(t);
    expect(links).toHaveLength(3);
    // Sending again reaches nobody new; to all confirmed, the one who did not come.
    expect((await c.post(`${base}/skicka`, { audience: "attended" })).status).toBe(303);
    expect((await c.post(`${base}/skicka`, { audience: "confirmed" })).status).toBe(303);
    links = await linksIn(t);
    expect(links).toHaveLength(4);
    const [q1, q2, q3] = await rowsOf<{ id: string }>(db, sql`select q.id from survey_questions q join surveys s on s.id = q.survey_id where s.event_id = ${event.id} order by q.position`);
    const answer = (link: string, fields: Record<string, string>) => new TestClient(t).post(link, fields);
    const form = await (await new TestClient(t).get(links[0]!)).text();
    expect(form).toContain("Dina svar sparas utan ditt namn");
    res = await answer(links[0]!, { [`q.${q2!.id}`]: "Minglet" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Välj ett av alternativen.");
    expect((await answer(links[0]!, { [`q.${q1!.id}`]: "5", [`q.${q2!.id}`]: "Minglet", [`q.${q3!.id}`]: "Mer tid för frågor" })).status).toBe(200);
    expect((await answer(links[0]!, { [`q.${q1!.id}`]: "1" })).status).toBe(409);
    expect(await (await new TestClient(t).get(links[0]!)).text()).toContain("Du har redan svarat");
    expect((await answer(links[1]!, { [`q.${q1!.id}`]: "4", [`q.${q2!.id}`]: "Förmiddagen", [`q.${q3!.id}`]: "Kortare pauser" })).status).toBe(200);
    expect((await answer(links[1]!.replace(/.$/, (x) => (x === "A" ? "B" : "A")), { [`q.${q1!.id}`]: "3" })).status).toBe(404);
    expect((await answer(links[2]!, { [`q.${q1!.id}`]: "9" })).status).toBe(422);

    // Two answers, group size three: the free text waits.
    let results = await (await c.get(`${base}/resultat`)).text();
    expect(results).toContain("Medelbetyg 4,5 av 5 (2 svar)");
    expect(results).toContain("Fritextsvaren visas när minst 3 har svarat (2 har svarat).");
    expect(results).not.toContain("Mer tid för frågor");
    expect((await answer(links[2]!, { [`q.${q1!.id}`]: "3", [`q.${q3!.id}`]: "Bra dag" })).status).toBe(200);
    results = await (await c.get(`${base}/resultat`)).text();
    expect(results).toContain("Mer tid för frågor");
    expect(results).toContain("Medelbetyg 4,0 av 5 (3 svar)");
    // Nothing in the results, the export or the tables leads from an answer to a person.
    const csv = await (await c.get(`${base}/resultat.csv`)).text();
    expect(csv).toContain('"Vilket pass var mest givande?";"Val bland alternativ";"Minglet";"1"');
    for (const p of people) for (const text of [results, csv]) expect(text).not.toContain(p.name);
    const columns = await rowsOf<{ table_name: string; column_name: string }>(db, sql`select table_name, column_name from information_schema.columns where table_name in ('survey_responses', 'survey_answers') and table_schema = current_schema()`);
    expect(columns.map((x) => `${x.table_name}.${x.column_name}`).sort()).toEqual(["survey_answers.choice", "survey_answers.question_id", "survey_answers.rating", "survey_answers.response_id", "survey_answers.text", "survey_responses.answered_on", "survey_responses.id", "survey_responses.survey_id"]);
    expect((await c.get(`${base}/resultat.xlsx`)).headers.get("content-type")).toContain("spreadsheetml");
  });

  it("shows last year's edition beside this year's for the same questions; only the event's organisers see any of it", async () => {
    const { t, event, last, c, org: organiser } = await setup();
    const lastBase = await build(c, last.id, "1");
    // Last year: nobody had a link yet (no registrations); answer through a fresh invitation.
    const survey = (await rowsOf<{ id: string }>(t.deps.db, sql`select id from surveys where event_id = ${last.id}`))[0]!;
    const inv = randomUUID();
    await t.deps.db.execute(sql`insert into survey_invitations (id, survey_id) values (${inv}, ${survey.id})`);
    const { signLink } = await import("../../src/shared/signed-links.js");
    const [lq1] = await rowsOf<{ id: string }>(t.deps.db, sql`select id from survey_questions where survey_id = ${survey.id} order by position`);
    expect((await new TestClient(t).post(`/utvardering/${signLink(t.deps.linkKey, "survey", inv)}`, { [`q.${lq1!.id}`]: "2" })).status).toBe(200);
    const base = await build(c, event.id, "1");
    await c.post(`${base}/skicka`, { audience: "attended" });
    const page = await (await c.get(`${base}/resultat`)).text();
    expect(page).toContain("Förra gången (Mötesplats 2024): medelbetyg 2,0");
    const stranger = new TestClient(t);
    await stranger.login((await makeOrganiser(t.deps.db)).person.email!);
    for (const path of [base, `${base}/resultat`, `${base}/resultat.csv`, lastBase]) expect((await stranger.get(path)).status).toBe(403);
    expect((await stranger.post(`${base}/skicka`, { audience: "confirmed" })).status).toBe(403);
    // The results in the API: the organiser's token, the same figures, last year beside them.
    const json = await (await api(t, organiser.token).get(`/v1/events/${event.id}/survey/results`)).json();
    expect(json.lastEdition).toMatchObject({ eventTitle: "Mötesplats 2024", responses: 1 });
    expect(json.lastEdition.questions[0]).toMatchObject({ text: "Hur nöjd är du med dagen som helhet?", mean: 2 });
    expect(json.questions.map((q: { kind: string }) => q.kind)).toEqual(["rating", "choice", "text"]);
    expect((await api(t).get(`/v1/events/${event.id}/survey/results`)).status).toBe(401);
  });
});
