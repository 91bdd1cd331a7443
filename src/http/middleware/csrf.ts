import { randomBytes, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { AppError } from "../errors.js";
import { getCookie, setSecureCookie } from "../cookies.js";
import type { AppEnv } from "../env.js";

const CSRF_COOKIE = "sv_csrf";
export const CSRF_FIELD = "_csrf";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * CSRF protection for the HTML forms, two ways at once:
 * - the browser's own word: a cross-site Sec-Fetch-Site or a foreign Origin is refused;
 * - a token: an httpOnly cookie that must match the hidden form field (double submit;
 *   OWASP CSRF Prevention Cheat Sheet). A page on another site can read neither.
 * The JSON API is exempt: it authenticates with Bearer tokens, never with cookies.
 */
export function csrf(): MiddlewareHandler<AppEnv> {
  return async function csrfMiddleware(c, next) {
    // The API answers machines with Bearer tokens: no cookie to set, nothing to compare.
    if (c.req.path.startsWith("/api/")) return next();
    let token = getCookie(c, CSRF_COOKIE);
    if (!token || !/^[A-Za-z0-9_-]{32,64}$/.test(token)) {
      token = randomBytes(24).toString("base64url");
      setSecureCookie(c, CSRF_COOKIE, token);
    }
    c.set("csrfToken", token);

    if (SAFE_METHODS.has(c.req.method)) return next();

    const site = c.req.header("sec-fetch-site");
    if (site === "cross-site") throw new AppError("csrf_failed", 403, { logMessage: "cross-site form post" });
    const origin = c.req.header("origin");
    if (origin && origin !== "null") {
      const host = c.req.header("host");
      let originHost: string | null = null;
      try {
        originHost = new URL(origin).host;
      } catch {
        originHost = null;
      }
      if (!host || originHost !== host) {
        throw new AppError("csrf_failed", 403, { logMessage: `foreign origin ${origin}` });
      }
    }
    const type = c.req.header("content-type") ?? "";
    if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
      throw new AppError("unsupported_media_type", 415);
    }
    // A streamed upload's route compares the token, its first field, before it reads a file.
    if (c.get("streamedUpload")) return next();
    const body = await c.req.parseBody();
    const sent = body[CSRF_FIELD];
    if (typeof sent !== "string" || !equal(sent, token)) {
      throw new AppError("csrf_failed", 403, { logMessage: "csrf token mismatch" });
    }
    return next();
  };
}
