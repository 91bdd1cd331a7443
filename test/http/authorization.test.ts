/**
 * An organiser of one space can never read or change another space's unpublished data,
 * nor change its published data: every organiser page and API endpoint, tried by another
 * space's organiser, a participant and nobody.
 */
import { expect, it } from "vitest";
import { createApiToken } from "../../src/auth/repository.js";
import { listExhibitors, listSessions } from "../../src/events/program-repository.js";
import { createExhibitor } from "../../src/events/program-service.js";
import { findEventById } from "../../src/events/repository.js";
import { describeEachDriver } from "../support/db.js";
import { TestClient, api, createTestApp } from "../support/app.js";
import { makeEvent, makeOrganiser, makePerson, makeSession } from "../support/factories.js";

describeEachDriver("authorization", (get) => {
  it("keeps each space's organiser pages and API to its own organisers", async () => {
    const { db } = get();
    const t = createTestApp(get());
    const a = await makeOrganiser(db);
    const b = await makeOrganiser(db);
    const draft = await makeEvent(db, { space: a.space, title: "Utkast A" });
    const published = await makeEvent(db, { space: a.space, title: "Publicerad A", published: true });
    const sessionId = await makeSession(db, draft);
    const pubSessionId = await makeSession(db, published);
    const exhibitor = await createExhibitor(db, published, { name: "Monter A", description: null, descriptionEn: null, booth: null, organisationId: null, website: null });
    const participant = await makePerson(db);
    const { token: participantToken } = await createApiToken(db, participant.id, "p");

    const owner = new TestClient(t);
    await owner.login(a.person.email!);
    const otherOrganiser = new TestClient(t);
    await otherOrganiser.login(b.person.email!);
    const loggedIn = new TestClient(t);
    await loggedIn.login(participant.email!);
    const nobody = new TestClient(t);

    const snapshot = async () =>
      JSON.stringify([
        await findEventById(db, draft.id),
        await findEventById(db, published.id),
        await listSessions(db, draft.id),
        await listSessions(db, published.id),
        await listExhibitors(db, published.id),
      ]);
    const before = await snapshot();

    const pageGets = (id: string, sid: string) => [
      `/arrangor/${a.space.slug}`,
      `/arrangor/${a.space.slug}/nytt-evenemang`,
      `/arrangor/evenemang/${id}`,
      `/arrangor/evenemang/${id}/program`,
      `/arrangor/evenemang/${id}/program/${sid}`,
      `/arrangor/evenemang/${id}/utstallare`,
    ];
    const pagePosts = (id: string, sid: string): [string, Record<string, string>][] => [
      [`/arrangor/${a.space.slug}/medlemmar`, { email: "intrang@example.se" }],
      [`/arrangor/${a.space.slug}/nytt-evenemang`, { title: "Intrång", startDate: "2027-01-01", startTime: "09:00", endDate: "2027-01-01", endTime: "10:00", format: "onsite" }],
      [`/arrangor/evenemang/${id}`, { title: "Ändrad", startDate: "2027-11-18", startTime: "09:00", endDate: "2027-11-18", endTime: "16:00", format: "onsite" }],
      [`/arrangor/evenemang/${id}/publicera`, {}],
      [`/arrangor/evenemang/${id}/avpublicera`, {}],
      [`/arrangor/evenemang/${id}/stall-in`, {}],
      [`/arrangor/evenemang/${id}/kopiera`, { startDate: "2028-11-16" }],
      [`/arrangor/evenemang/${id}/program`, { type: "seminar", title: "Intrång", date: "2027-11-18", startTime: "10:00", endTime: "11:00" }],
      [`/arrangor/evenemang/${id}/program/${sid}`, { type: "seminar", title: "Ändrad", date: "2027-11-18", startTime: "10:00", endTime: "11:00" }],
      [`/arrangor/evenemang/${id}/program/${sid}/ta-bort`, {}],
      [`/arrangor/evenemang/${id}/program/${sid}/personer`, { personId: participant.id, role: "speaker" }],
      [`/arrangor/evenemang/${id}/program/${sid}/ny-person`, { name: "Intrång", role: "speaker" }],
      [`/arrangor/evenemang/${id}/program/${sid}/personer/${participant.id}/ta-bort`, {}],
      [`/arrangor/evenemang/${id}/utstallare`, { name: "Intrång" }],
      [`/arrangor/evenemang/${id}/utstallare/${exhibitor.id}/ta-bort`, {}],
    ];

    // The owner reaches every page (so the list above is real).
    for (const path of [...pageGets(draft.id, sessionId), ...pageGets(published.id, pubSessionId)]) {
      expect((await owner.get(path)).status, path).toBe(200);
    }

    for (const [who, client] of [["other organiser", otherOrganiser], ["participant", loggedIn], ["nobody", nobody]] as const) {
      for (const [id, sid] of [[draft.id, sessionId], [published.id, pubSessionId]] as const) {
        for (const path of pageGets(id, sid)) {
          const res = await client.get(path);
          expect([303, 403, 404], `${who} GET ${path}`).toContain(res.status);
          if (res.status === 303) expect(res.headers.get("location")).toMatch(/^\/logga-in/);
        }
        for (const [path, form] of pagePosts(id, sid)) {
          const res = await client.post(path, form);
          expect([401, 403, 404], `${who} POST ${path}`).toContain(res.status);
        }
      }
      // The draft's public pages are invisible too.
      for (const suffix of ["", "/program", "/talare"]) {
        expect((await client.get(`/evenemang/${draft.slug}${suffix}`)).status, `${who} public draft${suffix}`).toBe(404);
      }
    }

    const apiCalls = (id: string, sid: string): [string, string, unknown?][] => [
      ["PATCH", `/v1/events/${id}`, { title: "Ändrad" }],
      ["POST", `/v1/events/${id}/copy`, { startDate: "2028-11-16" }],
      ["POST", `/v1/events/${id}/sessions`, { type: "seminar", title: "x", startsAt: "2027-11-18T10:00:00+01:00", endsAt: "2027-11-18T11:00:00+01:00" }],
      ["PATCH", `/v1/events/${id}/sessions/${sid}`, { title: "Ändrad" }],
      ["DELETE", `/v1/events/${id}/sessions/${sid}`],
      ["POST", `/v1/events/${id}/exhibitors`, { name: "Intrång" }],
      ["PUT", `/v1/events/${id}/exhibitors/${exhibitor.id}`, { name: "Ändrad" }],
      ["DELETE", `/v1/events/${id}/exhibitors/${exhibitor.id}`],
      ["POST", "/v1/events", { spaceId: a.space.id, title: "Intrång", startsAt: "2027-01-01T09:00:00Z", endsAt: "2027-01-01T10:00:00Z" }],
      ["GET", `/v1/spaces/${a.space.id}/members`],
      ["POST", `/v1/spaces/${a.space.id}/members`, { email: "intrang@example.se" }],
    ];
    for (const [who, token] of [["other organiser", b.token], ["participant", participantToken], ["nobody", undefined]] as const) {
      const client = api(t, token);
      for (const [id, sid] of [[draft.id, sessionId], [published.id, pubSessionId]] as const) {
        for (const [method, path, payload] of apiCalls(id, sid)) {
          const res =
            method === "GET" ? await client.get(path) : method === "DELETE" ? await client.delete(path) : method === "PUT" ? await client.put(path, payload) : method === "PATCH" ? await client.patch(path, payload) : await client.post(path, payload);
          expect([401, 403, 404], `${who} ${method} ${path}`).toContain(res.status);
        }
        for (const path of [`/v1/events/${draft.id}`, `/v1/events/${draft.id}/sessions`, `/v1/events/${draft.id}/sessions/${sessionId}`, `/v1/events/${draft.id}/exhibitors`]) {
          expect((await client.get(path)).status, `${who} GET ${path}`).toBe(404);
        }
      }
      expect((await client.get("/v1/events")).status).toBe(200);
    }
    expect((await api(t, participantToken).get("/v1/people")).status).toBe(403);
    expect(await snapshot()).toBe(before);

    // And the owner can act (positive control for the API list).
    expect((await api(t, a.token).patch(`/v1/events/${draft.id}`, { title: "Ändrad av ägaren" })).status).toBe(200);
  });
});
