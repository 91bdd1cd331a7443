/**
 * Numbered and repeatable migrations (src/db/migrate.ts): the rules kept in the database
 * are defined once, beside their module, applied when they change, and a database made
 * by the earlier releases (where they were numbered migrations) ends up the same as a
 * new one.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { repeatableScripts } from "../../src/db/migrate.js";
import { createEmptyPostgresDatabase, drivers, type DriverName } from "../support/db.js";

const earlierMigrations = new URL("./fixtures/migrations-before-repeatables", import.meta.url).pathname;

interface Rows {
  rows: Record<string, unknown>[];
}
type Query = (text: string, params?: unknown[]) => Promise<Rows>;

/** What the schema holds: columns, functions with their bodies, triggers. */
async function catalog(query: Query) {
  const columns = await query(`select table_name, column_name, data_type, column_default, is_nullable from information_schema.columns where table_schema = 'public' and table_name <> 'schema_repeatables' order by 1, 2`);
  const functions = await query(`select p.proname, pg_get_functiondef(p.oid) as def from pg_proc p where p.pronamespace = 'public'::regnamespace order by 1, 2`);
  const triggers = await query(`select tgname, pg_get_triggerdef(oid) as def from pg_trigger where not tgisinternal order by 1`);
  return { columns: columns.rows, functions: functions.rows, triggers: triggers.rows };
}

// Both drivers' clients (pg.Pool, PGlite) answer query(text, params) with { rows }.
const rawQuery = (database: Database): Query => async (text, params) => (database.db as unknown as { $client: { query: Query } }).$client.query(text, params);

async function opened(driver: DriverName, where: { dir?: string; url?: string }) {
  // Without a template (src/db/pglite-template.ts): migrated here, from empty.
  return driver === "pglite" ? openDatabase({ dataDir: where.dir ?? "memory://", templates: false }) : openDatabase({ databaseUrl: where.url! });
}

for (const driver of drivers) {
  describe(`migrations [${driver}]`, () => {
    const scripts = repeatableScripts();

    it("finds the rules kept in the database beside their module, one file each", () => {
      expect(scripts.map((s) => s.name)).toEqual(["http/sql/rate_limits.sql", "registration/sql/register_by_email.sql", "registration/sql/register_place.sql", "registration/sql/setup_version.sql", "registration/sql/waiting_count.sql"]);
      // One definition of each function in the whole tree of migrations.
      const defining = (fn: string) => scripts.filter((s) => new RegExp(`FUNCTION ${fn}\\(`).test(s.sql)).length;
      for (const fn of ["register_place", "register_place_if_current", "register_by_email", "register_by_email_if_current", "count_waiting", "registration_setup_changed", "events_next_setup_version", "hit_rate_limits_batch"]) expect(defining(fn), fn).toBe(1);
    });

    it("applies the repeatable scripts once, and again only when one has changed", async () => {
      const empty = driver === "postgres" ? await createEmptyPostgresDatabase() : undefined;
      const database = await opened(driver, { url: empty?.url });
      try {
        await database.migrate();
        const query = rawQuery(database);
        const recorded = async () => (await query(`select name, checksum, applied_at from schema_repeatables order by name`)).rows;
        const first = await recorded();
        expect(first.map((r) => [r.name, r.checksum])).toEqual(scripts.map((s) => [s.name, s.checksum]));

        await database.migrate();
        expect(await recorded()).toEqual(first);

        // As if register_place.sql had changed since it was applied: it is applied again.
        await query(`drop function register_place_if_current`);
        await query(`update schema_repeatables set checksum = 'earlier' where name = 'registration/sql/register_place.sql'`);
        await database.migrate();
        const again = await recorded();
        expect(again.find((r) => r.name === "registration/sql/register_place.sql")!.checksum).toBe(scripts.find((s) => s.name === "registration/sql/register_place.sql")!.checksum);
        expect(again.filter((r) => r.name !== "registration/sql/register_place.sql")).toEqual(first.filter((r) => r.name !== "registration/sql/register_place.sql"));
        expect((await query(`select count(*)::int as n from pg_proc where proname = 'register_place_if_current'`)).rows[0]!.n).toBe(1);
      } finally {
        await database.close();
        await empty?.drop();
      }
    });

    it("brings a database made by the earlier numbered migrations to the same schema as a new one", async () => {
      const dir = mkdtempSync(join(tmpdir(), "samverka-migrate-"));
      const earlier = driver === "postgres" ? await createEmptyPostgresDatabase() : undefined;
      const fresh = driver === "postgres" ? await createEmptyPostgresDatabase() : undefined;
      try {
        // The database as the previous release left it.
        if (driver === "pglite") {
          const lite = new PGlite(`${dir}/pglite`);
          await migratePglite(drizzlePglite(lite), { migrationsFolder: earlierMigrations });
          await lite.close();
        } else {
          const pool = new pg.Pool({ connectionString: earlier!.url });
          await migratePg(drizzlePg(pool), { migrationsFolder: earlierMigrations });
          await pool.end();
        }
        const upgraded = await opened(driver, { dir, url: earlier?.url });
        const made = await opened(driver, { url: fresh?.url });
        try {
          await upgraded.migrate();
          await made.migrate();
          const a = await catalog(rawQuery(upgraded));
          const b = await catalog(rawQuery(made));
          expect(a.functions.map((f) => f.proname)).toContain("register_place");
          expect(a).toEqual(b);
        } finally {
          await upgraded.close();
          await made.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
        await earlier?.drop();
        await fresh?.drop();
      }
    });

    if (driver === "postgres") {
      it("lets several instances start at once on a new database: they migrate one after the other", async () => {
        const empty = await createEmptyPostgresDatabase();
        const instances = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: empty.url, poolSize: 2 })));
        try {
          await Promise.all(instances.map((d) => d.migrate()));
          const query = rawQuery(instances[0]!);
          expect((await query(`select count(*)::int as n from schema_repeatables`)).rows[0]!.n).toBe(scripts.length);
          expect((await query(`select count(*)::int as n from drizzle.__drizzle_migrations`)).rows[0]!.n).toBeGreaterThan(5);
        } finally {
          await Promise.all(instances.map((d) => d.close()));
          await empty.drop();
        }
      });
    }
  });
}

