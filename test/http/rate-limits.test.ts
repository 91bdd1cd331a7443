/**
 * Rate limits count across app instances on PostgreSQL (one table of windows) and in
 * memory on PGlite: the same limits and the same 429 answers either way, also under
 * concurrency.
 */
import { expect, it } from "vitest";
import { eq, like } from "drizzle-orm";
import { openDatabase, type Database } from "../../src/db/client.js";
import { people, registrationSettings, registrations } from "../../src/db/schema.js";
import { api, createTestApp, TestClient, type TestApp } from "../support/app.js";
import { describeEachDriver } from "../support/db.js";
import { makeEvent } from "../support/factories.js";
import { openRegistration } from "../support/registration.js";
import { regContextOf } from "../../src/registration/context.js";

describeEachDriver("rate limits", (get, driver) => {
  /** Two instances on PostgreSQL (own pools, as two servers); one on PGlite, where one process owns the database. */
  async function instances(env: Record<string, string>): Promise<{ apps: TestApp[]; close(): Promise<void> }> {
    const extra: Database | null = driver === "postgres" ? await openDatabase({ databaseUrl: get().url! }) : null;
    const apps = [createTestApp(get(), { TRUST_PROXY: "true", ...env }), ...(extra ? [createTestApp(extra, { TRUST_PROXY: "true", ...env })] : [])];
    return { apps, close: async () => void (await extra?.close()) };
  }
  const from = (ip: string) => ({ "x-forwarded-for": ip });

  it("counts login links per address across instances: the sixth is refused wherever it arrives, with the same answer", async () => {
    const { apps, close } = await instances({});
    try {
      const clients = apps.map((t) => new TestClient(t));
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await clients[i % clients.length]!.post("/logga-in", { email: "flod@example.se" }, { headers: from("10.1.0.1") })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      const answers = await Promise.all(clients.map(async (c) => c.post("/logga-in", { email: "flod@example.se" }, { headers: from("10.1.0.1") })));
      for (const res of answers) {
        expect(res.status).toBe(429);
        expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(3500);
        expect(await res.text()).toContain("Du har försökt för många gånger. Vänta en stund och försök igen.");
      }
      expect(apps.flatMap((t) => t.mailer.recent()).filter((m) => m.to === "flod@example.se")).toHaveLength(5);
      // Another address from the same place is not affected; the window ends after an hour.
      expect((await clients[0]!.post("/logga-in", { email: "annan@example.se" }, { headers: from("10.1.0.1") })).status).toBe(200);
      for (const t of apps) t.clock.now = new Date(t.clock.now.getTime() + 3601_000);
      expect((await clients.at(-1)!.post("/logga-in", { email: "flod@example.se" }, { headers: from("10.1.0.1") })).status).toBe(200);
    } finally {
      await close();
    }
  });

  it("counts registrations per client address across instances, exactly, when they arrive all at once", async () => {
    const { apps, close } = await instances({ REGISTRATION_RATE_PER_IP: "25" });
    try {
      const event = await makeEvent(get().db, { published: true });
      await openRegistration(regContextOf(apps[0]!.deps), event, { placesOnsite: 500 });
      const calls = Array.from({ length: 40 }, (_, i) =>
        api(apps[i % apps.length]!).post(`/v1/events/${event.id}/registrations`, { name: `Rusa ${i}`, email: `rusa-${i}@example.se`, attendance: "onsite" }, from("10.2.0.1")),
      );
      const statuses = (await Promise.all(calls)).map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(25);
      expect(statuses.filter((s) => s === 429)).toHaveLength(15);
      const refused = await api(apps.at(-1)!).post(`/v1/events/${event.id}/registrations`, { name: "Sen", email: "sen@example.se", attendance: "onsite" }, from("10.2.0.1"));
      expect(refused.status).toBe(429);
      expect((await refused.json()).error).toMatchObject({ code: "rate_limited", message: "Du har försökt för många gånger. Vänta en stund och försök igen." });
      // Another address is not affected.
      expect((await api(apps[0]!).post(`/v1/events/${event.id}/registrations`, { name: "Annan", email: "annan-plats@example.se", attendance: "onsite" }, from("10.2.0.2"))).status).toBe(201);
      // Nothing of the refused was written: no registration, no profile.
      const rows = await get().db.select().from(registrations).where(eq(registrations.eventId, event.id));
      expect(rows).toHaveLength(26);
      expect(await get().db.select().from(people).where(like(people.email, "rusa-%"))).toHaveLength(25);
    } finally {
      await close();
    }
  });

  it("counts each request once, also when a kept setup had changed and the registration is tried again", async () => {
    const { apps, close } = await instances({ REGISTRATION_RATE_PER_IP: "2" });
    try {
      const t = apps[0]!;
      const event = await makeEvent(get().db, { published: true });
      await openRegistration(regContextOf(t.deps), event, { placesOnsite: 50 });
      const register = (i: number) => api(t).post(`/v1/events/${event.id}/registrations`, { name: `Om ${i}`, email: `om-${i}@example.se`, attendance: "onsite" }, from("10.3.0.1"));
      expect((await register(1)).status).toBe(201); // the setup is kept from here on
      // Another instance changes the setup: the next registration is refused by the database, then tried afresh.
      await get().db.update(registrationSettings).set({ closesAt: new Date(t.clock.now.getTime() + 86_400_000) }).where(eq(registrationSettings.eventId, event.id));
      expect((await register(2)).status).toBe(201);
      expect((await register(3)).status).toBe(429);
    } finally {
      await close();
    }
  });

  it("counts a bad request too, and answers 429 rather than 422 when it is over the limit", async () => {
    const t = createTestApp(get(), { TRUST_PROXY: "true", REGISTRATION_RATE_PER_IP: "2" });
    const event = await makeEvent(get().db, { published: true });
    await openRegistration(regContextOf(t.deps), event, { placesOnsite: 50 });
    const bad = () => api(t).post(`/v1/events/${event.id}/registrations`, { name: "", email: "inte-en-adress", attendance: "onsite" }, from("10.4.0.1"));
    expect((await bad()).status).toBe(422);
    expect((await bad()).status).toBe(422);
    expect((await bad()).status).toBe(429);
    const good = await api(t).post(`/v1/events/${event.id}/registrations`, { name: "Sen", email: "sen-4@example.se", attendance: "onsite" }, from("10.4.0.1"));
    expect(good.status).toBe(429);
    expect(await get().db.select().from(people).where(eq(people.email, "sen-4@example.se"))).toEqual([]);
  });

  it("forgets windows that have ended when the jobs sweep", async () => {
    const t = createTestApp(get());
    const now = t.clock.now.getTime();
    const once = [{ key: `test:sweep:${driver}`, windowMs: 1000, limit: 1 }];
    expect(await t.deps.rateLimits.check(once, now)).toBeNull();
    expect(await t.deps.rateLimits.check(once, now + 10)).toBe(now + 1000); // the second in the window is over
    await t.deps.rateLimits.sweep(now + 2000);
    expect(await t.deps.rateLimits.check(once, now + 2000)).toBeNull(); // a new window
  });
});
