/**
 * The same data tests on both drivers: PGlite always, PostgreSQL when
 * TEST_DATABASE_URL is set (CI sets it). Each PostgreSQL test file gets its own
 * database, created and dropped here, so files can run in parallel.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, beforeAll, afterAll } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { importRegister } from "../../src/organisations/repository.js";

export type DriverName = "pglite" | "postgres";
export const pgUrl = process.env.TEST_DATABASE_URL;
export const drivers: DriverName[] = pgUrl ? ["pglite", "postgres"] : ["pglite"];

export interface TestDatabase extends Database {
  url?: string;
}

export async function openTestDatabase(driver: DriverName): Promise<TestDatabase> {
  let database: Database;
  let url: string | undefined;
  let drop: (() => Promise<void>) | undefined;
  if (driver === "pglite") {
    database = await openDatabase({ dataDir: "memory://" });
  } else {
    const empty = await createEmptyPostgresDatabase();
    url = empty.url;
    drop = empty.drop;
    database = await openDatabase({ databaseUrl: url, poolSize: 20 });
  }
  await database.migrate();
  await importRegister(database.db);
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      await drop?.();
    },
  };
}

/** A new, empty (unmigrated) database on the test PostgreSQL, and how to drop it. */
export async function createEmptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `samverka_t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(pgUrl!);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const a = new pg.Client({ connectionString: pgUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** Runs the suite once per driver, with a fresh migrated database each time. */
export function describeEachDriver(title: string, suite: (get: () => TestDatabase, driver: DriverName) => void) {
  for (const driver of drivers) {
    describe(`${title} [${driver}]`, () => {
      let database: TestDatabase;
      beforeAll(async () => {
        database = await openTestDatabase(driver);
      });
      afterAll(async () => {
        await database?.close();
      });
      suite(() => database, driver);
    });
  }
}
