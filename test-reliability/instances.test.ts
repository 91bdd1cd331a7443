/**
 * Three app instances on one PostgreSQL, as a region that outgrew one machine runs them
 * behind a load balancer: a rush spread round-robin over them, one instance killed with
 * SIGKILL in the middle and started again. Afterwards: nothing oversold, lost or
 * duplicated; every mail sent, once each (a mail whose SMTP delivery was under way at the
 * moment of the kill may arrive twice, with the same Message-ID: the only case there can
 * be, and the test checks that no other does); and a rate limit counted across all three.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { runLoad, type LoadResult } from "../bench/lib/load.js";
import { createDatabase, postgresReachable } from "../bench/lib/pg.js";
import { createAdminToken, startServer, type RunningServer } from "../bench/lib/server.js";
import { makeEvent, makeSpace } from "../bench/lib/setup.js";
import { record } from "./report.js";
import { startSmtp, until, type TestSmtp } from "./smtp.js";

const PEOPLE = 1500;
const PLACES = 400;
const INSTANCES = 3;
const FLOOD_LIMIT = 20;

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(() => smtp.close());

describe("three instances on one PostgreSQL", () => {
  it("keeps every registration and mail through a kill -9 of one instance mid-rush, and counts a rate limit across all three", async () => {
    if (!(await postgresReachable())) throw new Error("PostgreSQL is not reachable; CI must provide it");
    const database = await createDatabase("samverka_instances");
    const env = {
      DATABASE_URL: database.url,
      SMTP_URL: smtp.url,
      JOBS_INTERVAL_SECONDS: "1",
      MAIL_RETRY_BASE_SECONDS: "1",
      MAIL_LEASE_SECONDS: "8",
      TRUST_PROXY: "true",
      REGISTRATION_RATE_PER_IP: String(FLOOD_LIMIT),
    };
    const servers: RunningServer[] = [];
    const sql = new pg.Client({ connectionString: database.url });
    try {
      const token = createAdminToken(env);
      for (let i = 0; i < INSTANCES; i++) servers.push(await startServer(env));
      await sql.connect();
      const space = await makeSpace(servers[0]!.url, token);
      const event = await makeEvent(servers[0]!.url, token, space.id, { places: PLACES });
      // Each person registers from their own address (a municipality's own network).
      const request = (i: number) => ({
        method: "POST",
        path: `/api/v1/events/${event.id}/registrations`,
        body: JSON.stringify({ name: `Instans ${i}`, email: `instans-${i}@instances.example`, attendance: "onsite" }),
        headers: { "x-forwarded-for": `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
      });
      const ids = Array.from({ length: PEOPLE }, (_, i) => i);
      const roundRobin = (list: number[]) => Array.from({ length: INSTANCES }, (_, k) => list.filter((_, j) => j % INSTANCES === k));

      // The rush, round-robin; instance 2 is killed once 40 % have been answered.
      let acks = 0;
      const acknowledgedIds = (results: LoadResult[]) => results.flatMap((r) => r.bodies.filter((b) => b.status === 200 || b.status === 201).map((b) => (JSON.parse(b.body) as { id: string }).id));
      const rush = roundRobin(ids).map((part, k) => runLoad(servers[k]!.url, { concurrency: 20, requests: part.map(request), keepBodies: true, onResponse: (s) => s < 300 && acks++ }));
      await until(() => acks >= PEOPLE * 0.4, 120_000, "40 % of the rush answered");
      await servers[2]!.crash();
      // What was being sent at that moment, by any instance: the only mails that may arrive twice.
      const inFlight = new Set((await sql.query(`select id from outbox where status = 'sending'`)).rows.map((r) => String(r.id)));
      const firstResults = await Promise.all(rush);
      const answeredBeforeRestart = acknowledgedIds(firstResults);
      const unansweredCount = PEOPLE - answeredBeforeRestart.length;
      expect(unansweredCount).toBeGreaterThan(0);
      servers[2] = await startServer(env);

      // Everyone tries again, round-robin over all three: who has a place gets it back (200), nobody twice.
      const second = await Promise.all(roundRobin(ids).map((part, k) => runLoad(servers[k]!.url, { concurrency: 20, requests: part.map(request), keepBodies: true })));
      expect(second.flatMap((r) => r.bodies.map((b) => b.status)).every((s) => s === 200 || s === 201)).toBe(true);
      const acknowledged = new Set([...answeredBeforeRestart, ...acknowledgedIds(second)]);

      // A flood from one address, round-robin over the three: exactly the limit gets through.
      const other = await makeEvent(servers[0]!.url, token, space.id, { places: 1000 });
      const flood = Array.from({ length: FLOOD_LIMIT * 2 }, (_, i) => ({
        method: "POST",
        path: `/api/v1/events/${other.id}/registrations`,
        body: JSON.stringify({ name: `Flod ${i}`, email: `flod-${i}@instances.example`, attendance: "onsite" }),
        headers: { "x-forwarded-for": "192.0.2.99" },
      }));
      const floodResults = await Promise.all(Array.from({ length: INSTANCES }, (_, k) => runLoad(servers[k]!.url, { concurrency: 5, requests: flood.filter((_, j) => j % INSTANCES === k) })));
      const floodStatus = (s: number) => floodResults.reduce((n, r) => n + (r.statuses.get(s) ?? 0), 0);

      // Every mail goes out (jobs on all three, the dead one's claims expire after 8 s).
      const expectedMails = PEOPLE;
      const ofTheRush = `registration_id in (select id from registrations where event_id = '${event.id}')`;
      await until(async () => (await sql.query(`select count(*)::int as n from outbox where status <> 'sent' and ${ofTheRush}`)).rows[0].n === 0, 180_000, "every mail sent");
      const rows = (await sql.query(`select id, person_id, status from registrations where event_id = $1`, [event.id])).rows;
      const [pool] = (await sql.query(`select taken, capacity from place_pools where event_id = $1 and attendance = 'onsite'`, [event.id])).rows;
      const outboxRows = (await sql.query(`select id from outbox where ${ofTheRush}`)).rows;
      // Deliveries per outbox row, by the Message-ID each carries (<outbox-ID@host>).
      const perMessage = new Map<string, number>();
      for (const m of smtp.received.filter((m) => m.to.startsWith("instans-"))) {
        const id = /^<outbox-(\d+)@/.exec(m.messageId)?.[1] ?? m.messageId;
        perMessage.set(id, (perMessage.get(id) ?? 0) + 1);
      }
      const twice = [...perMessage].filter(([, n]) => n > 1).map(([id]) => id);

      const ids2 = new Set(rows.map((r) => r.id));
      const lost = [...acknowledged].filter((id) => !ids2.has(id)).length;
      const duplicates = rows.length - new Set(rows.map((r) => r.person_id)).size;
      const confirmed = rows.filter((r) => r.status === "confirmed").length;
      expect(lost).toBe(0);
      expect(duplicates).toBe(0);
      expect(rows).toHaveLength(PEOPLE);
      expect(confirmed).toBe(PLACES);
      expect(pool.taken).toBe(PLACES);
      expect(outboxRows).toHaveLength(expectedMails);
      expect(perMessage.size).toBe(expectedMails); // every mail arrived
      expect(twice.filter((id) => !inFlight.has(id))).toEqual([]); // a second copy only of a mail in flight at the kill
      expect(floodStatus(201)).toBe(FLOOD_LIMIT);
      expect(floodStatus(429)).toBe(FLOOD_LIMIT);

      record("Three instances on one PostgreSQL, one killed mid-rush", {
        instances: INSTANCES,
        "registrations tried": PEOPLE,
        "answered before the restart (all instances)": answeredBeforeRestart.length,
        "unanswered at the kill (tried again after restart)": unansweredCount,
        "faults injected": "1 × SIGKILL of one of three server processes, mid-rush, while all three sent mail",
        "rows checked": rows.length,
        lost,
        duplicates,
        "confirmed / places": `${confirmed} / ${PLACES}`,
        "mails expected / distinct mails received": `${expectedMails} / ${perMessage.size}`,
        "mails being sent at the kill": inFlight.size,
        "second copies (same Message-ID, all of mails in flight at the kill)": twice.length,
        "flood from one address over all three: accepted / refused (limit)": `${floodStatus(201)} / ${floodStatus(429)} (${FLOOD_LIMIT} a minute)`,
        "errors at the killed instance": firstResults[2]!.errors,
      });
    } finally {
      await sql.end().catch(() => undefined);
      for (const s of servers) await s.kill();
      await database.drop();
    }
  });
});
