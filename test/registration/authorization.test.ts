/** The same rule for registration: another space's organiser, a participant and nobody get nothing. */
import { expect, it } from "vitest";
import { createApiToken } from "../../src/auth/repository.js";
import { regContextOf } from "../../src/registration/context.js";
import { createQuestion } from "../../src/registration/question-admin.js";
import { listQuestions, listRegistrations, findSettings } from "../../src/registration/repository.js";
import { register } from "../../src/registration/register.js";
import { saveSettings } from "../../src/registration/settings.js";
import { findSpaceById } from "../../src/spaces/repository.js";
import { describeEachDriver } from "../support/db.js";
import { TestClient, api, createTestApp } from "../support/app.js";
import { makeEvent, makeOrganiser, makePerson } from "../support/factories.js";

describeEachDriver("authorization for registration", (get) => {
  it("keeps registrations, settings, exports and health data to the space's own organisers", async () => {
    const { db } = get();
    const t = createTestApp(get());
    const a = await makeOrganiser(db);
    const b = await makeOrganiser(db);
    const event = await makeEvent(db, { space: a.space, published: true });
    await saveSettings(regContextOf(t.deps), event, { placesOnsite: 5, mode: "approval" });
    const qid = await createQuestion(db, event.id, { kind: "short_text", label: "Allergi", labelEn: null, options: [], required: false, sensitive: true, showIfQuestionId: null, showIfValue: null, position: 1 });
    const attendee = await makePerson(db);
    const { registration } = await register(regContextOf(t.deps), { event, personId: attendee.id, organisationId: null, attendance: "onsite", answers: {}, sensitiveAnswers: { [qid]: "nötter" } });
    const participant = await makePerson(db);
    const { token: participantToken } = await createApiToken(db, participant.id, "p");

    const snapshot = async () => JSON.stringify([await listRegistrations(db, event.id), await listQuestions(db, event.id), await findSettings(db, event.id), await findSpaceById(db, a.space.id)]);
    const before = await snapshot();
    const base = `/arrangor/evenemang/${event.id}`;
    const gets = [`${base}/anmalan`, `${base}/anmalningar`, `${base}/anmalningar/${registration.id}/avboka`, `${base}/anmalningar/export.csv`, `${base}/anmalningar/export.xlsx`];
    const posts: [string, Record<string, string>][] = [
      [`${base}/anmalan`, { placesOnsite: "999", mode: "open", waitlistMode: "auto", offerHours: "1", lawfulBasis: "consent" }],
      [`${base}/anmalan/fragor`, { label: "Intrång", kind: "short_text" }],
      [`${base}/anmalan/fragor/${qid}/ta-bort`, {}],
      [`${base}/anmalan/inbjudningar`, { invitees: "x@example.se" }],
      [`${base}/anmalningar`, { name: "Intrång", email: "intrang@example.se", attendance: "onsite" }],
      [`${base}/anmalningar/${registration.id}/godkann`, {}],
      [`${base}/anmalningar/${registration.id}/avsla`, {}],
      [`${base}/anmalningar/${registration.id}/avboka`, {}],
      [`${base}/anmalningar/${registration.id}/flytta`, {}],
      [`/arrangor/${a.space.slug}/gallring`, { retentionDays: "1", retentionAction: "delete" }],
      [`/arrangor/${a.space.slug}/medlemmar/${a.person.id}/kansliga`, {}],
    ];
    const owner = new TestClient(t);
    await owner.login(a.person.email!);
    for (const path of gets) expect((await owner.get(path)).status, path).toBe(200);

    const other = new TestClient(t);
    await other.login(b.person.email!);
    const loggedIn = new TestClient(t);
    await loggedIn.login(participant.email!);
    for (const [who, client] of [["other organiser", other], ["participant", loggedIn], ["nobody", new TestClient(t)]] as const) {
      for (const path of gets) expect([303, 403, 404], `${who} GET ${path}`).toContain((await client.get(path)).status);
      for (const [path, form] of posts) expect([401, 403, 404], `${who} POST ${path}`).toContain((await client.post(path, form)).status);
    }
    // An organiser of the space without the health-data right cannot grant it to themselves.
    expect((await owner.post(`/arrangor/${a.space.slug}/medlemmar/${a.person.id}/kansliga`, {})).status).toBe(403);

    const apiCalls: [string, string, unknown?][] = [
      ["GET", `/v1/events/${event.id}/registrations`],
      ["GET", `/v1/events/${event.id}/registrations/export?format=csv`],
      ["GET", `/v1/registrations/${registration.id}`],
      ["DELETE", `/v1/registrations/${registration.id}`],
      ["POST", `/v1/registrations/${registration.id}/approve`, {}],
      ["POST", `/v1/registrations/${registration.id}/decline`, {}],
      ["PATCH", `/v1/registrations/${registration.id}`, { attendance: "remote" }],
      ["POST", `/v1/events/${event.id}/questions`, { kind: "short_text", label: "x" }],
      ["DELETE", `/v1/events/${event.id}/questions/${qid}`],
      ["PATCH", `/v1/events/${event.id}`, { placesOnsite: 999 }],
      ["PATCH", `/v1/spaces/${a.space.id}`, { retentionDays: 1, retentionAction: "delete" }],
      ["PATCH", `/v1/spaces/${a.space.id}/members/${a.person.id}`, { sensitiveAccess: true }],
    ];
    for (const [who, token] of [["other organiser", b.token], ["participant", participantToken], ["nobody", undefined]] as const) {
      const client = api(t, token);
      for (const [method, path, body] of apiCalls) {
        const res = method === "GET" ? await client.get(path) : method === "DELETE" ? await client.delete(path) : method === "PATCH" ? await client.patch(path, body) : await client.post(path, body);
        expect([401, 403, 404], `${who} ${method} ${path}`).toContain(res.status);
      }
    }
    expect(await snapshot()).toBe(before);
    // Positive control: the owner sees the list, but not the health data without the right.
    const list = await (await api(t, a.token).get(`/v1/events/${event.id}/registrations`)).json();
    expect(list.data).toHaveLength(1);
    expect(list.data[0].sensitiveAnswers).toBeUndefined();
  });
});
