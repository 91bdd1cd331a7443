import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { lockFolder, type FolderLock } from "./folder-lock.js";
import { MIGRATION_LOCK_KEY, applyRepeatables, migrationsFolder, type ScriptRunner } from "./migrate.js";
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
  /** PGlite on a folder: this process's lock on it (src/db/folder-lock.ts). */
  lock?: FolderLock;
  migrate(): Promise<void>;
  /**
   * LISTEN on a notification channel: `onNotify` gets each NOTIFY's payload. On PostgreSQL
   * one dedicated connection (reconnected when lost, then `onNotify(null)`: something may
   * have been missed, read the table); on PGlite its own listen. Resolves to an unlisten.
   */
  listen(channel: string, onNotify: (payload: string | null) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent the embedded PGlite is used. */
  databaseUrl?: string;
  /** Folder for PGlite's files; "memory://" keeps it in memory (tests). */
  dataDir?: string;
  poolSize?: number;
  /** Who opens a PGlite folder ("server", "cli", …), written in its lock. */
  purpose?: string;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir ?? "./data", options.purpose ?? "samverka");
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
  // Every LISTEN connection this database opened, so that close() ends them too.
  const listeners = new Set<() => Promise<void>>();
  return {
    db,
    kind: "postgres",
    ping: async () => {
      await pool.query("select 1");
    },
    migrate: async () => {
      // One connection for the whole run, holding the advisory lock (src/db/migrate.ts).
      const client = await pool.connect();
      try {
        await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
        try {
          await migratePg(drizzlePg(client), { migrationsFolder });
          await applyRepeatables(postgresRunner(client));
        } finally {
          await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
        }
      } finally {
        client.release();
      }
    },
    listen: (channel, onNotify) => listenOnPostgres(url, channel, onNotify, listeners),
    close: async () => {
      await Promise.all([...listeners].map((stop) => stop()));
      await pool.end();
    },
  };
}

async function listenOnPostgres(url: string, channel: string, onNotify: (payload: string | null) => void, listeners: Set<() => Promise<void>>): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;
  const connect = async (again: boolean): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on("notification", (n) => {
      if (n.channel === channel) onNotify(n.payload ?? "");
    });
    c.on("error", (err) => {
      console.warn(`[db] LISTEN connection lost: ${err.message}`);
      if (client === c) client = null;
      if (!stopped && !retry) retry = setTimeout(reconnect, 1000);
    });
    await c.connect();
    await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    if (stopped) {
      await c.end().catch(() => {});
      return;
    }
    client = c;
    // Notifications sent while no connection listened are gone: the listener reads its table.
    if (again) onNotify(null);
  };
  const reconnect = () => {
    retry = null;
    if (stopped) return;
    connect(true).catch(() => {
      if (!stopped && !retry) retry = setTimeout(reconnect, 1000);
    });
  };
  await connect(false);
  const stop = async () => {
    stopped = true;
    listeners.delete(stop);
    if (retry) clearTimeout(retry);
    retry = null;
    const c = client;
    client = null;
    await c?.end().catch(() => {});
  };
  listeners.add(stop);
  return stop;
}

async function openPglite(dataDir: string, purpose: string): Promise<Database> {
  const inMemory = dataDir.startsWith("memory://");
  // Before PGlite touches the files: a second process refuses here (FolderLockedError).
  const lock = inMemory ? undefined : lockFolder(dataDir, purpose);
  let client: PGlite;
  try {
    client = new PGlite(inMemory ? dataDir : `${dataDir.replace(/\/$/, "")}/pglite`);
    await client.waitReady;
  } catch (err) {
    lock?.release();
    throw err;
  }
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
    ...(lock ? { lock } : {}),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    migrate: async () => {
      await migratePglite(drizzlePglite(client), { migrationsFolder });
      await applyRepeatables(pgliteRunner(client));
    },
    listen: async (channel, onNotify) => {
      const unlisten = await client.listen(channel, (payload) => onNotify(payload));
      return async () => unlisten();
    },
    close: async () => {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

function postgresRunner(client: pg.PoolClient): ScriptRunner {
  return {
    query: async (text, params) => client.query(text, params) as never,
    runInTransaction: async (script, record) => {
      await client.query("BEGIN");
      try {
        await client.query(script); // no parameters: the simple protocol runs every statement
        await client.query(record.text, record.params);
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw err;
      }
    },
  };
}

function pgliteRunner(client: PGlite): ScriptRunner {
  return {
    query: async (text, params) => client.query(text, params) as never,
    runInTransaction: (script, record) =>
      client.transaction(async (tx) => {
        await tx.exec(script);
        await tx.query(record.text, record.params);
      }),
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
