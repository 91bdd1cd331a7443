import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { isLocale, translator, type Locale } from "../../i18n/messages.js";
import type { AppEnv } from "../env.js";

export const LOCALE_COOKIE = "sv_lang";

/**
 * Swedish first. Pages use the remembered choice (cookie); the API also honours
 * `?lang=` and Accept-Language so that machine clients get messages they can show.
 */
export function locale(): MiddlewareHandler<AppEnv> {
  return async function localeMiddleware(c, next) {
    let chosen: Locale = "sv";
    const fromQuery = c.req.query("lang");
    const fromCookie = getCookie(c, LOCALE_COOKIE);
    if (isLocale(fromQuery)) chosen = fromQuery;
    else if (isLocale(fromCookie)) chosen = fromCookie;
    else if (c.req.path.startsWith("/api/")) {
      const accept = c.req.header("accept-language")?.toLowerCase() ?? "";
      if (/^\s*en\b/.test(accept)) chosen = "en";
    }
    c.set("locale", chosen);
    c.set("t", translator(chosen));
    c.header("Content-Language", chosen); // before the response is made (see security-headers.ts)
    await next();
  };
}
