/**
 * Registration rush: many distinct people register for one event at once, over HTTP,
 * against the real server in its own process. The limit is the same transaction (the
 * application's register_by_email_if_current: make the profile, lock the place pool,
 * insert the registration, write the outbox row) run straight on the database with the same pool size and concurrency,
 * without HTTP; a textbook multi-statement transaction is measured beside it. Both sides
 * are warmed up the same way first (WARM_UP registrations for an event of their own, not
 * counted), so that what is compared is a running server against a running database, not
 * the JavaScript and WebAssembly compilers' first minutes.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { runLoad } from "./lib/load.js";
import { createDatabase } from "./lib/pg.js";
import { createAdminToken, startServer } from "./lib/server.js";
import { makeEvent, makeSpace } from "./lib/setup.js";
import { percentile, round } from "./lib/stats.js";

export interface RushOptions {
  driver: "postgres" | "pglite";
  people: number;
  places: number;
  concurrency: number;
  poolSize: number;
}

export interface RushResult {
  driver: string;
  people: number;
  places: number;
  concurrency: number;
  rps: number;
  p50: number;
  p99: number;
  /** The slowest answer (a request left waiting shows here before it shows in p99). */
  max: number;
  confirmed: number;
  waitlisted: number;
  oversold: number;
  lost: number;
  duplicates: number;
  non2xx: number;
  /** The application's own registration statement, straight on the database. */
  limitRps: number;
  /**
   * Latency of that statement straight on the database at the same concurrency: what a
   * caller waits with no HTTP at all, so a floor under the end-to-end latency.
   */
  limitP50: number;
  limitP99: number;
  /** The same work as a transaction of separate statements (for comparison). */
  textbookRps: number;
  rssIdleMb: number;
  rssAfterMb: number;
}

/** Registrations made before measuring, on either side, for an event of their own. */
export const WARM_UP = 1000;

interface SqlClient {
  query(sql: string, params?: unknown[]): Promise<{ rows: any[] }>;
}

/** How the limit runs one registration: a transaction of several statements, or one statement. */
interface DirectRunner {
  transaction(fn: (c: SqlClient) => Promise<void>): Promise<void>;
  statement(sql: string, params: unknown[]): Promise<void>;
}

// A mail of the size the application writes (a confirmation with its calendar invite).
const MAIL_TEXT = `Hej Gräns!\n\nDu är anmäld till Gränsmätning, 18 november 2027 kl. 9.00–16.00.\n\nKalenderinbjudan finns i det här meddelandet.\n\nSe, ändra eller avboka din anmälan:\nhttp://127.0.0.1/anmalan/${"x".repeat(120)}`;
const MAIL_ICS = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Samverka//SV\r\nMETHOD:REQUEST\r\n${"X-FILL:".padEnd(70, "y")}\r\n`.repeat(10) + "END:VCALENDAR\r\n";
const MAILS = JSON.stringify({
  confirmed: { subject: "Du är anmäld: Gränsmätning", text: MAIL_TEXT, ics: MAIL_ICS, icsMethod: "REQUEST" },
  waitlisted: { subject: "Du står på väntelistan: Gränsmätning", text: `${MAIL_TEXT} nummer [[pos]]`, ics: null, icsMethod: null },
});

/**
 * The limits: the registration's database work straight on the database, no HTTP, with
 * the same pool size and concurrency. `own`: the very statement the application runs for
 * a newcomer (register_by_email_if_current: the setup version checked, the profile made,
 * then register_place: insert, lock the pool, read how many wait, take a place or a queue
 * number, write the outbox row). `textbook`: the same work as a transaction of separate
 * statements (profile insert, lock with SELECT … FOR UPDATE, conditional update, insert,
 * outbox insert).
 */
interface Timed {
  rps: number;
  p50: number;
  p99: number;
}

