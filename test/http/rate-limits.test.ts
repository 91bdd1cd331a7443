/**
 * Rate limits count across app instances on PostgreSQL (one table of windows) and in
 * memory on PGlite: the same limits and the same 429 answers either way, also under
 * concurrency.
 */
import { expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
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
    } finally {
      await close();
    }
  });

  it("forgets windows that have ended when the jobs sweep", async () => {
    const t = createTestApp(get());
    await t.deps.rateLimits.hit([{ key: "test:sweep", windowMs: 1000 }], t.clock.now.getTime());
    await t.deps.rateLimits.sweep(t.clock.now.getTime() + 2000);
    const [again] = await t.deps.rateLimits.hit([{ key: "test:sweep", windowMs: 1000 }], t.clock.now.getTime() + 2000);
    expect(again!.count).toBe(1);
  });
});
