/**
 * The program as people read it on the day (issue 12 §6): a timetable grid that is a real
 * table (a row per time slot headed by its time, a column per room, a session spanning its
 * slots), "Nu och snart" on the day only, and a participant's own agenda with stars (by
 * form and by API), seated sessions on it by themselves. On both drivers.
 */
import { expect, it } from "vitest";
import { createApiToken } from "../../src/auth/repository.js";
import { updateSession } from "../../src/events/program-service.js";
import { regContextOf } from "../../src/registration/context.js";
import { register } from "../../src/registration/register.js";
import { saveSettings } from "../../src/registration/settings.js";
import { chooseSessions } from "../../src/sessions/service.js";
import { api, createTestApp, TestClient } from "../support/app.js";
import { describeEachDriver } from "../support/db.js";
import { makeEvent, makeOrganiser, makePerson, makeSession } from "../support/factories.js";

describeEachDriver("timetable, now and next, my agenda", (get) => {
  async function setup() {
    const t = createTestApp(get());
    const { db } = t.deps;
    const org = await makeOrganiser(db);
    const event = await makeEvent(db, { space: org.space, published: true, title: "Schemadagen", date: "2027-11-18", start: "09:00", end: "16:00" });
    const opening = await makeSession(db, event, { type: "keynote", title: "Välkommen", start: "09:00", end: "09:30", room: "Stora salen" });
    const a = await makeSession(db, event, { title: "E-tjänster tillsammans", start: "10:00", end: "11:00", room: "Sal A" });
    const b1 = await makeSession(db, event, { title: "Säkerhet del 1", start: "10:00", end: "10:30", room: "Sal B" });
    const b2 = await makeSession(db, event, { title: "Säkerhet del 2", start: "10:30", end: "11:00", room: "Sal B" });
    const lunch = await makeSession(db, event, { type: "mingle", title: "Lunch", start: "12:00", end: "13:00", room: null });
    return { t, db, org, event, ids: { opening, a, b1, b2, lunch } };
  }

  it("shows parallel sessions side by side in a table that reads in time order", async () => {
    const { t, event } = await setup();
    const html = await (await t.app.request(`/evenemang/${event.slug}/schema`)).text();
    expect(html).toContain("<caption>Schema för torsdag 18 november 2027</caption>");
    const headers = [...html.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(headers).toEqual(["Tid", "Stora salen", "Sal A", "Sal B", "Övrigt"]);
    const rows = [...html.matchAll(/<th scope="row">([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(rows).toEqual(["kl. 9.00–9.30", "kl. 9.30–10.00", "kl. 10.00–10.30", "kl. 10.30–11.00", "kl. 11.00–12.00", "kl. 12.00–13.00"]);
    // Sal A's hour spans two half-hour rows; Sal B's two halves sit beside it, one per row.
    expect(html).toMatch(/<td rowspan="2" class="schedule-session type-seminar" data-room="Sal A">.*?E-tjänster tillsammans/);
    const row10 = html.slice(html.indexOf("kl. 10.00–10.30</th>"), html.indexOf("kl. 10.30–11.00</th>"));
    expect(row10).toContain("E-tjänster tillsammans");
    expect(row10).toContain("Säkerhet del 1");
    expect(row10).not.toContain("Säkerhet del 2");
    expect(html.indexOf("Säkerhet del 2")).toBeGreaterThan(html.indexOf("kl. 10.30–11.00</th>"));
    // Not on the day: no "Nu och snart".
    expect(html).not.toContain("Nu och snart");
    expect(await (await t.app.request(`/evenemang/${event.slug}`)).text()).not.toContain("Nu och snart");
  });

  it("says what is on now and next per room on the day, on the event page and the timetable", async () => {
    const { t, event } = await setup();
    t.clock.now = new Date("2027-11-18T10:40:00+01:00");
    const page = await (await t.app.request(`/evenemang/${event.slug}`)).text();
    expect(page).toContain("Nu och snart (kl. 10.40)");
    const block = page.slice(page.indexOf("Nu och snart"), page.indexOf("</section>", page.indexOf("Nu och snart")));
    expect(block).toMatch(/Sal A<\/h3><p class="ds-paragraph"><strong>Nu:<\/strong> kl\. 10\.00–11\.00 E-tjänster tillsammans/);
    expect(block).toMatch(/Sal B<\/h3><p class="ds-paragraph"><strong>Nu:<\/strong> kl\. 10\.30–11\.00 Säkerhet del 2/);
    expect(block).toContain("Snart:</strong> kl. 12.00–13.00 Lunch");
    expect(block).not.toContain("Välkommen");
    // A minute later the page is made again (it is kept a minute at most on the day).
    t.clock.now = new Date("2027-11-18T11:05:00+01:00");
    const later = await (await t.app.request(`/evenemang/${event.slug}`)).text();
    expect(later).toContain("Nu och snart (kl. 11.05)");
    expect(later).not.toContain("Nu:</strong> kl. 10.00–11.00");
    expect(await (await t.app.request(`/evenemang/${event.slug}/schema`)).text()).toContain("Nu och snart (kl. 11.05)");
  });

  it("keeps a participant's own agenda: stars by form and by API, seated sessions on it by themselves", async () => {
    const { t, db, event, ids } = await setup();
    const ctx = regContextOf(t.deps);
    await saveSettings(ctx, event, { placesOnsite: 10 });
    await updateSession(db, event, ids.b1, { seats: 5 }, t.deps.now());
    const sara = await makePerson(db, { name: "Sara Lund" });
    const { registration } = await register(ctx, { event, personId: sara.id, organisationId: null, attendance: "onsite", answers: {}, sensitiveAnswers: {} });
    await chooseSessions(db, registration.id, [ids.b1], t.deps.now());
    const client = new TestClient(t);
    expect((await client.get(`/evenemang/${event.slug}/min-agenda`)).headers.get("location")).toMatch(/^\/logga-in/);
    await client.login(sara.email!);
    const first = await (await client.get(`/evenemang/${event.slug}/min-agenda`)).text();
    const mine = first.slice(first.indexOf("Mina pass"), first.indexOf("Hela programmet"));
    expect(mine).toContain("Säkerhet del 1");
    expect(mine).toContain("Du har plats");
    const starred = await client.post(`/evenemang/${event.slug}/min-agenda`, { sessionId: ids.a, star: "1" });
    expect(starred.status).toBe(303);
    const after = await (await client.get(`/evenemang/${event.slug}/min-agenda`)).text();
    expect(after).toContain("E-tjänster tillsammans finns i din agenda.");
    const mineAfter = after.slice(after.indexOf("Mina pass"), after.indexOf("Hela programmet"));
    expect(mineAfter).toContain("Ta bort E-tjänster tillsammans från min agenda");
    expect(mineAfter).toContain("Samtidigt som Säkerhet del 1");
    expect((await client.post(`/evenemang/${event.slug}/min-agenda`, { sessionId: "inte-ett-pass", star: "1" })).status).toBe(422);

    const { token: bearer } = await createApiToken(db, sara.id, "app");
    const viaApi = api(t, bearer);
    expect(((await (await viaApi.get(`/v1/events/${event.id}/agenda`)).json()) as { data: { sessionId: string; starred: boolean; seated: boolean }[] }).data).toEqual(expect.arrayContaining([{ sessionId: ids.a, starred: true, seated: false }, { sessionId: ids.b1, starred: false, seated: true }]));
    const put = await viaApi.put(`/v1/events/${event.id}/agenda`, { sessionIds: [ids.lunch] });
    expect(put.status).toBe(200);
    expect(((await put.json()) as { data: { sessionId: string }[] }).data.map((d) => d.sessionId).sort()).toEqual([ids.b1, ids.lunch].sort());
    expect((await viaApi.put(`/v1/events/${event.id}/agenda`, { sessionIds: ["00000000-0000-4000-8000-000000000000"] })).status).toBe(422);
  });
});
