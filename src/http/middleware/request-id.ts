import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.js";

/** A correlation id per request: in the log, in the X-Request-Id header and in 500 pages. */
export function requestId(): MiddlewareHandler<AppEnv> {
  return async function requestIdMiddleware(c, next) {
    const id = randomUUID().slice(0, 8);
    c.set("requestId", id);
    c.header("X-Request-Id", id);
    await next();
  };
}
