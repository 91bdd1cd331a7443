import type { MiddlewareHandler } from "hono";
import { getCookie } from "../http/cookies.js";
import type { AppEnv } from "../http/env.js";
import { unauthenticated } from "../http/errors.js";
import { actorFromApiToken, actorFromSession } from "./repository.js";

export const SESSION_COOKIE = "sv_session";

/**
 * Who is asking: pages use the session cookie, the API only a Bearer token
 * (RFC 6750 §2.1), so that a cookie can never authorise a cross-site API call.
 */
export function loadActor(): MiddlewareHandler<AppEnv> {
  return async function loadActorMiddleware(c, next) {
    const { db, now } = c.get("deps");
    c.set("actor", null);
    if (c.req.path.startsWith("/api/")) {
      const header = c.req.header("authorization");
      if (header) {
        const m = /^Bearer\s+([A-Za-z0-9_-]{10,200})$/i.exec(header.trim());
        const actor = m ? await actorFromApiToken(db, m[1]!, now()) : null;
        if (!actor) {
          c.header("WWW-Authenticate", 'Bearer realm="samverka", error="invalid_token"');
          throw unauthenticated();
        }
        c.set("actor", actor);
      }
    } else {
      const token = getCookie(c, SESSION_COOKIE);
      if (token && token.length < 200) c.set("actor", await actorFromSession(db, token, now()));
    }
    await next();
  };
}
