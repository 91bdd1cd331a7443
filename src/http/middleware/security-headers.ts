import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.js";

const DEFAULT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  // CSP Level 2 §7.7: forbids framing (clickjacking); X-Frame-Options for old browsers.
  "frame-ancestors 'none'",
].join("; ");

/** Security headers on every response (OWASP Secure Headers Project). */
export function securityHeaders(options: { hsts: boolean }): MiddlewareHandler<AppEnv> {
  return async function securityHeadersMiddleware(c, next) {
    await next();
    c.header("Content-Security-Policy", c.get("cspOverride") ?? DEFAULT_CSP);
    c.header("X-Content-Type-Options", "nosniff");
    c.header("X-Frame-Options", "DENY");
    // Login links carry a token in the URL; never send it to another site.
    c.header("Referrer-Policy", "same-origin");
    c.header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
    c.header("Cross-Origin-Opener-Policy", "same-origin");
    if (options.hsts) c.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  };
}
