/**
 * Live in the browser (issue 13 §5–6): a participant on a phone joins by code and asks,
 * votes and answers by keyboard; the page follows what others do without a reload, never
 * moving focus, and stops when paused; a moderator on a phone works the queue and a poll
 * by keyboard while questions arrive; without JavaScript every action still works; axe
 * finds nothing on the join, participant, big-screen, moderator and rooms pages.
 */
import { describe, expect, it } from "vitest";
import { DEMO_ORGANISER_EMAIL } from "../../src/demo/seed.js";
import { listRooms } from "../../src/live/service.js";
import { findEventBySlug } from "../../src/events/repository.js";
import { BROWSER_TEST_MS, expectAccessible, hasChromium, loginAs, tabTo, useDemoSite } from "../support/browser.js";

describe.skipIf(!hasChromium)("live in the browser", () => {
  const site = useDemoSite();
  const codeOf = async (title: string) => {
    const event = (await findEventBySlug(site.database.db, "digitala-vasterbotten-2027"))!;
    return (await listRooms(site.database.db, event.id)).find((r) => r.session?.titleSv.startsWith(title))!.room.code;
  };
  const panelCode = () => codeOf("Digital strategi i länets kommuner");

  it("a participant on a phone joins by code, asks, votes and answers by keyboard; every view passes axe", async () => {
    const code = await panelCode();
    const context = await site.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${site.server.url}/live`);
    await expectAccessible(page, "join");
    await tabTo(page, "#f-kod");
    await page.keyboard.type("qqqqqq");
    await page.keyboard.press("Enter");
    await page.waitForSelector(".ds-error-summary");
    await expectAccessible(page, "join with a wrong code");
    await page.fill("#f-kod", code.toLowerCase());
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.pathname === `/live/${code}`);
    expect(await page.textContent("h1")).toContain("Digital strategi i länets kommuner");
    await expectAccessible(page, "participant view with an open poll and questions");

    // Answer the open poll by keyboard.
    await tabTo(page, "#live-polls-region input[type=radio]");
    await page.keyboard.press("ArrowDown"); // the second option
    await tabTo(page, "#live-polls-region button[type=submit]");
    await page.keyboard.press("Enter");
    await page.waitForSelector("text=Tack för ditt svar!");
    // Ask, by keyboard, anonymously.
    await tabTo(page, "#f-text");
    await page.keyboard.type("Hur mäter vi att handlingsplanen gör skillnad?");
    await tabTo(page, "form[action$='/fragor'] button[type=submit]");
    await page.keyboard.press("Enter");
    await page.waitForSelector("text=Tack! Din fråga visas nu.");
    // Vote for the top question.
    await tabTo(page, "#live-questions-region button[aria-pressed=false]");
    await page.keyboard.press("Enter");
    await page.waitForSelector("text=Din röst är räknad.");
    expect(await page.locator("#live-questions-region button[aria-pressed=true]").count()).toBe(1);
    await expectAccessible(page, "participant view after voting");

    await page.goto(`${site.server.url}/live/${code}/skarm`);
    expect(await page.textContent(".live-code")).toContain(code);
    expect(await page.textContent(".live-highlight")).toContain("handlingsplanen följs upp");
    await expectAccessible(page, "big screen");

    const organiser = await (await site.browser.newContext()).newPage();
    await loginAs(organiser, site.server, DEMO_ORGANISER_EMAIL);
    await organiser.goto(`${site.server.url}/live/${code}/moderera`);
    await expectAccessible(organiser, "moderator view");
    const event = (await findEventBySlug(site.database.db, "digitala-vasterbotten-2027"))!;
    await organiser.goto(`${site.server.url}/arrangor/evenemang/${event.id}/live`);
    await expectAccessible(organiser, "the event's rooms");
    // The workshop's idea wall: the participant's, the moderator's and the screen's.
    const wall = await codeOf("Från idé till handling");
    await page.goto(`${site.server.url}/live/${wall}`);
    expect(await page.textContent("#live-ideas-region")).toContain("Gemensam e-tjänst för bygglov");
    await tabTo(page, "#live-ideas-region summary");
    await page.keyboard.press("Enter");
    await expectAccessible(page, "idea wall with a comment form open, on a phone");
    await organiser.goto(`${site.server.url}/live/${wall}/moderera`);
    await expectAccessible(organiser, "moderator view of the idea wall");
    await organiser.goto(`${site.server.url}/live/${wall}/skarm`);
    expect(await organiser.textContent("#live-top-ideas")).toContain("Idéväggens topplista");
    await expectAccessible(organiser, "big screen with the idea wall's top list");
    await context.close();
  }, BROWSER_TEST_MS);

  it("follows what others do without a reload, keeps focus where it is, announces politely, and pauses", async () => {
    const code = await panelCode();
    const watcher = await (await site.browser.newContext()).newPage();
    await watcher.goto(`${site.server.url}/live/${code}`);
    await watcher.waitForSelector("[data-live-pause]:not([hidden])");
    // The watcher is typing a question: focus is in the ask form, outside the parts that update.
    await watcher.focus("#f-text");
    await watcher.keyboard.type("Halvskriven fråga");
    const other = await (await site.browser.newContext()).newPage();
    await other.goto(`${site.server.url}/live/${code}`);
    await other.fill("#f-text", "Syns den här hos alla utan omladdning?");
    await other.click("form[action$='/fragor'] button[type=submit]");
    await watcher.waitForSelector("#live-questions-region :text('Syns den här hos alla utan omladdning?')", { timeout: 10_000 });
    expect(await watcher.evaluate(() => document.activeElement?.id)).toBe("f-text");
    expect(await watcher.inputValue("#f-text")).toBe("Halvskriven fråga");
    expect(await watcher.getAttribute(".live-status", "role")).toBe("status");
    expect(await watcher.textContent(".live-status")).toMatch(/Uppdaterad: \d+ frågor/);
    // An answer changes only polls: the watcher's page reads just its polls again.
    const pollsRead = watcher.waitForRequest((r) => r.url().endsWith(`/live/${code}/delar/omrostningar`), { timeout: 10_000 });
    await other.check("#live-polls-region input[type=radio] >> nth=0");
    await other.click("#live-polls-region button[type=submit]");
    await other.waitForSelector("text=Tack för ditt svar!");
    await pollsRead;
    await watcher.waitForSelector("#live-polls-region form");
    expect(await watcher.evaluate(() => document.activeElement?.id)).toBe("f-text");

    // Paused: what others do is not shown until resumed.
    await watcher.click("[data-live-pause]");
    expect(await watcher.getAttribute("[data-live-pause]", "aria-pressed")).toBe("true");
    await other.fill("#f-text", "Den här ska vänta tills pausen är slut");
    await other.click("form[action$='/fragor'] button[type=submit]");
    await watcher.waitForSelector("[data-live-stream][data-live-held]", { state: "attached", timeout: 10_000 }); // the update has reached the paused page
    expect(await watcher.locator("text=Den här ska vänta tills pausen är slut").count()).toBe(0);
    await watcher.click("[data-live-pause]");
    await watcher.waitForSelector("#live-questions-region :text('Den här ska vänta tills pausen är slut')", { timeout: 10_000 });
  }, BROWSER_TEST_MS);

  it("a moderator on a phone, by keyboard: pre-moderation, approve and highlight a question that arrives live, prepare, open and reveal a poll", async () => {
    const event = (await findEventBySlug(site.database.db, "digitala-vasterbotten-2027"))!;
    const code = (await listRooms(site.database.db, event.id)).find((r) => r.session === null)!.room.code;
    const phone = await site.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
    const moderator = await phone.newPage();
    await loginAs(moderator, site.server, DEMO_ORGANISER_EMAIL);
    await moderator.goto(`${site.server.url}/live/${code}/moderera`);
    const focusIsOnTheNote = () => moderator.evaluate(() => document.activeElement?.matches(".ds-alert[role=status]") ?? false);

    // Questions wait for approval: the radio group by arrow key, saved by Enter.
    await tabTo(moderator, "input[name=moderation]:checked");
    await moderator.keyboard.press("ArrowDown");
    await tabTo(moderator, "form[action$='/installningar'] button[type=submit]");
    await moderator.keyboard.press("Enter");
    await moderator.waitForSelector("text=Inställningarna är sparade.");
    expect(await focusIsOnTheNote()).toBe(true);
    await moderator.waitForSelector("[data-live-pause]:not([hidden])"); // the page follows the room

    // A question arrives while the moderator reads: it appears in the queue, focus stays.
    const participant = await (await site.browser.newContext()).newPage();
    await participant.goto(`${site.server.url}/live/${code}`);
    const question = "Kan två kommuner dela på en säkerhetssamordnare?";
    await participant.fill("#f-text", question);
    await participant.click("form[action$='/fragor'] button[type=submit]");
    await participant.waitForSelector("text=Tack! Din fråga visas när moderatorn har läst den.");
    await moderator.waitForSelector(`section[aria-labelledby=live-pending] :text("${question}")`, { timeout: 10_000 });
    expect(await focusIsOnTheNote()).toBe(true);

    await tabTo(moderator, `button[aria-label="Godkänn: ${question}"]`);
    await moderator.keyboard.press("Enter");
    await moderator.waitForSelector(`section[aria-labelledby=live-shown] :text("${question}")`);
    expect(await focusIsOnTheNote()).toBe(true);
    await tabTo(moderator, `button[aria-label="Lyft fram på skärmen: ${question}"]`);
    await moderator.keyboard.press("Enter");
    await moderator.waitForSelector(`button[aria-label="Sluta lyfta fram: ${question}"]`);
    expect(await (await fetch(`${site.server.url}/live/${code}/skarm`)).text()).toContain(question);

    // A poll prepared, opened, answered, and its result shown, all by keyboard.
    await tabTo(moderator, "#f-question");
    await moderator.keyboard.type("Vilket nätverk vill du gå med i?");
    await tabTo(moderator, "#f-options");
    for (const line of ["Informationssäkerhet", "Arkitektur"]) {
      await moderator.keyboard.type(line);
      await moderator.keyboard.press("Enter");
    }
    await tabTo(moderator, "form[action$='/omrostningar'] button[type=submit]");
    await moderator.keyboard.press("Enter");
    await moderator.waitForSelector("text=Omröstningen är sparad. Öppna den när det är dags.");
    await tabTo(moderator, `button[aria-label="Öppna: Vilket nätverk vill du gå med i?"]`);
    await moderator.keyboard.press("Enter");
    await moderator.waitForSelector(`button[aria-label="Stäng: Vilket nätverk vill du gå med i?"]`);
    await participant.goto(`${site.server.url}/live/${code}`);
    await participant.check("#live-polls-region input[type=radio] >> nth=1");
    await participant.click("#live-polls-region button[type=submit]");
    await participant.waitForSelector("text=Tack för ditt svar!");
    await tabTo(moderator, `button[aria-label="Visa resultatet: Vilket nätverk vill du gå med i?"]`);
    await moderator.keyboard.press("Enter");
    await moderator.waitForSelector(`article:has-text("Vilket nätverk vill du gå med i?") table :text("Arkitektur")`);
    expect(await focusIsOnTheNote()).toBe(true);
    await expectAccessible(moderator, "moderator view on a phone with a question highlighted and a poll's result shown");

    // In English, the same views.
    await moderator.goto(`${site.server.url}/sprak/en?tillbaka=${encodeURIComponent(`/live/${code}/moderera`)}`);
    await moderator.waitForURL((u) => u.pathname === `/live/${code}/moderera`);
    expect(await moderator.textContent("h1")).toContain("Moderate");
    expect(await moderator.locator(`button[aria-label="Stop highlighting: ${question}"]`).count()).toBe(1);
    await expectAccessible(moderator, "moderator view in English");
    await participant.goto(`${site.server.url}/sprak/en?tillbaka=${encodeURIComponent(`/live/${code}`)}`);
    await participant.waitForURL((u) => u.pathname === `/live/${code}`);
    expect(await participant.textContent("#live-polls-region")).toContain("1 have answered");
    await expectAccessible(participant, "participant view in English");
    await phone.close();
  }, BROWSER_TEST_MS);

  it("works without JavaScript: ask, vote and answer by form", async () => {
    const code = await panelCode();
    const page = await (await site.browser.newContext({ javaScriptEnabled: false })).newPage();
    await page.goto(`${site.server.url}/live/${code}`);
    expect(await page.isHidden("[data-live-pause]")).toBe(true);
    await page.fill("#f-text", "Fungerar det utan JavaScript?");
    await page.click("form[action$='/fragor'] button[type=submit]");
    await page.waitForSelector("text=Tack! Din fråga visas nu.");
    await page.click("#live-questions-region button[aria-pressed=false] >> nth=0");
    await page.waitForSelector("text=Din röst är räknad.");
    await page.check("#live-polls-region input[type=radio] >> nth=0");
    await page.click("#live-polls-region button[type=submit]");
    await page.waitForSelector("text=Tack för ditt svar!");
  }, BROWSER_TEST_MS);
});
