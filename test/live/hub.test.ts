/**
 * The live hub (issue 13's foundation): updates are rows in order, a subscriber gets what
 * was written after the id it gives (a reconnect's replay), a rolled-back change sends
 * nothing, a burst is coalesced into a few deliveries, unsubscribing leaves no subscriber
 * or timer behind; and on PostgreSQL an update written by one instance reaches a
 * subscriber on another through LISTEN/NOTIFY.
 */
import { expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { eq, sql } from "drizzle-orm";
import { liveEvents } from "../../src/db/schema.js";
import { forgetOldLiveEvents, publishLive, startLiveHub, type LiveEvent } from "../../src/live/hub.js";
import { describeEachDriver } from "../support/db.js";

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describeEachDriver("the live hub", (get, driver) => {
  it("delivers committed updates in order, replays from an id, coalesces a burst and cleans up", async () => {
    const database = get();
    const hub = await startLiveHub(database, { coalesceMs: 50 });
    const channel = `session:${driver}-${Date.now()}`;
    const got: LiveEvent[] = [];
    let deliveries = 0;
    const unsubscribe = hub.subscribe(channel, 0, (events) => {
      deliveries++;
      got.push(...events);
    });
    const first = await publishLive(database.db, channel, "question.asked", { text: "Hur delar vi data?" });
    await database.db
      .transaction(async (tx) => {
        await publishLive(tx, channel, "question.asked", { text: "ångrad" });
        throw new Error("rolled back");
      })
      .catch(() => undefined);
    await publishLive(database.db, channel, "poll.opened", { poll: 1 });
    await until(() => got.length >= 2);
    expect(got.map((e) => e.kind)).toEqual(["question.asked", "poll.opened"]);
    expect(got[0]).toMatchObject({ id: first, data: { text: "Hur delar vi data?" } });

    // A burst of 400 answers: every one arrives, in order, in a few deliveries.
    deliveries = 0;
    await Promise.all(Array.from({ length: 400 }, (_, i) => publishLive(database.db, channel, "poll.answered", { n: i })));
    await until(() => got.length >= 402, 15_000);
    expect(got.slice(2).map((e) => e.id)).toEqual([...got.slice(2).map((e) => e.id)].sort((a, b) => a - b));
    expect(new Set(got.map((e) => e.id)).size).toBe(402);
    expect(deliveries).toBeLessThan(40);

    // A client that reconnects with the id it last saw gets what came after, and nothing twice.
    const replay: LiveEvent[] = [];
    const unsubscribe2 = hub.subscribe(channel, got[1]!.id, (events) => replay.push(...events));
    await until(() => replay.length >= 400);
    expect(replay.map((e) => e.id)).toEqual(got.slice(2).map((e) => e.id));

    unsubscribe();
    unsubscribe2();
    unsubscribe(); // twice: harmless
    expect(hub.stats()).toEqual({ subscribers: 0, timers: 0 });
    await hub.stop();
  });

  it("forgets updates older than two days (what people said is kept in its own tables)", async () => {
    const database = get();
    const channel = `session:old-${driver}-${Date.now()}`;
    await publishLive(database.db, channel, "vote", { n: 1 });
    const kept = async () => (await database.db.select().from(liveEvents).where(eq(liveEvents.channel, channel))).length;
    expect(await forgetOldLiveEvents(database.db, new Date(Date.now() + 47 * 3600_000))).toBe(0);
    expect(await kept()).toBe(1);
    await forgetOldLiveEvents(database.db, new Date(Date.now() + 49 * 3600_000));
    expect(await kept()).toBe(0);
  });

  if (driver === "postgres") {
    it("hands out a channel's ids in commit order, so a reader past an id never skips one that commits later", async () => {
      const database = get();
      const hub = await startLiveHub(database, { coalesceMs: 20, safetyPollMs: 60_000 });
      const channel = `session:order-${Date.now()}`;
      const got: LiveEvent[] = [];
      hub.subscribe(channel, 0, (events) => got.push(...events));
      // A transaction that began first (and wrote something, so it has its transaction id)
      // publishes while a later one has already published and is still running.
      let releaseLater!: () => void;
      const laterHeld = new Promise<void>((r) => (releaseLater = r));
      let laterId = 0;
      const later = database.db.transaction(async (tx) => {
        laterId = await publishLive(tx, channel, "vote", { n: 1 });
        await laterHeld;
      });
      await until(() => laterId > 0);
      let earlierId = 0;
      const earlier = database.db.transaction(async (tx) => {
        await tx.insert(liveEvents).values({ channel: `${channel}:other`, kind: "x" });
        earlierId = await publishLive(tx, channel, "vote", { n: 2 }); // waits for the channel
      });
      // Another channel does not wait.
      const elsewhere = await publishLive(database.db, `${channel}:elsewhere`, "vote");
      expect(elsewhere).toBeGreaterThan(laterId);
      // The earlier transaction is waiting for the channel's lock (in this test file's own database).
      const waitingForLock = async () => {
        const result = (await database.db.execute(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and wait_event = 'advisory'`)) as unknown as { rows: { n: number }[] };
        return result.rows[0]!.n > 0;
      };
      for (const end = Date.now() + 5000; !(await waitingForLock()); ) if (Date.now() > end) throw new Error("the earlier transaction never waited for the lock");
      expect(earlierId).toBe(0);
      expect(got).toEqual([]);
      releaseLater();
      await Promise.all([later, earlier]);
      expect(earlierId).toBeGreaterThan(laterId);
      await until(() => got.length === 2);
      expect(got.map((e) => e.id)).toEqual([laterId, earlierId]);
      await hub.stop();
    });

    it("carries an update from one instance's database connection to another's subscriber", async () => {
      const url = get().url!;
      const other = await openDatabase({ databaseUrl: url, poolSize: 2 });
      try {
        const hub = await startLiveHub(other, { coalesceMs: 20, safetyPollMs: 60_000 });
        const channel = `session:cross-${Date.now()}`;
        const got: LiveEvent[] = [];
        hub.subscribe(channel, 0, (events) => got.push(...events));
        const started = Date.now();
        await publishLive(get().db, channel, "question.upvoted", { votes: 3 });
        await until(() => got.length === 1, 3000);
        // Through NOTIFY, not the safety poll (set to a minute here).
        expect(Date.now() - started).toBeLessThan(2000);
        expect(got[0]).toMatchObject({ kind: "question.upvoted", data: { votes: 3 } });
        await hub.stop();
      } finally {
        await other.close();
      }
    });
  }
});
