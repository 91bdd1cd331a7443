/**
 * Networks and the prize in the browser (issue 15): the council's page and a member's own
 * page on a phone; the manage page and the meeting's minutes; a nomination by keyboard with
 * its errors first, then without JavaScript; a juror's page (the conflicted nomination not
 * there) scoring by keyboard; the prize's admin page with ranking and conflicts; the
 * gallery in English. Every page passes axe.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf } from "../../src/db/rows.js";
import { DEMO_ORGANISER_EMAIL } from "../../src/demo/seed.js";
import { BROWSER_TEST_MS, expectAccessible, hasChromium, loginAs, tabTo, useDemoSite } from "../support/browser.js";

describe.skipIf(!hasChromium)("networks and the prize in the browser", () => {
  const site = useDemoSite();

  it("the council's page and a member's own networks on a phone, and its manage page", async () => {
    const context = await site.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${site.server.url}/natverk`);
    await expectAccessible(page, "networks list");
    await page.click("a[href='/natverk/strategiradet']");
    const main = await page.textContent("main");
    expect(main).toContain("Ordförande: Karin Lindqvist, Umeå");
    expect(main).toContain("§ 4");
    expect(main).toContain("B1 Gemensam e-arkivlösning för länets kommuner");
    expect(main).toContain("Protokoll 12 maj 2026");
    await expectAccessible(page, "council page");
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await page.goto(`${site.server.url}/natverk/informationssakerhet`);
    expect(await page.textContent("main")).toContain("Nätverket visar sina medlemmar bara för medlemmarna.");
    await loginAs(page, site.server, DEMO_ORGANISER_EMAIL);
    await page.goto(`${site.server.url}/mina-natverk`);
    expect(await page.textContent("main")).toContain("Strategirådet för digitalisering i samverkan: Sekreterare");
    await expectAccessible(page, "my networks");
    await page.goto(`${site.server.url}/natverk/strategiradet/hantera`);
    await expectAccessible(page, "manage the council");
    // Adding a member by keyboard, with the error first.
    await page.click("summary:has-text('Lägg till medlem')");
    await tabTo(page, "#f-member-name");
    await page.keyboard.type("Ylva Ny");
    await tabTo(page, "form[action$='/medlemmar'] button[type=submit]");
    await page.keyboard.press("Enter");
    await page.waitForSelector(".ds-error-summary");
    expect(await page.textContent(".ds-error-summary")).toContain("e-postadress");
    await expectAccessible(page, "member form with errors");
    await context.close();
  }, BROWSER_TEST_MS);

  it("nominates by keyboard, told what is missing first, and again without JavaScript", async () => {
    const context = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${site.server.url}/pris/guldmolnet/2027`);
    await expectAccessible(page, "open call");
    await page.click("a:has-text('Nominera')");
    await tabTo(page, "#f-title");
    await page.keyboard.type("Digitala möten i hemtjänsten");
    await tabTo(page, "main form button[type=submit]");
    await page.keyboard.press("Enter");
    await page.waitForSelector(".ds-error-summary");
    expect(await page.evaluate(() => document.activeElement?.closest(".ds-error-summary") !== null)).toBe(true);
    expect(await page.textContent(".ds-error-summary")).toContain("Välj minst en organisation.");
    await expectAccessible(page, "nomination with errors");
    await page.fill("#f-summary", "Brukare träffar sina anhöriga på skärm, i fyra kommuner.");
    await page.selectOption("#f-org1", { label: "Vindeln" });
    await page.fill("#f-nominatorName", "Greta Nominerare");
    await page.fill("#f-nominatorEmail", "greta@example.se");
    await tabTo(page, "main form button[type=submit]");
    await page.keyboard.press("Enter");
    await page.waitForSelector("h1:has-text('Tack för din nominering')");
    await expectAccessible(page, "nomination received");
    await context.close();

    const plain = await site.browser.newContext({ javaScriptEnabled: false });
    const p2 = await plain.newPage();
    await p2.goto(`${site.server.url}/pris/guldmolnet/2027/nominera`);
    await p2.fill("#f-title", "Öppna data om lediga platser i förskolan");
    await p2.fill("#f-summary", "Föräldrar ser lediga platser i hela länet.");
    await p2.selectOption("#f-org1", { label: "Skellefteå" });
    await p2.fill("#f-nominatorName", "Hugo Nominerare");
    await p2.fill("#f-nominatorEmail", "hugo@example.se");
    await p2.click("main form button[type=submit]");
    expect(await p2.textContent("h1")).toBe("Tack för din nominering");
    await plain.close();
    const saved = await rowsOf<{ title: string }>(site.database.db, sql`select n.title from prize_nominations n join prize_rounds r on r.id = n.round_id where r.year = 2027 order by n.title`);
    expect(saved.map((s) => s.title)).toEqual(["Digitala möten i hemtjänsten", "Öppna data om lediga platser i förskolan"]);
  }, BROWSER_TEST_MS);

  it("a juror scores by keyboard without seeing the conflicted nomination; the admin sees ranking and conflicts; the gallery in English", async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    await loginAs(page, site.server, DEMO_ORGANISER_EMAIL);
    await page.goto(`${site.server.url}/pris/guldmolnet/2026/jury`);
    const list = await page.textContent("main");
    expect(list).toContain("Gemensamt e-arkiv");
    expect(list).not.toContain("Appen för skolskjutsar"); // set aside by the screener
    await expectAccessible(page, "jury page");
    await page.click("a:has-text('Fixarträffar på biblioteken')");
    expect(await page.textContent("main")).toContain("Visas när du har satt poäng på alla kriterier.");
    // A radio group: Tab into it, the arrow keys choose.
    await tabTo(page, "input[name^='score.']");
    for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe("4");
    await tabTo(page, "main form button[type=submit]");
    await page.keyboard.press("Enter");
    await page.waitForSelector(".ds-alert[role=status]");
    expect(await page.textContent(".ds-alert[role=status]")).toContain("Bedömningen räknas när alla kriterier har poäng.");
    await expectAccessible(page, "jury nomination page");
    await page.goto(`${site.server.url}/pris/guldmolnet/2026/hantera`);
    const admin = await page.textContent("main");
    expect(admin).toContain("Karin Lindqvist är jävig för Gemensamt e-arkiv: samma organisation (Umeå)");
    expect(admin).toContain("Karin Lindqvist har anmält jäv för Delad informationssäkerhetssamordnare");
    expect(admin).toContain("Lagd åt sidan: Är arbetet genomfört i Västerbotten?");
    await expectAccessible(page, "prize year admin");
    await page.goto(`${site.server.url}/pris/guldmolnet/hantera`);
    await expectAccessible(page, "prize admin");
    await page.goto(`${site.server.url}/sprak/en?tillbaka=/pris/galleri`);
    const gallery = await page.textContent("main");
    expect(gallery).toContain("Winner: Trygghetskameror i hemtjänsten");
    expect(gallery).toContain("Shortlisted: Gemensam bygglovsprocess");
    expect(gallery).not.toContain("Gemensamt e-arkiv");
    await expectAccessible(page, "gallery in English");
    await page.goto(`${site.server.url}/pris/guldmolnet`);
    await expectAccessible(page, "prize page in English");
    await context.close();
  }, BROWSER_TEST_MS);
});
