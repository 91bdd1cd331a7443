/**
 * Plans in the browser (issue 14 §3, §5): the public follow-up on a phone, filtered by
 * keyboard and "since last year's conference"; a reporter of an owner municipality reports
 * progress by keyboard, is told what was wrong, and then that it is kept; the same without
 * JavaScript; the organiser's pages, the embed and big-screen pages and the English page
 * pass axe.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { DEMO_ORGANISER_EMAIL } from "../../src/demo/seed.js";
import { DEMO_REPORTER_EMAIL } from "../../src/demo/plans.js";
import { actionPlans, planActions, planReports, plans } from "../../src/plans/schema.js";
import { BROWSER_TEST_MS, expectAccessible, hasChromium, loginAs, tabTo, useDemoSite } from "../support/browser.js";

const SLUG = "digitalisering-i-samverkan-vasterbotten";

describe.skipIf(!hasChromium)("plans in the browser", () => {
  const site = useDemoSite();
  const action = async (ref: string, year: number) => {
    const { db } = site.database;
    const [plan] = await db.select().from(plans).where(eq(plans.slug, SLUG));
    const [ap] = await db.select().from(actionPlans).where(and(eq(actionPlans.planId, plan!.id), eq(actionPlans.year, year)));
    return (await db.select().from(planActions).where(and(eq(planActions.actionPlanId, ap!.id), eq(planActions.ref, ref))))[0]!;
  };

  it("the follow-up on a phone: figures with their rules, filtered by keyboard, and what changed since a date", async () => {
    const context = await site.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${site.server.url}/planer`);
    await expectAccessible(page, "plans list");
    await page.click(`a[href='/planer/${SLUG}']`);
    expect(await page.textContent("h1")).toContain("Verksamhetsplan för digitalisering i samverkan 2025–2027");
    expect(await page.textContent(".plan-figure[data-size=lg]")).toContain("Medelvärdet av 4 underliggande.");
    await expectAccessible(page, "plan follow-up");
    await tabTo(page, "#f-organisation");
    await page.selectOption("#f-organisation", { label: "Vindeln" });
    await page.fill("#f-sedan", "2025-11-20"); // a date field's keys differ by the browser's locale
    await tabTo(page, "form[aria-label='Filtrera'] button[type=submit]");
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.searchParams.get("sedan") === "2025-11-20");
    const since = await page.textContent(".plan-since");
    expect(since).toContain("Vad har hänt sedan 20 november 2025");
    expect(since).toContain("A4 Söka stöd för utbyggnad av fiber i inlandet");
    expect(since).toContain("Pågår 20 % → Pågår 60 %");
    const listed = await page.locator(".plan-goal tbody tr td:nth-child(2)").allTextContents();
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.some((t) => t.includes("Upphandla en gemensam e-tjänsteplattform"))).toBe(false); // Skellefteå's and Umeå's, not Vindeln's
    await expectAccessible(page, "plan follow-up, filtered, since a date");
    await page.click("a:has-text('Söka stöd för utbyggnad av fiber')");
    expect(await page.textContent("main")).toContain("Åtgärden fortsätter från handlingsplanen 2025");
    await expectAccessible(page, "action page");
    await page.goto(`${site.server.url}/planer/${SLUG}/inbaddning`);
    await expectAccessible(page, "embed page");
    await page.goto(`${site.server.url}/planer/${SLUG}/skarm?sedan=2025-11-20`);
    await expectAccessible(page, "big screen since last time");
    await page.goto(`${site.server.url}/sprak/en?tillbaka=/planer/${SLUG}`);
    expect(await page.textContent(".plan-figure[data-size=lg]")).toContain("The mean of 4 below.");
    await expectAccessible(page, "plan follow-up in English");
    await context.close();
  }, BROWSER_TEST_MS);

  it("a reporter on a phone reports by keyboard: told what is missing, then that it is kept, focus where expected", async () => {
    const a6 = await action("A6", 2026);
    const context = await site.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
    const page = await context.newPage();
    await loginAs(page, site.server, DEMO_REPORTER_EMAIL);
    await page.goto(`${site.server.url}/planer`);
    expect(await page.textContent("main")).toContain("Åtgärder du rapporterar på");
    await page.goto(`${site.server.url}/planer/${SLUG}/atgarder/${a6.id}`);
    await tabTo(page, "#f-progress");
    await page.keyboard.type("55");
    await tabTo(page, "form[action$='/rapport'] button[type=submit]");
    await page.keyboard.press("Enter");
    await page.waitForSelector(".ds-error-summary");
    expect(await page.evaluate(() => document.activeElement?.closest(".ds-error-summary") !== null)).toBe(true);
    expect(await page.textContent(".ds-error-summary")).toContain("Fyll i kommentar.");
    await expectAccessible(page, "report with an error");
    await page.click(".ds-error-summary a");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("f-comment");
    await page.keyboard.type("Testerna i Skellefteå och Vindeln är klara.");
    await tabTo(page, "form[action$='/rapport'] button[type=submit]");
    await page.keyboard.press("Enter");
    await page.waitForSelector("text=Tack! Rapporten är sparad och siffrorna är uppdaterade.");
    expect(await page.textContent("table")).toContain("Testerna i Skellefteå och Vindeln är klara.");
    expect((await action("A6", 2026)).progress).toBe(55);
    await expectAccessible(page, "action after a report");
    // Another owner's action offers no report form to this reporter.
    await page.goto(`${site.server.url}/planer/${SLUG}/atgarder/${(await action("A4", 2026)).id}`);
    expect(await page.locator("form[action$='/rapport']").count()).toBe(0);
    await context.close();
  }, BROWSER_TEST_MS);

  it("without JavaScript the organiser builds and reports: every form posts and answers; the organiser's pages pass axe", async () => {
    const withJs = await site.browser.newContext();
    const checked = await withJs.newPage();
    await loginAs(checked, site.server, DEMO_ORGANISER_EMAIL);
    await checked.goto(`${site.server.url}/planer/${SLUG}/hantera`);
    await expectAccessible(checked, "manage plan");
    await checked.goto(`${site.server.url}/planer/ny`);
    await expectAccessible(checked, "new plan");
    await checked.goto(`${site.server.url}/planer/${SLUG}/hantera/ar/2026/ny-atgard`);
    await expectAccessible(checked, "new action");
    await checked.goto(`${site.server.url}/planer/${SLUG}/atgarder/${(await action("A5", 2026)).id}/redigera`);
    await expectAccessible(checked, "edit action");
    await checked.goto(`${site.server.url}/planer/${SLUG}/ideer`);
    expect(await checked.textContent("section[aria-labelledby=ideas-review]")).toContain("En gemensam chattbot för kommunernas växlar");
    expect(await checked.textContent("main")).toContain("Skolskjutsarna sköts av länstrafiken.");
    await expectAccessible(checked, "ideas with the review list");
    await checked.goto(`${site.server.url}/planer/${SLUG}/ideer/ny`);
    await expectAccessible(checked, "send an idea");
    await withJs.close();
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await loginAs(page, site.server, DEMO_ORGANISER_EMAIL);
    await page.goto(`${site.server.url}/planer/${SLUG}/hantera/ar/2026/ny-atgard`);
    await page.fill("#f-ref", "A12");
    await page.fill("#f-title", "Gemensam kontaktyta för invånarnas digitala frågor");
    await page.selectOption("#f-owner1", { label: "Umeå" });
    const goalWeight = page.locator("input[name^='goal.']").first();
    await goalWeight.fill("1");
    await page.click("form[action$='/ny-atgard'] button[type=submit]");
    await page.waitForSelector("text=Det är tillagt.");
    const a12 = await action("A12", 2026);
    expect(a12.title).toBe("Gemensam kontaktyta för invånarnas digitala frågor");
    await page.selectOption("#f-statusId", { label: "Pågår" });
    await page.fill("#f-progress", "10");
    await page.fill("#f-comment", "Arbetet har börjat.");
    await page.click("form[action$='/rapport'] button[type=submit]");
    await page.waitForSelector("text=Tack! Rapporten är sparad");
    expect(await site.database.db.select().from(planReports).where(eq(planReports.actionId, a12.id))).toHaveLength(1);
    await context.close();
  }, BROWSER_TEST_MS);

  it("without JavaScript the organiser downloads the plan file, adds an action in it, sees the dry run and saves it; both pages pass axe", async () => {
    const withJs = await site.browser.newContext();
    const checked = await withJs.newPage();
    await loginAs(checked, site.server, DEMO_ORGANISER_EMAIL);
    await checked.goto(`${site.server.url}/planer/${SLUG}/hantera/fil`);
    await expectAccessible(checked, "plan file");
    await checked.setInputFiles("#f-file", { name: "plan.csv", mimeType: "text/csv", buffer: Buffer.from('"typ";"id";"titel"\r\n"grupp";"";"Vad är detta"\r\n') });
    await checked.click("form[action$='/hantera/fil'] button[type=submit]");
    await checked.waitForSelector("text=Filen har 1 fel. Inget har sparats.");
    expect(await checked.evaluate(() => document.activeElement?.className)).toContain("ds-error-summary");
    await expectAccessible(checked, "plan file with errors");
    const csv = await (await checked.request.get(`${site.server.url}/planer/${SLUG}/hantera/fil/${SLUG}.csv`)).text();
    const added = `"åtgärd";"";"";"A20";"2026";"Gemensam e-legitimation för förtroendevalda";"";"";"";"";"Planerad";"";"Umeå";"";"";"";"";"";"";""`;
    const file = { name: "plan.csv", mimeType: "text/csv", buffer: Buffer.from(`${csv.trim()}\r\n${added}\r\n`) };
    await checked.setInputFiles("#f-file", file);
    await checked.click("form[action$='/hantera/fil'] button[type=submit]");
    await checked.waitForSelector("text=1 ändring att spara");
    await expectAccessible(checked, "plan file dry run");
    await withJs.close();
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await loginAs(page, site.server, DEMO_ORGANISER_EMAIL);
    await page.goto(`${site.server.url}/planer/${SLUG}/hantera`);
    await page.click("a:has-text('Planen som fil')");
    await page.setInputFiles("#f-file", file);
    await page.click("form[action$='/hantera/fil'] button[type=submit]");
    await page.waitForSelector("text=1 ändring att spara");
    expect(await page.textContent("main")).toContain("A20 Gemensam e-legitimation för förtroendevalda");
    expect(await action("A20", 2026)).toBeUndefined();
    await page.click("form[action$='/fil/spara'] button[type=submit]");
    await page.waitForSelector("text=1 ändring är sparad från filen.");
    expect((await action("A20", 2026)).title).toBe("Gemensam e-legitimation för förtroendevalda");
    await context.close();
  }, BROWSER_TEST_MS);
});
