/** The API's interactive documentation at /api/docs: Swagger UI served from the npm package, never from a CDN. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";

const require = createRequire(import.meta.url);
const swaggerDir = dirname(require.resolve("swagger-ui-dist/package.json"));
const swaggerFiles: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
};
export const docs = new Hono<AppEnv>();
docs.use(async (c, next) => {
  // Swagger UI sets inline styles; this page alone allows them.
  c.set("cspOverride", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; object-src 'none'");
  await next();
});
docs.get("/", (c) =>
  c.html(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Samverka API</title><link rel="stylesheet" href="/api/docs/swagger-ui.css"><link rel="stylesheet" href="/api/docs/docs.css"></head>
<body><a class="skip-link" href="#reference">Skip to the API reference</a><nav aria-label="Samverka"><a href="/">Samverka</a></nav><main id="reference" tabindex="-1"><div id="swagger-ui"></div></main>
<script src="/api/docs/swagger-ui-bundle.js"></script><script src="/api/docs/init.js"></script></body></html>`),
);
const docsJs = readFileSync(new URL("./assets/docs.js", import.meta.url), "utf8");
docs.get("/init.js", (c) => c.body(docsJs, 200, { "Content-Type": "text/javascript; charset=utf-8" }));
const docsCss = readFileSync(new URL("./assets/docs.css", import.meta.url), "utf8");
docs.get("/docs.css", (c) => c.body(docsCss, 200, { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=3600" }));
for (const [file, type] of Object.entries(swaggerFiles)) {
  let body: string | null = null;
  docs.get(`/${file}`, (c) => {
    body ??= readFileSync(join(swaggerDir, file), "utf8");
    return c.body(body, 200, { "Content-Type": type, "Cache-Control": "public, max-age=86400" });
  });
}
