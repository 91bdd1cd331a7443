/** Resident memory idle, and the time from `npm start` to the first page on an empty data folder. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "./lib/server.js";
import { round } from "./lib/stats.js";

export async function footprint(): Promise<{ startMs: number; firstPageMs: number; rssIdleMb: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), "samverka-bench-"));
  try {
    const started = performance.now();
    // Exactly what a newcomer runs: npm start, demo content included, on an empty folder.
    const server = await startServer({ DATA_DIR: dataDir, SEED_DEMO: "true", JOBS_INTERVAL_SECONDS: "5" }, { command: "npm-start" });
    const page = await fetch(`${server.url}/`);
    await page.text();
    const firstPageMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, 1000));
    const rssIdleMb = server.rssMb();
    await server.kill();
    return { startMs: round(server.startedInMs), firstPageMs: round(firstPageMs), rssIdleMb: round(rssIdleMb) };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
