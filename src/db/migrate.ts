/**
 * Migrations, in two kinds (as Flyway has them):
 *
 * - **Numbered** ones (`src/db/migrations`, generated from the schema by drizzle-kit):
 *   tables, columns, indexes, data moves. Applied once each, in order.
 * - **Repeatable** ones (`src/<module>/sql/*.sql`): the rules a module keeps in the
 *   database (functions and their triggers, e.g. how a place or a waiting-list position
 *   is decided in src/registration/sql/). Each file is the one current definition,
 *   written to be run again (CREATE OR REPLACE, DROP TRIGGER IF EXISTS). After the
 *   numbered ones, every file whose checksum differs from the one recorded in
 *   `schema_repeatables` is applied, in its own transaction, and recorded.
 *
 * On PostgreSQL the whole run holds an advisory lock, so that several instances starting
 * at once migrate one after the other instead of all at the same time.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));
const sourceRoot = fileURLToPath(new URL("..", import.meta.url));

/** An arbitrary constant: the key of the advisory lock held while migrating. */
export const MIGRATION_LOCK_KEY = 7_310_201_001;

export interface RepeatableScript {
  /** Path below src/, e.g. "registration/sql/register_place.sql". */
  name: string;
  sql: string;
  checksum: string;
}

/** Every module's repeatable scripts, by module folder and then file name. */
export function repeatableScripts(root = sourceRoot): RepeatableScript[] {
  const scripts: RepeatableScript[] = [];
  for (const module of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const folder = join(root, module, "sql");
    if (!existsSync(folder)) continue;
    for (const file of readdirSync(folder).filter((f) => f.endsWith(".sql")).sort()) {
      const sql = readFileSync(join(folder, file), "utf8");
      scripts.push({ name: `${module}/sql/${file}`, sql, checksum: createHash("sha256").update(sql).digest("hex") });
    }
  }
  return scripts;
}

/** What the repeatable migrations need of a connection: plain statements and one transaction. */
export interface ScriptRunner {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  /** Runs `script` (several statements) and then `record`, in one transaction. */
  runInTransaction(script: string, record: { text: string; params: unknown[] }): Promise<void>;
}

/** Applies the scripts that are new or changed; returns the names of those applied. */
export async function applyRepeatables(runner: ScriptRunner, scripts = repeatableScripts()): Promise<string[]> {
  await runner.query(`CREATE TABLE IF NOT EXISTS schema_repeatables (
    name text PRIMARY KEY,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const { rows } = await runner.query<{ name: string; checksum: string }>("SELECT name, checksum FROM schema_repeatables");
  const recorded = new Map(rows.map((r) => [r.name, r.checksum]));
  const applied: string[] = [];
  for (const script of scripts) {
    if (recorded.get(script.name) === script.checksum) continue;
    await runner.runInTransaction(script.sql, {
      text: "INSERT INTO schema_repeatables (name, checksum, applied_at) VALUES ($1, $2, now()) ON CONFLICT (name) DO UPDATE SET checksum = excluded.checksum, applied_at = excluded.applied_at",
      params: [script.name, script.checksum],
    });
    applied.push(script.name);
  }
  return applied;
}
