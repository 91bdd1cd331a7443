import { expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { events, people, registrations } from "../../src/db/schema.js";
import { saveSettings } from "../../src/registration/settings.js";
import { regContextOf } from "../../src/registration/context.js";
import { registrationQuestions } from "../../src/db/schema.js";
import { randomUUID } from "node:crypto";
import { describeEachDriver } from "../support/db.js";
import { TestClient, createTestApp, type TestApp } from "../support/app.js";
import { makeEvent } from "../support/factories.js";
import { processOutbox } from "../../src/mail/outbox.js";

async function setup(t: TestApp, places = 2, extra: Parameters<typeof saveSettings>[2] = {}) {
  const { db } = t.deps;
  const event = await makeEvent(db, { published: true, title: "Digitala Västerbotten 2027" });
  await saveSettings(regContextOf(t.deps), event, { placesOnsite: places, ...extra });
  const dietId = randomUUID();
  await db.insert(registrationQuestions).values([
    { id: dietId, eventId: event.id, position: 1, kind: "yes_no", labelSv: "Behöver du specialkost?", required: true },
    { id: randomUUID(), eventId: event.id, position: 2, kind: "short_text", labelSv: "Vilken kost?", sensitive: true, showIfQuestionId: dietId, showIfValue: "yes" },
  ]);
  return { event, dietId };
}

const linkIn = (text: string) => /(http:\/\/localhost\/anmalan\/\S+)/.exec(text)?.[1]?.replace("http://localhost", "");

describeEachDriver("registering in the browser without an account", (get) => {
  it("registers with the form, e-mails a confirmation through the outbox, and the manage link cancels", async () => {
    const t = createTestApp(get());
    const { event, dietId } = await setup(t);
    const c = new TestClient(t);
    const form = await c.get(`/evenemang/${event.slug}/anmalan`);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain("Behöver du specialkost?");
    expect(html).toContain("Personuppgiftsansvarig");
    const umea = /<option value="([0-9a-f-]{36})"[^>]*>Umeå \(2480\)<\/option>/.exec(html)![1]!;

    const bad = await c.post(`/evenemang/${event.slug}/anmalan`, { name: "", email: "fel", organisationId: umea, attendance: "onsite" });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Skriv e-postadressen i formatet namn@exempel.se.");
    expect(badHtml).toContain("Svara på frågan: Behöver du specialkost?");

    const res = await c.post(`/evenemang/${event.slug}/anmalan`, { name: "Karin Nyström", email: "karin@umea.se", organisationId: umea, attendance: "onsite", [`q.${dietId}`]: "no" });
    expect(res.status).toBe(201);
    const done = await res.text();
    expect(done).toContain("Du är anmäld till Digitala Västerbotten 2027.");
    const managePath = /href="(\/anmalan\/[^"]+)"/.exec(done)![1]!;

    // Nothing is sent until the worker runs; then the mail carries the manage link.
    expect(t.mailer.recent()).toHaveLength(0);
    await processOutbox(t.deps.db, t.mailer, t.deps.now(), "localhost");
    const mail = t.mailer.recent()[0]!;
    expect(mail.to).toBe("karin@umea.se");
    expect(mail.ics?.method).toBe("REQUEST");
    expect(linkIn(mail.text)).toBe(managePath);

    // Same person again: the existing registration, no duplicate.
    const again = await new TestClient(t).post(`/evenemang/${event.slug}/anmalan`, { name: "K N", email: "KARIN@umea.se", organisationId: umea, attendance: "onsite", [`q.${dietId}`]: "no" });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain("Du är redan anmäld");
    const rows = await t.deps.db.select().from(registrations).where(eq(registrations.eventId, event.id));
    expect(rows).toHaveLength(1);
    const [person] = await t.deps.db.select().from(people).where(eq(people.email, "karin@umea.se"));
    expect(person!.organisationId).toBe(umea);

    // GET the manage link changes nothing; POST cancels.
    expect((await new TestClient(t).get(managePath)).status).toBe(200);
    expect((await t.deps.db.select().from(registrations).where(eq(registrations.eventId, event.id)))[0]!.status).toBe("confirmed");
    const cancel = await c.post(`${managePath}/avboka`, {});
    expect(cancel.status).toBe(303);
    expect((await t.deps.db.select().from(registrations).where(eq(registrations.eventId, event.id)))[0]!.status).toBe("cancelled");
    await processOutbox(t.deps.db, t.mailer, t.deps.now(), "localhost");
    expect(t.mailer.recent()[0]!.ics?.method).toBe("CANCEL");

    // A tampered link is refused.
    expect((await c.get(managePath.slice(0, -3) + "abc")).status).toBe(404);
  });

  it("puts people on the waiting list and promotes through an offer accepted by link", async () => {
    const t = createTestApp(get());
    const { event, dietId } = await setup(t, 1, { waitlistMode: "offer", offerHours: 24 });
    const reg = (name: string, email: string) => new TestClient(t).post(`/evenemang/${event.slug}/anmalan`, { name, email, attendance: "onsite", [`q.${dietId}`]: "no" });
    const first = await (await reg("Ett", "ett@example.se")).text();
    const second = await reg("Två", "tva@example.se");
    expect(await second.text()).toContain("Alla platser på plats är tagna. Du står som nummer 1 på väntelistan");
    const firstManage = /href="(\/anmalan\/[^"]+)"/.exec(first)![1]!;
    await new TestClient(t).post(`${firstManage}/avboka`, {});
    await processOutbox(t.deps.db, t.mailer, t.deps.now(), "localhost");
    // The queue position is decided in the database and written into the mail there.
    const queued = t.mailer.recent().find((m) => m.to === "tva@example.se" && m.subject.startsWith("Du står på väntelistan"))!;
    expect(queued.text).toContain("Du står som nummer 1 på väntelistan");
    expect(queued.text).not.toContain("[[");
    expect(queued.ics).toBeFalsy();
    const offer = t.mailer.recent().find((m) => m.to === "tva@example.se" && m.subject.startsWith("En plats är ledig"))!;
    const offerPath = linkIn(offer.text)!;
    const page = await (await new TestClient(t).get(offerPath)).text();
    expect(page).toContain("Tacka ja till platsen");
    const accept = await new TestClient(t).post(`${offerPath}/acceptera`, {});
    expect(accept.status).toBe(303);
    const rows = await t.deps.db.select().from(registrations).where(eq(registrations.eventId, event.id));
    expect(rows.find((r) => r.status === "confirmed")).toBeDefined();
    expect(rows.filter((r) => r.status === "confirmed")).toHaveLength(1);
  });

  it("refuses registration when closed, and never stores a personnummer", async () => {
    const t = createTestApp(get());
    const { event, dietId } = await setup(t, 5, { closesAt: new Date("2026-01-01T00:00:00Z") });
    const res = await new TestClient(t).post(`/evenemang/${event.slug}/anmalan`, { name: "Sen", email: "sen@example.se", [`q.${dietId}`]: "no" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Anmälan har stängt.");
    const open = await setup(t, 5);
    const pnr = await new TestClient(t).post(`/evenemang/${open.event.slug}/anmalan`, { name: "P", email: "p@example.se", [`q.${open.dietId}`]: "yes", [`q.${(await t.deps.db.select().from(registrationQuestions).where(eq(registrationQuestions.showIfQuestionId, open.dietId)))[0]!.id}`]: "19850412-1234" });
    expect(pnr.status).toBe(422);
    expect(await pnr.text()).toContain("Skriv inte personnummer här.");
    expect(await t.deps.db.select().from(registrations).where(eq(registrations.eventId, open.event.id))).toHaveLength(0);
  });

  it("refuses a NUL character (which PostgreSQL cannot store) with a clear 400 and changes nothing", async () => {
    const t = createTestApp(get());
    const { event, dietId } = await setup(t, 5);
    const peopleBefore = (await t.deps.db.select().from(people)).length;
    const c = new TestClient(t);
    for (const fields of [
      { name: "\u0000\uffff\ud800", email: "nul@example.se", [`q.${dietId}`]: "no" },
      { name: "Nolla", email: "nul@example.se", [`q.${dietId}`]: "no\u0000" },
    ]) {
      const res = await c.post(`/evenemang/${event.slug}/anmalan`, fields);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("Texten innehåller ett tecken som inte kan sparas");
    }
    const query = await c.get(`/evenemang?q=%00`);
    expect(query.status).toBe(400);
    expect(await t.deps.db.select().from(registrations).where(eq(registrations.eventId, event.id))).toHaveLength(0);
    expect(await t.deps.db.select().from(people)).toHaveLength(peopleBefore);
  });
});

