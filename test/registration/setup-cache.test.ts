import { expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { count, eq, sql } from "drizzle-orm";
import { events, outbox, people, registrationQuestions, registrationSettings, registrations } from "../../src/db/schema.js";
import { regContextOf } from "../../src/registration/context.js";
import { withRegistrationSetup } from "../../src/registration/setup-cache.js";
import { describeEachDriver } from "../support/db.js";
import { TestClient, api, createTestApp, type TestApp } from "../support/app.js";
import { makeEvent } from "../support/factories.js";
import { openRegistration } from "../support/registration.js";

async function openEvent(t: TestApp, places = 5) {
  const event = await makeEvent(t.deps.db, { published: true, title: "Gränsdragning 2027" });
  await openRegistration(regContextOf(t.deps), event, { placesOnsite: places });
  return event;
}

const versionOf = async (t: TestApp, eventId: string) => (await t.deps.db.select({ v: events.setupVersion }).from(events).where(eq(events.id, eventId)))[0]!.v;

describeEachDriver("registration setups kept in memory", (get) => {
  it("raises the event's setup version on every change of the event, its settings or its questions, and on nothing else", async () => {
    const t = createTestApp(get());
    const { db } = t.deps;
    const event = await openEvent(t);
    let before = await versionOf(t, event.id);
    const raised = async (change: () => Promise<unknown>) => {
      await change();
      const now = await versionOf(t, event.id);
      const up = now > before;
      before = now;
      return up;
    };
    expect(await raised(() => db.update(registrationSettings).set({ closesAt: new Date("2027-01-01T00:00:00Z") }).where(eq(registrationSettings.eventId, event.id)))).toBe(true);
    const qid = randomUUID();
    expect(await raised(() => db.insert(registrationQuestions).values({ id: qid, eventId: event.id, position: 1, kind: "short_text", labelSv: "Allergier" }))).toBe(true);
    expect(await raised(() => db.update(registrationQuestions).set({ required: true }).where(eq(registrationQuestions.id, qid)))).toBe(true);
    expect(await raised(() => db.delete(registrationQuestions).where(eq(registrationQuestions.id, qid)))).toBe(true);
    expect(await raised(() => db.update(events).set({ status: "cancelled" }).where(eq(events.id, event.id)))).toBe(true);
    // A registration is not a change of the setup.
    expect(await raised(async () => api(t).post(`/v1/events/${event.id}/registrations`, { name: "Siv Sten", email: "siv@example.se" }))).toBe(false);
  });

  it("keeps a setup after reading it, only for people who are not logged in", async () => {
    const t = createTestApp(get());
    const event = await openEvent(t);
    const seen: (number | null)[] = [];
    const look = (useKept: boolean) => withRegistrationSetup(t.deps.db, { id: event.id }, useKept, async (setup, version) => void seen.push(version));
    await look(true);
    await look(true);
    await look(false);
    const version = await versionOf(t, event.id);
    expect(seen).toEqual([null, version, null]);
  });

  it("never registers on a kept setup that has changed: a question added or registration closed elsewhere is obeyed at once", async () => {
    const t = createTestApp(get());
    const { db } = t.deps;
    const event = await openEvent(t);
    const register = (email: string, answers: Record<string, string> = {}) => api(t).post(`/v1/events/${event.id}/registrations`, { name: "Deltagare", email, attendance: "onsite", answers });
    expect((await register("a@example.se")).status).toBe(201);
    expect((await register("b@example.se")).status).toBe(201); // on the kept setup

    // Another instance adds a required question: straight in the database, this process is not told.
    const qid = randomUUID();
    await db.insert(registrationQuestions).values({ id: qid, eventId: event.id, position: 1, kind: "short_text", labelSv: "Vilken kommun?", required: true });
    const missing = await register("c@example.se");
    expect(missing.status).toBe(422);
    expect((await missing.json()).error.details.map((d: { field: string }) => d.field)).toEqual([`answers.${qid}`]);
    expect((await register("c@example.se", { [qid]: "Umeå" })).status).toBe(201);

    // And closes registration.
    await db.update(registrationSettings).set({ closesAt: new Date(t.clock.now.getTime() - 60_000) }).where(eq(registrationSettings.eventId, event.id));
    expect((await register("d@example.se", { [qid]: "Umeå" })).status).toBe(409);
    const emails = (await db.select({ email: people.email }).from(registrations).innerJoin(people, eq(people.id, registrations.personId)).where(eq(registrations.eventId, event.id))).map((r) => r.email).sort();
    expect(emails).toEqual(["a@example.se", "b@example.se", "c@example.se"]);
    // Nothing of the refused: no profile either.
    expect(await db.select().from(people).where(eq(people.email, "d@example.se"))).toEqual([]);
  });

  it("the registering statements do nothing at all on a version that is not the event's", async () => {
    const t = createTestApp(get());
    const { db } = t.deps;
    const event = await openEvent(t);
    const stale = (await versionOf(t, event.id)) - 1;
    const person = randomUUID();
    await db.insert(people).values({ id: person, name: "Per Persson", email: "per@example.se" });
    const before = async () => ({
      registrations: (await db.select({ n: count() }).from(registrations))[0]!.n,
      outbox: (await db.select({ n: count() }).from(outbox))[0]!.n,
      people: (await db.select({ n: count() }).from(people))[0]!.n,
    });
    const counts = await before();
    const place = await db.execute(
      sql`select outcome from register_place_if_current(${stale}::bigint, ${randomUUID()}::uuid, ${event.id}::uuid, ${person}::uuid, null::uuid, 'onsite', '{}'::jsonb, '{}'::jsonb, null::uuid, now(), false, 'per@example.se', '{}'::jsonb, '[[p]]')`,
    );
    const byEmail = await db.execute(
      sql`select outcome from register_by_email_if_current(${stale}::bigint, ${randomUUID()}::uuid, ${event.id}::uuid, ${randomUUID()}::uuid, 'ny@example.se', 'Ny Person', 'sv', null::uuid, 'onsite', '{}'::jsonb, '{}'::jsonb, now(), false, '{}'::jsonb, '[[p]]')`,
    );
    const outcomes = [place, byEmail].map((r) => (r as unknown as { rows: { outcome: string }[] }).rows.map((row) => row.outcome));
    expect(outcomes).toEqual([["setup_changed"], ["setup_changed"]]);
    expect(await before()).toEqual(counts);
  });

  it("the form does the same: a required question added after the setup was kept is asked for, not skipped", async () => {
    const t = createTestApp(get());
    const { db } = t.deps;
    const event = await openEvent(t);
    const post = (email: string, fields: Record<string, string> = {}) => new TestClient(t).post(`/evenemang/${event.slug}/anmalan`, { name: "Deltagare", email, attendance: "onsite", ...fields });
    expect((await post("e@example.se")).status).toBe(201);
    const qid = randomUUID();
    await db.insert(registrationQuestions).values({ id: qid, eventId: event.id, position: 1, kind: "short_text", labelSv: "Vilken region?", required: true });
    const again = await post("f@example.se");
    expect(again.status).toBe(422);
    expect(await again.text()).toContain("Vilken region?");
    expect((await post("f@example.se", { [`q.${qid}`]: "Västerbotten" })).status).toBe(201);
  });
});
