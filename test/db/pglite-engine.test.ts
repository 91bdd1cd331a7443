/**
 * The embedded database runs in a thread of its own and is reached through
 * node-postgres (src/db/pglite-engine.ts, pglite-worker.js): the application's thread
 * never waits while a query computes, and its connections take turns on PGlite's one
 * session so that, to the application, they behave as a server's sessions do.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { afterAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type pg from "pg";
import { openDatabase } from "../../src/db/client.js";
import { rowsOf } from "../../src/db/rows.js";

const database = await openDatabase({ dataDir: "memory://" });
const db = database.db;
const pool = (db as unknown as { $client: pg.Pool }).$client;
afterAll(() => database.close());


await db.execute(sql`create table counter (id int primary key, n int not null)`);
await db.execute(sql`insert into counter values (1, 0)`);
const count = async () => (await rowsOf<{ n: number }>(db, sql`select n from counter where id = 1`))[0]!.n;

describe("PGlite in its own thread", () => {
  it("keeps the application's thread free while a query computes", async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    const [{ n }] = (await rowsOf<{ n: string }>(db, sql`select count(*) as n from generate_series(1, 4000000) g where g % 7 = 0`)) as [{ n: string }];
    const took = performance.now() - started;
    delay.disable();
    expect(Number(n)).toBe(571428);
    // The query computes for a good while; the thread answers all along (in the same thread it would wait for all of it).
    expect(took).toBeGreaterThan(150);
    expect(delay.max / 1e6).toBeLessThan(took / 2);
  });

  it("keeps going after a failed query", async () => {
    await expect(db.execute(sql`select * from no_such_table`)).rejects.toThrow(/no_such_table/);
    expect((await rowsOf<{ n: number }>(db, sql`select 41 + 1 as n`))[0]!.n).toBe(42);
  });

  it("lets connections take turns: transactions never interleave", async () => {
    const before = await count();
    // Each reads, lets others run, and writes what it read plus one: interleaving would lose some.
    await Promise.all(
      Array.from({ length: 40 }, () =>
        db.transaction(async (tx) => {
          const [{ n }] = (await rowsOf<{ n: number }>(tx as never, sql`select n from counter where id = 1`)) as [{ n: number }];
          await new Promise((r) => setTimeout(r, 1));
          await tx.execute(sql`update counter set n = ${n + 1} where id = 1`);
        }),
      ),
    );
    expect(await count()).toBe(before + 40);
    expect(pool.totalCount).toBeGreaterThan(1);
  });

  it("rolls back a failed transaction while the others go on", async () => {
    const before = await count();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction(async (tx) => {
          await tx.execute(sql`update counter set n = n + 1 where id = 1`);
          if (i % 2) await tx.execute(sql`select * from no_such_table`);
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    expect(await count()).toBe(before + 10);
  });

  it("lets every connection prepare a statement of the same name", async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => pool.query({ name: "plus_one", text: "select $1::int + 1 as v", values: [i] })));
    expect(answers.map((a) => a.rows[0].v)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it("leaves nothing of a transaction whose connection is lost, and the session goes on", async () => {
    const before = await count();
    const client = await pool.connect();
    await client.query("begin");
    await client.query("update counter set n = n + 100 where id = 1");
    client.release(new Error("lost")); // destroys the connection, as a crash of its owner would
    expect(await count()).toBe(before);
    await db.transaction(async (tx) => {
      await tx.execute(sql`update counter set n = n + 1 where id = 1`);
    });
    expect(await count()).toBe(before + 1);
  });

  it("delivers notifications to listeners, also from inside a transaction once it commits", async () => {
    const got: (string | null)[] = [];
    const stop = await database.listen("engine_test", (payload) => got.push(payload));
    await db.execute(sql`select pg_notify('engine_test', 'now')`);
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_notify('engine_test', 'at commit')`);
      expect(got).toEqual(["now"]);
    });
    await db.execute(sql`select 1`);
    expect(got).toEqual(["now", "at commit"]);
    // From every connection at once: each arrives once, whichever connection carries it.
    await Promise.all(Array.from({ length: 12 }, (_, i) => db.transaction(async (tx) => void (await tx.execute(sql`select pg_notify('engine_test', ${`n${i}`})`)))));
    await db.execute(sql`select 1`);
    expect(pool.totalCount).toBeGreaterThan(1);
    expect(got.slice(2).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `n${i}`).sort());
    await stop();
    await db.execute(sql`select pg_notify('engine_test', 'after')`);
    expect(got).toHaveLength(14);
  });
});
