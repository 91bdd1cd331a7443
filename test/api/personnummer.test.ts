/**
 * No free text anywhere takes a personnummer: every free-text field of every JSON body
 * in the API, the registration and delegation forms, and what was stored before is found
 * by a report for platform admins (numbers hidden).
 */
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { people, registrations } from "../../src/db/schema.js";
import { regContextOf } from "../../src/registration/context.js";
import { api, createTestApp, TestClient } from "../support/app.js";
import { describeEachDriver } from "../support/db.js";
import { makeAdmin, makeEvent, makeOrganiser, makePerson } from "../support/factories.js";
import { openRegistration } from "../support/registration.js";

import { bodyFields, type Schema } from "../support/openapi.js";

/** A property that takes free text: a string without a format, a pattern or a list of values. */
function isFreeText(schema: Schema, resolve: (ref: string) => Schema): boolean {
  if (schema.$ref) return isFreeText(resolve(schema.$ref), resolve);
  const parts = schema.anyOf ?? [schema];
  return parts.some((p) => (p.type === "string" || (Array.isArray(p.type) && p.type.includes("string"))) && !p.format && !p.pattern && !p.enum);
}

const NUMBERS = ["800101-1234", "19121212-1212", "121212-1212"];

describeEachDriver("personnummer in free text", (get) => {
  it("is refused in every free-text field of every API body, whichever way it is written", async () => {
    const t = createTestApp(get());
    const { token } = await makeAdmin(get().db);
    const event = await makeEvent(get().db, { published: true });
    await openRegistration(regContextOf(t.deps), event, { placesOnsite: 10 });
    const doc = await (await api(t).get("/v1/openapi.json")).json();
    const { fields, resolve } = bodyFields(doc, event.id);
    const refused: string[] = [];
    let forTheNumber = 0;
    let forItsFormat = 0;
    const accepted: string[] = [];
    let n = 0;
    for (const { method, path, url, field, property } of fields) {
      // Tokens are never stored (a wrong one is no invitation); every other text is checked.
      if (!isFreeText(property, resolve) || /token$/i.test(field)) continue;
      const number = NUMBERS[n++ % NUMBERS.length]!;
      const res = await t.app.request(`http://localhost/api${url}`, { method, headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ [field]: `Anna Berg ${number}` }) });
      const details = res.status === 422 ? (await res.json()).error.details : [];
      const label = `${method} ${path} ${field}`;
      if (details.some((d: { field: string; code: string }) => d.field === field && d.code === "personnummer")) forTheNumber++;
      // A field with a format of its own (an e-mail or web address, an organisation number) may refuse for that first.
      else if (details.some((d: { field: string; code: string }) => d.field === field && ["email", "url", "too_long"].includes(d.code))) forItsFormat++;
      // Refused for the number, or for its own format first (an e-mail address, an organisation number).
      if (details.some((d: { field: string; code: string }) => d.field === field && d.code !== "required")) refused.push(label);
      else accepted.push(`${label}: ${res.status} ${JSON.stringify(details)}`);
    }
    expect(refused.length).toBeGreaterThan(25);
    expect(forTheNumber + forItsFormat).toBe(refused.length);
    expect(forItsFormat).toBeLessThan(forTheNumber / 4);
    expect(accepted).toEqual([]);
  });

  it("is refused in the registration form, its answers and a delegation's lines, and nothing is stored", async () => {
    const t = createTestApp(get());
    const event = await makeEvent(get().db, { published: true });
    await openRegistration(regContextOf(t.deps), event, { placesOnsite: 10 });
    const c = new TestClient(t);
    const res = await c.post(`/evenemang/${event.slug}/anmalan`, { name: "Anna Berg 19121212-1212", email: "anna.pnr@example.se", attendance: "onsite" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Skriv inte personnummer i namn. Vi behöver det inte.");
    expect(await get().db.select().from(people).where(eq(people.email, "anna.pnr@example.se"))).toEqual([]);

    const contact = await makePerson(get().db, { email: "kontakt.pnr@example.se" });
    const d = new TestClient(t);
    await d.login(contact.email!);
    const { organisations } = await import("../../src/db/schema.js");
    const [umea] = await get().db.select().from(organisations).where(eq(organisations.municipalityCode, "2480"));
    const page = await d.post(`/evenemang/${event.slug}/delegation`, { organisationId: umea!.id, attendance: "onsite", people: "Bo Ek <bo.ek@example.se>\nCia Lind 121212-1212 <cia@example.se>\n<utan-namn@example.se>\nDan Berg <inte-en-adress>" });
    expect(page.status).toBe(422);
    const html = await page.text();
    expect(html).toContain("Rad 2: skriv inte personnummer. Vi behöver det inte.");
    expect(html).toContain("Rad 3: namnet saknas.");
    expect(html).toContain("Rad 4: e-postadressen har fel format.");
    expect(await get().db.select().from(people).where(eq(people.email, "bo.ek@example.se"))).toEqual([]);
  });

  it("that was stored before is found for platform admins, with the numbers hidden, and for nobody else", async () => {
    const t = createTestApp(get());
    const { db } = get();
    const { token } = await makeAdmin(db);
    const { token: organiserToken } = await makeOrganiser(db);
    const event = await makeEvent(db, { published: true });
    await openRegistration(regContextOf(t.deps), event, { placesOnsite: 10 });
    const stored = await makePerson(db, { name: "Gammal Post" });
    await db.update(people).set({ name: "Gammal Post 800101-1234" }).where(eq(people.id, stored.id));
    const ok = await api(t).post(`/v1/events/${event.id}/registrations`, { name: "Ny Person", email: "ny.pnr@example.se" });
    const reg = await ok.json();
    await db.update(registrations).set({ answers: { note: "mitt nr 19121212-1212" } }).where(eq(registrations.id, reg.id));

    const report = await (await api(t, token).get("/v1/admin/personnummer")).json();
    const where = report.data.map((f: { table: string; column: string; rowId: string }) => `${f.table}.${f.column}:${f.rowId}`);
    expect(where).toContain(`people.name:${stored.id}`);
    expect(where).toContain(`registrations.answers:${reg.id}`);
    expect(JSON.stringify(report)).not.toMatch(/800101|19121212/);
    expect(report.data.find((f: { table: string }) => f.table === "people").excerpt).toBe("Gammal Post ••••••-••••");
    expect((await api(t, organiserToken).get("/v1/admin/personnummer")).status).toBe(403);
    expect((await api(t).get("/v1/admin/personnummer")).status).toBe(401);

    const adminPerson = await makePerson(db, { admin: true, email: "admin.pnr@example.se" });
    const browser = new TestClient(t);
    await browser.login(adminPerson.email!);
    const html = await (await browser.get("/arrangor/admin/personnummer")).text();
    expect(html).toContain("Gammal Post ••••••-••••");
    expect(html).not.toContain("800101");
  });
});
