/**
 * The archive in the browser (issue 14 §1): the public archive on a phone, searched by
 * keyboard; last year's conference's recordings with players, captions status and slides;
 * the accessibility statement; the organiser's archive page, and an upload without
 * JavaScript that is refused (a file that is not a PDF) and then taken. All pass axe.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { DEMO_ORGANISER_EMAIL } from "../../src/demo/seed.js";
import { events } from "../../src/db/schema.js";
import { BROWSER_TEST_MS, expectAccessible, hasChromium, loginAs, tabTo, useDemoSite } from "../support/browser.js";

describe.skipIf(!hasChromium)("the archive in the browser", () => {
  const site = useDemoSite();

  it("the public archive on a phone: searched by keyboard, recordings with their captions status and slides, and the statement", async () => {
    const context = await site.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${site.server.url}/arkiv`);
    await expectAccessible(page, "archive");
    await tabTo(page, "#f-q");
    await page.keyboard.type("transformation");
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.searchParams.get("q") === "transformation");
    expect(await page.textContent("#archive-results")).toContain("1 pass med inspelning eller material");
    expect(await page.textContent("main")).toContain("Textad (textfil finns att hämta)");
    await expectAccessible(page, "archive search results");
    await page.click("a:has-text('Digitala Västerbotten 2025')");
    const main = await page.textContent("main");
    expect(main).toContain("Inspelningar från Digitala Västerbotten 2025");
    expect(main).toContain("Inspelningen saknar textning");
    expect(main).toContain("Hämta Bildspel: E-tjänstesamverkan (PDF");
    expect(await page.locator("iframe[title^='Inspelning: ']").count()).toBe(2);
    await expectAccessible(page, "event recordings");
    const pdf = await page.request.get(`${site.server.url}${await page.getAttribute("a:has-text('Hämta Bildspel')", "href")}`);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    await page.goto(`${site.server.url}/tillganglighet`);
    expect(await page.textContent("#a11y-captions + p")).toContain("1 av 3 inspelningar i arkivet saknar textning");
    await expectAccessible(page, "accessibility statement with captions");
    await context.close();
  }, BROWSER_TEST_MS);

  it("without JavaScript the organiser uploads slides: a file that is not a PDF is refused with the reason at the field, then a PDF is taken", async () => {
    const [past] = await site.database.db.select().from(events).where(eq(events.titleSv, "Digitala Västerbotten 2025"));
    const withJs = await site.browser.newContext();
    const checked = await withJs.newPage();
    await loginAs(checked, site.server, DEMO_ORGANISER_EMAIL);
    await checked.goto(`${site.server.url}/arrangor/evenemang/${past!.id}/arkiv`);
    expect(await checked.textContent("main")).toContain("1 inspelning saknar textning");
    await expectAccessible(checked, "organiser's archive");
    await withJs.close();
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await loginAs(page, site.server, DEMO_ORGANISER_EMAIL);
    await page.goto(`${site.server.url}/arrangor/evenemang/${past!.id}/arkiv`);
    const section = page.locator("section:has(h2:text-is('Informationssäkerhet i vardagen'))");
    await section.locator("input[name=title]").fill("Checklista");
    await section.locator("input[type=file]").setInputFiles({ name: "checklista.pdf", mimeType: "application/pdf", buffer: Buffer.from("inte en pdf") });
    await section.locator("form[action$='/material'] button[type=submit]").click();
    await page.waitForSelector("text=Filen är inte det den säger sig vara");
    const again = page.locator("section:has(h2:text-is('Informationssäkerhet i vardagen'))");
    await again.locator("input[name=title]").fill("Checklista");
    await again.locator("input[type=file]").setInputFiles({ name: "checklista.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n") });
    await again.locator("form[action$='/material'] button[type=submit]").click();
    await page.waitForSelector("text=Materialet är sparat.");
    expect(await page.textContent("main")).toContain("Checklista (checklista.pdf, 1 kB)");
    await context.close();
  }, BROWSER_TEST_MS);
});
