/**
 * The check-in station in a phone's browser (issue 12 §3): an answer without a reload, the
 * network gone and scanning going on against the downloaded list, a double scan and a
 * forged code refused offline, the queue sent when the connection is back with a ticket
 * checked in meanwhile elsewhere shown as a conflict; and the camera reading a ticket's QR
 * code (Chromium's fake camera plays a picture of it; jsQR decodes it, as on a browser
 * without BarcodeDetector).
 */
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { checkins } from "../../src/db/schema.js";
import { listsOf, redeem } from "../../src/checkin/service.js";
import { ticketCode } from "../../src/checkin/tickets.js";
import { isoDate } from "../../src/i18n/format.js";
import { regContextOf } from "../../src/registration/context.js";
import { register } from "../../src/registration/register.js";
import { saveSettings } from "../../src/registration/settings.js";
import { createMailer } from "../../src/mail/mailer.js";
import { loadConfig } from "../../src/config.js";
import { rateLimitStoreFor } from "../../src/http/rate-limit-store.js";
import { BROWSER_TEST_MS, expectAccessible, hasChromium, loginAs, useDemoSite } from "../support/browser.js";
import { makeEvent, makeOrganiser, makePerson } from "../support/factories.js";

/** One still frame, as YUV4MPEG2 (what Chromium's fake camera plays), showing the code as a QR code. */
function qrVideo(code: string): string {
  const qr = QRCode.create(code, { errorCorrectionLevel: "M" });
  const n = qr.modules.size;
  const W = 640;
  const H = 480;
  const cell = Math.floor(Math.min(W, H) / (n + 8));
  const x0 = Math.floor((W - cell * n) / 2);
  const y0 = Math.floor((H - cell * n) / 2);
  const y = Buffer.alloc(W * H, 235);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) for (let dy = 0; dy < cell; dy++) y.fill(16, (y0 + r * cell + dy) * W + x0 + c * cell, (y0 + r * cell + dy) * W + x0 + (c + 1) * cell);
  const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
  const file = join(tmpdir(), `samverka-qr-${process.pid}.y4m`);
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\nFRAME\n`), y, chroma]));
  return file;
}

describe.skipIf(!hasChromium)("the check-in station in the browser", () => {
  let cameraDay: (Awaited<ReturnType<typeof day>> & { dan: { id: string } }) | undefined;
  // The camera's ticket is made before the browser starts: its picture is the fake camera's video.
  const site = useDemoSite({
    browserArgs: async () => {
      const d = await day();
      const dan = await d.person("Dan Berg");
      cameraDay = { ...d, dan };
      return ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", `--use-file-for-fake-video-capture=${qrVideo(await ticketCode(d.db, dan))}`];
    },
  });

  async function day() {
    const db = site.database.db;
    const org = await makeOrganiser(db);
    const tomorrow = isoDate(new Date(Date.now() + 86_400_000));
    const event = await makeEvent(db, { space: org.space, published: true, date: tomorrow, title: "Entrédagen" });
    const ctx = regContextOf({ config: loadConfig({ SEED_DEMO: "false" }), database: site.database, db, mailer: createMailer({ from: "t@samverka.local", log: () => {} }), now: () => new Date(), linkKey: Buffer.alloc(32), rateLimits: rateLimitStoreFor(site.database) });
    await saveSettings(ctx, event, { placesOnsite: 50 });
    const person = async (name: string) => {
      const p = await makePerson(db, { name });
      return (await register(ctx, { event, personId: p.id, organisationId: null, attendance: "onsite", answers: {}, sensitiveAnswers: {} })).registration;
    };
    const [entry] = await listsOf(db, event.id);
    return { db, org, event, entry: entry!, person };
  }

  it("answers at once, goes on offline against the downloaded list, and sends the queue when back, showing a conflict", async () => {
    const { db, org, event, entry, person } = await day();
    const anna = await person("Anna Lind");
    const bo = await person("Bo Ek");
    const cia = await person("Cia Holm");
    const context = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await loginAs(page, site.server, org.person.email!);
    const station = `${site.server.url}/arrangor/evenemang/${event.id}/incheckning/${entry.id}`;
    // A list kept from an event that ended long ago, with nothing left to send, is dropped when a station opens.
    await page.goto(station);
    await page.evaluate(() => localStorage.setItem("samverka.checkin.old-list", JSON.stringify({ pkg: { eventEndsAt: "2025-11-20T15:30:00Z", registrations: [{ name: "Gammal Deltagare" }] }, queue: [], local: {} })));
    await page.reload();
    await page.waitForSelector("#checkin-offline:has-text('Klar att skanna utan anslutning')");
    expect(await page.evaluate(() => localStorage.getItem("samverka.checkin.old-list"))).toBeNull();

    // Online: the answer comes without loading the page again, and focus stays in the code field for the next scan.
    await page.fill("#f-code-code", await ticketCode(db, anna));
    await page.keyboard.press("Enter");
    await page.waitForSelector(".checkin-ok:has-text('Välkommen, Anna Lind!')");
    expect(page.url()).toBe(station);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("f-code-code");
    expect(await page.inputValue("#f-code-code")).toBe("");
    // The count follows without a reload (a polite live region, focus untouched).
    await page.waitForSelector("[data-counts]:has-text('1 av 3 har kommit')");
    expect(await page.getAttribute("[data-counts]", "aria-live")).toBe("polite");

    // The network goes: the page says so, and goes on.
    // The page is kept by its service worker: it opens again without a connection (a phone that slept).
    await page.waitForFunction(async () => !!(await navigator.serviceWorker.getRegistration("/arrangor/evenemang/"))?.active);
    await page.reload(); // now under the worker's control, which keeps the page as it is served
    await context.setOffline(true);
    expect((await page.reload())?.fromServiceWorker()).toBe(true);
    await page.waitForSelector(".offline-banner:has-text('Ingen anslutning')");
    await page.fill("#f-code-code", await ticketCode(db, bo));
    await page.keyboard.press("Enter");
    await page.waitForSelector(".checkin-ok:has-text('Välkommen, Bo Ek!')");
    expect(await page.textContent("#checkin-answer")).toContain("Gjord utan anslutning");
    await page.waitForSelector("#checkin-offline:has-text('1 incheckning väntar på att skickas')");
    // The same ticket again, Anna (checked in before the network went), a forged code: refused, nothing queued.
    await page.fill("#f-code-code", await ticketCode(db, bo));
    await page.keyboard.press("Enter");
    await page.waitForSelector(".checkin-refused:has-text('Bo Ek är redan incheckad kl.')");
    await page.fill("#f-code-code", await ticketCode(db, anna));
    await page.keyboard.press("Enter");
    await page.waitForSelector(".checkin-refused:has-text('Anna Lind är redan incheckad')");
    const forged = (await ticketCode(db, cia)).slice(0, -4) + "AAAA";
    await page.fill("#f-code-code", forged);
    await page.keyboard.press("Enter");
    await page.waitForSelector(".checkin-refused:has-text('Ingen giltig biljett')");
    // Cia is checked in at another desk that is online, while this one scans her offline.
    await redeem(db, entry, { code: await ticketCode(db, cia), nonce: "other-desk-1", by: null, at: new Date() });
    await page.fill("#f-code-code", await ticketCode(db, cia));
    await page.keyboard.press("Enter");
    await page.waitForSelector(".checkin-ok:has-text('Välkommen, Cia Holm!')");
    await page.waitForSelector("#checkin-offline:has-text('2 incheckningar väntar på att skickas')");
    await expectAccessible(page, "check-in station offline");

    // Back: the queue goes up; Cia's second check-in is kept and shown as a conflict.
    await context.setOffline(false);
    await page.waitForSelector("#checkin-offline:has-text('2 incheckningar utan anslutning är skickade')");
    expect(await page.textContent("#checkin-offline")).toContain("Konflikt: Cia Holm var redan incheckad");
    const rows = await db.select().from(checkins).where(eq(checkins.listId, entry.id));
    expect(rows.filter((r) => r.registrationId === bo.id).map((r) => [r.offline, r.conflict])).toEqual([[true, false]]);
    expect(rows.filter((r) => r.registrationId === cia.id).map((r) => [r.offline, r.conflict]).sort()).toEqual([[false, false], [true, true]]);
    await page.goto(station);
    expect(await page.textContent("main")).toContain("Cia Holm: först kl.");
    await expectAccessible(page, "check-in station with a conflict");
    await context.close();
  }, BROWSER_TEST_MS);

  it("reads a ticket's QR code from the camera and checks the person in", async () => {
    const { db, entry } = cameraDay!;
    const context = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await loginAs(page, site.server, cameraDay!.org.person.email!);
    await page.goto(`${site.server.url}/arrangor/evenemang/${cameraDay!.event.id}/incheckning/${entry.id}`);
    await page.click("#camera-toggle");
    await page.waitForSelector(".checkin-ok:has-text('Välkommen, Dan Berg!')", { timeout: 20_000 });
    expect(await page.textContent("#camera-toggle")).toBe("Stäng kameran");
    const [row] = await db.select().from(checkins).where(and(eq(checkins.listId, entry.id), eq(checkins.registrationId, cameraDay!.dan.id)));
    expect(row?.offline).toBe(false);
    await page.click("#camera-toggle");
    expect(await page.isHidden("#camera-video")).toBe(true);
    await context.close();
  }, BROWSER_TEST_MS);

});
