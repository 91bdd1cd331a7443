/**
 * Live (issue 13 §1–3, §5–6): joining by code without an account, questions (named or
 * anonymous, one vote each, sorted by votes or time, post- and pre-moderation, a polite
 * word to the author of a dismissed question, highlight, answered, pause and hidden count
 * on the big screen), polls of five kinds (prepared, opened and closed, hidden until
 * revealed, one answer each, changeable only when allowed), a room that requires
 * registration, the stream of updates; anonymity in the tables; bad input refused.
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { grantEventRole } from "../../src/auth/roles.js";
import { liveQuestions, livePollAnswers, livePolls } from "../../src/db/schema.js";
import { participantKey } from "../../src/live/participant.js";
import { actOnPoll, answerPoll, channelOf, ensureRooms, listRooms, pollResults, pollResultsAsOf } from "../../src/live/service.js";
import { latestLiveId } from "../../src/live/hub.js";
import { regContextOf } from "../../src/registration/context.js";
import { register } from "../../src/registration/register.js";
import { manageUrl } from "../../src/registration/service.js";
import { saveSettings } from "../../src/registration/settings.js";
import { createApiToken } from "../../src/auth/repository.js";
import { api, createTestApp, TestClient } from "../support/app.js";
import { describeEachDriver } from "../support/db.js";
import { makeEvent, makeOrganiser, makePerson, makeSession } from "../support/factories.js";

describeEachDriver("live questions and polls", (get) => {
  async function setup(o: { published?: boolean } = {}) {
    const t = createTestApp(get());
    const { db } = t.deps;
    const org = await makeOrganiser(db);
    const event = await makeEvent(db, { space: org.space, published: o.published ?? true, format: "hybrid", title: "Livedagen" });
    await makeSession(db, event, { type: "keynote", title: "Från idé till handling", start: "09:15", end: "10:00" });
    const organiser = new TestClient(t);
    await organiser.login(org.person.email!);
    const rooms = await organiser.get(`/arrangor/evenemang/${event.id}/live`);
    expect(rooms.status).toBe(200);
    const all = await listRooms(db, event.id);
    expect(all.map((r) => r.session?.titleSv ?? null)).toEqual([null, "Från idé till handling"]);
    const room = all.find((r) => r.session)!.room;
    expect(await rooms.text()).toContain(room.code);
    expect(room.code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    const moderatorPerson = await makePerson(db, { name: "Mona Moderator" });
    await grantEventRole(db, event.id, moderatorPerson.id, "moderator", org.person.id);
    const moderator = new TestClient(t);
    await moderator.login(moderatorPerson.email!);
    const base = `/live/${room.code}`;
    const questionsIn = async () => db.select().from(liveQuestions).where(eq(liveQuestions.roomId, room.id));
    return { t, db, org, event, room, base, organiser, moderator, questionsIn };
  }

  it("joins by code without an account, asks named or anonymously, votes once, sorts, and keeps no one's identity with a question", async () => {
    const { t, db, event, room, base, questionsIn } = await setup();
    const anna = new TestClient(t);
    const bo = new TestClient(t);
    const cilla = new TestClient(t);
    // The code as people type it: lower case, with a space.
    const typed = await anna.get(`/live/kod?kod=${encodeURIComponent(`${room.code.slice(0, 3).toLowerCase()} ${room.code.slice(3)}`)}`);
    expect(typed.status).toBe(303);
    expect(typed.headers.get("location")).toBe(base);
    const wrong = await anna.get("/live/kod?kod=ZZZZZZ");
    expect(wrong.status).toBe(404);
    expect(await wrong.text()).toContain("Det finns inget rum med den koden");
    const page = await (await anna.get(base)).text();
    expect(page).toContain("Från idé till handling");
    expect(page).toContain("Du är anonym");
    expect(page).toContain("Frågorna visas direkt");

    // Bad input: a clear message, 422, nothing stored.
    const empty = await anna.post(`${base}/fragor`, { text: "   ", name: "" });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toMatch(/din fråga/i);
    const long = await anna.post(`${base}/fragor`, { text: "x".repeat(301) });
    expect(long.status).toBe(422);
    expect(await questionsIn()).toHaveLength(0);

    expect((await anna.post(`${base}/fragor`, { text: "Hur delar vi data mellan kommunerna?", name: "" })).status).toBe(303);
    expect((await bo.post(`${base}/fragor`, { text: "Vem äger handlingsplanen?", name: "Bo Exempel" })).status).toBe(303);
    const [annasQ, bosQ] = [...(await questionsIn())].sort((a, b) => a.seq - b.seq);
    expect(annasQ!.displayName).toBeNull();
    expect(bosQ!.displayName).toBe("Bo Exempel");
    // No column of a question or vote can name a person: only the key of a token in a browser, per event.
    expect(Object.keys(annasQ!)).not.toContain("personId");
    const annasToken = anna.cookies.get("sv_live")!;
    expect(annasQ!.authorKey).toBe(participantKey(t.deps.linkKey, event.id, annasToken));
    expect(participantKey(t.deps.linkKey, "00000000-0000-0000-0000-000000000000", annasToken)).not.toBe(annasQ!.authorKey);

    // One vote each: Bo votes twice (the second takes it back), Cilla once.
    const vote = (c: TestClient, id: string) => c.post(`${base}/fragor/${id}/rost`, { sortera: "roster" });
    expect((await vote(bo, annasQ!.id)).status).toBe(303);
    expect((await vote(bo, annasQ!.id)).status).toBe(303);
    expect((await vote(cilla, annasQ!.id)).status).toBe(303);
    expect((await vote(cilla, bosQ!.id)).status).toBe(303);
    expect((await vote(anna, annasQ!.id)).status).toBe(303);
    const counted = Object.fromEntries((await questionsIn()).map((q) => [q.id, q.votes]));
    expect(counted).toEqual({ [annasQ!.id]: 2, [bosQ!.id]: 1 });
    expect((await vote(anna, "00000000-0000-0000-0000-000000000000")).status).toBe(404);

    const byVotes = await (await cilla.get(base)).text();
    expect(byVotes.indexOf("Hur delar vi data")).toBeLessThan(byVotes.indexOf("Vem äger handlingsplanen"));
    expect(byVotes).toContain("Din röst (2)");
    const byTime = await (await cilla.get(`${base}?sortera=tid`)).text();
    expect(byTime.indexOf("Vem äger handlingsplanen")).toBeLessThan(byTime.indexOf("Hur delar vi data"));
    expect(byTime).toContain("Anonym");
    expect(byTime).toContain("Bo Exempel");

    // Script in a question is text everywhere: the participant's page, the screen, the moderator's view.
    await anna.post(`${base}/fragor`, { text: `<script>alert("x")</script><img src=x onerror=alert(1)>` });
    for (const html of [await (await cilla.get(`${base}?sortera=tid`)).text(), await (await cilla.get(`${base}/skarm`)).text()]) {
      expect(html).not.toContain("<script>alert");
      expect(html).not.toContain("<img src=x");
      expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    }
    // Flooding from one browser is limited (six questions a minute), with Retry-After.
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await bo.post(`${base}/fragor`, { text: `Fråga nummer ${i}` })).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.slice(0, 4).every((s) => s === 303)).toBe(true);

    // In English too.
    await cilla.get("/sprak/en?tillbaka=/");
    expect(await (await cilla.get(base)).text()).toContain("Ask a question");
    void db;
  });

  it("pre-moderation: questions wait, a dismissed one's author is told politely; the moderator highlights and answers; the screen pauses and hides the count", async () => {
    const { t, base, organiser, moderator, questionsIn } = await setup();
    const anna = new TestClient(t);
    const bo = new TestClient(t);
    // Who may moderate: the event's moderator and its organisers; a participant signed in may not.
    const stranger = new TestClient(t);
    await stranger.login((await makePerson(t.deps.db, { name: "Sara Sett" })).email!);
    expect((await stranger.get(`${base}/moderera`)).status).toBe(403);
    expect([401, 303]).toContain((await anna.get(`${base}/moderera`)).status);
    expect((await organiser.get(`${base}/moderera`)).status).toBe(200);

    const settings = { moderation: "pre", questionsOpen: "on", screenPaused: "", hideCount: "", requireRegistration: "" };
    expect((await moderator.post(`${base}/moderera/installningar`, { ...settings, moderation: "whenever" })).status).toBe(422);
    expect((await moderator.post(`${base}/moderera/installningar`, settings)).status).toBe(303);
    expect(await (await anna.get(base)).text()).toContain("Frågorna läses av moderatorn innan de visas");

    await anna.post(`${base}/fragor`, { text: "Kommer presentationen att spelas in?" });
    await anna.post(`${base}/fragor`, { text: "Köp min produkt!" });
    expect((await questionsIn()).map((q) => q.status)).toEqual(["pending", "pending"]);
    expect(await (await bo.get(base)).text()).not.toContain("spelas in");
    expect(await (await anna.get(base)).text()).toContain("Din fråga väntar på att moderatorn läser den");
    // Nobody can vote on a question that is not shown.
    const [recorded, advert] = [...(await questionsIn())].sort((a, b) => a.text.localeCompare(b.text));
    expect(advert!.text).toBe("Köp min produkt!");
    expect((await bo.post(`${base}/fragor/${recorded!.id}/rost`, {})).status).toBe(404);

    const act = (id: string, action: string) => moderator.post(`${base}/moderera/fragor/${id}`, { action });
    expect((await act(recorded!.id, "approve")).status).toBe(303);
    expect((await act(advert!.id, "dismiss")).status).toBe(303);
    expect((await act(advert!.id, "explode")).status).toBe(422);
    const annaSees = await (await anna.get(base)).text();
    expect(annaSees).toContain("visades inte den här gången");
    expect(await (await bo.get(base)).text()).toContain("spelas in");
    expect(await (await bo.get(base)).text()).not.toContain("Köp min produkt");

    expect((await act(recorded!.id, "highlight")).status).toBe(303);
    let screen = await (await bo.get(`${base}/skarm`)).text();
    expect(screen).toContain("Besvaras nu");
    expect(screen).toContain("Kommer presentationen att spelas in?");
    expect(screen).toMatch(/\d+ deltar/);
    expect(screen).toContain("<svg"); // the QR code
    expect((await act(recorded!.id, "answer")).status).toBe(303);
    screen = await (await bo.get(`${base}/skarm`)).text();
    expect(screen).not.toContain("Besvaras nu");
    expect(await (await bo.get(base)).text()).toContain("Besvarad");

    await moderator.post(`${base}/moderera/installningar`, { ...settings, moderation: "post", screenPaused: "on", hideCount: "on" });
    await bo.post(`${base}/fragor`, { text: "Var finns bilderna?" });
    screen = await (await bo.get(`${base}/skarm`)).text();
    expect(screen).toContain("Nya frågor visas inte just nu");
    expect(screen).not.toContain("Var finns bilderna?");
    expect(screen).not.toMatch(/\d+ deltar/);
    // Stopping questions.
    await moderator.post(`${base}/moderera/installningar`, { ...settings, moderation: "post", questionsOpen: "" });
    const closed = await bo.post(`${base}/fragor`, { text: "En till?" });
    expect(closed.status).toBe(409);
    expect(await closed.text()).toContain("tar inte emot fler frågor");
  });

  it("polls of five kinds: prepared, opened, one answer each (changed only if allowed), hidden until revealed, closed; words normalised and ranked", async () => {
    const { t, db, room, base, moderator } = await setup();
    const people = Array.from({ length: 3 }, () => new TestClient(t));
    const create = (fields: Record<string, string>) => moderator.post(`${base}/moderera/omrostningar`, { allowChange: "on", ...fields });
    // Bad polls are refused with what is wrong.
    const noOptions = await create({ kind: "single", question: "Vilket område först?", options: "Bara ett" });
    expect(noOptions.status).toBe(422);
    expect(await noOptions.text()).toContain("Skriv 2–10 alternativ");
    expect((await create({ kind: "rating", question: "Betyg?", scaleMax: "40" })).status).toBe(422);
    expect(await db.select().from(livePolls).where(eq(livePolls.roomId, room.id))).toHaveLength(0);

    await create({ kind: "single", question: "Vilket område först?", options: "Informationssäkerhet\nArkitektur\nBredband" });
    await create({ kind: "words", question: "Ett ord om samverkan", allowChange: "" });
    await create({ kind: "multiple", question: "Vilka nätverk deltar du i?", options: "Säkerhet\nArkitektur\nLedarskap" });
    await create({ kind: "rating", question: "Hur nöjd är du?", scaleMax: "5" });
    await create({ kind: "ranking", question: "Rangordna målen", options: "Öppna data\nE-tjänster\nKompetens" });
    const polls = await db.select().from(livePolls).where(eq(livePolls.roomId, room.id)).orderBy(livePolls.position);
    const [single, words, multiple, rating, ranking] = polls as [typeof polls[0], typeof polls[0], typeof polls[0], typeof polls[0], typeof polls[0]];

    // Prepared polls are not shown, nor can they be answered.
    expect(await (await people[0]!.get(base)).text()).not.toContain("Vilket område först?");
    expect((await people[0]!.post(`${base}/omrostning/${single.id}`, { choice: "0" })).status).toBe(409);

    const act = (id: string, action: string) => moderator.post(`${base}/moderera/omrostningar/${id}`, { action });
    for (const p of polls) await act(p.id, "open");
    const page = await (await people[0]!.get(base)).text();
    expect(page).toContain("Vilket område först?");
    expect(page).toContain("Resultatet visas när moderatorn väljer att visa det");

    const answer = (c: TestClient, id: string, fields: [string, string][]) => {
      const body = new URLSearchParams(fields);
      return c.csrf().then((token) => {
        body.set("_csrf", token);
        return c.request(`${base}/omrostning/${id}`, { method: "POST", body: body.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
      });
    };
    // Answers out of range say what is wrong and store nothing.
    const outOfRange = await answer(people[0]!, single.id, [["choice", "7"]]);
    expect(outOfRange.status).toBe(422);
    expect(await outOfRange.text()).toContain("Välj ett alternativ");
    expect((await answer(people[0]!, rating.id, [["rating", "9"]])).status).toBe(422);
    expect((await answer(people[0]!, ranking.id, [["rank.0", "1"], ["rank.1", "1"], ["rank.2", "2"]])).status).toBe(422);
    expect(await db.select().from(livePollAnswers).where(eq(livePollAnswers.pollId, single.id))).toHaveLength(0);

    await answer(people[0]!, single.id, [["choice", "1"]]);
    await answer(people[0]!, single.id, [["choice", "0"]]); // changed: allowed
    await answer(people[1]!, single.id, [["choice", "0"]]);
    await answer(people[2]!, single.id, [["choice", "2"]]);
    expect(await db.select().from(livePollAnswers).where(eq(livePollAnswers.pollId, single.id))).toHaveLength(3);

    await answer(people[0]!, words.id, [["words", "  Samverkan \nÖppna   data"]]);
    await answer(people[1]!, words.id, [["words", "SAMVERKAN"]]);
    const again = await answer(people[1]!, words.id, [["words", "Något annat"]]);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("svaret kan inte ändras");
    await answer(people[2]!, words.id, [["words", "tillit"]]);

    await answer(people[0]!, multiple.id, [["choice", "0"], ["choice", "2"]]);
    await answer(people[1]!, multiple.id, [["choice", "2"]]);
    await answer(people[0]!, rating.id, [["rating", "4"]]);
    await answer(people[1]!, rating.id, [["rating", "5"]]);
    await answer(people[0]!, ranking.id, [["rank.0", "2"], ["rank.1", "3"], ["rank.2", "1"]]);
    await answer(people[1]!, ranking.id, [["rank.0", "1"], ["rank.1", "3"], ["rank.2", "2"]]);

    // Hidden until revealed: not on the participant's page, nor on the screen.
    await act(single.id, "show-on-screen");
    expect(await (await people[2]!.get(`${base}/skarm`)).text()).toContain("Resultatet visas när moderatorn väljer att visa det");
    for (const p of polls) await act(p.id, "reveal");
    const revealed = await (await people[2]!.get(base)).text();
    expect(revealed).toContain("3 har svarat");
    expect(revealed).toMatch(/<th scope="row">Informationssäkerhet<\/th><td class="num">2<\/td><td class="num">67\s?%<\/td>/);
    expect(revealed).toContain("samverkan (2)");
    expect(revealed).toContain("öppna data (1)");
    expect(revealed).toContain("Medelvärde: 4,5");
    expect(await (await people[2]!.get(`${base}/skarm`)).text()).toContain("Informationssäkerhet");
    // The polls alone, as live.js reads them after an update that changed only polls.
    const part = await people[2]!.get(`${base}/delar/omrostningar`);
    expect(part.status).toBe(200);
    expect(part.headers.get("cache-control")).toContain("no-store");
    const partHtml = await part.text();
    expect(partHtml).toContain('id="live-polls-region"');
    expect(partHtml).toContain("3 har svarat");
    expect(partHtml).not.toContain('id="live-questions-region"');

    expect((await pollResults(db, multiple)).rows.map((r) => r.count)).toEqual([1, 0, 2]);
    // Ranking: Borda points, best first (Kompetens 2+1, Öppna data 1+2, E-tjänster 0).
    expect((await pollResults(db, ranking)).rows.map((r) => [r.label, r.count])).toEqual([["Öppna data", 3], ["Kompetens", 3], ["E-tjänster", 0]]);

    await act(single.id, "close");
    const late = await answer(people[2]!, single.id, [["choice", "1"]]);
    expect(late.status).toBe(409);
    expect(await late.text()).toContain("Omröstningen är stängd");
    const kept = await db.select().from(livePollAnswers).where(and(eq(livePollAnswers.pollId, single.id)));
    expect(kept).toHaveLength(3);

    // Exported during the event, by the moderator only.
    await people[0]!.post(`${base}/fragor`, { text: "=HYPERLINK(\"http://x\")" });
    const csv = await moderator.get(`${base}/moderera/export.csv`);
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain(`"'=HYPERLINK(""http://x"")";"Anonym";"0";"visas"`);
    expect(text).toContain(`"Informationssäkerhet";"2";"67 %"`);
    expect(text).toContain(`"samverkan";"2"`);
    expect([401, 303]).toContain((await people[0]!.get(`${base}/moderera/export.csv`)).status);
    // The same as a workbook, a sheet each; what a spreadsheet would run is text there too.
    const xlsx = await moderator.get(`${base}/moderera/export.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
    const { default: ExcelJS } = await import("exceljs");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    expect(book.worksheets.map((w) => w.name)).toEqual(["Frågor", "Omröstning", "Idéväggen"]);
    const cells = (name: string) => book.getWorksheet(name)!.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.slice(1).map(String) : []));
    expect(cells("Frågor")).toContain(`'=HYPERLINK("http://x")`);
    expect(cells("Omröstning")).toEqual(expect.arrayContaining(["Informationssäkerhet", "2", "67 %", "samverkan"]));
    expect([401, 303]).toContain((await people[0]!.get(`${base}/moderera/export.xlsx`)).status);
  });

  it("answers racing the poll's close are each either kept and told so, or refused as closed: none lost, none counted unseen", async () => {
    const { db, room } = await setup();
    const [poll] = await db.insert(livePolls).values({ id: randomUUID(), roomId: room.id, kind: "single", question: "Snabbt nu", options: ["Ja", "Nej"], status: "open", position: 1, openedAt: new Date() }).returning();
    const keys = Array.from({ length: 40 }, (_, i) => `racer-${i}`);
    const outcomes = await Promise.all(
      keys.map(async (key, i) => {
        if (i === 20) await actOnPoll(db, room, poll!.id, "close", new Date());
        return answerPoll(db, room, poll!.id, key, { choices: [i % 2] }, new Date()).then(
          () => ({ key, kept: true, status: 200 }),
          (err: { status?: number }) => ({ key, kept: false, status: err.status }),
        );
      }),
    );
    const rows = await db.select({ key: livePollAnswers.voterKey }).from(livePollAnswers).where(eq(livePollAnswers.pollId, poll!.id));
    expect(rows.map((r) => r.key).sort()).toEqual(outcomes.filter((o) => o.kept).map((o) => o.key).sort());
    expect(outcomes.filter((o) => !o.kept).every((o) => o.status === 409)).toBe(true);
    expect((await answerPoll(db, room, poll!.id, "late", { choices: [0] }, new Date()).catch((err: { status: number }) => err.status))).toBe(409);
  });

  it("counts a poll once per update for all the pages that read it after that update, and again after the next", async () => {
    const { db, room } = await setup();
    const [poll] = await db.insert(livePolls).values({ id: randomUUID(), roomId: room.id, kind: "single", question: "Räknas en gång?", options: ["Ja", "Nej"], status: "open", revealed: true, position: 1, openedAt: new Date() }).returning();
    await answerPoll(db, room, poll!.id, "first", { choices: [0] }, new Date());
    const at = await latestLiveId(db, channelOf(room.id));
    expect((await pollResultsAsOf(db, poll!, at)).answered).toBe(1);
    // An answer kept after that update: pages that read the same update show the same count…
    await db.insert(livePollAnswers).values({ pollId: poll!.id, voterKey: "second", answer: { choices: [1] } });
    expect((await pollResultsAsOf(db, poll!, at)).answered).toBe(1);
    // …and those after the next update count it.
    expect((await pollResultsAsOf(db, poll!, at + 1)).answered).toBe(2);
  });

  it("the idea wall: ideas with tags, one vote each, short comments, grouped and marked top by the moderator, on the screen and in the export", async () => {
    const { t, db, room, base, moderator } = await setup();
    const [anna, bo, cilla] = [new TestClient(t), new TestClient(t), new TestClient(t)];
    const closed = await anna.post(`${base}/ideer`, { title: "För tidigt?" });
    expect(closed.status).toBe(409);
    expect(await closed.text()).toContain("tar inte emot fler idéer");
    await moderator.post(`${base}/moderera/installningar`, { moderation: "post", questionsOpen: "on", ideasOpen: "on" });
    const empty = await anna.post(`${base}/ideer`, { title: " ", body: "" });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toMatch(/idén i en mening/i);
    expect((await anna.post(`${base}/ideer`, { title: "Gemensam e-tjänst för bygglov", body: "Bygg en gång, dela med alla.", tags: "E-tjänster, samhällsbyggnad, e-tjänster" })).status).toBe(303);
    expect((await bo.post(`${base}/ideer`, { title: "Nätverk för informationssäkerhet", name: "Bo Exempel" })).status).toBe(303);
    expect((await cilla.post(`${base}/ideer`, { title: "Dela en säkerhetssamordnare" })).status).toBe(303);
    const { liveIdeas } = await import("../../src/db/schema.js");
    const ideas = (await db.select().from(liveIdeas).where(eq(liveIdeas.roomId, room.id))).sort((a, b) => a.seq - b.seq);
    expect(ideas[0]!.tags).toEqual(["e-tjänster", "samhällsbyggnad"]);
    expect(ideas[0]!.displayName).toBeNull();
    const [bygglov, natverk, samordnare] = ideas as [typeof ideas[0], typeof ideas[0], typeof ideas[0]];

    const vote = (c: TestClient, id: string) => c.post(`${base}/ideer/${id}/rost`, {});
    await vote(bo, bygglov.id);
    await vote(cilla, bygglov.id);
    await vote(anna, natverk.id);
    await vote(anna, natverk.id); // taken back
    await vote(anna, samordnare.id);
    await vote(bo, samordnare.id);
    const votes = Object.fromEntries((await db.select().from(liveIdeas).where(eq(liveIdeas.roomId, room.id))).map((i) => [i.title, i.votes]));
    expect(votes).toEqual({ "Gemensam e-tjänst för bygglov": 2, "Nätverk för informationssäkerhet": 0, "Dela en säkerhetssamordnare": 2 });
    expect((await anna.post(`${base}/ideer/${natverk.id}/kommentar`, { text: "" })).status).toBe(422);
    expect((await anna.post(`${base}/ideer/${natverk.id}/kommentar`, { text: "Vi i Vindeln vill vara med." })).status).toBe(303);

    // The moderator puts the two security ideas together and marks the group top.
    const act = (id: string, fields: Record<string, string>) => moderator.post(`${base}/moderera/ideer/${id}`, fields);
    expect((await act(samordnare.id, { action: "group", under: natverk.id })).status).toBe(303);
    expect((await act(natverk.id, { action: "group", under: samordnare.id })).status).toBe(409); // not under one that is in a group itself
    expect((await act(natverk.id, { action: "top" })).status).toBe(303);
    expect((await act(natverk.id, { action: "dance" })).status).toBe(422);
    expect((await anna.post(`${base}/moderera/ideer/${natverk.id}`, { action: "top" })).status).not.toBe(303);

    const page = await (await bo.get(base)).text();
    expect(page.indexOf("Nätverk för informationssäkerhet")).toBeLessThan(page.indexOf("Gemensam e-tjänst för bygglov"));
    expect(page).toContain("Liknande idéer");
    expect(page).toContain("Vi i Vindeln vill vara med.");
    expect(page).toContain("#e-tjänster");
    const screen = await (await bo.get(`${base}/skarm`)).text();
    expect(screen).toContain("Idéväggens topplista");
    expect(screen).toMatch(/Nätverk för informationssäkerhet<\/span> <span class="live-votes">2 röster/);
    // Hidden ideas leave the wall but are kept (and can be shown again).
    await act(bygglov.id, { action: "hide" });
    expect(await (await bo.get(base)).text()).not.toContain("Gemensam e-tjänst för bygglov");
    expect(await (await moderator.get(`${base}/moderera`)).text()).toContain("Dolda idéer");
    await act(bygglov.id, { action: "show" });
    const csv = await (await moderator.get(`${base}/moderera/export.csv`)).text();
    expect(csv).toContain(`"Dela en säkerhetssamordnare";"";"2";"";"Nätverk för informationssäkerhet";"Anonym"`);
    expect(csv).toContain(`"Gemensam e-tjänst för bygglov: Bygg en gång, dela med alla.";"e-tjänster, samhällsbyggnad";"2"`);
  });

  it("a room that requires registration lets in only those who come through their manage link; a draft event's rooms are hidden", async () => {
    const { t, db, event, base, moderator } = await setup();
    await moderator.post(`${base}/moderera/installningar`, { moderation: "post", questionsOpen: "on", requireRegistration: "on" });
    const outsider = new TestClient(t);
    expect(await (await outsider.get(base)).text()).toContain("bara för anmälda deltagare");
    expect((await outsider.post(`${base}/fragor`, { text: "Får jag fråga?" })).status).toBe(403);
    expect((await outsider.get(`${base}/delar/omrostningar`)).status).toBe(403);

    const ctx = regContextOf(t.deps);
    await saveSettings(ctx, event, { placesOnsite: 10, placesRemote: 10 });
    const p = await makePerson(db, { name: "Rut Registrerad" });
    const registration = (await register(ctx, { event, personId: p.id, organisationId: null, attendance: "remote", answers: {}, sensitiveAnswers: {} })).registration;
    const member = new TestClient(t);
    const pass = await member.get(`${new URL(manageUrl(ctx, registration)).pathname}/live`);
    expect(pass.status).toBe(303);
    expect((await member.post(`${base}/fragor`, { text: "Nu får jag fråga?" })).status).toBe(303);
    // The pass belongs to the browser's token: copied to another browser, it does not work.
    const copier = new TestClient(t);
    copier.cookies.set("sv_live_pass", member.cookies.get("sv_live_pass")!);
    expect((await copier.post(`${base}/fragor`, { text: "Jag med?" })).status).toBe(403);
    expect((await outsider.get("/anmalan/not-a-token/live")).status).toBe(404);

    const draft = await setup({ published: false });
    expect((await new TestClient(draft.t).get(draft.base)).status).toBe(404);
    expect((await draft.moderator.get(draft.base)).status).toBe(200);
  });

  it("works through the JSON API for moderators; anyone with the code reads what the screen shows, nothing more", async () => {
    const { t, db, event, room, base } = await setup();
    const moderatorPerson = await makePerson(db, { name: "Api Moderator" });
    await grantEventRole(db, event.id, moderatorPerson.id, "moderator", null);
    const token = (await createApiToken(db, moderatorPerson.id, "live")).token;
    const mod = api(t, token);
    const anyone = api(t);
    const rooms = await mod.get(`/v1/events/${event.id}/live`);
    expect(rooms.status).toBe(200);
    expect(((await rooms.json()) as { data: { code: string }[] }).data.map((r) => r.code)).toContain(room.code);
    expect((await anyone.get(`/v1/events/${event.id}/live`)).status).toBe(401);

    expect((await mod.patch(`/v1/live/${room.code}`, { moderation: "pre" })).status).toBe(200);
    const bad = await mod.post(`/v1/live/${room.code}/polls`, { kind: "single", question: "Vad?", options: ["bara ett"] });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain("Skriv 2–10 alternativ");
    const created = await mod.post(`/v1/live/${room.code}/polls`, { kind: "single", question: "Vilket nätverk?", options: ["Säkerhet", "Arkitektur"] });
    expect(created.status).toBe(201);
    const poll = (await created.json()) as { id: string; status: string };
    expect(poll.status).toBe("draft");
    const asker = new TestClient(t);
    await asker.post(`${base}/fragor`, { text: "Väntar den här?" });
    const state = (await (await anyone.get(`/v1/live/${room.code}`)).json()) as { questions: unknown[]; polls: unknown[] };
    expect(state.questions).toEqual([]); // waiting for review: not shown
    expect(state.polls).toEqual([]); // prepared: not shown
    const modState = (await (await mod.get(`/v1/live/${room.code}`)).json()) as { questions: { id: string; status: string; name: string | null }[] };
    expect(modState.questions.map((q) => [q.status, q.name])).toEqual([["pending", null]]);
    expect((await mod.post(`/v1/live/${room.code}/questions/${modState.questions[0]!.id}/moderation`, { action: "approve" })).status).toBe(204);
    expect((await mod.post(`/v1/live/${room.code}/questions/${modState.questions[0]!.id}/moderation`, { action: "maybe" })).status).toBe(422);
    expect((await anyone.post(`/v1/live/${room.code}/polls/${poll.id}/actions`, { action: "open" })).status).toBe(401);
    const opened = await mod.post(`/v1/live/${room.code}/polls/${poll.id}/actions`, { action: "open" });
    expect(((await opened.json()) as { status: string }).status).toBe("open");
    const after = (await (await anyone.get(`/v1/live/${room.code}`)).json()) as { questions: unknown[]; polls: { results: unknown }[] };
    expect(after.questions).toHaveLength(1);
    expect(after.polls).toHaveLength(1);
    expect(after.polls[0]!.results).toBeNull(); // not revealed
    expect((await anyone.get("/v1/live/NOSUCH")).status).toBe(404);
  });

  it("streams a change to the room's views as it happens, after the id the page was served with", async () => {
    const { t, base } = await setup();
    const anna = new TestClient(t);
    const page = await (await anna.get(base)).text();
    const stream = /data-live-stream="([^"]+)"/.exec(page)![1]!.replaceAll("&amp;", "&");
    expect(stream).toMatch(/\/strom\?after=\d+$/);
    const controller = new AbortController();
    const res = await t.app.request(`http://localhost${stream}`, { signal: controller.signal, headers: { cookie: `sv_live=${anna.cookies.get("sv_live")}` } });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const until = async (pattern: RegExp) => {
      const end = Date.now() + 5000;
      while (!pattern.test(text)) {
        if (Date.now() > end) throw new Error(`no ${pattern} in ${text}`);
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
    };
    await until(/retry: 3000/);
    expect(text).not.toContain("event: changed"); // nothing before the page's own id
    await anna.post(`${base}/fragor`, { text: "Syns det här direkt?" });
    await until(/event: changed\ndata: \{"kind":"questions","t":\d+\}/);
    controller.abort();
    await reader.cancel().catch(() => undefined);
  });
});

it("every room code is six characters without look-alikes, and codes are told apart", async () => {
  const { newRoomCode } = await import("../../src/live/service.js");
  const codes = new Set(Array.from({ length: 2000 }, () => newRoomCode()));
  for (const code of codes) expect(code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
  expect(codes.size).toBeGreaterThan(1990);
  void ensureRooms;
});
