/**
 * The database's rate-limit store (src/http/rate-limit-store.ts) counts the requests that
 * arrive together in one statement (hit_rate_limits_batch). Whatever the bursts, keys,
 * limits and windows, it answers every request exactly as the one-at-a-time count in
 * memory does when given the same requests in the same order.
 */
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { MemoryRateLimitStore, PostgresRateLimitStore, type LimitCheck } from "../../src/http/rate-limit-store.js";
import { describeEachDriver } from "../support/db.js";
import { rowsOf } from "../../src/db/rows.js";

const keys = ["ip:10.0.0.1", "ip:10.0.0.2", "email:anna@example.se", "email:bo@example.se"];

/** A burst: requests sent at once, each counting against some distinct keys; then the clock moves on. */
const burst = fc.record({
  requests: fc.array(fc.subarray(keys, { minLength: 1 }), { minLength: 1, maxLength: 30 }),
  advanceMs: fc.integer({ min: 0, max: 90_000 }),
});
const limits: Record<string, { limit: number; windowMs: number }> = {
  "ip:10.0.0.1": { limit: 7, windowMs: 60_000 },
  "ip:10.0.0.2": { limit: 3, windowMs: 30_000 },
  "email:anna@example.se": { limit: 4, windowMs: 120_000 },
  "email:bo@example.se": { limit: 1, windowMs: 60_000 },
};

describe("rate-limit store in memory (PGlite)", () => {
  it("stays cheap with many windows still running: ended ones are looked for now and then, not on every request", async () => {
    const store = new MemoryRateLimitStore();
    const sweeps = vi.spyOn(store, "sweep");
    const now = Date.UTC(2027, 2, 1, 9);
    // A day's rush: 50,000 people, each with an hour-long window of their own.
    for (let i = 0; i < 50_000; i++) await store.check([{ key: `email:${i}`, limit: 10, windowMs: 3_600_000 }], now + i);
    expect(sweeps.mock.calls.length).toBeLessThanOrEqual(3);
  });

  it("forgets ended windows when it looks", async () => {
    const store = new MemoryRateLimitStore();
    const now = Date.UTC(2027, 2, 1, 9);
    for (let i = 0; i < 10_001; i++) await store.check([{ key: `ip:${i}`, limit: 1, windowMs: 60_000 }], now);
    // An hour later every window has ended: the next request finds them gone, and counts afresh.
    expect(await store.check([{ key: "ip:1", limit: 1, windowMs: 60_000 }], now + 3_600_000)).toBeNull();
    expect((store as unknown as { windows: Map<string, unknown> }).windows.size).toBe(1);
  });
});

describeEachDriver("rate-limit store in the database", (get) => {
  it("answers each request of a burst as counting them one after the other would", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(burst, { minLength: 1, maxLength: 6 }), async (bursts) => {
        const prefix = `prop${run++}:`;
        const store = new PostgresRateLimitStore(get().db);
        const model = new MemoryRateLimitStore();
        let now = Date.UTC(2027, 2, 1, 9);
        for (const b of bursts) {
          const checks: LimitCheck[][] = b.requests.map((ks) => ks.map((k) => ({ key: prefix + k, ...limits[k]! })));
          // Sent together: the store counts them in batches, in this order.
          const answers = await Promise.all(checks.map((c) => store.check(c, now)));
          const expected: (number | null)[] = [];
          for (const c of checks) expected.push(await model.check(c, now));
          expect(answers).toEqual(expected);
          now += b.advanceMs;
        }
      }),
      { numRuns: 40 },
    );
  });

  it("counts a burst in two statements: the first request alone, the others together", async () => {
    const store = new PostgresRateLimitStore(get().db);
    const pool = (get().db as unknown as { $client: { query: (...args: unknown[]) => unknown } }).$client;
    const statements = vi.spyOn(pool, "query");
    const now = Date.UTC(2027, 2, 1, 9);
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => store.check([{ key: "batch:ip", limit: 30, windowMs: 60_000 }, { key: `batch:email:${i}`, limit: 5, windowMs: 60_000 }], now)));
    expect(answers.filter((a) => a === null)).toHaveLength(30);
    expect(answers.filter((a) => a === now + 60_000)).toHaveLength(20);
    const counting = statements.mock.calls.filter((call) => JSON.stringify(call[0]).includes("hit_rate_limits_batch"));
    statements.mockRestore();
    expect(counting).toHaveLength(2);
    const [{ count }] = (await rowsOf<{ count: number }>(get().db, sql`select count from rate_limit_windows where key = 'batch:ip'`)) as [{ count: number }];
    expect(count).toBe(50);
  });
});
