import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DEMO_ORGANISER_EMAIL } from "../../src/demo/seed.js";
import { BROWSER_TEST_MS, expectAccessible, hasChromium, loginAs, tabTo, useDemoSite } from "../support/browser.js";

/** Types a date the way a keyboard user does in Chromium's en-US date field (month, day, year). */
async function typeDate(page: Page, iso: string) {
  const [y, m, d] = iso.split("-");
  await page.keyboard.type(`${m}${d}${y}`);
}

describe.skipIf(!hasChromium)("in the browser (Chromium)", () => {
  const site = useDemoSite({ demoOrganiserIsAdmin: true });

  async function organiserPage(): Promise<Page> {
    const context = await site.browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await loginAs(page, site.server, DEMO_ORGANISER_EMAIL);
    return page;
  }

  it("has no WCAG 2.1 A/AA violations on any public page type, in Swedish and English", async () => {
    const page = await (await site.browser.newContext()).newPage();
    const slug = "digitala-vasterbotten-2027";
    const paths = ["/", "/evenemang", "/evenemang?when=past&region=24", "/nationellt", `/evenemang/${slug}`, `/evenemang/${slug}/program`, `/evenemang/${slug}/schema`, `/evenemang/${slug}/talare`, "/organisationer?q=24", "/tillganglighet", "/logga-in", "/finns-inte"];
    for (const path of paths) {
      await page.goto(site.server.url + path);
      await expectAccessible(page, path);
    }
    await page.goto(`${site.server.url}/sprak/en?tillbaka=/`);
    for (const path of ["/", `/evenemang/${slug}`, `/evenemang/${slug}/program`, `/evenemang/${slug}/schema`, "/tillganglighet"]) {
      await page.goto(site.server.url + path);
      expect(await page.getAttribute("html", "lang")).toBe("en");
      await expectAccessible(page, `${path} (en)`);
    }
    // A form with errors, and the login steps.
    await page.goto(`${site.server.url}/sprak/sv?tillbaka=/logga-in`);
    await page.fill("#f-email", "fel");
    await page.click("button[type=submit]:has-text('Skicka länk')");
    await page.waitForSelector(".ds-error-summary");
    await expectAccessible(page, "login with errors");
    await page.fill("#f-email", "deltagare@example.se");
    await page.click("button[type=submit]:has-text('Skicka länk')");
    await page.waitForSelector("text=Titta i din e-post");
    await expectAccessible(page, "login sent");
    const link = /(http\S+bekrafta\?token=\S+)/.exec(site.server.mailer.recent()[0]!.text)![1]!;
    await page.goto(link);
    await expectAccessible(page, "login confirm");
  }, BROWSER_TEST_MS);

  it("has no violations on any organiser page type", async () => {
    const page = await organiserPage();
    await page.goto(`${site.server.url}/arrangor`);
    await expectAccessible(page, "/arrangor");
    await page.goto(`${site.server.url}/arrangor/digitala-vasterbotten`);
    await expectAccessible(page, "space");
    await page.goto(`${site.server.url}/arrangor/digitala-vasterbotten/nytt-evenemang`);
    await expectAccessible(page, "new event");
    await page.click("button[type=submit]:has-text('Skapa')");
    await page.waitForSelector(".ds-error-summary");
    await expectAccessible(page, "new event with errors");
    await page.goto(`${site.server.url}/arrangor/digitala-vasterbotten`);
    await page.click("a:has-text('Digitala Västerbotten 2027')");
    const editUrl = page.url();
    await expectAccessible(page, "edit event");
    await page.goto(`${editUrl}/program`);
    await expectAccessible(page, "program admin");
    await page.click("table a >> nth=0");
    await expectAccessible(page, "session edit");
    await page.goto(`${editUrl}/program`);
    await page.click("table a:has-text('Informationssäkerhet i vardagen')");
    await page.click("a:has-text('Deltagare på passet')");
    expect(await page.textContent("main")).toContain("8 av 8 platser tagna");
    await expectAccessible(page, "session seats list");
    await page.goto(`${editUrl}/utstallare`);
    await expectAccessible(page, "exhibitors");
    await page.fill("#f-name", "Tillgänglighetsmontern");
    await page.fill("#f-website", "https://www.exempel.se");
    await page.click("button[type=submit]:has-text('Lägg till utställare')");
    await page.click("a:has-text('Ändra Tillgänglighetsmontern')");
    await expectAccessible(page, "exhibitor edit");
    await page.goto(`${editUrl}/anmalan/engelska`);
    await expectAccessible(page, "the form in English");
    // The day itself: roles, check-in lists, a station with a search and an answer.
    await page.goto(`${editUrl}/roller`);
    await expectAccessible(page, "roles");
    await page.goto(`${editUrl}/namnbrickor`);
    await expectAccessible(page, "name badges");
    await page.goto(`${editUrl}/distans`);
    expect(await page.textContent("main")).toContain("Publicerade");
    await page.fill("#f-event-reminderMinutes", "2");
    await page.click("button[type=submit]:has-text('Spara') >> nth=0");
    await page.waitForSelector(".ds-error-summary");
    await expectAccessible(page, "remote links with an error");
    await page.goto(`${editUrl}/incheckning`);
    await expectAccessible(page, "check-in lists");
    await page.click("main .event-card a >> nth=0");
    await expectAccessible(page, "check-in station");
    await page.fill("#f-code-code", "SV1.fel");
    await page.click("button[type=submit]:has-text('Checka in')");
    await page.waitForSelector(".checkin-refused");
    expect(await page.textContent(".checkin-refused")).toContain("Ingen giltig biljett");
    await expectAccessible(page, "check-in station with a refusal");
    await page.fill("#f-search-q", "a");
    await page.click("button[type=submit]:has-text('Sök')");
    await page.waitForSelector("main [role=status]");
    await expectAccessible(page, "check-in station with search results");
    await page.goto(`${site.server.url}/evenemang/digitala-vasterbotten-2027/min-agenda`);
    await page.click("button:has-text('Lägg till Att leda digital transformation i min agenda')");
    await page.waitForSelector("text=Att leda digital transformation finns i din agenda.");
    await expectAccessible(page, "my agenda");
    await page.goto(`${site.server.url}/profil`);
    await expectAccessible(page, "profile");
    await page.goto(`${site.server.url}/organisationer/ny`);
    await expectAccessible(page, "add organisation");
    await page.goto(`${site.server.url}/dev/mail`);
    await expectAccessible(page, "dev mail");
    await page.goto(`${site.server.url}/arrangor/admin/personnummer`);
    await expectAccessible(page, "personnummer report");
  }, BROWSER_TEST_MS);

  it("starts with a skip link that moves focus to the main content", async () => {
    const page = await (await site.browser.newContext()).newPage();
    await page.goto(`${site.server.url}/evenemang`);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Hoppa till huvudinnehållet");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
  }, BROWSER_TEST_MS);

  it("creates and publishes an event by keyboard alone, with focus on errors", async () => {
    const page = await organiserPage();
    await page.goto(`${site.server.url}/arrangor/skaraborg`);
    await tabTo(page, "a[href$='/nytt-evenemang']");
    await Promise.all([page.waitForURL(/nytt-evenemang$/), page.keyboard.press("Enter")]);

    // Submitting an empty form: focus lands on the error summary.
    await tabTo(page, "main button[type=submit]");
    await Promise.all([page.waitForLoadState("load"), page.keyboard.press("Enter")]);
    await page.waitForSelector(".ds-error-summary");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("ds-error-summary"))).toBe(true);
    expect(await page.title()).toMatch(/^Fel: /);

    await tabTo(page, "#f-title");
    await page.keyboard.type("Tangentbordsdagen 2027");
    await tabTo(page, "#f-startDate");
    await typeDate(page, "2027-10-07");
    await tabTo(page, "#f-startTime");
    await page.keyboard.press("Control+a");
    await page.keyboard.type("0900");
    await tabTo(page, "#f-endDate");
    await typeDate(page, "2027-10-07");
    await tabTo(page, "#f-endTime");
    await page.keyboard.type("1500");
    await tabTo(page, "main button[type=submit]");
    await Promise.all([page.waitForURL(/\/arrangor\/evenemang\/[0-9a-f-]{36}$/), page.keyboard.press("Enter")]);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("status");

    await tabTo(page, "form[action$='/publicera'] button");
    await Promise.all([page.waitForLoadState("load"), page.keyboard.press("Enter")]);
    await page.waitForSelector("text=Evenemanget är publicerat.");
    await page.goto(`${site.server.url}/evenemang`);
    expect(await page.textContent("main")).toContain("Tangentbordsdagen 2027");
    expect(await page.textContent("main")).toContain("7 oktober 2027, kl. 9.00–15.00");
  }, BROWSER_TEST_MS);

  it("works without JavaScript: log in, create an event, add a session", async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await loginAs(page, site.server, DEMO_ORGANISER_EMAIL);
    await page.goto(`${site.server.url}/arrangor/digidelnatverket/nytt-evenemang`);
    await page.fill("#f-title", "Utan skript");
    await page.fill("#f-startDate", "2027-12-01");
    await page.fill("#f-startTime", "10:00");
    await page.fill("#f-endDate", "2027-12-01");
    await page.fill("#f-endTime", "12:00");
    await page.click("button[type=submit]:has-text('Skapa')");
    await page.waitForURL(/\/arrangor\/evenemang\/[0-9a-f-]{36}$/);
    await page.goto(`${page.url()}/program`);
    await page.fill("#f-title", "Samtal");
    await page.fill("#f-startTime", "10:00");
    await page.fill("#f-endTime", "11:00");
    await page.click("button[type=submit]:has-text('Lägg till pass')");
    await page.waitForSelector("table a:has-text('Samtal')");
  }, BROWSER_TEST_MS);
});
