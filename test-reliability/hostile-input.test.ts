/**
 * Property-based hostile input (fast-check) over the forms and API endpoints: random,
 * oversized, wrongly typed, mis-encoded and script-bearing input. Never a 5xx, never a
 * change on a rejected request, never unescaped output; cross-site posts refused; other
 * spaces' organisers refused; security headers on every answer.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createApiToken } from "../src/auth/repository.js";
import { regContextOf } from "../src/registration/context.js";
import { saveSettings } from "../src/registration/settings.js";
import { addQuestion, saveSurvey } from "../src/surveys/service.js";
import { signLink } from "../src/shared/signed-links.js";
import { describeEachDriver } from "../test/support/db.js";
import { TestClient, createTestApp, type TestApp } from "../test/support/app.js";
import { makeEvent, makeOrganiser, makePerson, makeSession } from "../test/support/factories.js";
import { record } from "./report.js";
import { actOnPoll, askQuestion, createPoll, ensureRooms, listRooms, saveRoomSettings } from "../src/live/service.js";
import { postIdea } from "../src/live/ideas.js";
import { searchOrganisations } from "../src/organisations/repository.js";
import { submitIdea } from "../src/plans/ideas.js";
import { addAction, addActionPlan, addFocusArea, addGoal, createPlan, statusesOf } from "../src/plans/repository.js";
import { addDecision, addMeeting, addMember, createNetwork, positionsOf } from "../src/networks/repository.js";
import { addCriterion, addJuror, addRound, addScreenQuestion, createPrize, criteriaOf, insertNomination, stateOrganisations } from "../src/prizes/repository.js";

const MARK = "<script>hostile()</script>";
const NUL = "\u0000\uFFFF\uD800";
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.constant(MARK),
  fc.string().map((s) => `${s}${MARK}${s}`),
  fc.constant("x".repeat(300_000)),
  fc.constant("%E0%A4%A"),
  fc.constant(NUL),
  fc.constant("2027-02-30"),
  fc.constant("' OR 1=1 --"),
  fc.integer().map(String),
);
const value = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), text, { maxKeys: 3 }));

async function counts(t: TestApp) {
  const tables = ["events", "program_sessions", "exhibitors", "organisations", "people", "registrations", "registration_questions", "spaces", "invitations", "delegations", "live_rooms", "live_questions", "live_question_votes", "live_polls", "live_poll_answers", "live_ideas", "live_idea_votes", "live_idea_comments", "plans", "plan_focus_areas", "plan_goals", "action_plans", "plan_actions", "plan_reports", "plan_milestones", "plan_reporters", "plan_ideas", "plan_followers", "plan_statuses", "stored_files", "stored_file_chunks", "session_recordings", "session_materials", "surveys", "survey_questions", "survey_invitations", "survey_responses", "survey_answers", "networks", "network_positions", "network_members", "network_meetings", "network_documents", "network_decisions", "plan_action_links", "prizes", "prize_admins", "prize_rounds", "prize_criteria", "prize_screen_questions", "prize_nominations", "prize_nomination_organisations", "prize_nomination_goals", "prize_screen_answers", "prize_jurors", "prize_juror_organisations", "prize_conflicts", "prize_reviews", "prize_scores"];
  const out: Record<string, number> = {};
  for (const table of tables) out[table] = Number(((await t.deps.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as { rows: { n: number }[] }).rows[0]!.n);
  return out;
}

describeEachDriver("hostile input", (get, driver) => {
  it("never answers 5xx, never changes anything on a rejected request, never echoes script unescaped", async () => {
    const t = createTestApp(get(), { REGISTRATION_RATE_PER_IP: "10000000", LIVE_RATE_PER_IP: "10000000" });
    const { db } = get();
    const { space, token, person } = await makeOrganiser(db);
    const event = await makeEvent(db, { space, published: true });
    await saveSettings(regContextOf(t.deps), event, { placesOnsite: 5 });
    const sessionId = await makeSession(db, event);
    // A live room with a question, an open poll and an idea to act on.
    await ensureRooms(db, event.id);
    const { room } = (await listRooms(db, event.id))[0]!;
    await saveRoomSettings(db, room.id, { moderation: "post", requireRegistration: false, questionsOpen: true, screenPaused: false, hideCount: false, ideasOpen: true }, new Date());
    const liveRoom = { ...room, ideasOpen: true };
    const question = await askQuestion(db, liveRoom, "hostile-test", { text: "Vad händer nu?", name: null }, new Date());
    const poll = await createPoll(db, room.id, { kind: "single", question: "Vilket först?", options: ["A", "B"], scaleMax: null, allowChange: true }, new Date());
    await actOnPoll(db, liveRoom, poll.id, "open", new Date());
    const idea = await postIdea(db, liveRoom, "hostile-test", { title: "En idé", body: null, tags: [], name: null }, new Date());
    const live = `/live/${room.code}`;
    // A plan with a goal, a year, an action and an idea on its review list.
    const plan = await createPlan(db, space.id, { slug: `hostile-${space.slug}`, title: "Plan", vision: null, periodStart: 2026, periodEnd: 2027, published: true });
    const area = await addFocusArea(db, plan.id, { title: "Område", description: null, rule: "mean", manualProgress: null, weight: 1 });
    const goal = await addGoal(db, area, { title: "Mål", description: null, rule: "weighted", manualProgress: null, weight: 1 });
    const actionPlan = await addActionPlan(db, plan, 2026);
    const [status] = await statusesOf(db, space.id);
    const umea = (await searchOrganisations(db, "2480"))[0]!;
    const action = await addAction(db, actionPlan, { ref: "A1", title: "Åtgärd", description: null, contactName: null, contactEmail: null, statusId: status!.id, startsOn: null, endsOn: null, ownerIds: [umea.id], goals: [{ goalId: goal.id, weight: 1 }] }, new Date());
    const planIdea = await submitIdea(db, plan, { title: "Idé", body: null, name: null, email: null, wantsUpdates: false }, "sv", new Date());
    const planPath = `/planer/${plan.slug}`;
    // A survey with a question and one person's link to it.
    await saveSurvey(db, event.id, { title: "Vad tyckte du?", intro: null, minGroup: 3 });
    const surveyId = (await db.execute(sql`select id from surveys where event_id = ${event.id}`) as unknown as { rows: { id: string }[] }).rows[0]!.id;
    await addQuestion(db, surveyId, { kind: "choice", text: "Bäst?", options: ["A", "B"], required: true });
    const invitationId = crypto.randomUUID();
    await db.execute(sql`insert into survey_invitations (id, survey_id) values (${invitationId}, ${surveyId})`);
    const surveyLink = `/utvardering/${signLink(t.deps.linkKey, "survey", invitationId)}`;
    // A network with a meeting and a decision; a prize with this year's call open and last year's jury at work (the organiser a juror).
    const network = await createNetwork(db, space.id, { slug: `natverk-${space.slug}`, name: "Nätverk", kind: "network", description: null, contactName: null, contactEmail: null, membersPublic: false, documentsPublic: false });
    await addMember(db, network, { email: person.email!, name: person.name, organisationId: null, positionId: (await positionsOf(db, space.id))[0]!.id, fromOn: "2026-01-01", toOn: null, manages: false });
    const memberId = ((await db.execute(sql`select id from network_members where network_id = ${network.id}`)) as unknown as { rows: { id: string }[] }).rows[0]!.id;
    await addMeeting(db, network.id, event.id);
    const decision = await addDecision(db, network.id, { eventId: null, ref: null, text: "Beslut", decidedOn: "2026-11-01" });
    const networkPath = `/natverk/${network.slug}/hantera`;
    const prize = await createPrize(db, space.id, { slug: `pris-${space.slug}`, name: "Pris", description: null });
    const open = await addRound(db, prize.id, { year: 2026, intro: null, closesAt: new Date("2026-12-15T22:59:00Z"), announceAt: new Date("2027-01-20T17:00:00Z"), planId: plan.id, ranking: "mean" });
    const judged = await addRound(db, prize.id, { year: 2025, intro: null, closesAt: new Date("2025-06-30T21:59:00Z"), announceAt: new Date("2027-02-20T17:00:00Z"), planId: null, ranking: "median" });
    await addCriterion(db, judged.id, { title: "Nytta", description: null, weight: 2 });
    const [criterion] = await criteriaOf(db, judged.id);
    await addScreenQuestion(db, judged.id, "I länet?");
    const nomination = await insertNomination(db, judged.id, { title: "Arbete", summary: "Om arbetet", links: [], ownWork: false, nominatorName: "N", nominatorEmail: "n@example.se", organisationIds: [umea.id], goalIds: [], actionIds: [] }, "sv", new Date());
    const ownNomination = await insertNomination(db, open.id, { title: "Eget", summary: "Om", links: [], ownWork: true, nominatorName: "N", nominatorEmail: "n@example.se", organisationIds: [umea.id], goalIds: [], actionIds: [] }, "sv", new Date());
    const juror = await addJuror(db, judged.id, person.id);
    const skelleftea = (await searchOrganisations(db, "2482"))[0]!;
    await db.transaction((tx) => stateOrganisations(tx as never, juror.id, [skelleftea.id], new Date()));
    await db.execute(sql`update prize_rounds set phase = 'judging' where id = ${judged.id}`);
    const prizePath = `/pris/${prize.slug}`;
    const browser = new TestClient(t);
    await browser.login(person.email!);
    let requests = 0;
    let rejected = 0;
    let rowsChecked = 0;

    const apiTargets: [string, string][] = [
      ["POST", "/v1/events"],
      ["PATCH", `/v1/events/${event.id}`],
      ["POST", `/v1/events/${event.id}/registrations`],
      ["POST", `/v1/events/${event.id}/sessions`],
      ["PATCH", `/v1/events/${event.id}/sessions/${sessionId}`],
      ["POST", `/v1/events/${event.id}/exhibitors`],
      ["POST", `/v1/events/${event.id}/questions`],
      ["POST", `/v1/events/${event.id}/invitations`],
      ["POST", `/v1/events/${event.id}/delegations`],
      ["POST", `/v1/events/${event.id}/copy`],
      ["POST", "/v1/organisations"],
      ["POST", "/v1/people"],
      ["PATCH", "/v1/me"],
      ["PATCH", `/v1${live}`],
      ["POST", `/v1${live}/polls`],
      ["POST", `/v1${live}/polls/${poll.id}/actions`],
      ["POST", `/v1${live}/questions/${question.id}/moderation`],
      ["POST", `/v1${planPath}/actions/${action.id}/reports`],
      ["POST", `/v1${planPath}/file`],
      ["POST", `/v1${planPath}/ideas`],
      ["POST", `/v1${planPath}/ideas/${planIdea.id}/decision`],
      ["POST", `/v1/networks/${network.slug}/decisions`],
      ["POST", `/v1/prizes/${prize.slug}/years/2026/nominations`],
      ["POST", `/v1/networks/${network.slug}/members`],
      ["POST", `/v1/networks/${network.slug}/meetings`],
      ["POST", `/v1/prizes/${prize.slug}/years/2025/phase`],
      ["POST", `/v1/prizes/${prize.slug}/years/2025/jurors`],
      ["POST", `/v1/prizes/${prize.slug}/years/2025/decision`],
      ["POST", `/v1/prizes/${prize.slug}/years/2025/nominations/${nomination.id}/screening`],
      ["PUT", `/v1/prizes/${prize.slug}/years/2025/nominations/${nomination.id}/review`],
      ["POST", "/v1/networks"],
      ["POST", `/v1/networks/${network.slug}/decisions/${decision.id}/action`],
      ["POST", `/v1/networks/${network.slug}/decisions/${decision.id}/update`],
      ["POST", "/v1/prizes"],
      ["POST", `/v1/prizes/${prize.slug}/years`],
      ["POST", `/v1/prizes/${prize.slug}/years/2025/criteria`],
      ["POST", `/v1/prizes/${prize.slug}/years/2025/eligibility`],
    ];
    const formTargets = [
      "/logga-in",
      `/evenemang/${event.slug}/anmalan`,
      `/arrangor/${space.slug}/nytt-evenemang`,
      `/arrangor/evenemang/${event.id}`,
      `/arrangor/evenemang/${event.id}/program`,
      `/arrangor/evenemang/${event.id}/utstallare`,
      `/arrangor/evenemang/${event.id}/anmalan`,
      `/arrangor/evenemang/${event.id}/anmalan/fragor`,
      `/arrangor/evenemang/${event.id}/anmalningar`,
      "/profil",
      "/organisationer/ny",
      "/mina-anmalningar/radera",
      `${live}/fragor`,
      `${live}/fragor/${question.id}/rost`,
      `${live}/omrostning/${poll.id}`,
      `${live}/ideer`,
      `${live}/ideer/${idea.id}/rost`,
      `${live}/ideer/${idea.id}/kommentar`,
      `${live}/moderera/installningar`,
      `${live}/moderera/fragor/${question.id}`,
      `${live}/moderera/omrostningar`,
      `${live}/moderera/omrostningar/${poll.id}`,
      `${live}/moderera/ideer/${idea.id}`,
      "/planer/ny",
      `${planPath}/hantera/plan`,
      `${planPath}/hantera/omraden`,
      `${planPath}/hantera/omraden/${area.id}`,
      `${planPath}/hantera/omraden/${area.id}/mal`,
      `${planPath}/hantera/mal/${goal.id}`,
      `${planPath}/hantera/ar`,
      `${planPath}/hantera/ar/2026/ny-atgard`,
      `${planPath}/hantera/rapportorer`,
      `${planPath}/atgarder/${action.id}/redigera`,
      `${planPath}/atgarder/${action.id}/rapport`,
      `${planPath}/atgarder/${action.id}/delmal`,
      `${planPath}/atgarder/${action.id}/folj`,
      `${planPath}/ideer/ny`,
      `${planPath}/ideer/${planIdea.id}/koppla`,
      `${planPath}/ideer/${planIdea.id}/avsla`,
      `${planPath}/hantera/fil`,
      `${planPath}/hantera/fil/spara`,
      `/arrangor/evenemang/${event.id}/arkiv/${sessionId}/inspelning`,
      `/arrangor/evenemang/${event.id}/utvardering`,
      `/arrangor/evenemang/${event.id}/utvardering/fragor`,
      `/arrangor/evenemang/${event.id}/utvardering/skicka`,
      surveyLink,
      `${planPath}/hantera/statusar`,
      `${planPath}/hantera/statusar/${status!.id}`,
      "/natverk/ny",
      networkPath,
      `${networkPath}/medlemmar`,
      `${networkPath}/medlemmar/${memberId}/avsluta`,
      `${networkPath}/positioner`,
      `${networkPath}/moten`,
      `${networkPath}/beslut`,
      `${networkPath}/beslut/${decision.id}/atgard`,
      `${networkPath}/beslut/${decision.id}/uppdatera`,
      "/pris/ny",
      `${prizePath}/hantera/ar`,
      `${prizePath}/hantera/administratorer`,
      `${prizePath}/2026/nominera`,
      `${prizePath}/2026/nominering/${signLink(t.deps.linkKey, "nomination", ownNomination.id)}`,
      `${prizePath}/2025/hantera/fas`,
      `${prizePath}/2025/hantera/kriterier`,
      `${prizePath}/2025/hantera/kriterier/${criterion!.id}`,
      `${prizePath}/2025/hantera/behorighet`,
      `${prizePath}/2025/hantera/nomineringar/${nomination.id}/prova`,
      `${prizePath}/2025/hantera/nomineringar/${nomination.id}/kortlista`,
      `${prizePath}/2025/hantera/jury`,
      `${prizePath}/2025/hantera/beslut`,
      `${prizePath}/2025/jury/organisationer`,
      `${prizePath}/2025/jury/${nomination.id}`,
      `${prizePath}/2025/jury/${nomination.id}/jav`,
    ];

    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...apiTargets), fc.oneof(fc.dictionary(fc.string({ maxLength: 12 }), value, { maxKeys: 8 }), value.map((v) => JSON.stringify(v)), text), async ([method, path], body) => {
        const before = await counts(t);
        const res = await t.app.request(`http://localhost/api${path}`, {
          method,
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: typeof body === "string" ? body : JSON.stringify(body),
        });
        requests++;
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
        const json = await res.json();
        if (res.status >= 400) {
          rejected++;
          expect(typeof json.error.message).toBe("string");
          expect(await counts(t)).toEqual(before);
          rowsChecked += Object.values(before).reduce((a, b) => a + b, 0);
        }
      }),
      // Known counterexamples first, every run (a NUL once reached the database as a 500).
      { numRuns: 340, examples: apiTargets.map(([method, path]) => [[method, path], { name: NUL, title: NUL, email: "a@b.se" }] as [[string, string], Record<string, string>]) },
    );

    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...formTargets), fc.dictionary(fc.constantFrom("title", "name", "email", "startDate", "startTime", "endDate", "endTime", "type", "date", "format", "label", "kind", "placesOnsite", "organisationId", "attendance", "description", "room", "options", "tokenName", "offerHours", "mode", "confirm", "text", "question", "choice", "rating", "words", "body", "tags", "moderation", "action", "scaleMax", "under", "slug", "periodStart", "periodEnd", "rule", "manualProgress", "weight", "ref", "statusId", "owner1", `goal.${goal.id}`, "progress", "comment", "dueOn", "reason", "actionId", "ideaId", "year", "spaceId", "content", "digest", "key", "labelEn", "suggestedProgress", "done", "counts", "events", "session1", "url", "platformCaptions", "minGroup", "intro", "audience", "jurorName", "org1", "org2", "summary", "links", "nominatorName", "nominatorEmail", "winnerId", "justification", "phase", "toOn", "fromOn", "positionId", "start", "end", "venue", "publish", "eventId", "decidedOn", "actionPlanId", "closesOn", "announceOn", "announceTime", "planId", "ranking", "note", "membersPublic", `score.${criterion!.id}`), text, { maxKeys: 9 }), async (path, fields) => {
        const before = await counts(t);
        const res = await browser.post(path, fields);
        requests++;
        expect(res.status, path).toBeLessThan(500);
        const body = await res.text();
        if ((res.headers.get("content-type") ?? "").includes("html")) expect(body).not.toContain(MARK);
        if (res.status >= 400) {
          rejected++;
          expect(await counts(t)).toEqual(before);
          rowsChecked += Object.values(before).reduce((a, b) => a + b, 0);
        }
      }),
      { numRuns: 340, examples: formTargets.map((path) => [path, { name: NUL, title: NUL, label: NUL }] as [string, Record<string, string>]) },
    );

    // Plan files that are not plan files: random bytes, a zip's first bytes, a heading and then anything.
    const heading = '\uFEFF"typ";"id";"förälder";"ref";"år";"titel";"beskrivning";"regel";"manuellt";"vikt";"status";"framsteg";"ägare";"mål";"start";"slut";"kontakt";"e-post";"fortsätter från";"klar den"\r\n';
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(Buffer.alloc(0), Buffer.from("504b0304", "hex"), Buffer.from(heading)), fc.oneof(fc.uint8Array({ maxLength: 3000 }), text.map((x) => new TextEncoder().encode(x))), async (prefix, bytes) => {
        const before = await counts(t);
        const res = await browser.postMultipart(`${planPath}/hantera/fil`, { file: new File([Buffer.concat([prefix, Buffer.from(bytes)])], "plan.csv") });
        requests++;
        expect(res.status).toBeLessThan(500);
        expect(await res.text()).not.toContain(MARK);
        expect(await counts(t)).toEqual(before);
      }),
      { numRuns: 80 },
    );

    // Uploads into the archive that are not what they must be: random bytes, a PDF's or a zip's first bytes, captions that are not WebVTT.
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("material", "textning"), fc.constantFrom(Buffer.alloc(0), Buffer.from("%PDF-"), Buffer.from("504b0304", "hex"), Buffer.from("WEBVTT\n\n")), fc.uint8Array({ maxLength: 3000 }), text, fc.string({ maxLength: 40 }), async (kind, prefix, bytes, title, name) => {
        const before = await counts(t);
        const res = await browser.postMultipart(`/arrangor/evenemang/${event.id}/arkiv/${sessionId}/${kind}`, { title, file: new File([Buffer.concat([prefix, Buffer.from(bytes)])], `${name}.pdf`) });
        requests++;
        expect(res.status).toBeLessThan(500);
        expect(await res.text()).not.toContain(MARK);
        if (res.status >= 400) expect(await counts(t)).toEqual(before);
      }),
      { numRuns: 60 },
    );

    // Mis-encoded bodies and random paths and queries.
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.string({ maxLength: 60 }), async (bytes, tail) => {
        const raw = await browser.request(`/evenemang/${event.slug}/anmalan`, { method: "POST", body: bytes as Uint8Array<ArrayBuffer>, headers: { "content-type": "application/x-www-form-urlencoded" } });
        const api = await t.app.request(`http://localhost/api/v1/events/${event.id}/registrations`, { method: "POST", body: bytes as Uint8Array<ArrayBuffer>, headers: { "content-type": "application/json" } });
        const path = await t.app.request(`http://localhost/evenemang?${encodeURIComponent(tail)}=${encodeURIComponent(tail)}&region=${encodeURIComponent(tail)}`);
        requests += 3;
        for (const res of [raw, api, path]) {
          expect(res.status).toBeLessThan(500);
          expect(res.headers.get("x-content-type-options")).toBe("nosniff");
          expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
          expect(res.headers.get("referrer-policy")).toBeTruthy();
        }
      }),
      { numRuns: 80 },
    );

    // Cross-site form posts and another space's organiser: always refused.
    const other = await makeOrganiser(db);
    const participant = await makePerson(db);
    const { token: participantToken } = await createApiToken(db, participant.id, "p");
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...formTargets.slice(2, 9), `${live}/fragor`, `${live}/moderera/installningar`), fc.constantFrom("https://evil.example", "http://localhost.evil.example", "null"), fc.constantFrom(other.token, participantToken), async (path, origin, foreignToken) => {
        const before = await counts(t);
        const crossSite = await browser.post(path, { title: "Intrång", name: "Intrång", text: "Intrång" }, { headers: origin === "null" ? { "sec-fetch-site": "cross-site" } : { origin } });
        expect(crossSite.status).toBe(403);
        const foreign = await t.app.request(`http://localhost/api/v1/events/${event.id}`, { method: "PATCH", headers: { "content-type": "application/json", authorization: `Bearer ${foreignToken}` }, body: JSON.stringify({ title: "Intrång" }) });
        expect([403, 404]).toContain(foreign.status);
        expect(await counts(t)).toEqual(before);
        requests += 2;
        rejected += 2;
      }),
      { numRuns: 40 },
    );
    record(`Hostile input (fast-check), ${driver}`, {
      "requests tried": requests,
      "rejected with 4xx": rejected,
      "5xx answers": 0,
      "rows checked unchanged after rejections": rowsChecked,
      "faults injected": "random, oversized (300 kB), wrongly typed, mis-encoded and script-bearing input; cross-site posts; foreign tokens",
      "unescaped script in HTML": 0,
    });
  });
});
