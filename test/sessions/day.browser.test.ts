/**
 * A participant's day on a phone, by keyboard (issue 12, "done when"): the ticket from
 * Mina anmälningar, seats chosen on the manage page (a clash refused with focus on the
 * message), a session starred in the agenda, the timetable as a list, and the page for
 * joining remotely. 390×844, Swedish, Tab/Space/Enter only after logging in.
 */
import { describe, expect, it } from "vitest";
import { BROWSER_TEST_MS, expectAccessible, hasChromium, loginAs, tabTo, useDemoSite } from "../support/browser.js";

describe.skipIf(!hasChromium)("a participant's day on a phone, by keyboard", () => {
  const site = useDemoSite();

  it("finds the ticket, chooses seats, stars a session, reads the timetable and joins remotely", async () => {
    const context = await site.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
    const page = await context.newPage();
    await loginAs(page, site.server, "cecilia.carlsson@demo.example");
    await page.goto(`${site.server.url}/mina-anmalningar`);
    // The QR code is at hand right here, folded until asked for.
    await tabTo(page, ".ticket-details summary");
    await page.keyboard.press("Enter");
    expect(await page.isVisible(".ticket-details[open] .ticket-qr svg")).toBe(true);
    await expectAccessible(page, "Mina anmälningar with the ticket open, on a phone");
    await page.goto(`${site.server.url}/mina-anmalningar`);
    await tabTo(page, "a[href$='#ticket-heading']");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#ticket-heading");
    expect(await page.textContent(".ticket-code")).toMatch(/^SV1\./);

    // Both seminars at 13.00: refused, and the message takes focus.
    await tabTo(page, "input[name=sessions]:not(:checked)");
    await page.keyboard.press("Space");
    await tabTo(page, "form[action$='/pass'] button[type=submit]");
    await page.keyboard.press("Enter");
    await page.waitForSelector(".ds-error-summary:has-text('är samtidigt')");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("ds-error-summary"))).toBe(true);
    await expectAccessible(page, "seats with a clash, on a phone");
    // Untick the first of the two, and save: one seminar is kept.
    expect(await page.$$eval("input[name=sessions]:checked", (els) => els.length)).toBe(2);
    await tabTo(page, "input[name=sessions]:checked");
    const dropped = await page.evaluate(() => (document.activeElement as HTMLInputElement).value);
    await page.keyboard.press("Space");
    await tabTo(page, "form[action$='/pass'] button[type=submit]");
    await page.keyboard.press("Enter");
    await page.waitForSelector("text=Dina val av pass är sparade.");
    const kept = await page.$$eval("input[name=sessions]:checked", (els) => els.map((e) => (e as HTMLInputElement).value));
    expect(kept).toHaveLength(1);
    expect(kept[0]).not.toBe(dropped);

    // The page for joining remotely (the demo shows the stream to on-site participants too).
    await tabTo(page, "#remote-heading ~ p a[href$='/distans']");
    await page.keyboard.press("Enter");
    await page.waitForSelector("h1:has-text('Delta på distans')");
    await expectAccessible(page, "join remotely, on a phone");

    // The agenda: star lunch by keyboard.
    await page.goto(`${site.server.url}/evenemang/digitala-vasterbotten-2027/min-agenda`);
    const lunch = await page.$eval("button:has-text('Lägg till Lunch och mingel i min agenda')", (b) => (b.closest("form")!.querySelector("input[name=sessionId]") as HTMLInputElement).value);
    await tabTo(page, `form:has(input[name=sessionId][value='${lunch}']) button`);
    await page.keyboard.press("Enter");
    await page.waitForSelector("text=Lunch och mingel finns i din agenda.");
    expect(await page.textContent("main")).toContain("Ta bort Lunch och mingel från min agenda");

    // The timetable is a list on a phone: no column headers shown, each session names its room.
    await page.goto(`${site.server.url}/evenemang/digitala-vasterbotten-2027/schema`);
    expect(await page.isHidden("table.schedule thead")).toBe(true);
    const room = await page.$eval("td.schedule-session[data-room='Sal B']", (td) => getComputedStyle(td, "::before").content);
    expect(room).toBe('"Sal B"');
    await expectAccessible(page, "timetable on a phone");
    await context.close();
  }, BROWSER_TEST_MS);
});
