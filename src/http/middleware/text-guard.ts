import type { MiddlewareHandler } from "hono";
import { AppError } from "../errors.js";
import type { AppEnv } from "../env.js";

/** True when a string anywhere in the value (keys included) holds a NUL character. */
export function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (depth > 64 || value === null || typeof value !== "object") return false;
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes("\u0000") || containsNul(inner, depth + 1)) return true;
  }
  return false;
}

const nulRefused = () => new AppError("invalid_text", 400, { logMessage: "NUL character in request" });

/**
 * PostgreSQL text cannot hold the NUL character (U+0000), and no person types one. A
 * request that carries it (in the address, a form field or a JSON body) is refused here,
 * once for every route, before anything is read or written.
 */
export function rejectNulCharacters(): MiddlewareHandler<AppEnv> {
  return async function rejectNulMiddleware(c, next) {
    if (/%00/.test(c.req.url)) throw nulRefused();
    if (c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "OPTIONS") return next();
    const type = c.req.header("content-type") ?? "";
    // A streamed upload's fields are checked by its route (a file's bytes may well hold NUL).
    if (c.get("streamedUpload")) return next();
    if (/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
      if (containsNul(await c.req.parseBody({ all: true }))) throw nulRefused();
    } else if (/^application\/(.+\+)?json/i.test(type)) {
      const text = await c.req.text();
      // Parsed here only when a NUL may be in it (raw, or escaped as \u0000).
      if (!text.includes("\u0000") && !/\\u0000/i.test(text)) return next();
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return next(); // the route's own validator answers invalid_json
      }
      if (containsNul(parsed)) throw nulRefused();
    }
    return next();
  };
}
