/**
 * Resident memory idle, and the time from `npm start` to the first page on an empty data
 * folder: this tree's, and the same for the commit the issue measured from (BEFORE),
 * checked out beside it (a git worktree sharing this tree's node_modules: that commit's
 * packages are a subset of these, at the same versions). The two are started in turn,
 * run after run, so that both meet the machine in the same moods.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root, startServer } from "./lib/server.js";
import { round } from "./lib/stats.js";

/** Where issue 10 found "6–7 s to the first page, about 550 MB idle". */
export const BEFORE = "62fbcca";
/** How long the server is left alone before its memory is read: V8 gives back what starting used within about 10 s. */
const IDLE_MS = 15_000;

export interface Footprint {
  startMs: number;
  firstPageMs: number;
  rssIdleMb: number;
}

async function footprintOf(tree: string): Promise<Footprint> {
  const dataDir = mkdtempSync(join(tmpdir(), "samverka-bench-"));
  try {
    const started = performance.now();
    // Exactly what a newcomer runs: npm start, demo content included, on an empty folder.
    const server = await startServer({ DATA_DIR: dataDir, SEED_DEMO: "true", JOBS_INTERVAL_SECONDS: "5" }, { command: "npm-start", cwd: tree });
    const page = await fetch(`${server.url}/`);
    await page.text();
    const firstPageMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const rssIdleMb = server.rssMb();
    await server.kill();
    return { startMs: round(server.startedInMs), firstPageMs: round(firstPageMs), rssIdleMb: round(rssIdleMb) };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** BEFORE checked out in a temporary folder, or null where this is no git checkout with that commit. */
function checkOutBefore(): { tree: string; remove(): void } | null {
  const tree = join(mkdtempSync(join(tmpdir(), "samverka-before-")), "tree");
  try {
    execFileSync("git", ["worktree", "add", "--detach", tree, BEFORE], { cwd: root, stdio: "ignore" });
  } catch {
    return null;
  }
  symlinkSync(join(root, "node_modules"), join(tree, "node_modules"));
  return {
    tree,
    remove: () => {
      execFileSync("git", ["worktree", "remove", "--force", tree], { cwd: root, stdio: "ignore" });
      if (existsSync(tree)) rmSync(tree, { recursive: true, force: true });
    },
  };
}

/** How much a tree makes at its first start: its migrations' statements. */
function migrationStatements(tree: string): number {
  const folder = join(tree, "src/db/migrations");
  return readdirSync(folder)
    .filter((f) => f.endsWith(".sql"))
    .reduce((n, f) => n + readFileSync(join(folder, f), "utf8").split("--> statement-breakpoint").length, 0);
}

/** `runs` measurements of this tree and of BEFORE, in turn; `before` is empty when BEFORE cannot be checked out. */
export async function footprints(runs: number): Promise<{ after: Footprint[]; before: Footprint[]; statements: { after: number; before: number | null } }> {
  const before = checkOutBefore();
  const result = { after: [] as Footprint[], before: [] as Footprint[], statements: { after: migrationStatements(root), before: before ? migrationStatements(before.tree) : null } };
  try {
    for (let i = 0; i < runs; i++) {
      if (before) result.before.push(await footprintOf(before.tree));
      result.after.push(await footprintOf(root));
    }
  } finally {
    before?.remove();
  }
  return result;
}
