/**
 * The policy's matrix (issue 12 §1): every route that acts on one event, taken from the
 * app's own routing table, against every role and nobody. A route the table below does
 * not classify fails the test, so a new route cannot slip in unchecked.
 *
 * - Denied: the answer is 401, 403 or 404 (or, for a page, the way to the login), never
 *   the page or the data, and nothing in the database changes (a fingerprint of every
 *   table the routes write is compared before and after all the denied requests).
 * - Allowed: every GET answers 2xx for each role that may use it. What the allowed
 *   changes do is proven by each module's own tests.
 */
import { expect, it } from "vitest";
import { createApiToken } from "../../src/auth/repository.js";
import { grantEventRole } from "../../src/auth/roles.js";
import { createExhibitor, updateSession } from "../../src/events/program-service.js";
import { listsOf } from "../../src/checkin/service.js";
import { ensureRooms, listRooms } from "../../src/live/service.js";
import { createQuestion } from "../../src/registration/question-admin.js";
import { regContextOf } from "../../src/registration/context.js";
import { register } from "../../src/registration/register.js";
import { saveSettings } from "../../src/registration/settings.js";
import { saveSurvey } from "../../src/surveys/service.js";
import { api, createTestApp, TestClient } from "../support/app.js";
import { describeEachDriver } from "../support/db.js";
import { makeAdmin, makeEvent, makeOrganiser, makePerson, makeSession } from "../support/factories.js";
import { askMatrix, fingerprint } from "../support/matrix.js";

type Need = "public" | "signedIn" | "checkin" | "moderate" | "organiser";
const roles = ["nobody", "participant", "moderator", "checkin", "otherOrganiser", "organiser", "admin"] as const;
type Role = (typeof roles)[number];
const allowedFor: Record<Need, Role[]> = {
  public: [...roles],
  signedIn: roles.filter((r) => r !== "nobody"),
  checkin: ["checkin", "organiser", "admin"],
  moderate: ["moderator", "organiser", "admin"],
  organiser: ["organiser", "admin"],
};

/** What each event route needs; the first pattern that matches decides. */
const needs: [RegExp, Need][] = [
  // A published event's program, exhibitors and registration questions (an app registering people reads them).
  [/^GET \/api\/v1\/events\/:id(\/sessions(\/:sessionId)?|\/exhibitors|\/questions|\/archive)?$/, "public"],
  [/^POST \/api\/v1\/events\/:id\/registrations$/, "public"],
  [/^(GET|PUT) \/api\/v1\/events\/:id\/agenda$/, "signedIn"],
  [/^(GET|POST) \/arrangor\/evenemang\/:id\/incheckning\/:lid(\/offline(\.json)?)?$/, "checkin"],
  [/^GET \/arrangor\/evenemang\/:id\/incheckning(\/antal\.json)?$/, "checkin"],
  [/^GET \/arrangor\/evenemang\/:id\/namnbrickor(\.pdf)?$/, "checkin"],
  [/^GET \/api\/v1\/events\/:id\/(checkin-lists|badges)$/, "checkin"],
  [/^(GET|POST) \/api\/v1\/checkin-lists\/:id\/(offline|redeem)$/, "checkin"],
  // The event's live rooms and each room's moderator view (questions, polls, the screen's settings).
  [/^GET \/arrangor\/evenemang\/:id\/live$/, "moderate"],
  [/^GET \/api\/v1\/events\/:id\/live$/, "moderate"],
  [/^GET \/api\/v1\/live\/:code$/, "public"],
  [/^\w+ \/api\/v1\/live\/:code(\/.*)?$/, "moderate"],
  [/^\w+ \/live\/:code\/moderera(\/.*)?$/, "moderate"],
  [/^\w+ \/arrangor\/evenemang\/:id(\/.*)?$/, "organiser"],
  [/^\w+ \/api\/v1\/events\/:id\/.+$/, "organiser"],
  [/^(PATCH|DELETE) \/api\/v1\/events\/:id$/, "organiser"],
];

