import type { MiddlewareHandler } from "hono";
import { AppError } from "../errors.js";
import type { AppContext, AppEnv } from "../env.js";

export interface RateLimitOptions {
  name: string;
  /** Requests allowed per window; a function reads it from configuration. */
  limit: number | ((c: AppContext) => number);
  windowMs: number;
  /** The key(s) to count against; null means "do not limit this request". */
  keys: (c: AppContext) => Promise<(string | null)[]> | (string | null)[];
}

/**
 * Fixed-window counter per key, in process memory. Enough for one instance; several
 * instances each count on their own (noted in the README). Answers 429 with
 * Retry-After (RFC 9110 §10.2.3).
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler<AppEnv> {
  // Counters belong to one app instance (its deps), so two apps in one process do not share them.
  const perApp = new WeakMap<object, Map<string, { count: number; resetAt: number }>>();
  return async function rateLimitMiddleware(c, next) {
    const deps = c.get("deps");
    let windows = perApp.get(deps);
    if (!windows) perApp.set(deps, (windows = new Map()));
    const now = deps.now().getTime();
    if (windows.size > 10_000) {
      for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
    }
    for (const key of await options.keys(c)) {
      if (key === null) continue;
      const id = `${options.name}:${key}`;
      let w = windows.get(id);
      if (!w || w.resetAt <= now) {
        w = { count: 0, resetAt: now + options.windowMs };
        windows.set(id, w);
      }
      w.count++;
      if (w.count > (typeof options.limit === "number" ? options.limit : options.limit(c))) {
        c.header("Retry-After", String(Math.ceil((w.resetAt - now) / 1000)));
        throw new AppError("rate_limited", 429, { logMessage: `rate limit ${options.name} for ${key}` });
      }
    }
    await next();
  };
}
