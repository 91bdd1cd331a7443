/**
 * Resident memory idle, and the time from `npm start` to the first page on an empty data
 * folder: this tree's, and the same for earlier commits (BEFORE), each checked out beside
 * it (a git worktree sharing this tree's node_modules: those commits' packages are a
 * subset of these, at the same versions). They are started in turn, run after run, so
 * that all meet the machine in the same moods.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makePgliteTemplate } from "../src/db/client.js";
import { root, startServer } from "./lib/server.js";
import { round } from "./lib/stats.js";

/**
 * The commits measured beside this tree: where issue 10 found "6–7 s to the first page,
 * about 550 MB idle", with a quarter of today's migrations and demo content; and the last
 * one with the embedded database in the server's own thread (today's content).
 */
export const BEFORE = { issue: "62fbcca", sameContent: "fcf72a0" } as const;
/** How long the server is left alone before its memory is read: V8 gives back what starting used within about 10 s. */
const IDLE_MS = 15_000;

export interface Footprint {
  startMs: number;
  firstPageMs: number;
  rssIdleMb: number;
}

/** `firstAfterInstall`: as the first start after `npm ci`, with no migrated template made yet (src/db/pglite-template.ts). */
async function footprintOf(tree: string, firstAfterInstall = false): Promise<Footprint> {
  const dataDir = mkdtempSync(join(tmpdir(), "samverka-bench-"));
  const templates = firstAfterInstall ? mkdtempSync(join(tmpdir(), "samverka-bench-templates-")) : null;
  try {
    const started = performance.now();
    // Exactly what a newcomer runs: npm start, demo content included, on an empty folder.
    const server = await startServer({ DATA_DIR: dataDir, SEED_DEMO: "true", JOBS_INTERVAL_SECONDS: "5", ...(templates ? { PGLITE_TEMPLATES: templates } : {}) }, { command: "npm-start", cwd: tree });
    const page = await fetch(`${server.url}/`);
    await page.text();
    const firstPageMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const rssIdleMb = server.rssMb();
    await server.kill();
    return { startMs: round(server.startedInMs), firstPageMs: round(firstPageMs), rssIdleMb: round(rssIdleMb) };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    if (templates) rmSync(templates, { recursive: true, force: true });
  }
}

/** A commit checked out in a temporary folder, or null where this is no git checkout with that commit. */
function checkOut(commit: string): { tree: string; remove(): void } | null {
  const tree = join(mkdtempSync(join(tmpdir(), "samverka-before-")), "tree");
  try {
    execFileSync("git", ["worktree", "add", "--detach", tree, commit], { cwd: root, stdio: "ignore" });
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

export interface Measured {
  runs: Footprint[];
  /** Migration statements made at a first start. */
  statements: number;
}

/** `runs` measurements of this tree and of each BEFORE commit, in turn; a commit that cannot be checked out is left out. */
export async function footprints(runs: number): Promise<{ after: Measured; firstAfterInstall: Footprint[]; before: Partial<Record<keyof typeof BEFORE, Measured & { commit: string }>> }> {
  const trees = Object.entries(BEFORE).flatMap(([name, commit]) => {
    const checkedOut = checkOut(commit);
    return checkedOut ? [{ name: name as keyof typeof BEFORE, commit, ...checkedOut }] : [];
  });
  const after: Measured = { runs: [], statements: migrationStatements(root) };
  const before: Partial<Record<keyof typeof BEFORE, Measured & { commit: string }>> = {};
  for (const t of trees) before[t.name] = { commit: t.commit, runs: [], statements: migrationStatements(t.tree) };
  const firstAfterInstall: Footprint[] = [];
  try {
    // This tree's template made first, if there is none yet, as by any earlier start.
    await makePgliteTemplate(undefined)?.done;
    for (let i = 0; i < runs; i++) {
      for (const t of trees) before[t.name]!.runs.push(await footprintOf(t.tree));
      firstAfterInstall.push(await footprintOf(root, true));
      after.runs.push(await footprintOf(root));
    }
  } finally {
    for (const t of trees) t.remove();
  }
  return { after, firstAfterInstall, before };
}
