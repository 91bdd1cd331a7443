import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { eq } from "drizzle-orm";
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { DEMO_ORGANISER_EMAIL } from "../../src/demo/seed.js";
import { findEventBySlug } from "../../src/events/repository.js";
import { processOutbox } from "../../src/mail/outbox.js";
import { registrations } from "../../src/db/schema.js";
import { saveSettings } from "../../src/registration/settings.js";
import { BROWSER_TEST_MS, expectAccessible, hasChromium, loginAs, useDemoSite } from "../support/browser.js";
import { regContext } from "../support/registration.js";

describe.skipIf(!hasChromium)("registration in the browser (Chromium)", () => {
  const site = useDemoSite();
  const slug = "digitala-vasterbotten-2027";

  const deliver = () => processOutbox(site.database.db, site.server.mailer, new Date(), "samverka.test");
  const linkFor = (email: string, subjectStart: string) => {
    const mail = site.server.mailer.recent().find((m) => m.to === email && m.subject.startsWith(subjectStart));
    return /(http\S+\/anmalan\/\S+)/.exec(mail?.text ?? "")?.[1];
  };

  async function fillBasics(page: Page, name: string, email: string) {
    await page.fill("#f-name", name);
    await page.fill("#f-email", email);
    await page.selectOption("#f-organisationId", { label: "Umeå (2480)" });
  }

  it("registers without JavaScript, and with it (conditional question), with no accessibility violations", async () => {
    const noJs = await (await site.browser.newContext({ javaScriptEnabled: false })).newPage();
    // (axe needs JavaScript in the page, so it runs on the second, scripted visit.)
    await noJs.goto(`${site.server.url}/evenemang/${slug}`);
    await noJs.click("a:has-text('Anmäl dig')");
    await fillBasics(noJs, "Utan Skript", "utan.skript@demo.example");
    await noJs.check("input[name^='q.'][value='no']");
    await noJs.click("button:has-text('Skicka anmälan')");
    await noJs.waitForSelector("text=Du är anmäld till Digitala Västerbotten 2027.");

    const page = await (await site.browser.newContext()).newPage();
    await page.goto(`${site.server.url}/evenemang/${slug}`);
    await expectAccessible(page, "event page with registration");
    await page.goto(`${site.server.url}/evenemang/${slug}/anmalan`);
    await expectAccessible(page, "registration form");
    const which = page.locator("fieldset:has(legend:has-text('Vilken specialkost?'))");
    expect(await which.isHidden()).toBe(true);
    // An empty form: every error at once, in the page's order; the question's link focuses its first box.
    await page.click("button:has-text('Skicka anmälan')");
    await page.waitForSelector(".ds-error-summary");
    const links = await page.$$eval(".ds-error-summary a", (as) => as.map((a) => a.getAttribute("href")));
    expect(links.slice(0, 2)).toEqual(["#f-name", "#f-email"]);
    expect(links[links.length - 1]).toMatch(/^#f-q\./);
    await page.click(".ds-error-summary a:has-text('Behöver du specialkost?')");
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe("yes");
    await fillBasics(page, "Med Skript", "med.skript@demo.example");
    await page.click("button:has-text('Skicka anmälan')");
    // Errors: focus on the summary, which names the unanswered question.
    await page.waitForSelector(".ds-error-summary");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("ds-error-summary"))).toBe(true);
    expect(await page.textContent(".ds-error-summary")).toContain("Behöver du specialkost?");
    await expectAccessible(page, "registration form with errors");
    await page.check("input[name^='q.'][value='yes']");
    expect(await which.isVisible()).toBe(true);
    await page.check("label:has-text('Glutenfri')");
    await page.click("button:has-text('Skicka anmälan')");
    await page.waitForSelector("text=Du är anmäld");
    await expectAccessible(page, "registration result");
    await page.click("a:has-text('Se, ändra eller avboka din anmälan')");
    await expectAccessible(page, "manage page");
    expect(await page.textContent("main")).toContain("Anmäld");
    // Seats in the two seminars after lunch: both at 13.00 cannot be chosen; Sal B is full, so the choice waits.
    await page.check("label:has-text('E-tjänstesamverkan')");
    await page.check("label:has-text('Informationssäkerhet i vardagen')");
    await page.click("button:has-text('Spara mina val av pass')");
    await page.waitForSelector(".ds-error-summary:has-text('är samtidigt')");
    await expectAccessible(page, "manage page with a clash of sessions");
    await page.uncheck("label:has-text('E-tjänstesamverkan')");
    await page.click("button:has-text('Spara mina val av pass')");
    await page.waitForSelector("text=Dina val av pass är sparade.");
    expect(await page.textContent("main")).toContain("Informationssäkerhet i vardagen (Sal B) – Du står på väntelistan, plats");
    // The demo shows the stream to on-site participants too: the manage page links to it and to the remote page.
    expect(await page.textContent("#remote-heading + .remote-link")).toContain("Öppna sändningen på YouTube");
    await page.click("a:has-text('Gå till sidan för att delta på distans')");
    await page.waitForSelector("h1:has-text('Delta på distans')");
    expect(await page.textContent("main")).toContain("Programmet");
    expect(await page.textContent("main")).toContain("Följ passet via länken för hela evenemanget.");
    await expectAccessible(page, "join remotely");
  }, BROWSER_TEST_MS);

  it("registers a delegation", async () => {
    const page = await (await site.browser.newContext()).newPage();
    await loginAs(page, site.server, "delegationskontakt@demo.example");
    await page.goto(`${site.server.url}/evenemang/${slug}/delegation`);
    await expectAccessible(page, "delegation form");
    await page.selectOption("#f-organisationId", { label: "Skellefteå (2482)" });
    await page.fill("#f-people", "Tove Lind <tove.lind@demo.example>\nUlf Berg <ulf.berg@demo.example>");
    await page.click("button:has-text('Anmäl delegationen')");
    await page.waitForSelector("text=Tove Lind");
    await expectAccessible(page, "delegation page");
    expect(await page.textContent("main")).toContain("Ulf Berg");
    expect(await page.textContent("main")).toContain("delegationskontakt@demo.example");
    await page.goto(`${site.server.url}/mina-anmalningar`);
    await expectAccessible(page, "mina anmälningar");
    expect(await page.textContent("main")).toContain("Mina delegationer");
    // Erasing: the page, and the form with its error, focus on the summary.
    await page.click("a:has-text('Radera mina uppgifter')");
    await expectAccessible(page, "erase page");
    await page.click("button:has-text('Radera mina uppgifter')");
    await page.waitForSelector(".ds-error-summary");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("ds-error-summary"))).toBe(true);
    await expectAccessible(page, "erase page with an error");
  }, BROWSER_TEST_MS);

  it("lets the organiser approve one and export CSV and XLSX", async () => {
    const event = (await findEventBySlug(site.database.db, "digitaliseringsdagen-2027"))!;
    const applicant = await (await site.browser.newContext()).newPage();
    await applicant.goto(`${site.server.url}/evenemang/${event.slug}/anmalan`);
    await fillBasics(applicant, "Vera Väntar", "vera@demo.example");
    await applicant.click("button:has-text('Skicka anmälan')");
    await applicant.waitForSelector("text=Arrangören går igenom din anmälan");

    const context = await site.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await loginAs(page, site.server, DEMO_ORGANISER_EMAIL);
    await page.goto(`${site.server.url}/arrangor/evenemang/${event.id}/anmalningar`);
    await expectAccessible(page, "registrations list");
    await page.click("button:has-text('Godkänn Vera Väntar')");
    await page.waitForSelector("text=Ändringarna är sparade.");
    const [row] = await site.database.db.select().from(registrations).where(eq(registrations.eventId, event.id));
    expect(row!.status).toBe("confirmed");
    // Cancelling asks first; "no" goes back and changes nothing.
    await page.click("a:has-text('Avboka Vera Väntar')");
    await page.waitForSelector("h1:has-text('Avboka Vera Väntar?')");
    await expectAccessible(page, "cancel confirmation");
    await page.click("a:has-text('Nej, tillbaka till anmälningarna')");
    await page.waitForSelector("a:has-text('Avboka Vera Väntar')");
    expect((await site.database.db.select().from(registrations).where(eq(registrations.id, row!.id)))[0]!.status).toBe("confirmed");

    const [csv] = await Promise.all([page.waitForEvent("download"), page.click("a:has-text('Ladda ned CSV')")]);
    const csvText = await readFile((await csv.path())!, "utf8");
    expect(csvText).toContain("Vera Väntar");
    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.click("a:has-text('Ladda ned Excel')")]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await xlsx.path())!);
    expect(wb.worksheets[0]!.getRow(2).getCell(1).value).toBe("Vera Väntar");

    await page.goto(`${site.server.url}/arrangor/evenemang/${event.id}/anmalan`);
    await expectAccessible(page, "registration settings");

    // Questions: add two, change one (an emptied option is an error, with focus on the
    // summary), and move one down: the page opens at the moved question, with focus on it.
    for (const [label, kind, options] of [["Lunch", "single_choice", "Kött\nFisk"], ["Allergier", "short_text", ""]] as const) {
      await page.fill("#f-label", label);
      await page.selectOption("#f-kind", kind);
      await page.fill("#f-options", options);
      await page.click("button:has-text('Lägg till fråga')");
      await page.waitForSelector(`text=${label} (`);
    }
    await page.click("a:has-text('Ändra Lunch')");
    await expectAccessible(page, "question edit page");
    await page.fill("[id='f-opt.o1']", "");
    await page.click("button:has-text('Spara')");
    await page.waitForSelector(".ds-error-summary");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("ds-error-summary"))).toBe(true);
    await expectAccessible(page, "question edit page with an error");
    await page.goto(`${site.server.url}/arrangor/evenemang/${event.id}/anmalan`);
    await page.click("button:has-text('Flytta ned Lunch')");
    await page.waitForSelector("button:has-text('Flytta upp Lunch')");
    const focused = await page.evaluate(() => ({ tag: document.activeElement?.tagName, text: document.activeElement?.textContent ?? "" }));
    expect(focused.tag).toBe("LI");
    expect(focused.text).toMatch(/^Lunch \(/);
  }, BROWSER_TEST_MS);

  it("accepts a waiting-list offer through the e-mail link", async () => {
    const event = (await findEventBySlug(site.database.db, "digidelkonferensen-norr-2027"))!;
    await saveSettings(regContext(site.database.db), event, { placesOnsite: 1, placesRemote: 0, waitlistMode: "offer" });
    const first = await (await site.browser.newContext()).newPage();
    await first.goto(`${site.server.url}/evenemang/${event.slug}/anmalan`);
    await fillBasics(first, "Först Först", "forst@demo.example");
    await first.click("button:has-text('Skicka anmälan')");
    await first.waitForSelector("text=Du är anmäld");
    const second = await (await site.browser.newContext()).newPage();
    await second.goto(`${site.server.url}/evenemang/${event.slug}/anmalan`);
    await fillBasics(second, "Andra Kö", "andra@demo.example");
    await second.click("button:has-text('Skicka anmälan')");
    await second.waitForSelector("text=Du står som nummer 1 på väntelistan");

    await first.click("a:has-text('Se, ändra eller avboka din anmälan')");
    first.on("dialog", (d) => void d.accept());
    await first.click("button:has-text('Avboka')");
    await first.waitForSelector("text=Din anmälan är avbokad.");

    await deliver();
    const offerLink = linkFor("andra@demo.example", "En plats är ledig för dig");
    expect(offerLink).toBeTruthy();
    const mailPage = await (await site.browser.newContext()).newPage();
    await mailPage.goto(offerLink!);
    await expectAccessible(mailPage, "offer page");
    await mailPage.click("button:has-text('Tacka ja till platsen')");
    await mailPage.waitForSelector("text=Du har tackat ja. Välkommen!");
    expect(await mailPage.textContent("main")).toContain("Anmäld");
  }, BROWSER_TEST_MS);
});
