/**
 * kill -9 in the middle of a rush, on PostgreSQL and on PGlite. After a restart every
 * registration that got a 2xx is there, nothing is duplicated, capacity holds, and the
 * mail queued before the crash is still sent.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { runLoad } from "../bench/lib/load.js";
import { createDatabase, postgresReachable } from "../bench/lib/pg.js";
import { createAdminToken, startServer } from "../bench/lib/server.js";
import { makeEvent, makeSpace } from "../bench/lib/setup.js";
import { record } from "./report.js";
import { startSmtp, until, type TestSmtp } from "./smtp.js";

interface Sql {
  query(q: string, p?: unknown[]): Promise<{ rows: any[] }>;
}

const PEOPLE = 1200;
const PLACES = 300;

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(() => smtp.close());

for (const driver of ["postgres", "pglite"] as const) {
  describe(`crash during a rush [${driver}]`, () => {
    it("keeps every acknowledged registration, no duplicates, capacity, and sends queued mail", async () => {
      if (driver === "postgres" && !(await postgresReachable())) throw new Error("PostgreSQL is not reachable; CI must provide it");
      const dataDir = mkdtempSync(join(tmpdir(), "samverka-crash-"));
      const database = driver === "postgres" ? await createDatabase("samverka_crash") : undefined;
      const env = { DATA_DIR: dataDir, DATABASE_URL: database?.url ?? "", REGISTRATION_RATE_PER_IP: "10000000", SMTP_URL: smtp.url, JOBS_INTERVAL_SECONDS: "1", MAIL_RETRY_BASE_SECONDS: "1" };
      try {
        const token = createAdminToken(env);
        let server = await startServer({ ...env, JOBS_INTERVAL_SECONDS: "0" }); // hold mail back: it must survive the crash
        const space = await makeSpace(server.url, token);
        const event = await makeEvent(server.url, token, space.id, { places: PLACES });
        const body = (i: number) => JSON.stringify({ name: `Krasch ${i}`, email: `krasch-${driver}-${i}@crash.example`, attendance: "onsite" });
        const requests = Array.from({ length: PEOPLE }, (_, i) => ({ method: "POST", path: `/api/v1/events/${event.id}/registrations`, body: body(i) }));

        let acks = 0;
        const load = runLoad(server.url, { concurrency: 40, requests, keepBodies: true, onResponse: (s) => s < 300 && acks++ });
        // Crash once a good share has been acknowledged.
        await until(() => acks >= PEOPLE * 0.4, 120_000, "40 % of the rush acknowledged");
        await server.crash();
        const first = await load;
        const acknowledged = first.bodies.filter((b) => b.status >= 200 && b.status < 300).map((b) => JSON.parse(b.body).id as string);
        const failedDuringCrash = PEOPLE - acknowledged.length;
        expect(acknowledged.length).toBeGreaterThan(0);
        expect(failedDuringCrash).toBeGreaterThan(0);

        // Restart on the same data; everyone who did not get an answer tries again.
        server = await startServer(env);
        const retry = await runLoad(server.url, { concurrency: 40, requests, keepBodies: true });
        expect(retry.bodies.every((b) => b.status === 200 || b.status === 201)).toBe(true);

        // Mail queued before the crash goes out after it (jobs run every second now).
        await until(async () => smtp.received.filter((m) => m.to.startsWith(`krasch-${driver}-`)).length >= PEOPLE, 120_000, "all confirmation and waiting-list mail").catch((e) => {
          console.log("received", smtp.received.filter((m) => m.to.startsWith(`krasch-${driver}-`)).length, server.output().slice(-2000));
          throw e;
        });
        await server.kill();

        const db = await open(driver, database?.url, dataDir);
        const rows = (await db.sql.query(`select id, person_id, status from registrations where event_id = $1`, [event.id])).rows;
        const ids = new Set(rows.map((r) => r.id));
        const lost = acknowledged.filter((id) => !ids.has(id)).length;
        const duplicates = rows.length - new Set(rows.map((r) => r.person_id)).size;
        const confirmed = rows.filter((r) => r.status === "confirmed").length;
        const [pool] = (await db.sql.query(`select taken, capacity from place_pools where event_id = $1`, [event.id])).rows;
        const outboxRows = (await db.sql.query(`select count(*)::int as n, count(*) filter (where status = 'sent')::int as sent from outbox where registration_id in (select id from registrations where event_id = $1)`, [event.id])).rows[0];
        await db.close();
        const mails = smtp.received.filter((m) => m.to.startsWith(`krasch-${driver}-`));
        const duplicateMails = mails.length - new Set(mails.map((m) => m.messageId)).size;

        expect(lost).toBe(0);
        expect(duplicates).toBe(0);
        expect(rows).toHaveLength(PEOPLE);
        expect(confirmed).toBe(PLACES);
        expect(pool.taken).toBe(PLACES);
        expect(outboxRows.n).toBe(PEOPLE);
        expect(outboxRows.sent).toBe(PEOPLE);
        expect(mails).toHaveLength(PEOPLE);
        expect(duplicateMails).toBe(0);
        record(`Crash (kill -9) during a rush, ${driver}`, {
          "registrations tried": PEOPLE,
          "acknowledged before the crash": acknowledged.length,
          "unanswered at the crash (tried again after restart)": failedDuringCrash,
          "faults injected": "1 × SIGKILL of the server process",
          "rows checked": rows.length,
          lost,
          duplicates,
          "confirmed / places": `${confirmed} / ${PLACES}`,
          "mails sent after restart / expected": `${mails.length} / ${PEOPLE}`,
          "duplicate mails": duplicateMails,
        });
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
        await database?.drop();
      }
    });
  });
}

async function open(driver: string, url: string | undefined, dataDir: string): Promise<{ sql: Sql; close(): Promise<void> }> {
  if (driver === "postgres") {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    return { sql: c, close: () => c.end() };
  }
  const lite = new PGlite(`${dataDir}/pglite`);
  await lite.waitReady;
  return { sql: lite, close: () => lite.close() };
}
