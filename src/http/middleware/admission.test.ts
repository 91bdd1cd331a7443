import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../env.js";
import { AppError } from "../errors.js";
import { admission, eventLoopLoad } from "./admission.js";

/** An app whose changes take as long as the test says, behind admission control. */
function appWith(options: Parameters<typeof admission>[0]) {
  const gates: (() => void)[] = [];
  let running = 0;
  let most = 0;
  const app = new Hono<AppEnv>();
  app.use(admission(options));
  app.post("/", async (c) => {
    running++;
    most = Math.max(most, running);
    await new Promise<void>((resolve) => gates.push(resolve));
    running--;
    return c.text("ok");
  });
  app.get("/", (c) => c.text("read"));
  app.onError((err, c) => c.text(err instanceof AppError ? err.code : "error", err instanceof AppError ? err.status : 500, err instanceof AppError && err.retryAfterSeconds ? { "retry-after": String(err.retryAfterSeconds) } : {}));
  const post = async () => app.request("/", { method: "POST" });
  return { app, post, release: () => gates.shift()?.(), gates, most: () => most };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("admission control", () => {
  it("lets in at most maxActive changes at once, the others in arrival order as turns free up", async () => {
    const t = appWith({ maxActive: 2, maxWaiting: 10, maxWaitMs: 10_000 });
    const order: number[] = [];
    const all = [1, 2, 3, 4, 5].map((i) => t.post().then(async (r) => (order.push(i), r.status)));
    await tick();
    expect(t.gates).toHaveLength(2);
    for (let i = 0; i < 5; i++) {
      t.release();
      await tick();
    }
    expect(await Promise.all(all)).toEqual([200, 200, 200, 200, 200]);
    expect(t.most()).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);
  });

  it("answers 429 with Retry-After when the line is full or the wait too long, and never holds reads back", async () => {
    const t = appWith({ maxActive: 1, maxWaiting: 1, maxWaitMs: 50 });
    const first = t.post();
    const second = t.post(); // waits
    await tick();
    const third = await t.post(); // the line is full
    expect(third.status).toBe(429);
    expect(third.headers.get("retry-after")).toBe("2");
    expect((await t.app.request("/")).status).toBe(200); // a read is not a change
    expect((await second).status).toBe(429); // waited 50 ms without a turn
    t.release();
    expect((await first).status).toBe(200);
    // The turn that was given back is free again.
    const again = t.post();
    await tick();
    t.release();
    expect((await again).status).toBe(200);
  });

  it("while the process is saturated and the line has stopped moving, answers a new change at once", async () => {
    let saturated = true;
    const t = appWith({ maxActive: 1, maxWaiting: 100, maxWaitMs: 10_000, saturated: () => saturated, saturatedWaitMs: 30 });
    const first = t.post();
    const second = t.post(); // waits; the line moved a moment ago, so the third waits too
    await tick();
    const third = t.post();
    await new Promise((r) => setTimeout(r, 60)); // the first in line has now waited 60 ms
    const started = performance.now();
    const fourth = await t.post();
    expect(fourth.status).toBe(429);
    expect(performance.now() - started).toBeLessThan(1000); // at once, not after maxWaitMs
    saturated = false;
    const fifth = t.post(); // with time to spare, the line may grow again
    await tick();
    for (let i = 0; i < 4; i++) {
      t.release();
      await tick();
    }
    expect([(await first).status, (await second).status, (await third).status, (await fifth).status]).toEqual([200, 200, 200, 200]);
  });
});

describe("event-loop load", () => {
  it("is saturated after a stretch of work without a pause, and not after a stretch of waiting", async () => {
    const load = eventLoopLoad({ windowMs: 50, threshold: 0.5 });
    try {
      await new Promise((r) => setTimeout(r, 120));
      expect(load.saturated()).toBe(false);
      const until = performance.now() + 150;
      while (performance.now() < until); // the loop has no time for anything else
      await new Promise((r) => setTimeout(r, 1)); // the sampler, overdue, runs first
      expect(load.saturated()).toBe(true);
      await new Promise((r) => setTimeout(r, 120));
      expect(load.saturated()).toBe(false);
    } finally {
      load.stop();
    }
  });
});
