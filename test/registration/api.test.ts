import { expect, it } from "vitest";
import ExcelJS from "exceljs";
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { outbox, people, registrations } from "../../src/db/schema.js";
import { setSensitiveAccess } from "../../src/spaces/repository.js";
import { findMunicipalityByCode } from "../../src/organisations/repository.js";
import { describeEachDriver } from "../support/db.js";
import { api, createTestApp } from "../support/app.js";
import { makeEvent, makeOrganiser } from "../support/factories.js";

describeEachDriver("registration API", (get) => {
  async function setup(settings: Record<string, unknown> = {}) {
    const t = createTestApp(get());
    const { db } = get();
    const { space, token, person } = await makeOrganiser(db);
    const event = await makeEvent(db, { space, published: true, title: "Digidelkonferensen Norr 2027" });
    const patched = await api(t, token).patch(`/v1/events/${event.id}`, { format: "hybrid", placesOnsite: 2, placesRemote: 1, registrationMode: "open", waitlistMode: "auto", ...settings });
    expect(patched.status).toBe(200);
    return { t, event, token, space, person };
  }

  it("takes placesOnsite, placesRemote and modes through PATCH and shows them on the event", async () => {
    const { t, event, token } = await setup();
    const json = await (await api(t, token).get(`/v1/events/${event.id}`)).json();
    expect(json.registration).toMatchObject({ placesOnsite: 2, placesRemote: 1, takenOnsite: 0, registrationMode: "open", waitlistMode: "auto" });
  });

  it("registers (201), returns the same registration on repeat (200), queues when full, and cancels by manage token", async () => {
    const { t, event, token: organiserToken } = await setup();
    const umea = await findMunicipalityByCode(get().db, "2480");
    const body = (email: string, extra = {}) => ({ name: `Namn ${email}`, email, organisationId: umea!.id, attendance: "onsite", answers: {}, ...extra });
    const first = await api(t).post(`/v1/events/${event.id}/registrations`, body("a@umea.se"));
    expect(first.status).toBe(201);
    const a = await first.json();
    expect(a).toMatchObject({ status: "confirmed", attendance: "onsite" });
    expect(a.manageUrl).toMatch(/^http:\/\/localhost\/anmalan\//);
    const repeat = await api(t).post(`/v1/events/${event.id}/registrations`, body("A@UMEA.SE"));
    expect(repeat.status).toBe(200);
    expect((await repeat.json()).id).toBe(a.id);
    await api(t).post(`/v1/events/${event.id}/registrations`, body("b@umea.se"));
    const third = await (await api(t).post(`/v1/events/${event.id}/registrations`, body("c@umea.se"))).json();
    expect(third).toMatchObject({ status: "waitlisted", position: 1 });
    const remote = await (await api(t).post(`/v1/events/${event.id}/registrations`, body("d@umea.se", { attendance: "remote" }))).json();
    expect(remote.status).toBe("confirmed");

    const token = new URL(a.manageUrl).pathname.split("/").pop()!;
    expect((await api(t).delete(`/v1/registrations/${a.id}`)).status).toBe(401);
    expect((await api(t).delete(`/v1/registrations/${a.id}?token=${token.slice(0, -2)}xx`)).status).toBe(401);
    const del = await t.app.request(`http://localhost/api/v1/registrations/${a.id}`, { method: "DELETE", headers: { "x-manage-token": token } });
    expect(del.status).toBe(200);
    expect((await del.json()).status).toBe("cancelled");
    // The first in line got the freed place.
    const promoted = await (await api(t, organiserToken).get(`/v1/registrations/${third.id}`)).json();
    expect(promoted.status).toBe("confirmed");
    // Someone else's token cannot see it.
    const { token: otherOrganiser } = await makeOrganiser(get().db);
    expect((await api(t, otherOrganiser).get(`/v1/registrations/${third.id}`)).status).toBe(404);
  });

  it("registers by e-mail: a new profile in the form's language; a known profile keeps its name and language and gets what it lacked", async () => {
    const { t, event } = await setup({ placesOnsite: 10 });
    const { db } = get();
    const umea = (await findMunicipalityByCode(db, "2480"))!;
    const skovde = (await findMunicipalityByCode(db, "1496"))!;
    const register = async (body: Record<string, unknown>) => {
      const res = await api(t).post(`/v1/events/${event.id}/registrations`, body);
      expect(res.status).toBe(201);
      const { id } = await res.json();
      const [row] = await db.select().from(registrations).where(eq(registrations.id, id));
      const mails = await db.select().from(outbox).where(eq(outbox.registrationId, id));
      const [profile] = await db.select().from(people).where(eq(people.id, row!.personId!));
      return { row: row!, mails, profile: profile! };
    };

    const newcomer = await register({ name: "Bo Berg", email: "Bo.Berg@Tidaholm.se", attendance: "onsite" });
    expect(newcomer.profile).toMatchObject({ name: "Bo Berg", email: "bo.berg@tidaholm.se", locale: "sv", organisationId: null });
    expect(newcomer.mails.map((m) => [m.toAddress, m.textBody.split("\n")[0]])).toEqual([["bo.berg@tidaholm.se", "Hej Bo Berg!"]]);

    // Known, under another name and in English: the mail is the profile's, the organisation is filled in.
    const [anna] = await db.insert(people).values({ id: randomUUID(), name: "Anna Andersson", email: "anna.andersson@umea.se", locale: "en" }).returning();
    const returning = await register({ name: "Anna A", email: "ANNA.Andersson@umea.se", organisationId: umea.id, attendance: "onsite" });
    expect(returning.row).toMatchObject({ personId: anna!.id, organisationId: umea.id, status: "confirmed" });
    expect(returning.profile).toMatchObject({ name: "Anna Andersson", locale: "en", organisationId: umea.id });
    expect(returning.mails.map((m) => [m.subject, m.textBody.split("\n")[0]])).toEqual([["You are registered: Digidelkonferensen Norr 2027", "Hello Anna Andersson,"]]);

    // Known by the same name, no language yet, an organisation already: the registration takes it.
    const [cia] = await db.insert(people).values({ id: randomUUID(), name: "Cia Ceder", email: "cia.ceder@skovde.se", organisationId: skovde.id }).returning();
    const known = await register({ name: "Cia Ceder", email: "cia.ceder@skovde.se", attendance: "onsite" });
    expect(known.row).toMatchObject({ personId: cia!.id, organisationId: skovde.id });
    expect(known.profile).toMatchObject({ name: "Cia Ceder", locale: "sv", organisationId: skovde.id });
    expect(known.mails.map((m) => m.textBody.split("\n")[0])).toEqual(["Hej Cia Ceder!"]);
  });

  it("never hands a manage link to an anonymous repeat", async () => {
    const { t, event } = await setup();
    await api(t).post(`/v1/events/${event.id}/registrations`, { name: "X", email: "x@example.se" });
    const again = await (await api(t).post(`/v1/events/${event.id}/registrations`, { name: "X", email: "x@example.se" })).json();
    expect(again.manageUrl).toBeNull();
  });

  it("approval mode: pending until the organiser approves or declines", async () => {
    const { t, event, token } = await setup({ registrationMode: "approval" });
    const r = await (await api(t).post(`/v1/events/${event.id}/registrations`, { name: "Politiker", email: "pol@example.se" })).json();
    expect(r.status).toBe("pending_approval");
    expect((await api(t).post(`/v1/registrations/${r.id}/approve`, {})).status).toBe(401);
    const ok = await api(t, token).post(`/v1/registrations/${r.id}/approve`, {});
    expect((await ok.json()).status).toBe("confirmed");
    const r2 = await (await api(t).post(`/v1/events/${event.id}/registrations`, { name: "Annan", email: "annan@example.se" })).json();
    expect((await (await api(t, token).post(`/v1/registrations/${r2.id}/decline`, {})).json()).status).toBe("declined");
  });

  it("gives caterers the counts of those confirmed on site only, free texts without names, and separates confirmed from waiting per place", async () => {
    const { t, event, token } = await setup({ placesOnsite: 1, placesRemote: 5 });
    const client = api(t, token);
    const q = await (await client.post(`/v1/events/${event.id}/questions`, { kind: "short_text", label: "Allergier", sensitive: true })).json();
    const umea = (await findMunicipalityByCode(get().db, "2480"))!;
    const register = (name: string, attendance: string, allergy: string) => api(t).post(`/v1/events/${event.id}/registrations`, { name, email: `${name.toLowerCase()}@umea.se`, organisationId: umea.id, attendance, answers: { [q.id]: allergy } });
    await register("Anna", "onsite", "Nötter");
    await register("Bo", "onsite", "Nötter"); // on the waiting list: the caterers do not feed him
    await register("Cia", "remote", "Gluten"); // remote: not fed either
    const all = await (await client.get(`/v1/events/${event.id}/registrations`)).json();
    expect(all.catering).toEqual([{ questionId: q.id, answered: 1, options: [], yes: 0, no: 0, texts: [{ text: "Nötter", count: 1 }] }]);
    expect(JSON.stringify(all.catering)).not.toContain("Anna");
    expect(all.totals.byMunicipality).toEqual([{ code: "2480", name: "Umeå", confirmed: 2, waiting: 1, count: 3 }]);
  });

  it("lists with filters and totals, hides health data without the right, exports CSV and XLSX of the filtered list", async () => {
    const { t, event, token, space, person } = await setup({ placesOnsite: 10 });
    const client = api(t, token);
    const q = await client.post(`/v1/events/${event.id}/questions`, { kind: "multiple_choice", label: "Kost", sensitive: true, options: [{ value: "veg", sv: "Vegetarisk" }, { value: "gluten", sv: "Glutenfri" }] });
    expect(q.status).toBe(201);
    const qid = (await q.json()).id;
    const umea = (await findMunicipalityByCode(get().db, "2480"))!;
    const skovde = (await findMunicipalityByCode(get().db, "1496"))!;
    await api(t).post(`/v1/events/${event.id}/registrations`, { name: "Anna", email: "anna@umea.se", organisationId: umea.id, answers: { [qid]: ["veg"] } });
    await api(t).post(`/v1/events/${event.id}/registrations`, { name: "Bo", email: "bo@skovde.se", organisationId: skovde.id, answers: { [qid]: ["veg", "gluten"] } });
    await api(t).post(`/v1/events/${event.id}/registrations`, { name: "Cia", email: "cia@umea.se", organisationId: umea.id, attendance: "remote" });

    const all = await (await client.get(`/v1/events/${event.id}/registrations`)).json();
    expect(all.data).toHaveLength(3);
    expect(all.data[0].sensitiveAnswers).toBeUndefined();
    expect(all.totals.byMunicipality).toEqual([{ code: "2480", name: "Umeå", confirmed: 2, waiting: 0, count: 2 }, { code: "1496", name: "Skövde", confirmed: 1, waiting: 0, count: 1 }]);
    expect(all.totals.byRegion.map((r: { code: string; count: number }) => [r.code, r.count])).toEqual([["24", 2], ["14", 1]]);
    expect(all.catering[0].options).toEqual([{ value: "veg", count: 2 }, { value: "gluten", count: 1 }]);
    expect(all.catering[0].answered).toBe(2);
    expect(all.totals.byStatus).toEqual({ confirmed: 3 });
    expect(all.totals.timeline).toEqual([{ date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), count: 3, cumulative: 3 }]);
    expect(all).toMatchObject({ total: 3, limit: 100, offset: 0 });
    // A page of the list; totals still count every match.
    const second = await (await client.get(`/v1/events/${event.id}/registrations?limit=1&offset=1`)).json();
    expect(second.data.map((r: { name: string }) => r.name)).toEqual(["Bo"]);
    expect(second).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(second.totals.byMunicipality).toEqual(all.totals.byMunicipality);
    expect((await client.get(`/v1/events/${event.id}/registrations?limit=0`)).status).toBe(422);
    const filtered = await (await client.get(`/v1/events/${event.id}/registrations?municipality=2480&attendance=onsite`)).json();
    expect(filtered.data.map((r: { name: string }) => r.name)).toEqual(["Anna"]);
    expect((await client.get(`/v1/events/${event.id}/registrations?municipality=abc`)).status).toBe(422);

    const csv = await (await client.get(`/v1/events/${event.id}/registrations/export?format=csv&region=24`)).text();
    const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('"Namn"');
    expect(lines[0]).not.toContain("Kost");
    expect(csv).toContain('"Anna"');
    expect(csv).not.toContain('"Bo"');

    await setSensitiveAccess(get().db, space.id, person.id, true);
    const withHealth = await (await client.get(`/v1/events/${event.id}/registrations`)).json();
    expect(withHealth.data[0].sensitiveAnswers).toEqual({ [qid]: ["veg"] });
    const xlsx = await client.get(`/v1/events/${event.id}/registrations/export?format=xlsx&attendance=onsite`);
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(1).values).toContain("Kost");
    const names = [sheet.getRow(2).getCell(1).value, sheet.getRow(3).getCell(1).value];
    expect(names).toEqual(["Anna", "Bo"]);
    expect(sheet.getRow(3).values).toContain("Vegetarisk, Glutenfri");
  });

  it("rejects bad registration input with 4xx and creates nothing", async () => {
    const { t, event } = await setup();
    const before = (await get().db.select({ n: sql<number>`count(*)::int` }).from(registrations))[0]!.n;
    const cases: unknown[] = [
      {},
      { name: "X" },
      { name: "X", email: "nope" },
      { name: "X", email: "x@example.se", attendance: "teleport" },
      { name: "X", email: "x@example.se", organisationId: "00000000-0000-4000-8000-000000000000" },
      { name: "X".repeat(100_000), email: "x@example.se" },
      { name: "X", email: "x@example.se", answers: "inte ett objekt" },
      { name: "X", email: "x@example.se", extra: 1 },
      "[]",
      "{broken",
    ];
    for (const body of cases) {
      const res = await api(t).post(`/v1/events/${event.id}/registrations`, body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect((await res.json()).error.message.length).toBeGreaterThan(5);
    }
    const draft = await makeEvent(get().db, {});
    expect((await api(t).post(`/v1/events/${draft.id}/registrations`, { name: "X", email: "x@example.se" })).status).toBe(404);
    expect((await get().db.select({ n: sql<number>`count(*)::int` }).from(registrations))[0]!.n).toBe(before);
  });
});

