/**
 * The database's rate-limit store (src/http/rate-limit-store.ts) counts the requests that
 * arrive together in one statement (hit_rate_limits_batch). Whatever the bursts, keys,
 * limits and windows, it answers every request exactly as the one-at-a-time count in
 * memory does when given the same requests in the same order.
 */
import fc from "fast-check";
import { expect, it, vi } from "vitest";
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
