import type { Context, MiddlewareHandler } from "hono";
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

/**
 * For a page made to be shown in an iframe on other sites (a plan's figures on a region's
 * website): any site may frame it (CSP Level 2 §7.7 frame-ancestors), and nothing else changes.
 */
export function allowFraming(c: Context<AppEnv>): void {
  c.set("cspOverride", DEFAULT_CSP.replace("frame-ancestors 'none'", "frame-ancestors *"));
  c.header("X-Frame-Options", undefined);
}

/** For a page that embeds players from other sites (recordings): frames from exactly these origins. */
export function allowFrameSources(c: Context<AppEnv>, origins: string[]): void {
  c.set("cspOverride", `${DEFAULT_CSP}; frame-src ${origins.join(" ")}`);
}

/**
 * Security headers on every response (OWASP Secure Headers Project). They are set before
 * the handler runs, so the response is made with them: setting a header on a finished
 * response makes Hono copy the whole response, once per header. A response a handler made
 * itself (new Response) does not carry them yet and gets them afterwards.
 */
export function securityHeaders(options: { hsts: boolean }): MiddlewareHandler<AppEnv> {
  const fixed: [string, string][] = [
    ["X-Content-Type-Options", "nosniff"],
    ["X-Frame-Options", "DENY"],
    // Login links carry a token in the URL; never send it to another site.
    ["Referrer-Policy", "same-origin"],
    ["Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"],
    ["Cross-Origin-Opener-Policy", "same-origin"],
    ...(options.hsts ? ([["Strict-Transport-Security", "max-age=31536000; includeSubDomains"]] as [string, string][]) : []),
  ];
  return async function securityHeadersMiddleware(c, next) {
    for (const [name, value] of fixed) c.header(name, value);
    c.header("Content-Security-Policy", DEFAULT_CSP);
    await next();
    const csp = c.get("cspOverride") ?? DEFAULT_CSP;
    if (!c.res.headers.has("X-Content-Type-Options")) {
      for (const [name, value] of fixed) c.header(name, value);
      c.header("Content-Security-Policy", csp);
    } else if (c.res.headers.get("Content-Security-Policy") !== csp) {
      c.header("Content-Security-Policy", csp);
    }
  };
}
