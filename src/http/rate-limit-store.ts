/**
 * Where rate-limit counters live. On PostgreSQL they are rows of one table, so that
 * every app instance counts against the same windows (the counting is the SQL function
 * hit_rate_limits_batch, src/http/sql/rate_limits.sql); on PGlite (one process owns the
 * database) in this process's memory. Both count the same way: a fixed window per key
 * that starts with the key's first request and lasts `windowMs`.
 */
import { sql } from "drizzle-orm";
import { preparedPerDb, type Database, type Db } from "../db/client.js";
import { rateLimitWindows } from "../db/schema.js";
import { AppError } from "./errors.js";

export interface LimitCheck {
  /** Counter id, e.g. "login:email:anna@region.se". Distinct within one check. */
  key: string;
  windowMs: number;
  /** Requests allowed in the window. */
  limit: number;
}

export interface RateLimitStore {
  /** Counts one request against each key; answers when the latest window it is over ends (ms since 1970), or null. */
  check(checks: LimitCheck[], now: number): Promise<number | null>;
  /** Forgets windows that have ended. */
  sweep(now: number): Promise<void>;
}

/** Windows kept in memory before ended ones are looked for. */
const SWEEP_ABOVE = 10_000;

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  /**
   * Ended windows are swept when there are more than this many; then not again until
   * twice as many are kept, so that a rush of distinct keys whose windows all still run
   * (an hour per e-mail) is not swept on every request: each check stays O(1) on average.
   */
  private sweepAbove = SWEEP_ABOVE;

  async check(checks: LimitCheck[], now: number): Promise<number | null> {
    if (this.windows.size > this.sweepAbove) {
      await this.sweep(now);
      this.sweepAbove = Math.max(SWEEP_ABOVE, 2 * this.windows.size);
    }
    let blockedUntil: number | null = null;
    for (const { key, windowMs, limit } of checks) {
      let w = this.windows.get(key);
      if (!w || w.resetAt <= now) this.windows.set(key, (w = { count: 0, resetAt: now + windowMs }));
      w.count++;
      if (w.count > limit) blockedUntil = Math.max(blockedUntil ?? 0, w.resetAt);
    }
    return blockedUntil;
  }

  async sweep(now: number): Promise<void> {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }
}

interface PendingCheck {
  checks: LimitCheck[];
  now: number;
  resolve(blockedUntil: number | null): void;
  reject(err: unknown): void;
}

/** Requests counted in one statement at most; more wait for the next. */
const MAX_BATCH = 500;

/** The arguments of hit_rate_limits_batch for these requests (the driver writes the arrays). */
function batchArguments(batch: PendingCheck[]) {
  const args = { requests: [] as number[], keys: [] as string[], windowEnds: [] as string[], limits: [] as number[], now: new Date(Math.max(...batch.map((p) => p.now))).toISOString() };
  batch.forEach((p, request) => {
    for (const c of p.checks) {
      args.requests.push(request);
      args.keys.push(c.key);
      args.windowEnds.push(new Date(p.now + c.windowMs).toISOString());
      args.limits.push(c.limit);
    }
  });
  return args;
}

const hitStatement = preparedPerDb((db) =>
  db
    .select({ request: sql<number>`b.request`, blockedUntil: sql<string | null>`b.blocked_until` })
    .from(
      sql`hit_rate_limits_batch(${sql.placeholder("requests")}::integer[], ${sql.placeholder("keys")}::text[], ${sql.placeholder("windowEnds")}::timestamptz[], ${sql.placeholder("limits")}::integer[], ${sql.placeholder("now")}::timestamptz) as b`,
    )
    .prepare("hit_rate_limits_batch"),
);

/**
 * Counts in the database, so that every instance counts against the same windows. The
 * requests that arrive while a count is under way are counted together in the next one
 * (as a database commits a group of transactions at once): a rush from one address costs
 * a statement per batch, not one per request, on the one row every request of it locks.
 * A request alone is counted at once.
 */
export class PostgresRateLimitStore implements RateLimitStore {
  private waiting: PendingCheck[] = [];
  private counting = false;

  constructor(private readonly db: Db) {}

  check(checks: LimitCheck[], now: number): Promise<number | null> {
    if (checks.length === 0) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      this.waiting.push({ checks, now, resolve, reject });
      if (!this.counting) void this.countWaiting();
    });
  }

  private async countWaiting(): Promise<void> {
    this.counting = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, MAX_BATCH);
        try {
          const rows = await hitStatement(this.db).execute(batchArguments(batch));
          const blocked = new Map(rows.map((r) => [Number(r.request), r.blockedUntil]));
          batch.forEach((p, request) => {
            const until = blocked.get(request);
            p.resolve(until ? new Date(until).getTime() : null);
          });
        } catch (err) {
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.counting = false;
    }
  }

  async sweep(now: number): Promise<void> {
    await this.db.delete(rateLimitWindows).where(sql`${rateLimitWindows.resetAt} <= ${new Date(now).toISOString()}::timestamptz`);
  }
}

export function rateLimitStoreFor(database: Pick<Database, "kind" | "db">): RateLimitStore {
  return database.kind === "postgres" ? new PostgresRateLimitStore(database.db) : new MemoryRateLimitStore();
}

export const rateLimited = (blockedUntil: number, now: number, logMessage: string) =>
  new AppError("rate_limited", 429, { retryAfterSeconds: Math.max(1, Math.ceil((blockedUntil - now) / 1000)), logMessage });

/**
 * The limits of one request, counted exactly once whatever path it takes: `enforce`
 * before it changes anything (refusing with 429 when over a limit, and again on any later
 * attempt of the same request, such as one made afresh after a kept setup changed). (Counting inside the registering statement
 * was tried: one round trip less, but the client address's row stays locked for the
 * whole registration, and a rush from one address got slower, not faster.)
 */
export class PendingLimits {
  consumed = false;
  /** Once refused, every later attempt of the same request is refused the same way. */
  private refusal: AppError | null = null;
  constructor(
    readonly store: RateLimitStore,
    readonly checks: LimitCheck[],
    readonly now: number,
  ) {}

  /** Counts now and refuses (429) when over a limit. */
  async enforce(): Promise<void> {
    if (this.refusal) throw this.refusal;
    if (this.consumed) return;
    this.consumed = true;
    const blockedUntil = await this.store.check(this.checks, this.now);
    if (blockedUntil !== null) this.refuse(blockedUntil);
  }

  private refuse(blockedUntil: number): never {
    this.refusal = rateLimited(blockedUntil, this.now, `rate limit ${this.checks.map((c) => c.key).join(", ")}`);
    throw this.refusal;
  }
}
