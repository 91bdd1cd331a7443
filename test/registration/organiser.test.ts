import { expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { invitations, outbox, registrationQuestions, registrations, spaces } from "../../src/db/schema.js";
import { findMunicipalityByCode } from "../../src/organisations/repository.js";
import { describeEachDriver } from "../support/db.js";
import { TestClient, createTestApp } from "../support/app.js";
import { makeEvent, makeOrganiser, makePerson } from "../support/factories.js";
import { openRegistration, regContext } from "../support/registration.js";
import { register } from "../../src/registration/register.js";

describeEachDriver("organiser registration pages", (get) => {
  it("asks before cancelling someone, says what becomes of the place, and only then cancels", async () => {
    const { db } = get();
    const t = createTestApp(get());
    const { space, person } = await makeOrganiser(db);
    const event = await makeEvent(db, { space, published: true });
    const ctx = regContext(db);
    await openRegistration(ctx, event, { placesOnsite: 1, waitlistMode: "offer", offerHours: 24 });
    const anna = await makePerson(db, { name: "Anna Lindqvist" });
    const bo = await makePerson(db, { name: "Bo Sandberg" });
    const a = (await register(ctx, { event, personId: anna.id, organisationId: null, attendance: "onsite", answers: {}, sensitiveAnswers: {} })).registration;
    const b = (await register(ctx, { event, personId: bo.id, organisationId: null, attendance: "onsite", answers: {}, sensitiveAnswers: {} })).registration;
    expect([a.status, b.status]).toEqual(["confirmed", "waitlisted"]);
    const c = new TestClient(t);
    await c.login(person.email!);
    const list = `/arrangor/evenemang/${event.id}/anmalningar`;

    // The list's button leads to a question, not to the cancelling itself.
    const listHtml = await (await c.get(list)).text();
    expect(listHtml).toContain(`href="${list}/${a.id}/avboka"`);
    expect(listHtml).not.toContain(`action="${list}/${a.id}/avboka"`);
    const ask = await (await c.get(`${list}/${a.id}/avboka`)).text();
    expect(ask).toContain("Avboka Anna Lindqvist?");
    expect(ask).toContain("Anna Lindqvist har en plats på plats.");
    expect(ask).toContain("Den som står först på väntelistan, Bo Sandberg, erbjuds platsen och har 24 timmar på sig att tacka ja.");
    expect(ask).toContain("Ja, avboka Anna Lindqvist");
    expect((await db.select().from(registrations).where(eq(registrations.id, a.id)))[0]!.status).toBe("confirmed");
    const waiting = await (await c.get(`${list}/${b.id}/avboka`)).text();
    expect(waiting).toContain("Bo Sandberg står på väntelistan för en plats på plats och tas bort från den. Ingen plats blir ledig.");

    const done = await c.post(`${list}/${a.id}/avboka`, {});
    expect(done.status).toBe(303);
    expect(await (await c.get(list)).text()).toContain("Anmälan för Anna Lindqvist är avbokad.");
    const rows = await db.select().from(registrations).where(eq(registrations.eventId, event.id));
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({ [a.id]: "cancelled", [b.id]: "offered" });
    // Bo holds the offered place now, and nobody waits behind: the place would simply be free.
    expect(await (await c.get(`${list}/${b.id}/avboka`)).text()).toContain("Ingen står på väntelistan, så platsen blir ledig för nästa som anmäler sig.");
    // A cancelled registration has nothing to ask about.
    expect((await c.get(`${list}/${a.id}/avboka`)).status).toBe(303);
  });

  it("sets places and questions, adds and approves people, filters, exports, and tells everyone when the event moves", async () => {
    const { db } = get();
    const t = createTestApp(get());
    const { space, person } = await makeOrganiser(db);
    const event = await makeEvent(db, { space, published: true, title: "Digitaliseringsdagen 2027" });
    const c = new TestClient(t);
    await c.login(person.email!);
    const base = `/arrangor/evenemang/${event.id}`;

    const bad = await c.post(`${base}/anmalan`, { placesOnsite: "många", mode: "open", waitlistMode: "auto", offerHours: "48", lawfulBasis: "public_task" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("Platser på plats ska vara ett tal.");
    const badDates = await c.post(`${base}/anmalan`, { placesOnsite: "2", mode: "open", waitlistMode: "auto", offerHours: "48", lawfulBasis: "public_task", opensDate: "2027-05-01", closesDate: "2027-04-01" });
    expect(badDates.status).toBe(422);
    const ok = await c.post(`${base}/anmalan`, { placesOnsite: "2", mode: "approval", waitlistMode: "auto", offerHours: "48", lawfulBasis: "public_task", closesDate: "2027-09-20" });
    expect(ok.status).toBe(303);
    const q = await c.post(`${base}/anmalan/fragor`, { label: "Kost", kind: "single_choice", options: "Vegetarisk\nVegansk", sensitive: "on" });
    expect(q.status).toBe(303);
    const settingsHtml = await (await c.get(`${base}/anmalan`)).text();
    expect(settingsHtml).toContain("Kost (Ett val, känslig uppgift");
    expect(settingsHtml).toContain('value="2027-09-20"');

    const umea = (await findMunicipalityByCode(db, "2480"))!;
    const add = await c.post(`${base}/anmalningar`, { name: "Eva Sjöberg", email: "eva@hjo.se", organisationId: umea.id, attendance: "onsite" });
    expect(add.status).toBe(303);
    const pub = new TestClient(t);
    const form = await (await pub.get(`/evenemang/${event.slug}/anmalan`)).text();
    const qid = /name="q\.([0-9a-f-]{36})"/.exec(form)![1]!;
    const pending = await pub.post(`/evenemang/${event.slug}/anmalan`, { name: "Per Ekholm", email: "per@skovde.se", attendance: "onsite", [`q.${qid}`]: "o1" });
    expect(await pending.text()).toContain("Arrangören går igenom din anmälan");

    const list = await (await c.get(`${base}/anmalningar`)).text();
    expect(list).toContain("Eva Sjöberg");
    expect(list).toContain("Väntar på godkännande");
    expect(list).not.toContain(`<th scope="col">Kost</th>`); // no right to health data: no column
    expect(list).toContain("<caption>Kost ("); // but caterers get counts
    const rid = /anmalningar\/([0-9a-f-]{36})\/godkann/.exec(list)![1]!;
    expect((await c.post(`${base}/anmalningar/${rid}/godkann`, {})).status).toBe(303);
    const rows = await db.select().from(registrations).where(eq(registrations.eventId, event.id));
    expect(rows.map((r) => r.status).sort()).toEqual(["confirmed", "confirmed"]);
    const filtered = await (await c.get(`${base}/anmalningar?municipality=2480`)).text();
    expect(filtered).toContain("Eva Sjöberg");
    expect(filtered).not.toContain("Per Ekholm");
    const csvRes = await c.get(`${base}/anmalningar/export.csv?municipality=2480`);
    expect(csvRes.status).toBe(200);
    const csv = await csvRes.text();
    expect(csv).toContain("Eva Sjöberg");
    expect(csv).not.toContain("Per Ekholm");
    const xlsx = await c.get(`${base}/anmalningar/export.xlsx`);
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");

    // Moving the event tells both registered people, with an updated invite.
    await db.delete(outbox);
    const moved = await c.post(base, { title: "Digitaliseringsdagen 2027", startDate: "2027-11-19", startTime: "09:00", endDate: "2027-11-19", endTime: "16:00", format: "onsite" });
    expect(moved.status).toBe(303);
    const mails = await db.select().from(outbox);
    expect(mails.filter((m) => m.subject.startsWith("Ändrat:") && m.icsMethod === "REQUEST")).toHaveLength(2);
  });

  it("shows a long list a hundred at a time, with totals of all and each person's place in the queue", async () => {
    const { db } = get();
    const t = createTestApp(get());
    const { space, person } = await makeOrganiser(db);
    const event = await makeEvent(db, { space, published: true });
    const ctx = regContext(db);
    await openRegistration(ctx, event, { placesOnsite: 100 });
    const people = [];
    for (let i = 0; i < 103; i++) people.push(await makePerson(db, { name: `Deltagare ${String(i).padStart(3, "0")}` }));
    for (const p of people) await register(ctx, { event, personId: p.id, organisationId: null, attendance: "onsite", answers: {}, sensitiveAnswers: {} });
    const c = new TestClient(t);
    await c.login(person.email!);
    const base = `/arrangor/evenemang/${event.id}/anmalningar`;

    const first = await (await c.get(base)).text();
    expect(first).toContain("103 anmälningar Här visas nummer 1–100.");
    expect(first).toContain("Deltagare 099");
    expect(first).not.toContain("Deltagare 100");
    expect(first).toContain(`href="${base}?sida=2"`);
    expect(first).not.toContain("Föregående sida");

    const second = await (await c.get(`${base}?sida=2`)).text();
    expect(second).toContain("Här visas nummer 101–103.");
    expect(second).toMatch(/Deltagare 101[\s\S]*?På väntelistan \(2\)/);
    expect(second).toContain("Föregående sida");
    expect(second).not.toContain("Nästa sida");
    // Filtered: the queue place is still the place in the whole queue.
    const filtered = await (await c.get(`${base}?status=waitlisted&q=${encodeURIComponent("Deltagare 102")}`)).text();
    expect(filtered).toContain("1 anmälan");
    expect(filtered).toContain("På väntelistan (3)");
    // The totals count every registration, whichever page is shown.
    expect(second).toMatch(/<td>\d{4}-\d{2}-\d{2}<\/td><td>103<\/td><td>103<\/td>/);
  });
});

describeEachDriver("organiser registration input", (get) => {
  it("rejects bad question, invitation and retention input with a message and changes nothing", async () => {
    const { db } = get();
    const t = createTestApp(get());
    const { space, person } = await makeOrganiser(db);
    const event = await makeEvent(db, { space, published: true });
    const c = new TestClient(t);
    await c.login(person.email!);
    const base = `/arrangor/evenemang/${event.id}/anmalan`;
    await c.post(base, { placesOnsite: "2", mode: "open", waitlistMode: "auto", offerHours: "48", lawfulBasis: "public_task" });
    const snapshot = async () => JSON.stringify([await db.select().from(registrationQuestions), await db.select().from(invitations), await db.select().from(spaces)]);
    const before = await snapshot();
    const cases: [string, Record<string, string>, string][] = [
      [`${base}/fragor`, { label: "", kind: "short_text" }, "Fyll i frågan."],
      [`${base}/fragor`, { label: "Val", kind: "single_choice", options: "bara ett" }, "Skriv minst två svarsalternativ, ett per rad."],
      [`${base}/fragor`, { label: "X", kind: "teleport" }, "Välj"],
      [`${base}/fragor`, { label: "<script>", kind: "short_text", showIfQuestionId: "00000000-0000-4000-8000-000000000000", showIfValue: "yes" }, "har fel format"],
      [`${base}/inbjudningar`, { invitees: "inte en adress" }, "Rad 1: e-postadressen saknas."],
      [`${base}/inbjudningar`, { invitees: "anna@umea.se\nbo@" }, "Rad 2: e-postadressen har fel format."],
      [`${base}/inbjudningar`, { invitees: "" }, "Fyll i e-postadresser"],
      [`/arrangor/${space.slug}/gallring`, { retentionDays: "-5", retentionAction: "delete" }, "ska vara ett tal"],
      [`/arrangor/${space.slug}/gallring`, { retentionDays: "30", retentionAction: "burn" }, "Välj"],
    ];
    for (const [path, form, message] of cases) {
      const res = await c.post(path, form);
      expect(res.status, `${path} ${JSON.stringify(form)}`).toBe(422);
      expect(await res.text(), message).toContain(message);
    }
    expect(await snapshot()).toBe(before);
  });
});