describeEachDriver("registration API for organisers and participants", (get) => {
  it("lets an organiser add someone and invite people, and a participant list their own registrations", async () => {
    const t = createTestApp(get());
    const { db } = get();
    const { space, token } = await makeOrganiser(db);
    const event = await makeEvent(db, { space, published: true });
    await api(t, token).patch(`/v1/events/${event.id}`, { placesOnsite: 5, registrationMode: "invitation" });
    const added = await api(t, token).post(`/v1/events/${event.id}/registrations`, { name: "Tillagd Person", email: "tillagd@example.se" });
    expect(added.status).toBe(201);
    expect((await added.json()).status).toBe("confirmed");
    const invited = await api(t, token).post(`/v1/events/${event.id}/invitations`, { invitees: [{ email: "a@example.se", name: "A" }, { email: "b@example.se" }] });
    expect(await invited.json()).toEqual({ invited: 2 });
    expect((await api(t, token).post(`/v1/events/${event.id}/invitations`, { invitees: [{ email: "nope" }] })).status).toBe(422);
    // Without an invitation, a member of the public cannot register.
    expect((await api(t).post(`/v1/events/${event.id}/registrations`, { name: "X", email: "x@example.se" })).status).toBe(409);
    const { createApiToken } = await import("../../src/auth/repository.js");
    const { findPersonByEmail } = await import("../../src/people/repository.js");
    const me = await findPersonByEmail(db, "tillagd@example.se");
    const { token: mine } = await createApiToken(db, me!.id, "me");
    const list = await (await api(t, mine).get("/v1/me/registrations")).json();
    expect(list.data).toHaveLength(1);
    expect(list.data[0]).toMatchObject({ eventId: event.id, status: "confirmed" });
    expect(list.data[0].manageUrl).toMatch(/\/anmalan\//);
  });
});
