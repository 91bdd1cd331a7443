/**
 * The entrance: four stations scanning 400 tickets, each scan a redeem over HTTP (signature
 * checked, the registration locked, one check-in written), the stations as fast as their
 * answers come back (a real desk scans one person every few seconds). The need is 400
 * people in 5 minutes; the ratio is that need against the rate achieved (under 1: the
 * stations are faster than the queue). The same server's /ping at the same concurrency,
 * measured in the same run, is the limit for one answer.
 */
import { randomUUID } from "node:crypto";
import { runLoad } from "./lib/load.js";
import { withFreshServer } from "./lib/server.js";
import { call, makeEvent, makeSpace } from "./lib/setup.js";
import { percentile, round } from "./lib/stats.js";

export interface CheckinResult {
  stations: number;
  people: number;
  seconds: number;
  p50: number;
  p99: number;
  max: number;
  ok: number;
  already: number;
  other: number;
  limitP99: number;
  needRate: number;
  achievedRate: number;
}

export async function checkinBench(o: { stations: number; people: number; driver: "pglite" | "postgres" }): Promise<CheckinResult> {
  return withFreshServer(o.driver, async (server, token) => {
    const space = await makeSpace(server.url, token);
    const event = await makeEvent(server.url, token, space.id, { places: o.people, title: "Entrédagen" });
    const codes: string[] = [];
    for (let i = 0; i < o.people; i++) {
      const r = await call(server.url, token, "POST", `/v1/events/${event.id}/registrations`, { name: `Deltagare ${i + 1}`, email: `incheckning-${i}-${randomUUID().slice(0, 8)}@bench.example`, attendance: "onsite" });
      codes.push(r.ticket);
    }
    const { data: lists } = await call(server.url, token, "GET", `/v1/events/${event.id}/checkin-lists`);
    const path = `/api/v1/checkin-lists/${lists[0].id}/redeem`;
    const latencies: number[] = [];
    const results: Record<string, number> = {};
    // Each station scans its share; every tenth person is scanned twice (a second station catches them).
    const queue = codes.flatMap((code, i) => (i % 10 === 0 ? [code, code] : [code]));
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: o.stations }, async () => {
        for (;;) {
          const code = queue[next++];
          if (code === undefined) return;
          const t0 = performance.now();
          const res = await fetch(`${server.url}${path}`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ code, nonce: randomUUID() }) });
          const body = (await res.json()) as { result?: string };
          latencies.push(performance.now() - t0);
          const kind = res.ok ? (body.result ?? "?") : `http_${res.status}`;
          results[kind] = (results[kind] ?? 0) + 1;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const limit = await runLoad(server.url, { concurrency: o.stations, durationMs: 2000, next: () => ({ method: "GET", path: "/ping", headers: {} }) });
    return {
      stations: o.stations,
      people: o.people,
      seconds: round(seconds, 2),
      p50: round(percentile(latencies, 50)),
      p99: round(percentile(latencies, 99)),
      max: round(Math.max(...latencies)),
      ok: results.ok ?? 0,
      already: results.already ?? 0,
      other: Object.entries(results).filter(([k]) => k !== "ok" && k !== "already").reduce((s, [, n]) => s + n, 0),
      limitP99: round(percentile(limit.latenciesMs, 99)),
      needRate: round(o.people / 300, 2),
      achievedRate: round(queue.length / seconds),
    };
  });
}
