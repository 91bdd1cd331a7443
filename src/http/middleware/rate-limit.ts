import type { MiddlewareHandler } from "hono";
import type { AppContext, AppEnv } from "../env.js";
import { clientIp } from "../client-ip.js";
import { PendingLimits, type LimitCheck } from "../rate-limit-store.js";

export interface RateLimitRule {
  name: string;
  /** Requests allowed per window; a function reads it from configuration. */
  limit: number | ((c: AppContext) => number);
  windowMs: number;
  /** The key to count against; null means "this rule does not limit this request". */
  key: (c: AppContext) => Promise<string | null> | string | null;
}

/** The checks of these rules for this request, one per rule that applies. */
export async function limitChecks(c: AppContext, rules: RateLimitRule[]): Promise<LimitCheck[]> {
  const checks: LimitCheck[] = [];
  for (const rule of rules) {
    const key = await rule.key(c);
    if (key !== null) checks.push({ key: `${rule.name}:${key}`, windowMs: rule.windowMs, limit: typeof rule.limit === "number" ? rule.limit : rule.limit(c) });
  }
  return checks;
}

/**
 * Fixed-window counters, one per rule and key, kept in the app's RateLimitStore
 * (deps.rateLimits: shared by every instance on PostgreSQL, in memory on PGlite). All
 * rules of one middleware are counted in one round trip. Over any limit: 429 with
 * Retry-After (RFC 9110 §10.2.3, RFC 6585 §4).
 */
export function rateLimit(...rules: RateLimitRule[]): MiddlewareHandler<AppEnv> {
  return async function rateLimitMiddleware(c, next) {
    const deps = c.get("deps");
    await new PendingLimits(deps.rateLimits, await limitChecks(c, rules), deps.now().getTime()).enforce();
    await next();
  };
}

/** A form open to all (ideas, follows, nominations): counted per address, across instances on PostgreSQL. */
export const openFormLimit = (name: string, perHour: number) => rateLimit({ name, limit: perHour, windowMs: 3_600_000, key: (c) => `ip:${clientIp(c)}` });
