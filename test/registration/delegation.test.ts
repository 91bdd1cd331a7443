import { expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { outbox, registrations } from "../../src/db/schema.js";
import { findMunicipalityByCode } from "../../src/organisations/repository.js";
import { regContextOf } from "../../src/registration/context.js";
import { saveSettings } from "../../src/registration/settings.js";
import { describeEachDriver } from "../support/db.js";
import { TestClient, api, createTestApp } from "../support/app.js";
import { makeEvent, makePerson } from "../support/factories.js";
import { createApiToken } from "../../src/auth/repository.js";

describeEachDriver("delegations", (get) => {
  it("a contact registers colleagues in one go; each gets their own registration and mail; capacity and the organisation cap apply per person; a person can be replaced", async () => {
    const { db } = get();
    const t = createTestApp(get());
    const event = await makeEvent(db, { published: true, title: "DigiGov 2027" });
    await saveSettings(regContextOf(t.deps), event, { placesOnsite: 3, maxPerOrganisation: 4 });
    const umea = (await findMunicipalityByCode(db, "2480"))!;
    const contact = await makePerson(db, { name: "Anna Kontakt", email: "kontakt@umea.se" });
    const c = new TestClient(t);
    await c.login("kontakt@umea.se");

    const form = await c.get(`/evenemang/${event.slug}/delegation`);
    expect(form.status).toBe(200);
    const bad = await c.post(`/evenemang/${event.slug}/delegation`, { organisationId: umea.id, attendance: "onsite", people: "inte en adress" });
    expect(bad.status).toBe(422);
    const res = await c.post(`/evenemang/${event.slug}/delegation`, {
      organisationId: umea.id,
      attendance: "onsite",
      includeMe: "on",
      people: "Bo Berg <bo@umea.se>\nCecilia Dahl <cecilia@umea.se>\nDavid Ek <david@umea.se>\nEva Fors <eva@umea.se>",
    });
    expect(res.status).toBe(201);
    const html = await res.text();
    // Five asked for, cap of four per organisation: the fifth is refused with a reason.
    expect(html).toContain("eva@umea.se: Din organisation har redan fått alla platser");
    const rows = await db.select().from(registrations).where(eq(registrations.eventId, event.id));
    expect(rows).toHaveLength(4);
    expect(rows.filter((r) => r.status === "confirmed")).toHaveLength(3);
    expect(rows.filter((r) => r.status === "waitlisted")).toHaveLength(1);
    expect(rows.every((r) => r.delegationId !== null && r.organisationId === umea.id)).toBe(true);
    const mails = await db.select().from(outbox);
    expect(new Set(mails.map((m) => m.toAddress))).toEqual(new Set(["kontakt@umea.se", "bo@umea.se", "cecilia@umea.se", "david@umea.se"]));

    const delegationId = /action="\/delegation\/([0-9a-f-]{36})\/byt/.exec(html)![1]!;
    const bo = rows.find((r) => mails.some((m) => m.registrationId === r.id && m.toAddress === "bo@umea.se"))!;
    const replaced = await c.post(`/delegation/${delegationId}/byt/${bo.id}`, { [`name-${bo.id}`]: "Fia Gran", [`email-${bo.id}`]: "fia@umea.se" });
    expect(replaced.status).toBe(303);
    const after = (await db.select().from(registrations).where(eq(registrations.id, bo.id)))[0]!;
    expect(after.status).toBe(bo.status);
    expect(after.personId).not.toBe(bo.personId);
    const page = await (await c.get(`/delegation/${delegationId}`)).text();
    expect(page).toContain("Fia Gran");
    expect(page).not.toContain("Bo Berg");

    // Only the contact sees the delegation.
    const other = new TestClient(t);
    await other.login("annan@example.se");
    expect((await other.get(`/delegation/${delegationId}`)).status).toBe(404);
    expect(contact.id).toBeTruthy();
  });

  it("works through the API too", async () => {
    const { db } = get();
    const t = createTestApp(get());
    const event = await makeEvent(db, { published: true });
    await saveSettings(regContextOf(t.deps), event, { placesOnsite: 10 });
    const contact = await makePerson(db);
    const { token } = await createApiToken(db, contact.id, "t");
    const skovde = (await findMunicipalityByCode(db, "1496"))!;
    const res = await api(t, token).post(`/v1/events/${event.id}/delegations`, { organisationId: skovde.id, people: [{ name: "Per Ekholm", email: "per@skovde.se" }, { name: "Eva Sjöberg", email: "eva@skovde.se" }] });
    expect(res.status).toBe(201);
    const d = await res.json();
    expect(d.members.map((m: { status: string }) => m.status)).toEqual(["confirmed", "confirmed"]);
    const swap = await api(t, token).post(`/v1/delegations/${d.id}/replace`, { registrationId: d.members.find((m: { name: string }) => m.name === "Per Ekholm").registrationId, name: "Lena Ny", email: "lena@skovde.se" });
    expect((await swap.json()).members.map((m: { name: string }) => m.name).sort()).toEqual(["Eva Sjöberg", "Lena Ny"]);
    expect((await api(t, token).post(`/v1/events/${event.id}/delegations`, { organisationId: skovde.id, people: [] })).status).toBe(422);
  });
});
