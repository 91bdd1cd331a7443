/**
 * The API reference (/api/docs) is Swagger UI from the npm package with Samverka's style
 * changes (src/api/assets/docs.css): checked like every other page, also with an operation
 * opened and the Authorize dialog shown.
 */
import { describe, expect, it } from "vitest";
import { BROWSER_TEST_MS, expectAccessible, hasChromium, useDemoSite } from "../support/browser.js";

describe.skipIf(!hasChromium)("API reference in the browser (Chromium)", () => {
  const site = useDemoSite();

  it("has no WCAG 2.1 A/AA violations, closed, with an operation open, and with the Authorize dialog", async () => {
    const page = await (await site.browser.newContext()).newPage();
    await page.goto(`${site.server.url}/api/docs`);
    await page.waitForSelector(".opblock", { timeout: 30_000 });
    await expectAccessible(page, "/api/docs");
    // The first Tab reaches the skip link, which takes focus to the reference.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to the API reference");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.id === "reference", null, { timeout: 5_000 });

    await page.click("#operations-Events-post_v1_events .opblock-summary-control");
    await page.waitForSelector("#operations-Events-post_v1_events .opblock-body");
    // An open operation's request body has Swagger UI's content-type select twice under one
    // id (its own markup, not ours): axe still runs, the id check cannot.
    const swagger = { thirdPartyIds: "Swagger UI renders its request-body content-type select twice" };
    await expectAccessible(page, "/api/docs with an operation open", swagger);

    await page.click(".btn.authorize");
    await page.waitForSelector(".dialog-ux .modal-ux");
    await expectAccessible(page, "/api/docs with the Authorize dialog", swagger);
  }, BROWSER_TEST_MS);
});