describeEachDriver("managing one's own registration", (get) => {
  it("changes answers and attendance through the manage link, rejects bad input without change, and downloads personal data", async () => {
    const t = createTestApp(get());
    const { db } = t.deps;
    const event = await makeEvent(db, { published: true });
    await db.update(events).set({ format: "hybrid" }).where(eq(events.id, event.id));
    await saveSettings(regContextOf(t.deps), { ...event, format: "hybrid" }, { placesOnsite: 5, placesRemote: 5 });
    const qid = randomUUID();
    await db.insert(registrationQuestions).values({ id: qid, eventId: event.id, position: 1, kind: "single_choice", labelSv: "Seminarium", options: [{ value: "a", sv: "A" }, { value: "b", sv: "B" }] });
    const c = new TestClient(t);
    await c.login("eget@example.se");
    const res = await c.post(`/evenemang/${event.slug}/anmalan`, { attendance: "onsite", [`q.${qid}`]: "a" });
    expect(res.status).toBe(201);
    const manage = /href="(\/anmalan\/[^"]+)"/.exec(await res.text())![1]!;
    const bad = await c.post(`${manage}/svar`, { [`q.${qid}`]: "z" });
    expect(bad.status).toBe(422);
    expect((await db.select().from(registrations).where(eq(registrations.eventId, event.id)))[0]!.answers).toEqual({ [qid]: "a" });
    expect((await c.post(`${manage}/svar`, { [`q.${qid}`]: "b" })).status).toBe(303);
    expect((await c.post(`${manage}/andra`, { attendance: "remote" })).status).toBe(303);
    expect((await c.post(`${manage}/andra`, { attendance: "moon" })).status).toBe(422);
    const row = (await db.select().from(registrations).where(eq(registrations.eventId, event.id)))[0]!;
    expect(row.answers).toEqual({ [qid]: "b" });
    expect(row.attendance).toBe("remote");
    const mine = await (await c.get("/mina-anmalningar")).text();
    expect(mine).toContain(event.titleSv);
    const data = await (await c.get("/mina-anmalningar/mina-uppgifter.json")).json();
    expect(data.person.email).toBe("eget@example.se");
    expect(data.registrations[0].answers).toEqual({ [qid]: "b" });
  });
});
