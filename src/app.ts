/**
 * Builds the web application from its modules (src/modules.ts). Each module owns its
 * pages and its part of the API; this file only orders the shared middleware and mounts them. Nothing starts on import.
 */
import { Hono } from "hono";
import { apiRoutes } from "./api/root.js";
import { loadActor } from "./auth/middleware.js";
import { takeFlash } from "./http/cookies.js";
import type { AppEnv, Deps } from "./http/env.js";
import { onError, onNotFound } from "./http/error-handler.js";
import { AppError } from "./http/errors.js";
import { readBody } from "./http/middleware/body.js";
import { admission } from "./http/middleware/admission.js";
import { csrf } from "./http/middleware/csrf.js";
import { locale } from "./http/middleware/locale.js";
import { requestId } from "./http/middleware/request-id.js";
import { PageCache } from "./http/page-cache.js";
import { representation } from "./http/middleware/representation.js";
import { rejectNulCharacters } from "./http/middleware/text-guard.js";
import { securityHeaders } from "./http/middleware/security-headers.js";
import { modules } from "./modules.js";

export const MAX_BODY_BYTES = 256 * 1024;
/** While the process is saturated, how long the first in line may have waited before new changes are refused at once. */
const SATURATED_WAIT_MS = 1000;

export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();
  const pageCache = new PageCache(deps.config.PAGE_CACHE_SECONDS * 1000, () => deps.now().getTime());
  app.use(async function provideDeps(c, next) {
    c.set("deps", deps);
    c.set("pageCache", pageCache);
    await next();
    // Whatever a change touched, pages served before it are not served again by time.
    if (c.req.method !== "GET" && c.req.method !== "HEAD" && c.req.method !== "OPTIONS") pageCache.noteChange();
  });
  app.use(requestId());
  app.use(securityHeaders({ hsts: deps.config.publicUrl.startsWith("https://") }));
  // Conditional GET (RFC 9110 §13.1.2) and gzip for the answers to GET: a POST's answer
  // is a redirect or a short JSON.
  app.use(representation());
  app.use(locale());
  // Beyond what this process can do, changes wait their turn or are told to come back.
  app.use(admission({ maxActive: deps.config.MAX_ACTIVE_CHANGES, maxWaiting: deps.config.MAX_ACTIVE_CHANGES * 20, maxWaitMs: deps.config.MAX_WAIT_MS, ...(deps.saturated ? { saturated: deps.saturated, saturatedWaitMs: SATURATED_WAIT_MS } : {}) }));
  const streamed = modules.flatMap((m) => m.streamedUploads ?? []);
  app.use(async function markStreamedUpload(c, next) {
    const upload = c.req.method === "POST" && /^multipart\/form-data/i.test(c.req.header("content-type") ?? "") ? streamed.find((u) => u.path.test(c.req.path)) : undefined;
    if (upload) {
      // Too large is known from the length alone: refused before a byte is read.
      if (Number(c.req.header("content-length")) > upload.maxBytes(deps.config) + 64 * 1024) throw new AppError("payload_too_large", 413);
      c.set("streamedUpload", true);
    }
    await next();
  });
  app.use(readBody(MAX_BODY_BYTES));
  app.use(async function flash(c, next) {
    c.set("flash", c.req.method === "GET" && !c.req.path.startsWith("/api/") ? takeFlash(c) : null);
    await next();
  });
  app.use(csrf());
  app.use(rejectNulCharacters());
  app.use(loadActor());

  for (const module of modules) for (const pages of module.pages) app.route("/", pages);
  app.route("/api", apiRoutes);

  app.onError(onError);
  app.notFound(onNotFound);
  return app;
}
