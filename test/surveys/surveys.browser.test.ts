/**
 * The evaluation in the browser (issue 14 §2): a participant answers on a phone without
 * JavaScript, is told what is missing and then thanked; the organiser's survey and results
 * pages (demo: Digitala Västerbotten 2025) pass axe.
 */
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { DEMO_ORGANISER_EMAIL } from "../../src/demo/seed.js";
import { events } from "../../src/db/schema.js";
import { signLink } from "../../src/shared/signed-links.js";
import { BROWSER_TEST_MS, expectAccessible, hasChromium, loginAs, useDemoSite } from "../support/browser.js";

describe.skipIf(!hasChromium)("the evaluation in the browser", () => {
  const site = useDemoSite();

  it("a participant answers on a phone without JavaScript; the organiser reads the results; every page passes axe", async () => {
    const { db } = site.database;
    const [past] = await db.select().from(events).where(eq(events.titleSv, "Digitala Västerbotten 2025"));
    const survey = ((await db.execute(sql`select id from surveys where event_id = ${past!.id}`)) as unknown as { rows: { id: string }[] }).rows[0]!;
    const invitation = randomUUID();
    await db.execute(sql`insert into survey_invitations (id, survey_id) values (${invitation}, ${survey.id})`);
    const link = `${site.server.url}/utvardering/${signLink(site.server.linkKey, "survey", invitation)}`;

    const phone = await site.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
    const page = await phone.newPage();
    await page.goto(link);
    expect(await page.textContent("h1")).toBe("Vad tyckte du om Digitala Västerbotten 2025?");
    await expectAccessible(page, "survey answer form");
    await phone.close();
    const noJs = await site.browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const form = await noJs.newPage();
    await form.goto(link);
    await form.click("button[type=submit]");
    await form.waitForSelector(".ds-error-summary");
    expect(await form.textContent(".ds-error-summary")).toContain("Välj ett av alternativen.");
    await form.check("input[value='4']");
    await form.fill("textarea", "Tydligare skyltning till salarna.");
    await form.click("button[type=submit]");
    await form.waitForSelector("text=Tack för dina svar!");
    await form.goto(link);
    expect(await form.textContent("h1")).toBe("Du har redan svarat");
    await noJs.close();

    const organiser = await site.browser.newContext();
    const o = await organiser.newPage();
    await loginAs(o, site.server, DEMO_ORGANISER_EMAIL);
    await o.goto(`${site.server.url}/arrangor/evenemang/${past!.id}/utvardering`);
    await expectAccessible(o, "organiser's survey");
    await o.click("a:has-text('Resultat')");
    const main = await o.textContent("main");
    expect(main).toContain("13 svar");
    expect(main).toContain("Tydligare skyltning till salarna.");
    expect(main).toContain("Medelbetyg 3,9 av 5 (13 svar)");
    await expectAccessible(o, "survey results");
    await organiser.close();
  }, BROWSER_TEST_MS);
});
