/**
 * Registrations arriving at a fixed rate (open loop): what people feel during a rush.
 * People register at Poisson-distributed moments at a given mean rate, from a client in
 * its own process, each on a free or a new connection; latency counts from the moment
 * each one meant to register. Reported per rate: p50/p95/p99, errors, answers not
 * complete within 10 s, and, checked in the database afterwards, nothing oversold, lost
 * or duplicated. The sustainable rate is the highest at which p99 stays under 100 ms;
 * overload is twice that for 10 s.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openLoopInOwnProcess } from "./lib/open-loop.js";
import { createDatabase } from "./lib/pg.js";
import { createAdminToken, startServer, type RunningServer } from "./lib/server.js";
import { makeEvent, makeSpace } from "./lib/setup.js";
import { percentile, round } from "./lib/stats.js";

export interface ArrivalRun {
  rate: number;
  durationMs: number;
  planned: number;
  achievedRate: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  ok: number;
  /** 429 with Retry-After: the server said "too many at once, try again shortly". */
  refused: number;
  other4xx: number;
  fivexx: number;
  errors: number;
  /** Sent again on a fresh connection after the server had closed the kept-alive one (see open-loop.ts). */
  resent: number;
  unanswered: number;
  maxInFlight: number;
  maxSendLagMs: number;
  oversold: number;
  lost: number;
  duplicates: number;
  rssBeforeMb: number;
  rssPeakMb: number;
  rssAfterMb: number;
}

export const ANSWER_WITHIN_MS = 10_000;
const PLACES = 1000;

/** One server (and database) for a series of runs; each run registers new people for an event of its own. */
export async function arrivalsSession(driver: "postgres" | "pglite") {
  const dataDir = driver === "pglite" ? mkdtempSync(join(tmpdir(), "samverka-arrivals-")) : undefined;
  const database = driver === "postgres" ? await createDatabase("samverka_arrivals") : undefined;
  const env = { DATA_DIR: dataDir ?? "", DATABASE_URL: database?.url ?? "", REGISTRATION_RATE_PER_IP: "10000000", JOBS_INTERVAL_SECONDS: "0" };
  const token = createAdminToken(env);
  const server: RunningServer = await startServer(env);
  const space = await makeSpace(server.url, token);
  let runs = 0;
  let seed = 1;

  /** Oversold, lost, duplicated: read from PostgreSQL, or on PGlite (the server's own) through the organiser's API. */
  async function check(eventId: string, accepted: string[]) {
    if (driver === "pglite") return checkThroughApi(server.url, token, eventId, accepted);
    const c = new pg.Client({ connectionString: database!.url });
    await c.connect();
    try {
      const rows = (await c.query(`select id, person_id, status from registrations where event_id = $1`, [eventId])).rows as { id: string; person_id: string; status: string }[];
      return judge(rows.map((r) => ({ id: r.id, who: r.person_id, status: r.status })), accepted);
    } finally {
      await c.end();
    }
  }

  return {
    async run(rate: number, durationMs: number): Promise<ArrivalRun> {
      const event = await makeEvent(server.url, token, space.id, { places: PLACES, title: `Ankomster ${++runs}` });
      await new Promise((r) => setTimeout(r, 300));
      const rssBeforeMb = server.rssMb();
      let rssPeakMb = rssBeforeMb;
      const sampler = setInterval(() => (rssPeakMb = Math.max(rssPeakMb, server.rssMb())), 250);
      const result = await openLoopInOwnProcess({
        url: server.url,
        ratePerSecond: rate,
        durationMs,
        path: `/api/v1/events/${event.id}/registrations`,
        bodyTemplate: JSON.stringify({ name: `Ankomst {i}`, email: `ankomst-${runs}-{i}@bench.example`, attendance: "onsite" }),
        answerWithinMs: ANSWER_WITHIN_MS,
        seed: seed++,
      }).finally(() => clearInterval(sampler));
      const rssAfterMb = server.rssMb();
      const accepted = result.bodies.filter((b) => b.status === 200 || b.status === 201).map((b) => (JSON.parse(b.body) as { id: string }).id);
      const counted = (pred: (s: number) => boolean) => Object.entries(result.statuses).reduce((n, [s, c]) => n + (pred(Number(s)) ? c : 0), 0);
      const checked = await check(event.id, accepted);
      return {
        rate,
        durationMs,
        planned: result.planned,
        achievedRate: round(result.sent / (durationMs / 1000)),
        p50: round(percentile(result.latenciesMs, 50)),
        p95: round(percentile(result.latenciesMs, 95)),
        p99: round(percentile(result.latenciesMs, 99)),
        max: round(Math.max(0, ...result.latenciesMs)),
        ok: accepted.length,
        refused: counted((s) => s === 429),
        other4xx: counted((s) => s >= 400 && s < 500 && s !== 429),
        fivexx: counted((s) => s >= 500),
        errors: result.errors,
        resent: result.resentOnClosedConnection,
        unanswered: result.unanswered,
        maxInFlight: result.maxInFlight,
        maxSendLagMs: round(result.maxSendLagMs),
        ...checked,
        rssBeforeMb: round(rssBeforeMb),
        rssPeakMb: round(rssPeakMb),
        rssAfterMb: round(rssAfterMb),
      };
    },
    async close() {
      await server.kill();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      await database?.drop();
    },
  };
}

