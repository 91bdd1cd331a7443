import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as schema from "./schema.js";

export type Schema = typeof schema;
/** The driver-independent database handle every module works with. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = "pglite" | "postgres";

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** Resolves when the database answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

export interface OpenOptions {
  /** postgres:// URL; when absent the embedded PGlite is used. */
  databaseUrl?: string;
  /** Folder for PGlite's files; "memory://" keeps it in memory (tests). */
  dataDir?: string;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir ?? "./data");
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  // A rush queues for a connection rather than failing; an unreachable server still fails at once (ECONNREFUSED).
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 30_000 });
  // A client losing its connection (database restart) must not crash the process: idle
  // ones report to the pool, checked-out ones to themselves; their queries fail with 503.
  pool.on("error", (err) => console.warn(`[db] idle PostgreSQL client error: ${err.message}`));
  pool.on("connect", (client) => {
    client.on("error", (err) => console.warn(`[db] PostgreSQL connection lost: ${err.message}`));
  });
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: "postgres",
    ping: async () => {
      await pool.query("select 1");
    },
    migrate: () => migratePg(drizzlePg(pool), { migrationsFolder }),
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith("memory://");
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const client = new PGlite(inMemory ? dataDir : `${dataDir.replace(/\/$/, "")}/pglite`);
  await client.waitReady;
  // PGlite computes in this thread, one query at a time. The queries are run one per turn
  // of the event loop, in arrival order, so that between two of them the server reads,
  // answers and accepts connections, instead of running every queued query back to back.
  const query = client.query.bind(client);
  let previous: Promise<unknown> = Promise.resolve();
  client.query = ((...args: Parameters<typeof query>) => {
    const run = previous.then(() => new Promise((resolve) => setImmediate(resolve))).then(() => query(...args));
    previous = run.catch(() => undefined);
    return run;
  }) as typeof client.query;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder }),
    close: () => client.close(),
  };
}

/**
 * A query built once per database handle and run many times: drizzle's prepared
 * statement, named, so PostgreSQL also parses and plans it once per connection. For the
 * busiest paths (a registration rush), where building the query is a large part of the work.
 */
export function preparedPerDb<Prepared>(build: (db: Db) => Prepared): (db: Db) => Prepared {
  const built = new WeakMap<Db, Prepared>();
  return (db) => {
    let prepared = built.get(db);
    if (!prepared) built.set(db, (prepared = build(db)));
    return prepared;
  };
}
