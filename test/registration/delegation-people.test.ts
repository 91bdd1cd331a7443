/**
 * A delegation as its contact and its delegates meet it: each delegate is told who
 * registered them and answers the organiser's questions on their own page; the contact
 * gets the delegation's link, sees who has not answered, chooses attendance per person
 * and adds colleagues later; the organiser sees who has not answered too.
 */
import { and, eq, like } from "drizzle-orm";
import { expect, it } from "vitest";
import { outbox, registrations } from "../../src/db/schema.js";
import { findMunicipalityByCode } from "../../src/organisations/repository.js";
import { regContextOf } from "../../src/registration/context.js";
import { createQuestion } from "../../src/registration/question-admin.js";
import { api, createTestApp, TestClient } from "../support/app.js";
import { describeEachDriver } from "../support/db.js";
import { makeEvent, makeOrganiser, makePerson } from "../support/factories.js";
import { openRegistration } from "../support/registration.js";
import { createApiToken } from "../../src/auth/repository.js";

describeEachDriver("a delegation's people", (get) => {
  it("asks each delegate their own questions, tells the contact, and lets the contact choose attendance and add colleagues later", async () => {
    const { db } = get();
    const t = createTestApp(get());
    const { space } = await makeOrganiser(db);
    const event = await makeEvent(db, { published: true, title: "Digitaliseringsdagen 2027", space, format: "hybrid" });
    await openRegistration(regContextOf(t.deps), event, { placesOnsite: 20, placesRemote: 20 });
    const dietId = await createQuestion(db, event.id, { kind: "short_text", label: "Kost", labelEn: null, options: [], required: true, sensitive: false, showIfQuestionId: null, showIfValue: null, position: 1 });
    const skovde = (await findMunicipalityByCode(db, "1496"))!;
    await makePerson(db, { name: "Karin Kontakt", email: "karin@skovde.se" });
    const c = new TestClient(t);
    await c.login("karin@skovde.se");

    const made = await c.post(`/evenemang/${event.slug}/delegation`, { organisationId: skovde.id, attendance: "onsite", people: "Bo Berg <bo@skovde.se>\nCia Dahl <cia@skovde.se> distans" });
    expect(made.status).toBe(201);
    const rows = await db.select().from(registrations).where(eq(registrations.eventId, event.id));
    const byEmail = async (email: string) => (await db.select().from(outbox).where(eq(outbox.toAddress, email))).map((m) => m.textBody);
    // Attendance per person, from the line.
    const cia = rows.find((r) => r.attendance === "remote")!;
    expect(rows.map((r) => r.attendance).sort()).toEqual(["onsite", "remote"]);
    // Each delegate: who registered them, and their own page for the questions.
    const [boMail] = await byEmail("bo@skovde.se");
    expect(boMail).toContain("Karin Kontakt har anmält dig.");
    expect(boMail).toContain("Arrangören har frågor till dig (till exempel om mat). Svara på dem på sidan för din anmälan:\nhttp://localhost/anmalan/");
    // The contact: the delegation's link.
    const contactMail = (await db.select().from(outbox).where(and(eq(outbox.toAddress, "karin@skovde.se"), like(outbox.subject, "Din delegation%"))))[0]!;
    const link = /(http:\/\/localhost\/delegation\/[0-9a-f-]+)/.exec(contactMail.textBody)![1]!;
    expect(contactMail.textBody).toContain("Du har anmält 2 personer till Digitaliseringsdagen 2027");

    // Nobody has answered yet: the contact and the organiser see it.
    const path = new URL(link).pathname;
    let page = await (await c.get(path)).text();
    expect(page).toContain("2 har inte svarat på arrangörens frågor än.");
    // Cia answers on her own page.
    const ciaLink = /(\/anmalan\/\S+)/.exec((await byEmail("cia@skovde.se"))[0]!)![1]!;
    const answered = await new TestClient(t).post(`${ciaLink}/svar`, { [`q.${dietId}`]: "Vegetarisk" });
    expect(answered.status, await answered.clone().text().then((h) => /ds-error-summary.{0,600}/s.exec(h)?.[0] ?? h.slice(0, 300))).toBe(303);
    page = await (await c.get(path)).text();
    expect(page).toContain("1 har inte svarat på arrangörens frågor än.");

    // The contact moves Bo to remote, then adds a colleague later.
    const bo = rows.find((r) => r.attendance === "onsite")!;
    expect((await c.post(`${path}/deltagande/${bo.id}`, { [`attendance-${bo.id}`]: "remote" })).status).toBe(303);
    expect((await db.select().from(registrations).where(eq(registrations.id, bo.id)))[0]!.attendance).toBe("remote");
    const bad = await c.post(`${path}/lagg-till`, { attendance: "onsite", people: "Dan Ek <dan@skovde.se>\nEva utan adress" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("Rad 2: e-postadressen saknas.");
    expect((await c.post(`${path}/lagg-till`, { attendance: "onsite", people: "Dan Ek <dan@skovde.se>" })).status).toBe(303);
    expect(await db.select().from(registrations).where(eq(registrations.eventId, event.id))).toHaveLength(3);

    // The organiser's list shows who has not answered.
    const organiser = new TestClient(t);
    const { person } = await makeOrganiser(db, space);
    await organiser.login(person.email!);
    const list = await (await organiser.get(`/arrangor/evenemang/${event.id}/anmalningar`)).text();
    expect(list).toContain("Obligatoriska svar");
    expect((list.match(/<td>Saknas<\/td>/g) ?? []).length).toBe(2);
    void cia;
  });

  it("works through the API too: attendance per person, colleagues added later, who has not answered", async () => {
    const { db } = get();
    const t = createTestApp(get());
    const event = await makeEvent(db, { published: true, format: "hybrid" });
    await openRegistration(regContextOf(t.deps), event, { placesOnsite: 20, placesRemote: 20 });
    await createQuestion(db, event.id, { kind: "short_text", label: "Kost", labelEn: null, options: [], required: true, sensitive: false, showIfQuestionId: null, showIfValue: null, position: 1 });
    const umea = (await findMunicipalityByCode(db, "2480"))!;
    const contact = await makePerson(db, { name: "Ulla Kontakt", email: "ulla@umea.se" });
    const { token } = await createApiToken(db, contact.id, "test");
    const client = api(t, token);
    const made = await (await client.post(`/v1/events/${event.id}/delegations`, { organisationId: umea.id, people: [{ name: "Bo Berg", email: "bo@umea.se" }, { name: "Cia Dahl", email: "cia@umea.se", attendance: "remote" }] })).json();
    expect(made.members.map((m: { attendance: string }) => m.attendance).sort()).toEqual(["onsite", "remote"]);
    expect(made.members.every((m: { answersMissing: boolean }) => m.answersMissing)).toBe(true);
    const added = await (await client.post(`/v1/delegations/${made.id}/people`, { people: [{ name: "Dan Ek", email: "dan@umea.se" }] })).json();
    expect(added.members).toHaveLength(3);
    const bo = added.members.find((m: { email: string }) => m.email === "bo@umea.se");
    const moved = await (await client.patch(`/v1/delegations/${made.id}/members/${bo.registrationId}`, { attendance: "remote" })).json();
    expect(moved.members.find((m: { email: string }) => m.email === "bo@umea.se").attendance).toBe("remote");
    const bad = await client.post(`/v1/delegations/${made.id}/people`, { people: [{ name: "Eva 800101-1234", email: "eva@umea.se" }] });
    expect(bad.status).toBe(422);
  });
});