function judge(rows: { id: string; who: string; status: string }[], accepted: string[]) {
  const ids = new Set(rows.map((r) => r.id));
  const confirmed = rows.filter((r) => r.status === "confirmed").length;
  return { oversold: Math.max(0, confirmed - PLACES), lost: accepted.filter((id) => !ids.has(id)).length, duplicates: rows.length - new Set(rows.map((r) => r.who)).size };
}

/** On PGlite the server owns the database (and its folder's lock); the organiser's API lists what it holds. */
async function checkThroughApi(url: string, token: string, eventId: string, accepted: string[]) {
  const seen: { id: string; email: string; status: string }[] = [];
  for (let offset = 0; ; offset += 1000) {
    const res = await fetch(`${url}/api/v1/events/${eventId}/registrations?limit=1000&offset=${offset}`, { headers: { authorization: `Bearer ${token}` } });
    const page = (await res.json()) as { data: { id: string; email: string; status: string }[]; total: number };
    seen.push(...page.data);
    if (seen.length >= page.total || page.data.length === 0) break;
  }
  return judge(seen.map((r) => ({ id: r.id, who: r.email, status: r.status })), accepted);
}

/**
 * The highest rate (to 10/s) at which p99 stays under the goal: the given rates first,
 * then halving the gap between the best that passed and the first that failed.
 */
export async function sustainableRate(run: (rate: number) => Promise<ArrivalRun>, known: ArrivalRun[], goalMs: number, steps: number): Promise<{ rate: number; tried: ArrivalRun[] }> {
  const passes = (r: ArrivalRun) => r.p99 < goalMs && r.fivexx === 0 && r.errors === 0 && r.unanswered === 0 && r.refused === 0;
  const tried = [...known];
  let low = Math.max(0, ...tried.filter(passes).map((r) => r.rate));
  let high = Math.min(...tried.filter((r) => !passes(r)).map((r) => r.rate));
  if (!Number.isFinite(high)) {
    // Everything passed: go up until something fails.
    high = low * 2;
    for (let i = 0; i < steps; i++) {
      const r = await run(high);
      tried.push(r);
      if (!passes(r)) break;
      low = high;
      high *= 2;
    }
    if (low === high) return { rate: low, tried };
  }
  for (let i = 0; i < steps && high - low > 10; i++) {
    const mid = Math.round((low + high) / 20) * 10;
    const r = await run(mid);
    tried.push(r);
    if (passes(r)) low = mid;
    else high = mid;
  }
  return { rate: low, tried };
}
