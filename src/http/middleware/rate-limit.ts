import type { MiddlewareHandler } from "hono";
import { AppError } from "../errors.js";
import type { AppContext, AppEnv } from "../env.js";

export interface RateLimitRule {
  name: string;
  /** Requests allowed per window; a function reads it from configuration. */
  limit: number | ((c: AppContext) => number);
  windowMs: number;
  /** The key to count against; null means "this rule does not limit this request". */
  key: (c: AppContext) => Promise<string | null> | string | null;
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
    const now = deps.now().getTime();
    const counted: { rule: RateLimitRule; key: string }[] = [];
    for (const rule of rules) {
      const key = await rule.key(c);
      if (key !== null) counted.push({ rule, key: `${rule.name}:${key}` });
    }
    if (counted.length > 0) {
      const counts = await deps.rateLimits.hit(
        counted.map(({ rule, key }) => ({ key, windowMs: rule.windowMs })),
        now,
      );
      counted.forEach(({ rule, key }, i) => {
        const { count, resetAt } = counts[i]!;
        if (count > (typeof rule.limit === "number" ? rule.limit : rule.limit(c))) {
          c.header("Retry-After", String(Math.max(1, Math.ceil((resetAt - now) / 1000))));
          throw new AppError("rate_limited", 429, { logMessage: `rate limit ${key}` });
        }
      });
    }
    await next();
  };
}
