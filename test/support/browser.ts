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
  close(): Promise<void>;
}

export async function startServer(database: Database): Promise<RunningServer> {
  const mailer = createMailer({ from: "test@samverka.local", log: () => {} });
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
      linkKey: randomBytes(32),
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
    close: () => new Promise<void>((resolve) => server!.close(() => resolve())),
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=en-US"],
  });
}

/** axe-core against WCAG 2.1 A and AA; the violations are printed when any are found. */
export async function expectAccessible(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
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
export function useDemoSite(options: { demoOrganiserIsAdmin?: boolean } = {}): DemoSite {
  const site = {} as DemoSite;
  beforeAll(async () => {
    site.database = await openTestDatabase("pglite");
    await seedDemo(site.database.db, new Date());
    if (options.demoOrganiserIsAdmin) await setPlatformAdmin(site.database.db, (await findPersonByEmail(site.database.db, DEMO_ORGANISER_EMAIL))!.id);
    site.server = await startServer(site.database);
    site.browser = await launchBrowser();
  });
  afterAll(async () => {
    await site.browser?.close();
    await site.server?.close();
    await site.database?.close();
  });
  return site;
}
