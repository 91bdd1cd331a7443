/**
 * PGlite computes in the server's own thread. Its queries run one per turn of the event
 * loop, in arrival order, so the server keeps reading, answering and accepting
 * connections between them (db/client.ts). Without that, a rush's queued queries run back
 * to back and new connections wait for the whole rush.
 */
import { afterAll, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase } from "../../src/db/client.js";

const database = await openDatabase({ dataDir: "memory://" });
afterAll(() => database.close());

it("runs PGlite queries one per event-loop turn, in arrival order", async () => {
  const order: string[] = [];
  const first = database.db.execute(sql`select 1`).then(() => order.push("first query"));
  const second = database.db.execute(sql`select 2`).then(() => order.push("second query"));
  setImmediate(() => order.push("other work"));
  await Promise.all([first, second]);
  expect(order).toEqual(["other work", "first query", "second query"]);
});

it("keeps going after a failed query", async () => {
  await expect(database.db.execute(sql`select * from no_such_table`)).rejects.toThrow();
  const { rows } = (await database.db.execute(sql`select 41 + 1 as n`)) as unknown as { rows: { n: number }[] };
  expect(rows[0]!.n).toBe(42);
});
