import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { setSecureCookie } from "../http/cookies.js";
import { safeReturnPath } from "../http/forms.js";
import { LOCALE_COOKIE } from "../http/middleware/locale.js";
import { uiOf } from "../http/ui.js";
import { Layout } from "../http/views/layout.js";
import { isLocale } from "../i18n/messages.js";
import { AccessibilityStatement } from "./accessibility-statement.js";
import { captionsReport } from "../archive/repository.js";
import { CaptionsStatement } from "../archive/views/public.js";

export const pageRoutes = new Hono<AppEnv>();

/** Language choice is remembered for a year (a preference, not personal data). */
pageRoutes.get("/sprak/:lang", (c) => {
  const lang = c.req.param("lang");
  const back = safeReturnPath(c.req.query("tillbaka"));
  if (isLocale(lang)) setSecureCookie(c, LOCALE_COOKIE, lang, 365 * 86400);
  return c.redirect(back, 303);
});

pageRoutes.get("/tillganglighet", async (c) => {
  const ui = uiOf(c);
  // What the archive holds now: the statement says truthfully which recordings lack captions.
  const captions = await captionsReport(c.get("deps").db);
  return c.html(
    <Layout ui={ui} title={ui.t("a11y.title")}>
      <AccessibilityStatement ui={ui} contactEmail={process.env.CONTACT_EMAIL ?? "tillganglighet@samverka.example.se"} />
      <CaptionsStatement ui={ui} report={captions} />
    </Layout>,
  );
});

/** The cheapest route, used by the benchmarks as the server's own ceiling. */
pageRoutes.get("/ping", (c) => c.text("ok"));

pageRoutes.get("/healthz", async (c) => {
  const { database } = c.get("deps");
  try {
    await database.ping();
    return c.json({ status: "ok", database: database.kind });
  } catch {
    return c.json({ status: "unavailable", database: database.kind }, 503);
  }
});

const require = createRequire(import.meta.url);
const read = (specifier: string) => readFileSync(require.resolve(specifier), "utf8");
let designSystemCss: string | null = null;
const appCss = readFileSync(new URL("../http/assets/app.css", import.meta.url), "utf8");
const appJs = readFileSync(new URL("../http/assets/app.js", import.meta.url), "utf8");
const checkinJs = readFileSync(new URL("../checkin/assets/checkin.js", import.meta.url), "utf8");
const checkinSw = readFileSync(new URL("../checkin/assets/checkin-sw.js", import.meta.url), "utf8");
let jsQr: string | null = null;

function asset(body: string, type: string) {
  return new Response(body, {
    headers: { "Content-Type": type, "Cache-Control": "public, max-age=3600" },
  });
}

pageRoutes.get("/assets/ds.css", () => {
  designSystemCss ??=
    read("@digdir/designsystemet-css/theme") + "\n" + read("@digdir/designsystemet-css");
  return asset(designSystemCss, "text/css; charset=utf-8");
});
pageRoutes.get("/assets/app.css", () => asset(appCss, "text/css; charset=utf-8"));
pageRoutes.get("/assets/app.js", () => asset(appJs, "text/javascript; charset=utf-8"));
pageRoutes.get("/assets/checkin.js", () => asset(checkinJs, "text/javascript; charset=utf-8"));
/** The station's service worker, allowed to look after the event pages it keeps for going offline. */
pageRoutes.get("/arrangor/incheckning-sw.js", () => new Response(checkinSw, { headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-cache", "Service-Worker-Allowed": "/arrangor/evenemang/" } }));
/** The QR decoder for cameras where the browser has no BarcodeDetector, from the package. */
pageRoutes.get("/assets/jsqr.js", () => asset((jsQr ??= read("jsqr/dist/jsQR.js")), "text/javascript; charset=utf-8"));