async function directLimits(runner: DirectRunner, setup: SqlClient, people: number, places: number, concurrency: number): Promise<{ own: Timed; textbook: Timed }> {
  const eventId = (await setup.query("select id from events limit 1")).rows[0].id as string;
  const limitEvent = async () => {
    const id = randomUUID();
    await setup.query(
      `insert into events (id, space_id, slug, title_sv, starts_at, ends_at, status) select $1, space_id, $2, 'Gränsmätning', starts_at, ends_at, 'published' from events where id = $3`,
      [id, `limit-${id.slice(0, 8)}`, eventId],
    );
    await setup.query(`insert into place_pools (event_id, attendance, capacity, taken) values ($1, 'onsite', $2, 0)`, [id, places]);
    return id;
  };
  // People are made by the statements themselves, as a newcomer's registration makes its profile.
  const personIds = Array.from({ length: people + WARM_UP }, () => randomUUID());
  const timed = async (one: (personId: string, i: number) => Promise<void>, ids: string[]): Promise<Timed> => {
    let next = 0;
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (;;) {
          const i = next++;
          if (i >= ids.length) return;
          const t0 = performance.now();
          await one(ids[i]!, i);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    return { rps: ids.length / ((performance.now() - started) / 1000), p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  };
  // What the application runs for someone registering by e-mail (src/registration/register.ts
  // registerNewcomer): the event's setup version checked, the profile found or made, the place decided.
  const newcomer = (event: { id: string; version: number }, personId: string, email: string) =>
    runner.statement(
      `select * from register_by_email_if_current($1::bigint, $2::uuid, $3::uuid, $4::uuid, $5::text, 'Gräns', 'sv', null::uuid, 'onsite', '{}'::jsonb, '{}'::jsonb, now(), false, $6::jsonb, '[[pos]]')`,
      [event.version, randomUUID(), event.id, personId, email, MAILS],
    );
  const withVersion = async (id: string) => ({ id, version: Number((await setup.query(`select setup_version from events where id = $1`, [id])).rows[0].setup_version) });

  // The same warm-up as the server's: the statement run for an event of its own first.
  const warmEvent = await withVersion(await limitEvent());
  await timed((personId) => newcomer(warmEvent, personId, `warm-${personId}@bench.example`), personIds.splice(0, WARM_UP));
  await setup.query(`delete from outbox`);
  const ownEvent = await withVersion(await limitEvent());
  const own = await timed((personId) => newcomer(ownEvent, personId, `limit-${personId}@bench.example`), personIds);
  await setup.query(`delete from outbox`);
  await setup.query(`delete from registrations where event_id = $1`, [ownEvent.id]);
  await setup.query(`delete from people where email like 'limit-%@bench.example'`);

  const textbookEvent = await limitEvent();
  const textbook = await timed(
    (personId, i) =>
      runner.transaction(async (c) => {
        await c.query(`insert into people (id, name, email, locale) values ($1, 'Gräns', $2, 'sv')`, [personId, `limit-${personId}@bench.example`]);
        await c.query(`select taken from place_pools where event_id = $1 order by attendance for update`, [textbookEvent]);
        const got = await c.query(`update place_pools set taken = taken + 1 where event_id = $1 and attendance = 'onsite' and taken < capacity returning taken`, [textbookEvent]);
        const id = randomUUID();
        const confirmed = got.rows.length === 1;
        await c.query(
          `insert into registrations (id, event_id, person_id, attendance, status, waitlist_seq) values ($1, $2, $3, 'onsite', $4, ${confirmed ? "null" : "nextval('registration_waitlist_seq')"})`,
          [id, textbookEvent, personId, confirmed ? "confirmed" : "waitlisted"],
        );
        await c.query(`insert into outbox (to_address, subject, text_body, ics, ics_method, registration_id) values ($1, 'Du är anmäld: Gränsmätning', $2, $3, 'REQUEST', $4)`, [`limit-${i}@bench.example`, MAIL_TEXT, MAIL_ICS, id]);
      }),
    personIds,
  );
  return { own, textbook };
}

async function verify(db: SqlClient, eventId: string, accepted: string[], places: number) {
  const rows = (await db.query(`select id, person_id, status from registrations where event_id = $1`, [eventId])).rows as { id: string; person_id: string; status: string }[];
  const ids = new Set(rows.map((r) => r.id));
  const confirmed = rows.filter((r) => r.status === "confirmed").length;
  return {
    confirmed,
    waitlisted: rows.filter((r) => r.status === "waitlisted").length,
    oversold: Math.max(0, confirmed - places),
    lost: accepted.filter((id) => !ids.has(id)).length,
    duplicates: rows.length - new Set(rows.map((r) => r.person_id)).size,
  };
}

export async function rush(o: RushOptions): Promise<RushResult> {
  const dataDir = o.driver === "pglite" ? mkdtempSync(join(tmpdir(), "samverka-bench-")) : undefined;
  const database = o.driver === "postgres" ? await createDatabase("samverka_bench") : undefined;
  const env = { DATA_DIR: dataDir ?? "", DATABASE_URL: database?.url ?? "", REGISTRATION_RATE_PER_IP: "10000000", JOBS_INTERVAL_SECONDS: "0" };
  try {
    const token = createAdminToken(env);
    const server = await startServer(env);
    const space = await makeSpace(server.url, token);
    const event = await makeEvent(server.url, token, space.id, { places: o.places });
    const warmEvent = await makeEvent(server.url, token, space.id, { places: o.places });
    await runLoad(server.url, {
      concurrency: o.concurrency,
      requests: Array.from({ length: WARM_UP }, (_, i) => ({
        method: "POST",
        path: `/api/v1/events/${warmEvent.id}/registrations`,
        body: JSON.stringify({ name: `Uppvärmning ${i}`, email: `uppvarmning-${i}@bench.example`, attendance: "onsite" }),
      })),
    });
    await new Promise((r) => setTimeout(r, 500));
    const rssIdleMb = server.rssMb();
    const requests = Array.from({ length: o.people }, (_, i) => ({
      method: "POST",
      path: `/api/v1/events/${event.id}/registrations`,
      body: JSON.stringify({ name: `Deltagare ${i}`, email: `deltagare-${i}@bench.example`, attendance: "onsite" }),
    }));
    const load = await runLoad(server.url, { concurrency: o.concurrency, requests, keepBodies: true });
    const rssAfterMb = server.rssMb();
    const accepted = load.bodies.filter((b) => b.status >= 200 && b.status < 300).map((b) => JSON.parse(b.body).id as string);
    const non2xx = load.bodies.filter((b) => b.status >= 300).length + load.errors;
    let counts;
    let limits: { own: Timed; textbook: Timed };
    if (o.driver === "postgres") {
      await server.kill();
      const pool = new pg.Pool({ connectionString: database!.url, max: o.poolSize });
      pool.on("error", () => {}); // idle clients are dropped with the database at the end
      counts = await verify(pool, event.id, accepted, o.places);
      limits = await directLimits(
        {
          async transaction(fn) {
            const c = await pool.connect();
            try {
              await c.query("begin");
              await fn(c);
              await c.query("commit");
            } catch (e) {
              await c.query("rollback");
              throw e;
            } finally {
              c.release();
            }
          },
          // Named, so PostgreSQL plans it once per connection, as the application's prepared call is.
          statement: (sql, params) => pool.query({ name: "limit_statement", text: sql, values: params }).then(() => undefined),
        },
        pool,
        o.people,
        o.places,
        o.concurrency,
      );
      await pool.end();
    } else {
      await server.kill();
      const lite = new PGlite(`${dataDir}/pglite`);
      await lite.waitReady;
      counts = await verify(lite, event.id, accepted, o.places);
      limits = await directLimits(
        { transaction: (fn) => lite.transaction((tx) => fn(tx)).then(() => undefined), statement: (sql, params) => lite.query(sql, params).then(() => undefined) },
        lite,
        o.people,
        o.places,
        o.concurrency,
      );
      await lite.close();
    }
    return {
      driver: o.driver,
      people: o.people,
      places: o.places,
      concurrency: o.concurrency,
      rps: round(o.people / (load.durationMs / 1000)),
      p50: round(percentile(load.latenciesMs, 50)),
      p99: round(percentile(load.latenciesMs, 99)),
      max: round(Math.max(...load.latenciesMs)),
      ...counts,
      non2xx,
      limitRps: round(limits.own.rps),
      limitP50: round(limits.own.p50),
      limitP99: round(limits.own.p99),
      textbookRps: round(limits.textbook.rps),
      rssIdleMb: round(rssIdleMb),
      rssAfterMb: round(rssAfterMb),
    };
  } finally {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  }
}
