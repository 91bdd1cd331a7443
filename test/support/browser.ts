/**
 * Browser tests run the real server on a loopback port, in Debian's Chromium driven by
 * playwright-core (no downloaded browser). Without Chromium they are skipped locally
 * with a warning; in CI (CI=true) a missing browser fails the run.
 */
import { rateLimitStoreFor } from "../../src/http/rate-limit-store.js";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { chromium, type Browser, type Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { afterAll, beforeAll, expect } from "vitest";
import { DEMO_ORGANISER_EMAIL, seedDemo } from "../../src/demo/seed.js";
import { findPersonByEmail, setPlatformAdmin } from "../../src/people/repository.js";
import { openTestDatabase, type TestDatabase } from "./db.js";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import type { Database } from "../../src/db/client.js";
import { createMailer, type Mailer } from "../../src/mail/mailer.js";

/** Time for one browser test: several pages, each with an axe run, on a loaded two-core machine. */
export const BROWSER_TEST_MS = 120_000;

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  if (process.env.CI === "true") throw new Error(`Chromium not found at ${CHROMIUM}; CI must run the browser tests (apt-get install chromium).`);
  console.warn(`[browser tests] Chromium not found at ${CHROMIUM}: browser tests are skipped. Install it with apt-get install chromium.`);
}

export interface RunningServer {
  url: string;
  mailer: Mailer;
  /** The key its signed links are made with (to make a person's link in a test). */
  linkKey: Buffer;
  close(): Promise<void>;
}

export async function startServer(database: Database): Promise<RunningServer> {
  const mailer = createMailer({ from: "test@samverka.local", log: () => {} });
  const linkKey = randomBytes(32);
  let server: ServerType | undefined;
  const port = await new Promise<number>((resolve) => {
    const config0 = loadConfig({ SEED_DEMO: "false" });
    const holder: { config: typeof config0 } = { config: config0 };
    const app = createApp({
      get config() {
        return holder.config;
      },
      database,
      db: database.db,
      mailer,
      now: () => new Date(),
      linkKey,
      rateLimits: rateLimitStoreFor(database),
    });
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
      holder.config = loadConfig({ SEED_DEMO: "false", PUBLIC_URL: `http://127.0.0.1:${info.port}` });
      resolve((info as AddressInfo).port);
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    mailer,
    linkKey,
    close: () => new Promise<void>((resolve) => server!.close(() => resolve())),
  };
}

/** Chromium, headless; `extraArgs` for a suite that needs more (a fake camera). */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=en-US", ...extraArgs],
  });
}

/**
 * What ties a label to the wrong field: an id used twice, or a label (or aria reference)
 * naming an element outside its own form, so that clicking it, a screen reader or voice
 * control moves another form's field.
 */
function formWiringProblems(): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const el of Array.from(document.querySelectorAll("[id]"))) {
    if (seen.has(el.id)) problems.push(`id "${el.id}" is used more than once`);
    seen.add(el.id);
  }
  const formOf = (el: Element) => (el as HTMLInputElement).form ?? el.closest("form");
  for (const label of Array.from(document.querySelectorAll<HTMLLabelElement>("label[for]"))) {
    const target = document.getElementById(label.htmlFor);
    const text = (label.textContent ?? "").trim().slice(0, 60);
    if (!target) problems.push(`label "${text}" names #${label.htmlFor}, which is not on the page`);
    else if (formOf(label) !== formOf(target)) problems.push(`label "${text}" names #${label.htmlFor} in another form`);
  }
  for (const el of Array.from(document.querySelectorAll("[aria-describedby], [aria-labelledby]"))) {
    for (const attr of ["aria-describedby", "aria-labelledby"]) {
      for (const id of (el.getAttribute(attr) ?? "").split(/\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) problems.push(`${attr}="${id}" on <${el.tagName.toLowerCase()}> names nothing on the page`);
      }
    }
  }
  return [...new Set(problems)];
}

/** Elements that stick out to the right of a narrow window (a page that scrolls sideways). */
function sidewaysOverflow(): string[] {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width + 1) return [];
  const out: string[] = [];
  for (const el of Array.from(document.querySelectorAll("body *"))) {
    const r = el.getBoundingClientRect();
    if (r.right > width + 1 && r.width > 0) {
      const name = el.tagName.toLowerCase() + (el.id ? `#${el.id}` : "") + (el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : "");
      out.push(`${name} reaches ${Math.round(r.right)} px`);
    }
  }
  return [`page is ${document.documentElement.scrollWidth} px wide in a ${width} px window`, ...out.slice(0, 5)];
}

/** Phone widths every page must fit without scrolling sideways (WCAG 1.4.10: 320 CSS px). */
export const PHONE_WIDTHS = [320, 390];

/**
 * Every page a test shows is checked four ways: axe-core against WCAG 2.1 A and AA, ids
 * and labels tied to their own form, and no sideways scrolling at 320 and 390 px.
 */
export async function expectAccessible(page: Page, label: string, options: { thirdPartyIds?: string } = {}) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
  // Only where a page embeds another project's widget whose ids we do not write (named by the caller).
  if (!options.thirdPartyIds) expect((await page.evaluate(formWiringProblems)).join("\n"), `ids and labels on ${label}`).toBe("");
  const size = page.viewportSize() ?? { width: 1280, height: 720 };
  try {
    for (const width of PHONE_WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      expect((await page.evaluate(sidewaysOverflow)).join("\n"), `${label} at ${width} px`).toBe("");
    }
  } finally {
    await page.setViewportSize(size);
  }
}

/** Presses Tab until the focused element matches, as a keyboard user would. */
export async function tabTo(page: Page, selector: string, maxPresses = 80) {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Logs in through the real mail link, by keyboard. */
export async function loginAs(page: Page, server: RunningServer, email: string) {
  await page.goto(`${server.url}/logga-in`);
  await page.fill("#f-email", email);
  await page.click("button[type=submit]:has-text('Skicka länk')");
  await page.waitForSelector("text=Titta i din e-post");
  const mail = server.mailer.recent().find((m) => m.to === email)!;
  const link = /(http\S+bekrafta\?token=\S+)/.exec(mail.text)![1]!;
  await page.goto(link);
  await page.click("button:has-text('Logga in')");
  await page.waitForURL((u) => !u.pathname.startsWith("/logga-in"));
}

export interface DemoSite {
  database: TestDatabase;
  server: RunningServer;
  browser: Browser;
}

/**
 * For a browser suite: demo content on PGlite, the server on a loopback port and
 * Chromium, made before the suite and torn down after it. The fields are set in beforeAll.
 */
export function useDemoSite(options: { demoOrganiserIsAdmin?: boolean; browserArgs?: (site: DemoSite) => Promise<string[]> } = {}): DemoSite {
  const site = {} as DemoSite;
  beforeAll(async () => {
    site.database = await openTestDatabase("pglite");
    await seedDemo(site.database.db, new Date());
    if (options.demoOrganiserIsAdmin) await setPlatformAdmin(site.database.db, (await findPersonByEmail(site.database.db, DEMO_ORGANISER_EMAIL))!.id);
    site.server = await startServer(site.database);
    site.browser = await launchBrowser(options.browserArgs ? await options.browserArgs(site) : []);
  });
  afterAll(async () => {
    await site.browser?.close();
    await site.server?.close();
    await site.database?.close();
  });
  return site;
}
