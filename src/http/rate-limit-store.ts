/**
 * Where rate-limit counters live. On PostgreSQL they are rows of one table, so that
 * every app instance counts against the same windows (the counting is the SQL function
 * hit_rate_limits, src/http/sql/rate_limits.sql); on PGlite (one process owns the
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

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  async check(checks: LimitCheck[], now: number): Promise<number | null> {
    if (this.windows.size > 10_000) await this.sweep(now);
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

/** The arguments of hit_rate_limits for these checks (the driver writes the arrays). */
function limitArguments(checks: LimitCheck[], now: number) {
  return {
    keys: checks.map((c) => c.key),
    windowEnds: checks.map((c) => new Date(now + c.windowMs).toISOString()),
    limits: checks.map((c) => c.limit),
  };
}

const hitStatement = preparedPerDb((db) =>
  db
    .select({ blockedUntil: sql<string | null>`hit_rate_limits(${sql.placeholder("keys")}::text[], ${sql.placeholder("windowEnds")}::timestamptz[], ${sql.placeholder("limits")}::integer[], ${sql.placeholder("now")}::timestamptz)` })
    .from(sql`(select 1) as one`)
    .prepare("hit_rate_limits"),
);

export class PostgresRateLimitStore implements RateLimitStore {
  constructor(private readonly db: Db) {}

  async check(checks: LimitCheck[], now: number): Promise<number | null> {
    if (checks.length === 0) return null;
    const [row] = await hitStatement(this.db).execute({ ...limitArguments(checks, now), now: new Date(now).toISOString() });
    return row?.blockedUntil ? new Date(row.blockedUntil).getTime() : null;
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
