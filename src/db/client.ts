import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { existsSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { lockFolder, type FolderLock } from "./folder-lock.js";
import { MIGRATION_LOCK_KEY, applyRepeatables, migrationsFolder, type ScriptRunner } from "./migrate.js";
import { startPgliteEngine, type EngineOptions } from "./pglite-engine.js";
import { copyTemplate, defaultTemplateCache, PgliteTemplates } from "./pglite-template.js";
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
  /** PGlite: the database was made by this open (initdb), neither found nor copied from a template. */
  fresh?: boolean;
  /**
   * PGlite: the same database in a new thread, this one's memory given back. Making a
   * database, migrating it and loading demo content leave PGlite's WebAssembly heap and
   * compiled code far larger than serving needs (measured: bench/footprint.ts). The
   * folder stays locked; this handle is closed.
   */
  reopen?(): Promise<Database>;
  migrate(): Promise<void>;
  /**
   * LISTEN on a notification channel: `onNotify` gets each NOTIFY's payload. On PostgreSQL
   * one dedicated connection (reconnected when lost, then `onNotify(null)`: something may
   * have been missed, read the table); on PGlite the session its connections share. Resolves to an unlisten.
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
  /**
   * PGlite: where migrated templates are kept (src/db/pglite-template.ts), so that a new
   * database starts migrated; false: a new database starts empty (initdb), to be migrated.
   */
  templates?: string | false;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir ?? "./data", options.purpose ?? "samverka", templateCacheOf(options.templates));
}

/** Where templates are kept, from openDatabase's `templates` option; false: nowhere. */
const templateCacheOf = (option: string | false | undefined): string | false => option ?? defaultTemplateCache() ?? false;

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  // A rush queues for a connection rather than failing; an unreachable server still fails at once (ECONNREFUSED).
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 30_000 });
  // Every LISTEN connection this database opened, so that close() ends them too.
  const listeners = new Set<() => Promise<void>>();
  return pooled(pool, {
    kind: "postgres",
    listen: (channel, onNotify) => listenOnPostgres(url, channel, onNotify, listeners),
    close: async () => {
      await Promise.all([...listeners].map((stop) => stop()));
      await pool.end();
    },
  });
}

/** Enough for the next queries to wait in PGlite's thread while one runs (measured: bench/rush.ts). */
const PGLITE_CONNECTIONS = 4;

/**
 * The embedded database: PGlite in a thread of its own (pglite-engine.ts), reached through
 * the same driver as PostgreSQL. Its connections take turns on PGlite's one session (a
 * transaction holds it until it ends); a few are enough to keep PGlite busy, and are kept open.
 */
async function openPglite(dataDir: string, purpose: string, cache: string | false): Promise<Database> {
  const inMemory = dataDir.startsWith("memory://");
  const path = inMemory ? dataDir : `${dataDir.replace(/\/$/, "")}/pglite`;
  // Before PGlite touches the files: a second process refuses here (FolderLockedError).
  const lock = inMemory ? undefined : lockFolder(dataDir, purpose);
  try {
    const empty = inMemory || !existsSync(join(path, "PG_VERSION"));
    const template = empty && cache ? await startFromTemplate(new PgliteTemplates(cache, templateMaker().make), path, inMemory) : null;
    return await pgliteOn(path, lock, empty && !template, template ?? {});
  } catch (err) {
    lock?.release();
    throw err;
  }
}

/**
 * A new database made from the migrated template: copied into `path` when the template
 * has been made (a database on disk does not wait for it: see makePgliteTemplate), or,
 * for one in memory, loaded from the template's tar (made first if need be). Null: the
 * database is to be made as PGlite makes it, and migrated as usual.
 */
async function startFromTemplate(templates: PgliteTemplates, path: string, inMemory: boolean): Promise<EngineOptions | null> {
  try {
    if (inMemory) return { load: await templates.tar() };
    const folder = templates.existing();
    if (folder && copyTemplate(folder, path)) return {};
  } catch (err) {
    console.warn(`[db] no migrated template for a new database (${err instanceof Error ? err.message : err}); making it from the start`);
  }
  return null;
}