describeEachDriver("the policy's matrix of event routes and roles", (get) => {
  it("refuses every role without the right on every event route, changing nothing, and lets those with it see every page", async () => {
    const t = createTestApp(get());
    const { db } = t.deps;
    const org = await makeOrganiser(db);
    const event = await makeEvent(db, { space: org.space, published: true, format: "hybrid", title: "Matrisdagen" });
    const ctx = regContextOf(t.deps);
    await saveSettings(ctx, event, { placesOnsite: 20, placesRemote: 20 });
    const speaker = await makePerson(db, { name: "Talare Test" });
    const sessionId = await makeSession(db, event, { title: "Pass med platser", people: [{ personId: speaker.id, role: "speaker", remote: false }] });
    await updateSession(db, event, sessionId, { seats: 10 }, t.deps.now());
    const questionId = await createQuestion(db, event.id, { kind: "yes_no", label: "Kommer du till middagen?", labelEn: null, options: [], required: false, sensitive: false, showIfQuestionId: null, showIfValue: null, position: 1 });
    const exhibitor = await createExhibitor(db, event, { name: "Monter AB", description: null, descriptionEn: null, booth: "1", organisationId: null, website: null });
    const participant = await makePerson(db, { name: "Deltagare Test" });
    const registration = (await register(ctx, { event, personId: participant.id, organisationId: null, attendance: "onsite", answers: {}, sensitiveAnswers: {} })).registration;
    const [list] = await listsOf(db, event.id);
    const staff = await makePerson(db, { name: "Personal Test" });
    await grantEventRole(db, event.id, staff.id, "checkin", org.person.id);
    const moderator = await makePerson(db, { name: "Moderator Test" });
    await grantEventRole(db, event.id, moderator.id, "moderator", org.person.id);
    await ensureRooms(db, event.id);
    const room = (await listRooms(db, event.id)).find((r) => !r.room.sessionId)!.room;
    await saveSurvey(db, event.id, { title: "Vad tyckte du?", intro: null, minGroup: 5 });
    const other = await makeOrganiser(db);
    const admin = await makeAdmin(db);

    const people: Record<Exclude<Role, "nobody">, { id: string; email: string | null }> = { participant, moderator, checkin: staff, otherOrganiser: other.person, organiser: org.person, admin: admin.person };
    const clients = new Map<Role, { page: TestClient; token: string | null }>([["nobody", { page: new TestClient(t), token: null }]]);
    for (const [role, p] of Object.entries(people) as [Exclude<Role, "nobody">, { id: string; email: string | null }][]) {
      const page = new TestClient(t);
      await page.login(p.email!);
      clients.set(role, { page, token: (await createApiToken(db, p.id, "matrix")).token });
    }

    const fill = (path: string) =>
      path
        .replace(/^\/api\/v1\/checkin-lists\/:id/, `/api/v1/checkin-lists/${list!.id}`)
        .replace(":id", event.id)
        .replace(/:sid|:sessionId/, sessionId)
        .replace(":lid", list!.id)
        .replace(/:qid|:questionId/, questionId)
        .replace(":pollId", staff.id)
        .replace(/:rid|:registrationId/, registration.id)
        .replace(/:xid|:exhibitorId/, exhibitor.id)
        .replace(/:pid|:personId/, staff.id)
        .replace(":role", "checkin")
        .replace(":code", room.code)
        .replace(":file{resultat\\.(csv|xlsx)}", "resultat.csv")
        .replace(":file{export\\.(csv|xlsx)}", "export.xlsx");

    const seen = new Set<string>();
    const routes = t.app.routes
      .filter((r) => r.method !== "ALL" && /^\/(arrangor\/evenemang\/:id|api\/v1\/events\/:id|api\/v1\/checkin-lists\/:id|live\/:code\/moderera|api\/v1\/live\/:code)/.test(r.path))
      .map((r) => `${r.method} ${r.path}`)
      .filter((k) => !seen.has(k) && seen.add(k));
    expect(routes.length).toBeGreaterThan(80);
    const unclassified = routes.filter((k) => !needs.some(([re]) => re.test(k)));
    expect(unclassified, "routes the matrix does not know").toEqual([]);
    const needOf = (k: string) => needs.find(([re]) => re.test(k))![1];

    const request = async (role: Role, method: string, path: string) => {
      const c = clients.get(role)!;
      if (path.startsWith("/api/")) {
        const client = api(t, c.token ?? undefined);
        const apiPath = path.slice(4);
        if (method === "GET") return client.get(apiPath);
        if (method === "DELETE") return client.delete(apiPath);
        return method === "POST" ? client.post(apiPath, {}) : method === "PUT" ? client.put(apiPath, {}) : client.patch(apiPath, {});
      }
      return method === "GET" ? c.page.get(path) : c.page.post(path, {});
    };
    const tables = ["events", "program_sessions", "session_people", "exhibitors", "registrations", "registration_questions", "registration_settings", "place_pools", "invitations", "delegations", "event_roles", "checkin_lists", "checkins", "session_choices", "remote_settings", "remote_links", "agenda_stars", "live_rooms", "live_questions", "live_question_votes", "live_polls", "live_poll_answers", "session_recordings", "session_materials", "stored_files", "surveys", "survey_questions", "survey_invitations", "survey_responses", "survey_answers"];
    const before = await fingerprint(db, tables);
    const { letThrough, refused } = await askMatrix({ routes, roles, allowed: (k) => allowedFor[needOf(k)], fill, request });
    expect(letThrough, "answers that let a role through").toEqual([]);
    expect(await fingerprint(db, tables), "the denied requests changed nothing").toBe(before);
    expect(refused, "pages and data refused to those who may see them").toEqual([]);
  }, 120_000);
});
