/**
 * Seats in sessions (issue 12 §5): never oversold however many choose at once, the waiting
 * promoted in the order they chose (when a seat is given up, a registration cancelled, or
 * seats added), two sessions at the same time refused as a whole, the person's own form
 * without JavaScript, the organiser's list and export, the API, and a check-in list for
 * one session. On both drivers.
 */
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { outbox, sessionChoices } from "../../src/db/schema.js";
import { updateSession } from "../../src/events/program-service.js";
import { createList, redeem } from "../../src/checkin/service.js";
import { ticketCode } from "../../src/checkin/tickets.js";
import { regContextOf } from "../../src/registration/context.js";
import { register } from "../../src/registration/register.js";
import { cancelRegistration, manageUrl } from "../../src/registration/service.js";
import { saveSettings } from "../../src/registration/settings.js";
import { chooseSessions, choicesOf } from "../../src/sessions/service.js";
import { api, createTestApp, TestClient } from "../support/app.js";
import { describeEachDriver } from "../support/db.js";
import { makeEvent, makeOrganiser, makePerson, makeSession } from "../support/factories.js";

describeEachDriver("seats in sessions", (get) => {
  async function setup(seats = 5) {
    const t = createTestApp(get());
    const { db } = t.deps;
    const org = await makeOrganiser(db);
    const event = await makeEvent(db, { space: org.space, published: true, title: "Verkstadsdagen" });
    const ctx = regContextOf(t.deps);
    await saveSettings(ctx, event, { placesOnsite: 100 });
    const workshopA = await makeSession(db, event, { type: "workshop", title: "Verkstad A: AI i ärendehandläggning", start: "10:00", end: "11:30", room: "Sal A" });
    const workshopB = await makeSession(db, event, { type: "workshop", title: "Verkstad B: Öppna data", start: "11:00", end: "12:00", room: "Sal B" });
    const workshopC = await makeSession(db, event, { type: "workshop", title: "Verkstad C: Säker molntjänst", start: "13:00", end: "14:00", room: "Sal A" });
    for (const id of [workshopA, workshopB, workshopC]) await updateSession(db, event, id, { seats }, t.deps.now());
    const person = async (name: string) => {
      const p = await makePerson(db, { name });
      return (await register(ctx, { event, personId: p.id, organisationId: null, attendance: "onsite", answers: {}, sensitiveAnswers: {} })).registration;
    };
    return { t, db, org, event, ctx, person, a: workshopA, b: workshopB, c: workshopC };
  }

  it("seats exactly as many as there are when twenty choose at once, and promotes the waiting in order", async () => {
    const { t, db, event, ctx, person, a } = await setup(5);
    const people = await Promise.all(Array.from({ length: 20 }, (_, i) => person(`Deltagare ${i + 1}`)));
    await Promise.all(people.map((r) => chooseSessions(db, r.id, [a], t.deps.now())));
    const rows = await db.select().from(sessionChoices).where(eq(sessionChoices.sessionId, a));
    expect(rows.filter((r) => r.status === "seated")).toHaveLength(5);
    const waiting = rows.filter((r) => r.status === "waiting").sort((x, y) => x.seq - y.seq);
    expect(waiting).toHaveLength(15);
    const positions = await Promise.all(waiting.map(async (w) => (await choicesOf(db, w.registrationId))[0]!.position));
    expect(positions).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));

    // A seated one gives the seat up: the first in line gets it, and a mail.
    const seated = rows.find((r) => r.status === "seated")!;
    await chooseSessions(db, seated.registrationId, [], t.deps.now());
    expect((await choicesOf(db, waiting[0]!.registrationId))[0]).toMatchObject({ status: "seated", position: null });
    expect((await choicesOf(db, waiting[1]!.registrationId))[0]).toMatchObject({ status: "waiting", position: 1 });
    const mails = await db.select().from(outbox).where(eq(outbox.registrationId, waiting[0]!.registrationId));
    expect(mails.map((m) => m.subject)).toContain("Du har fått plats: Verkstad A: AI i ärendehandläggning");
    // A seated one cancels the whole registration: the next in line again.
    const another = (await db.select().from(sessionChoices).where(eq(sessionChoices.sessionId, a))).find((r) => r.status === "seated" && r.registrationId !== waiting[0]!.registrationId)!;
    await cancelRegistration(ctx, another.registrationId);
    expect((await choicesOf(db, waiting[1]!.registrationId))[0]!.status).toBe("seated");
    expect(await choicesOf(db, another.registrationId)).toEqual([]);
    // Three more seats: the next three, in order.
    await updateSession(db, event, a, { seats: 8 }, t.deps.now());
    const now = await db.select().from(sessionChoices).where(eq(sessionChoices.sessionId, a));
    expect(now.filter((r) => r.status === "seated")).toHaveLength(8);
    expect(now.filter((r) => r.status === "seated").map((r) => r.registrationId)).toEqual(expect.arrayContaining(waiting.slice(2, 5).map((w) => w.registrationId)));
    expect(now.filter((r) => r.status === "waiting")).toHaveLength(10);
  });

  it("refuses two sessions at the same time, an unknown one and a registration without a confirmed place, changing nothing", async () => {
    const { t, db, ctx, event, person, a, b, c } = await setup(5);
    const anna = await person("Anna Lind");
    await chooseSessions(db, anna.id, [a], t.deps.now());
    await expect(chooseSessions(db, anna.id, [a, b], t.deps.now())).rejects.toMatchObject({ status: 422, fields: [{ field: "sessions", key: "seats.error.clash" }] });
    await expect(chooseSessions(db, anna.id, [c, "00000000-0000-4000-8000-000000000000"], t.deps.now())).rejects.toMatchObject({ status: 422 });
    expect((await choicesOf(db, anna.id)).map((x) => x.sessionId)).toEqual([a]);
    // Waiting for a place at the event: no seats yet.
    await saveSettings(ctx, event, { placesOnsite: 1 });
    const bo = await person("Bo Ek");
    expect(bo.status).toBe("waitlisted");
    await expect(chooseSessions(db, bo.id, [c], t.deps.now())).rejects.toMatchObject({ status: 409 });
    expect(await choicesOf(db, bo.id)).toEqual([]);
  });

  it("lets a person choose on the manage page without JavaScript and through the API; the organiser sees and exports the list", async () => {
    const { t, db, org, event, ctx, person, a, b, c } = await setup(1);
    const anna = await person("Anna Lind");
    const bo = await person("Bo Ek");
    const path = new URL(manageUrl(ctx, anna)).pathname;
    const page = await (await t.app.request(path)).text();
    expect(page).toContain("Pass med platser");
    expect(page).toContain("Verkstad A: AI i ärendehandläggning (Sal A) – 1 plats kvar");
    const client = new TestClient(t);
    const clash = await client.post(`${path}/pass`, { sessions: a }, {});
    expect(clash.status).toBe(303);
    const both = await client.request(`${path}/pass`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams([["_csrf", await client.csrf()], ["sessions", a], ["sessions", b]]).toString() });
    expect(both.status).toBe(422);
    expect(await both.text()).toContain("Passen ”Verkstad A: AI i ärendehandläggning” och ”Verkstad B: Öppna data” är samtidigt. Välj ett av dem.");
    expect((await choicesOf(db, anna.id)).map((x) => x.sessionId)).toEqual([a]);
    expect(await (await t.app.request(path)).text()).toContain("Verkstad A: AI i ärendehandläggning (Sal A) – Du har plats");

    // Bo, through the API with his manage token: A is full, so he waits; C has a seat.
    const boToken = new URL(manageUrl(ctx, bo)).pathname.split("/").pop()!;
    const put = await t.app.request(`/api/v1/registrations/${bo.id}/sessions?token=${boToken}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ sessionIds: [a, c] }) });
    expect(put.status).toBe(200);
    expect(((await put.json()) as { data: unknown[] }).data).toEqual(expect.arrayContaining([{ sessionId: a, status: "waiting", position: 1 }, { sessionId: c, status: "seated", position: null }]));
    await updateSession(db, event, a, { titleEn: "Workshop A: AI in case handling" }, t.deps.now());
    const badPut = await t.app.request(`/api/v1/registrations/${bo.id}/sessions?token=${boToken}&lang=en`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ sessionIds: [a, b] }) });
    expect(badPut.status).toBe(422);
    // In English, with a session's English name where it has one (B has none: its Swedish stands in).
    expect(JSON.stringify(await badPut.json())).toContain("The sessions “Workshop A: AI in case handling” and “Verkstad B: Öppna data” are at the same time. Choose one of them.");
    expect((await t.app.request(`/api/v1/registrations/${bo.id}/sessions`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ sessionIds: [] }) })).status).toBe(401);

    const organiser = new TestClient(t);
    await organiser.login(org.person.email!);
    const list = await (await organiser.get(`/arrangor/evenemang/${event.id}/program/${a}/deltagare`)).text();
    expect(list).toContain("1 av 1 platser tagna, 1 väntar");
    expect(list.indexOf("Anna Lind")).toBeLessThan(list.indexOf("Bo Ek"));
    const csv = await (await organiser.get(`/arrangor/evenemang/${event.id}/program/${a}/deltagare.csv`)).text();
    expect(csv).toMatch(/"Anna Lind";"[^"]*";"";"Har plats"/);
    expect(csv).toMatch(/"Bo Ek";"[^"]*";"";"Väntar"/);
    const viaApi = (await (await api(t, org.token).get(`/v1/events/${event.id}/sessions/${a}/seats`)).json()) as { seats: number; data: { name: string; status: string }[] };
    expect(viaApi).toMatchObject({ seats: 1, data: [{ name: "Anna Lind", status: "seated" }, { name: "Bo Ek", status: "waiting" }] });
    // Nobody else sees the list.
    const stranger = new TestClient(t);
    await stranger.login((await makePerson(db)).email!);
    expect([403, 404]).toContain((await stranger.get(`/arrangor/evenemang/${event.id}/program/${a}/deltagare`)).status);

    // A check-in list for session A counts and admits only the seated.
    const entry = await createList(db, event.id, { name: "Verkstad A", attendance: null, allowReentry: false, sessionId: a });
    expect(await redeem(db, entry, { code: await ticketCode(db, bo), nonce: "seat-scan-1", by: null, at: t.deps.now() })).toMatchObject({ kind: "not_in_session", name: "Bo Ek" });
    expect(await redeem(db, entry, { code: await ticketCode(db, anna), nonce: "seat-scan-2", by: null, at: t.deps.now() })).toMatchObject({ kind: "ok", name: "Anna Lind" });
    const station = await (await organiser.get(`/arrangor/evenemang/${event.id}/incheckning/${entry.id}`)).text();
    expect(station).toContain("1 av 1 har kommit");
  });
  it("takes the choice at registration: seated when the place is confirmed, a clash refused before anything is registered", async () => {
    const { t, db, event, a, b, c } = await setup(3);
    const form = (email: string, sessions: string[]) => {
      const body = new URLSearchParams([["name", "Karin Nyström"], ["email", email], ["attendance", "onsite"], ...sessions.map((s) => ["sessions", s] as [string, string])]);
      const client = new TestClient(t);
      return client.csrf().then((token) => {
        body.set("_csrf", token);
        return client.request(`/evenemang/${event.slug}/anmalan`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: body.toString() });
      });
    };
    const page = await (await t.app.request(`/evenemang/${event.slug}/anmalan`)).text();
    expect(page).toContain("Verkstad C: Säker molntjänst (Sal A) – 3 platser kvar");
    const clash = await form("karin@umea.se", [a, b]);
    expect(clash.status).toBe(422);
    expect(await clash.text()).toContain("är samtidigt. Välj ett av dem.");
    const ours = async () => (await db.select().from(sessionChoices)).filter((r) => [a, b, c].includes(r.sessionId));
    expect(await ours()).toHaveLength(0);
    const done = await form("karin@umea.se", [a, c]);
    expect(done.status).toBe(201);
    const rows = await ours();
    expect(rows.map((r) => [r.sessionId, r.status]).sort()).toEqual([[a, "seated"], [c, "seated"]].sort());
  });
});
