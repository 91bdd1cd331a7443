/**
 * Public pages under load: the event page and the program page of an event with 60
 * sessions and 80 people, at 100 concurrent connections. The limit is the same server's
 * trivial route (/ping) under the same load.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runLoad } from "./lib/load.js";
import { createAdminToken, startServer } from "./lib/server.js";
import { makeEvent, makeProgram, makeSpace } from "./lib/setup.js";
import { percentile, round } from "./lib/stats.js";

export interface PagesResult {
  concurrency: number;
  eventRps: number;
  eventP99: number;
  programRps: number;
  programP99: number;
  programConditionalRps: number;
  limitRps: number;
  limitP99: number;
  programBytes: number;
  programGzipBytes: number;
}

export async function pages(o: { concurrency: number; durationMs: number }): Promise<PagesResult> {
  const dataDir = mkdtempSync(join(tmpdir(), "samverka-bench-"));
  const env = { DATA_DIR: dataDir, JOBS_INTERVAL_SECONDS: "0" };
  try {
    const token = createAdminToken(env);
    const server = await startServer(env);
    try {
      const space = await makeSpace(server.url, token);
      const event = await makeEvent(server.url, token, space.id, { title: "Programdagen" });
      await makeProgram(server.url, token, event.id);
      const programPath = `/evenemang/${event.slug}/program`;
      const plain = await fetch(`${server.url}${programPath}`, { headers: { "accept-encoding": "identity" } });
      const programBytes = (await plain.arrayBuffer()).byteLength;
      const zipped = await fetch(`${server.url}${programPath}`, { headers: { "accept-encoding": "gzip" }, decompress: false } as RequestInit);
      const programGzipBytes = Number(zipped.headers.get("content-length") ?? (await zipped.arrayBuffer()).byteLength);
      const etag = plain.headers.get("etag") ?? "";
      const gzip = { "accept-encoding": "gzip" };
      const measure = (path: string, headers: Record<string, string> = gzip) => runLoad(server.url, { concurrency: o.concurrency, durationMs: o.durationMs, next: () => ({ method: "GET", path, headers }) });
      // Warm up every measured route, so that every measured request is served hot.
      for (const path of ["/ping", `/evenemang/${event.slug}`, programPath]) {
        await runLoad(server.url, { concurrency: 10, durationMs: 500, next: () => ({ method: "GET", path, headers: gzip }) });
      }
      const limitBefore = await measure("/ping");
      const eventPage = await measure(`/evenemang/${event.slug}`);
      const program = await measure(programPath);
      const conditional = await measure(programPath, { ...gzip, "if-none-match": etag });
      // The limit is measured before and after the pages; the better of the two counts.
      const limitAfter = await measure("/ping");
      const rps = (r: Awaited<ReturnType<typeof measure>>) => r.latenciesMs.length / (r.durationMs / 1000);
      const limit = rps(limitAfter) > rps(limitBefore) ? limitAfter : limitBefore;
      return {
        concurrency: o.concurrency,
        eventRps: round(rps(eventPage)),
        eventP99: round(percentile(eventPage.latenciesMs, 99)),
        programRps: round(rps(program)),
        programP99: round(percentile(program.latenciesMs, 99)),
        programConditionalRps: round(rps(conditional)),
        limitRps: round(rps(limit)),
        limitP99: round(percentile(limit.latenciesMs, 99)),
        programBytes,
        programGzipBytes,
      };
    } finally {
      await server.kill();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
