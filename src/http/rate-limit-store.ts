/**
 * Where rate-limit counters live. On PostgreSQL they are rows of one table, so that
 * every app instance counts against the same windows; on PGlite (one process owns the
 * database) in this process's memory. Both count the same way: a fixed window per key
 * that starts with the key's first request and lasts `windowMs`.
 */
import { sql } from "drizzle-orm";
import { preparedPerDb, type Database, type Db } from "../db/client.js";
import { rateLimitWindows } from "../db/schema.js";

export interface Hit {
  /** Counter id, e.g. "login:email:anna@region.se". */
  key: string;
  windowMs: number;
}

export interface Count {
  count: number;
  /** When the window ends, in ms since 1970. */
  resetAt: number;
}

export interface RateLimitStore {
  /** Counts one request against each key (distinct keys) and answers each key's count in its window. */
  hit(hits: Hit[], now: number): Promise<Count[]>;
  /** Forgets windows that have ended. */
  sweep(now: number): Promise<void>;
}

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, Count>();

  async hit(hits: Hit[], now: number): Promise<Count[]> {
    if (this.windows.size > 10_000) await this.sweep(now);
    return hits.map(({ key, windowMs }) => {
      let w = this.windows.get(key);
      if (!w || w.resetAt <= now) this.windows.set(key, (w = { count: 0, resetAt: now + windowMs }));
      w.count++;
      return { ...w };
    });
  }

  async sweep(now: number): Promise<void> {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }
}

const MAX_KEYS = 4;

/** One statement counts every key of a request: insert the window, or count on in it, or start it anew. */
const hitStatement = Array.from({ length: MAX_KEYS }, (_, index) =>
  preparedPerDb((db) => {
    const n = index + 1;
    const t = rateLimitWindows;
    const now = sql`${sql.placeholder("now")}::timestamptz`;
    return db
      .insert(t)
      .values(Array.from({ length: n }, (_, i) => ({ key: sql.placeholder(`k${i}`), count: 1, resetAt: sql`${sql.placeholder(`r${i}`)}::timestamptz` })))
      .onConflictDoUpdate({
        target: t.key,
        set: {
          count: sql`CASE WHEN ${t.resetAt} <= ${now} THEN 1 ELSE ${t.count} + 1 END`,
          resetAt: sql`CASE WHEN ${t.resetAt} <= ${now} THEN excluded.reset_at ELSE ${t.resetAt} END`,
        },
      })
      .returning({ key: t.key, count: t.count, resetAt: t.resetAt })
      .prepare(`rate_limit_hit_${n}`);
  }),
);

export class PostgresRateLimitStore implements RateLimitStore {
  constructor(private readonly db: Db) {}

  async hit(hits: Hit[], now: number): Promise<Count[]> {
    if (hits.length === 0) return [];
    if (hits.length > MAX_KEYS) throw new Error(`at most ${MAX_KEYS} rate-limit keys per request`);
    // Rows are locked in key order, so two requests counting the same keys never deadlock.
    const sorted = [...hits].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const params: Record<string, string> = { now: new Date(now).toISOString() };
    sorted.forEach((h, i) => {
      params[`k${i}`] = h.key;
      params[`r${i}`] = new Date(now + h.windowMs).toISOString();
    });
    const rows = await hitStatement[sorted.length - 1]!(this.db).execute(params);
    const byKey = new Map(rows.map((r) => [r.key, { count: r.count, resetAt: new Date(r.resetAt).getTime() }]));
    return hits.map((h) => byKey.get(h.key)!);
  }

  async sweep(now: number): Promise<void> {
    await this.db.delete(rateLimitWindows).where(sql`${rateLimitWindows.resetAt} <= ${new Date(now).toISOString()}::timestamptz`);
  }
}

export function rateLimitStoreFor(database: Pick<Database, "kind" | "db">): RateLimitStore {
  return database.kind === "postgres" ? new PostgresRateLimitStore(database.db) : new MemoryRateLimitStore();
}