/** Making a template, stopped (its thread closed, its unfinished folder removed) when the process stops. */
export interface TemplateMaking {
  done: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Makes the migrated template new PGlite databases are copied from, in a thread of its
 * own, if `cache` (as openDatabase's `templates`) has none yet: after a database was made
 * from the start, so that the next one is not. Null where templates are not kept.
 */
export function makePgliteTemplate(cache: string | false | undefined): TemplateMaking | null {
  const where = templateCacheOf(cache);
  if (!where) return null;
  const maker = templateMaker();
  const done = new PgliteTemplates(where, maker.make).folder().then(
    () => {},
    (err) => {
      if (!maker.stopped) console.warn(`[db] the migrated template for new databases could not be made: ${err instanceof Error ? err.message : err}`);
    },
  );
  return {
    done,
    stop: async () => {
      await maker.stop();
      await done;
    },
  };
}

/** What makes a template: the database in a folder (made there when there is none), migrated, closed; stoppable. */
function templateMaker() {
  let current: Database | null = null;
  const state = {
    stopped: false,
    make: async (folder: string, dumpTo?: string): Promise<void> => {
      const database = await pgliteOn(folder, undefined, !existsSync(join(folder, "PG_VERSION")), dumpTo ? { dumpTo } : {});
      current = database;
      try {
        if (state.stopped) throw new Error("stopped");
        await database.migrate();
      } finally {
        current = null;
        await database.close();
      }
      if (dumpTo && !existsSync(dumpTo)) throw new Error("PGlite did not write the template's tar");
    },
    stop: async () => {
      state.stopped = true;
      await current?.close();
    },
  };
  return state;
}

/** PGlite's thread on `path`, and a pool to it; the folder's lock is released when it closes (not when it is reopened). */
async function pgliteOn(path: string, lock: FolderLock | undefined, fresh: boolean, options: EngineOptions = {}): Promise<Database> {
  const engine = await startPgliteEngine(path, options);
  const pool = new pg.Pool({ max: PGLITE_CONNECTIONS, idleTimeoutMillis: 0, connectionTimeoutMillis: 30_000, user: "postgres", database: "template1", stream: () => engine.connect() });
  let stopped: Promise<void> | null = null;
  const stop = () =>
    (stopped ??= (async () => {
      await pool.end();
      await engine.close();
    })());
  return pooled(pool, {
    kind: "pglite",
    ...(lock ? { lock } : {}),
    fresh,
    // In memory, a new thread would be a new, empty database.
    ...(path.startsWith("memory://")
      ? {}
      : {
          reopen: async () => {
            await stop();
            return pgliteOn(path, lock, false);
          },
        }),
    listen: listenOnSession(pool),
    close: async () => {
      try {
        await stop();
      } finally {
        lock?.release();
      }
    },
  });
}

/** What both kinds share: drizzle over a node-postgres pool, migrated under an advisory lock. */
function pooled(pool: pg.Pool, own: Pick<Database, "kind" | "lock" | "fresh" | "reopen" | "listen" | "close">): Database {
  // A client losing its connection (database restart) must not crash the process: idle
  // ones report to the pool, checked-out ones to themselves; their queries fail with 503.
  pool.on("error", (err) => console.warn(`[db] idle ${own.kind} client error: ${err.message}`));
  pool.on("connect", (client) => {
    client.on("error", (err) => console.warn(`[db] ${own.kind} connection lost: ${err.message}`));
  });
  let closing: Promise<void> | null = null;
  return {
    ...own,
    // Closed once, however many times asked (a second signal while stopping).
    close: () => (closing ??= own.close()),
    db: drizzlePg(pool, { schema }) as unknown as Db,
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
          await applyRepeatables(scriptRunner(client));
        } finally {
          await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
        }
      } finally {
        client.release();
      }
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

/**
 * LISTEN on PGlite: its one session is shared by the pool's connections, so LISTEN holds
 * for all of them, and a notification arrives on whichever connection ran the query
 * after which PGlite delivers it. Every connection hands its notifications on.
 */
function listenOnSession(pool: pg.Pool): Database["listen"] {
  const subscribers = new Map<string, Set<(payload: string | null) => void>>();
  pool.on("connect", (client) => {
    client.on("notification", (n) => {
      for (const onNotify of subscribers.get(n.channel) ?? []) onNotify(n.payload ?? "");
    });
  });
  return async (channel, onNotify) => {
    let set = subscribers.get(channel);
    if (!set) {
      subscribers.set(channel, (set = new Set()));
      await pool.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    }
    set.add(onNotify);
    return async () => {
      set.delete(onNotify);
      if (set.size > 0 || subscribers.get(channel) !== set) return;
      subscribers.delete(channel);
      await pool.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => {});
    };
  };
}

function scriptRunner(client: pg.PoolClient): ScriptRunner {
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
