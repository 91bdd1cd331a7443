/**
 * What an organiser meets (issue 11, points 10–15): figures and what is left to do per
 * event on the space's page, one sub-menu marking where one is, exhibitors with logo and
 * web address that can be changed, English names for rooms and tracks and the whole
 * form's English on one page, exports in Swedish local time, and the header's links.
 */
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import ExcelJS from "exceljs";
import { exhibitors, files, registrationQuestions, registrations } from "../../src/db/schema.js";
import { regContextOf } from "../../src/registration/context.js";
import { createQuestion } from "../../src/registration/question-admin.js";
import { register } from "../../src/registration/register.js";
import { saveSettings } from "../../src/registration/settings.js";
import { TestClient, createTestApp } from "../support/app.js";
import { describeEachDriver } from "../support/db.js";
import { makeAdmin, makeEvent, makeOrganiser, makePerson, makeSession } from "../support/factories.js";

/** The smallest PNG there is (1×1), and bytes that only claim to be an image. */
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082", "hex");

describeEachDriver("the organiser's pages", (get) => {
  it("shows per event the places taken, the waiting, the days to go and what is left to do, each linked to where it is done", async () => {
    const t = createTestApp(get());
    const { db } = t.deps;
    const { space, person } = await makeOrganiser(db);
    const ready = await makeEvent(db, { space, published: true, title: "Digitala Västerbotten 2027", date: "2026-12-03", format: "hybrid" });
    const ctx = regContextOf(t.deps);
    await saveSettings(ctx, ready, { placesOnsite: 2, placesRemote: 10 });
    for (const name of ["Anna Lind", "Bo Ek", "Cia Holm"]) {
      const p = await makePerson(db, { name });
      await register(ctx, { event: ready, personId: p.id, organisationId: null, attendance: "onsite", answers: {}, sensitiveAnswers: {} });
    }
    await makeSession(db, ready, { people: [] });
    const draft = await makeEvent(db, { space, title: "Utkastdagen 2028", date: "2028-03-01" });

    const c = new TestClient(t);
    await c.login(person.email!);
    const html = await (await c.get(`/arrangor/${space.slug}`)).text();
    const card = (title: string) => html.slice(html.indexOf(title), html.indexOf("</dl>", html.indexOf(title)));
    const a = card("Digitala Västerbotten 2027");
    expect(a).toContain("om 10 dagar");
    expect(a).toContain("<dt>På plats</dt><dd>2 av 2 platser tagna, 1 på väntelistan</dd>");
    expect(a).toContain("<dt>På distans</dt><dd>0 av 10 platser tagna</dd>");
    expect(a).toContain(`href="/arrangor/evenemang/${ready.id}/program">1 pass saknar talare eller moderator</a>`);
    expect(a).not.toContain("Publicera evenemanget");
    const b = card("Utkastdagen 2028");
    expect(b).toContain(`href="/arrangor/evenemang/${draft.id}">Publicera evenemanget</a>`);
    expect(b).toContain(`href="/arrangor/evenemang/${draft.id}/anmalan">Öppna anmälan: platser och frågor</a>`);
    expect(b).toContain(`href="/arrangor/evenemang/${draft.id}/program">Lägg in programmet</a>`);

    // One sub-menu on the event's pages, marking the page one is on.
    for (const [path, current] of [["", "Ändra evenemanget"], ["/program", "Program"], ["/utstallare", "Utställare"], ["/anmalan", "Inställningar för anmälan"], ["/anmalningar", "Anmälningar"]] as const) {
      const page = await (await c.get(`/arrangor/evenemang/${ready.id}${path}`)).text();
      const nav = page.slice(page.indexOf('class="nav-list event-nav"'), page.indexOf("</ul>", page.indexOf('class="nav-list event-nav"')));
      const marked = [...nav.matchAll(/aria-current="page">([^<]+)</g)].map((m) => m[1]);
      expect(marked, path).toHaveLength(1);
      expect(marked[0]!.startsWith(current.slice(0, 6)), `${path}: ${marked[0]}`).toBe(true);
    }
  });

  it("gives exhibitors a logo and a web address, refuses what is not an image or a web address, and lets them be changed", async () => {
    const t = createTestApp(get());
    const { db } = t.deps;
    const { space, person } = await makeOrganiser(db);
    const event = await makeEvent(db, { space, published: true });
    const c = new TestClient(t);
    await c.login(person.email!);
    const base = `/arrangor/evenemang/${event.id}/utstallare`;

    const bad = await c.postMultipart(base, { name: "Skellefteå e-tjänstecenter", website: "javascript:alert(1)", logo: new Blob([Buffer.from("<svg onload=alert(1)>")], { type: "image/png" }) });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Skriv webbadressen med https://");
    expect(badHtml).toContain("Bilden ska vara en PNG-, JPEG- eller WebP-fil.");
    expect(await db.select().from(exhibitors).where(eq(exhibitors.eventId, event.id))).toHaveLength(0);
    expect(await db.select({ id: files.id }).from(files)).toHaveLength(0);

    const ok = await c.postMultipart(base, { name: "Skellefteå e-tjänstecenter", booth: "12", website: "https://www.skelleftea.se", logo: new Blob([PNG], { type: "image/png" }) });
    expect(ok.status).toBe(303);
    const [x] = await db.select().from(exhibitors).where(eq(exhibitors.eventId, event.id));
    expect(x).toMatchObject({ website: "https://www.skelleftea.se", booth: "12" });
    const logo = await new TestClient(t).get(`/filer/${x!.logoFileId}`);
    expect(logo.status).toBe(200);
    expect(logo.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await logo.arrayBuffer()).equals(PNG)).toBe(true);
    const pub = await (await new TestClient(t).get(`/evenemang/${event.slug}`)).text();
    expect(pub).toContain(`src="/filer/${x!.logoFileId}"`);
    expect(pub).toContain(`href="https://www.skelleftea.se">Webbplats för Skellefteå e-tjänstecenter</a>`);

    // Changed: a new name, the logo removed (and its file with it).
    const edit = await (await c.get(`${base}/${x!.id}`)).text();
    expect(edit).toContain('value="https://www.skelleftea.se"');
    const saved = await c.postMultipart(`${base}/${x!.id}`, { name: "Skellefteå kommun", booth: "12", website: "https://skelleftea.se", removeLogo: "on" });
    expect(saved.status).toBe(303);
    const [after] = await db.select().from(exhibitors).where(eq(exhibitors.id, x!.id));
    expect(after).toMatchObject({ name: "Skellefteå kommun", website: "https://skelleftea.se", logoFileId: null });
    expect(await db.select({ id: files.id }).from(files).where(eq(files.id, x!.logoFileId!))).toHaveLength(0);
  });

  it("takes rooms, tracks, questions and options in English, the whole form's English on one page", async () => {
    const t = createTestApp(get());
    const { db } = t.deps;
    const { space, person } = await makeOrganiser(db);
    const event = await makeEvent(db, { space, published: true });
    await saveSettings(regContextOf(t.deps), event, { placesOnsite: 10 });
    const qid = await createQuestion(db, event.id, { kind: "single_choice", label: "Lunch", labelEn: null, options: [{ value: "o1", sv: "Kött", en: null }, { value: "o2", sv: "Fisk", en: null }], required: true, sensitive: false, showIfQuestionId: null, showIfValue: null, position: 1 });
    const c = new TestClient(t);
    await c.login(person.email!);
    const english = `/arrangor/evenemang/${event.id}/anmalan/engelska`;
    const page = await (await c.get(english)).text();
    expect(page).toContain("”Kött” på engelska (frivilligt)");
    const bad = await c.post(english, { [`labelEn.${qid}`]: "Lunch 800101-1234", [`optEn.${qid}.o1`]: "Meat" });
    expect(bad.status).toBe(422);
    expect((await db.select().from(registrationQuestions).where(eq(registrationQuestions.id, qid)))[0]!.labelEn).toBeNull();
    expect((await c.post(english, { [`labelEn.${qid}`]: "Lunch choice", [`optEn.${qid}.o1`]: "Meat", [`optEn.${qid}.o2`]: "Fish" })).status).toBe(303);

    await c.post(`/arrangor/evenemang/${event.id}/program`, { type: "seminar", title: "Öppna data", date: "2027-11-18", startTime: "10:00", endTime: "11:00", room: "Stora salen", roomEn: "Main hall", track: "Data", trackEn: "Data and AI" });
    const reader = new TestClient(t);
    await reader.get("/sprak/en?tillbaka=/");
    const form = await (await reader.get(`/evenemang/${event.slug}/anmalan`)).text();
    expect(form).toContain("Lunch choice");
    expect(form).toContain(">Meat</label>");
    expect(form).toContain(">Fish</label>");
    const program = await (await reader.get(`/evenemang/${event.slug}/program`)).text();
    expect(program).toContain("Main hall");
    expect(program).toContain("Data and AI");
  });

  it("exports Swedish local time as real dates and shows choices in the list", async () => {
    const t = createTestApp(get());
    const { db } = t.deps;
    const { space, person } = await makeOrganiser(db);
    const event = await makeEvent(db, { space, published: true });
    await saveSettings(regContextOf(t.deps), event, { placesOnsite: 10 });
    const qid = await createQuestion(db, event.id, { kind: "multiple_choice", label: "Pass", labelEn: null, options: [{ value: "o1", sv: "Öppna data", en: null }, { value: "o2", sv: "AI", en: null }], required: false, sensitive: false, showIfQuestionId: null, showIfValue: null, position: 1 });
    const p = await makePerson(db, { name: "Karin Nyström" });
    const { registration } = await register(regContextOf(t.deps), { event, personId: p.id, organisationId: null, attendance: "onsite", answers: { [qid]: ["o1", "o2"] }, sensitiveAnswers: {} });
    // Registered at 10:00 UTC on 23 November: 11:00 in Stockholm (winter time).
    await db.update(registrations).set({ createdAt: new Date("2026-11-23T10:00:00Z") }).where(eq(registrations.id, registration.id));
    const c = new TestClient(t);
    await c.login(person.email!);
    const base = `/arrangor/evenemang/${event.id}/anmalningar`;
    const list = await (await c.get(base)).text();
    expect(list).toContain("<td>Öppna data, AI</td>");
    expect(list).toContain("<td>2026-11-23 11:00</td>");
    const csv = await (await c.get(`${base}/export.csv`)).text();
    expect(csv).toContain('"2026-11-23 11:00"');
    expect(csv).not.toContain("T10:00:00");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await (await c.get(`${base}/export.xlsx`)).arrayBuffer()) as never);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const col = header.indexOf("Anmäld");
    const cell = sheet.getRow(2).getCell(col);
    expect(cell.value).toBeInstanceOf(Date);
    expect((cell.value as Date).toISOString()).toBe("2026-11-23T11:00:00.000Z"); // the wall clock, as Excel holds it
    expect(cell.numFmt).toBe("yyyy-mm-dd hh:mm");
  });

  it("shows Arrangör only to organisers, says one is logged in and goes back, and makes the development mail's links clickable", async () => {
    const t = createTestApp(get());
    const { db } = t.deps;
    const { person: organiser } = await makeOrganiser(db);
    const participant = await makePerson(db);
    const c = new TestClient(t);
    await c.post("/logga-in", { email: participant.email!, tillbaka: "/evenemang" });
    const mail = t.mailer.recent().find((m) => m.to === participant.email)!;
    const link = /(http\S+bekrafta\?token=\S+)/.exec(mail.text)![1]!;
    const url = new URL(link);
    const done = await c.post("/logga-in/bekrafta", { token: url.searchParams.get("token")!, tillbaka: url.searchParams.get("tillbaka")! });
    expect(done.headers.get("location")).toBe("/evenemang");
    const back = await (await c.get("/evenemang")).text();
    expect(back).toContain("Du är inloggad.");
    expect(back).not.toContain('href="/arrangor"');
    const o = new TestClient(t);
    await o.login(organiser.email!);
    expect(await (await o.get("/evenemang")).text()).toContain('href="/arrangor"');

    const admin = new TestClient(t);
    await admin.login((await makeAdmin(db)).person.email!);
    const dev = await (await admin.get("/dev/mail")).text();
    expect(dev).toMatch(/<a class="ds-link" href="http:\/\/localhost\/logga-in\/bekrafta\?token=[^"]+">/);
  });
});
