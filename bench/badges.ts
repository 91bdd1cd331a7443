/**
 * Name badges for a big day: 1,000 people registered on site, all their badges (with the
 * ticket's QR) in one PDF over HTTP. The limit is "well under 10 s"; the ratio is
 * the time taken against those 10 s. Streaming is shown by when the first bytes arrive and
 * by how little the serving process's peak memory grows while the PDF is made (VmHWM).
 * Memory for comparison, measured in the same run: the size of the PDF itself.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { withFreshServer } from "./lib/server.js";
import { call, makeEvent, makeSpace } from "./lib/setup.js";
import { round } from "./lib/stats.js";

export interface BadgesResult {
  people: number;
  pages: number;
  seconds: number;
  firstByteMs: number;
  megabytes: number;
  peakGrowthMb: number;
}

const peakKb = (pid: number) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);

export async function badgesBench(o: { people: number; driver: "pglite" | "postgres" }): Promise<BadgesResult> {
  return withFreshServer(o.driver, async (server, token) => {
    const space = await makeSpace(server.url, token);
    const event = await makeEvent(server.url, token, space.id, { places: o.people, title: "Digitaliseringsdagen i Västernorrland 2027" });
    for (let i = 0; i < o.people; i += 8) {
      await Promise.all(
        Array.from({ length: Math.min(8, o.people - i) }, (_, k) =>
          call(server.url, token, "POST", `/v1/events/${event.id}/registrations`, { name: `Deltagare Långnamnsson-Östergren ${i + k + 1}`, email: `bricka-${i + k}-${randomUUID().slice(0, 8)}@bench.example`, attendance: "onsite" }),
        ),
      );
    }
    // Warm once with a single badge (fonts read, key made), then measure the whole event.
    await (await fetch(`${server.url}/api/v1/events/${event.id}/badges?layout=single`, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer();
    const pid = server.serverPid();
    const before = peakKb(pid);
    const started = performance.now();
    const res = await fetch(`${server.url}/api/v1/events/${event.id}/badges?layout=a4-10&qr=on`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok || !res.body) throw new Error(`badges: HTTP ${res.status}`);
    let firstByteMs = 0;
    let bytes = 0;
    const chunks: Buffer[] = [];
    for await (const chunk of res.body) {
      if (!firstByteMs) firstByteMs = performance.now() - started;
      bytes += chunk.length;
      chunks.push(Buffer.from(chunk));
    }
    const seconds = (performance.now() - started) / 1000;
    const pdf = Buffer.concat(chunks).toString("latin1");
    return {
      people: o.people,
      pages: (pdf.match(/\/Type \/Page\b/g) ?? []).length,
      seconds: round(seconds, 2),
      firstByteMs: round(firstByteMs),
      megabytes: round(bytes / 1e6, 2),
      peakGrowthMb: round((peakKb(pid) - before) / 1024, 1),
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await badgesBench({ people: Number(process.argv[2] ?? 1000), driver: process.env.DATABASE_URL ? "postgres" : "pglite" }));
}
