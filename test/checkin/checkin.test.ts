/**
 * Tickets and check-in (issue 12, first part): signed codes that cannot be forged, one
 * check-in per ticket however many stations scan it at once, the same press twice counted
 * once, clear refusals that change nothing, and check-in staff who can do that and no more.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { checkins, registrations } from "../../src/db/schema.js";
import { regContextOf } from "../../src/registration/context.js";
import { register } from "../../src/registration/register.js";
import { cancelRegistration, changeAttendance } from "../../src/registration/service.js";
import { saveSettings } from "../../src/registration/settings.js";
import { ticketCode } from "../../src/checkin/tickets.js";
import { listsOf } from "../../src/checkin/service.js";
import { api, createTestApp, TestClient } from "../support/app.js";
import { describeEachDriver } from "../support/db.js";
import { makeEvent, makeOrganiser, makePerson } from "../support/factories.js";

describeEachDriver("tickets and check-in", (get) => {
  async function setup() {
    const t = createTestApp(get());
    const { db } = t.deps;
    const org = await makeOrganiser(db);
    const event = await makeEvent(db, { space: org.space, published: true, format: "hybrid" });
    const ctx = regContextOf(t.deps);
    await saveSettings(ctx, event, { placesOnsite: 100, placesRemote: 100 });
    const person = async (name: string, attendance: "onsite" | "remote" = "onsite") => {
      const p = await makePerson(db, { name });
      return (await register(ctx, { event, personId: p.id, organisationId: null, attendance, answers: {}, sensitiveAnswers: {} })).registration;
    };
    const [entry] = await listsOf(db, event.id);
    return { t, db, org, event, ctx, person, entry: entry! };
  }

  it("redeems a signed ticket once, answers a repeated press the same, and refuses forged, foreign, cancelled and re-issued tickets without recording anything", async () => {
    const { t, db, org, event, ctx, person, entry } = await setup();
    const anna = await person("Anna Lind");
    const code = await ticketCode(db, anna);
    expect(code).toMatch(/^SV1\.[A-Za-z0-9_-]{27}\.[A-Za-z0-9_-]{86}$/);
    expect(code).not.toContain("Anna");
    const scanner = api(t, org.token);
    const scan = async (body: Record<string, unknown>) => (await scanner.post(`/v1/checkin-lists/${entry.id}/redeem`, body)).json();

    const first = await scan({ code, nonce: "press-0001" });
    expect(first).toMatchObject({ result: "ok", name: "Anna Lind" });
    expect(await scan({ code, nonce: "press-0001" })).toEqual(first); // the same press, on a slow network
    expect(await scan({ code, nonce: "press-0002" })).toMatchObject({ result: "already", name: "Anna Lind", at: first.at });

    // A changed signature, a code made up from another registration's id, nonsense.
    const forged = code.slice(0, -3) + (code.endsWith("AAA") ? "BBB" : "AAA");
    expect(await scan({ code: forged, nonce: "press-0003" })).toMatchObject({ result: "invalid" });
    const bo = await person("Bo Ek");
    const stolenBody = `${code.split(".")[0]}.${(await ticketCode(db, bo)).split(".")[1]}.${code.split(".")[2]}`;
    expect(await scan({ code: stolenBody, nonce: "press-0004" })).toMatchObject({ result: "invalid" });
    expect(await scan({ code: "https://example.se/?q=1", nonce: "press-0005" })).toMatchObject({ result: "invalid" });

    // A ticket of another event, signed by that event's key.
    const other = await makeEvent(db, { space: org.space, published: true });
    await saveSettings(ctx, other, { placesOnsite: 10 });
    const visitor = await makePerson(db, { name: "Cia Holm" });
    const foreign = (await register(ctx, { event: other, personId: visitor.id, organisationId: null, attendance: "onsite", answers: {}, sensitiveAnswers: {} })).registration;
    expect(await scan({ code: await ticketCode(db, foreign), nonce: "press-0006" })).toMatchObject({ result: "wrong_event" });

    // Cancelled: refused. Moved to remote: the old code is revoked, the new one is valid (on a list for everyone).
    await cancelRegistration(ctx, bo.id);
    expect(await scan({ code: await ticketCode(db, bo), nonce: "press-0007" })).toMatchObject({ result: "cancelled", name: "Bo Ek" });
    const dan = await person("Dan Berg");
    const before = await ticketCode(db, dan);
    await changeAttendance(ctx, dan.id, "remote");
    const [moved] = await db.select().from(registrations).where(eq(registrations.id, dan.id));
    expect(await scan({ code: before, nonce: "press-0008" })).toMatchObject({ result: "revoked", name: "Dan Berg" });
    expect(await scan({ code: await ticketCode(db, moved!), nonce: "press-0009" })).toMatchObject({ result: "ok", name: "Dan Berg" });

    const rows = await db.select().from(checkins).where(eq(checkins.listId, entry.id));
    expect(rows.map((r) => r.registrationId).sort()).toEqual([anna.id, dan.id].sort());
    // A body without code and registration is a bad request.
    expect((await scanner.post(`/v1/checkin-lists/${entry.id}/redeem`, { nonce: "press-0010" })).status).toBe(422);
    void event;
  });

  it("checks a ticket in exactly once when four stations scan it at the same moment", async () => {
    const { t, db, org, person, entry } = await setup();
    const people = await Promise.all(["Eva", "Fia", "Gun", "Hans"].map((n) => person(n)));
    const scanner = api(t, org.token);
    const codes = await Promise.all(people.map((r) => ticketCode(db, r)));
    const answers = await Promise.all(codes.flatMap((code) => [0, 1, 2, 3].map(async () => (await (await scanner.post(`/v1/checkin-lists/${entry.id}/redeem`, { code, nonce: randomUUID() })).json()).result)));
    expect(answers.filter((a) => a === "ok")).toHaveLength(4);
    expect(answers.filter((a) => a === "already")).toHaveLength(12);
    expect(await db.select().from(checkins).where(eq(checkins.listId, entry.id))).toHaveLength(4);
  });

  it("lets check-in staff find people by name and check them in with a form, and nothing more; the organiser sees who came", async () => {
    const { t, db, org, event, person, entry } = await setup();
    const anna = await person("Anna Lind");
    await person("Bo Ek", "remote");
    const organiser = new TestClient(t);
    await organiser.login(org.person.email!);
    const granted = await organiser.post(`/arrangor/evenemang/${event.id}/roller`, { email: "vard@skelleftea.se", role: "checkin" });
    expect(granted.status).toBe(303);
    expect(await (await organiser.get(`/arrangor/evenemang/${event.id}/roller`)).text()).toContain("vard@skelleftea.se");
    const bad = await organiser.post(`/arrangor/evenemang/${event.id}/roller`, { email: "inte-en-adress", role: "checkin" });
    expect(bad.status).toBe(422);

    const staff = new TestClient(t);
    await staff.login("vard@skelleftea.se");
    const station = `/arrangor/evenemang/${event.id}/incheckning/${entry.id}`;
    const lists = await (await staff.get(`/arrangor/evenemang/${event.id}/incheckning`)).text();
    expect(lists).toContain("0 av 2 har kommit");
    expect(await (await staff.get("/mina-anmalningar")).text()).toContain(`href="/arrangor/evenemang/${event.id}/incheckning"`);
    const found = await (await staff.get(`${station}?q=anna`)).text();
    expect(found).toContain("Checka in Anna Lind");
    // The nonce the page gave Anna's button (each button has its own).
    const at = found.lastIndexOf('name="nonce" value="', found.indexOf(`value="${anna.id}"`));
    const nonce = /name="nonce" value="([^"]+)"/.exec(found.slice(at))![1]!;
    const done = await staff.post(`${station}?q=anna`, { nonce, registrationId: anna.id });
    expect(done.status).toBe(200);
    const page = await done.text();
    expect(page).toContain("Välkommen, Anna Lind!");
    expect(page).toContain("1 av 2 har kommit");
    expect(page).toContain("1 har inte kommit");
    expect(page).toContain("Incheckad kl.");
    expect((await staff.post(station, { nonce: randomUUID(), code: "SV1.fel" })).status).toBe(422);

    // Staff do nothing else: not the registrations, the settings, the roles, a new list.
    for (const path of [`/arrangor/evenemang/${event.id}/anmalningar`, `/arrangor/evenemang/${event.id}/anmalan`, `/arrangor/evenemang/${event.id}/roller`, `/arrangor/evenemang/${event.id}`]) {
      expect((await staff.get(path)).status, path).toBe(403);
    }
    expect((await staff.post(`/arrangor/evenemang/${event.id}/incheckning`, { name: "Egen lista" })).status).toBe(403);

    // The organiser sees when Anna came; a participant, another space's organiser and nobody see no station.
    expect(await (await organiser.get(`/arrangor/evenemang/${event.id}/anmalningar`)).text()).toMatch(/<td>\d{4}-\d{2}-\d{2} \d{2}:\d{2}<\/td><td>\d{4}-\d{2}-\d{2} \d{2}:\d{2}<\/td>/);
    const csv = await (await organiser.get(`/arrangor/evenemang/${event.id}/anmalningar/export.csv`)).text();
    const [header, ...lines] = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    const col = header!.split(";").indexOf('"Incheckad"');
    expect(col).toBeGreaterThan(0);
    const cells = (name: string) => lines.find((l) => l.includes(name))!.split(";");
    expect(cells("Anna Lind")[col]).toMatch(/^"\d{4}-\d{2}-\d{2} \d{2}:\d{2}"$/);
    expect(cells("Bo Ek")[col]).toBe('""');
    const participant = new TestClient(t);
    await participant.login((await makePerson(db)).email!);
    const stranger = new TestClient(t);
    await stranger.login((await makeOrganiser(db)).person.email!);
    for (const [who, client] of [["participant", participant], ["other organiser", stranger], ["nobody", new TestClient(t)]] as const) {
      for (const path of [`/arrangor/evenemang/${event.id}/incheckning`, station, `/arrangor/evenemang/${event.id}/roller`]) {
        expect([303, 401, 403, 404], `${who} GET ${path}`).toContain((await client.get(path)).status);
      }
      expect([401, 403, 404], `${who} POST ${station}`).toContain((await client.post(station, { nonce: randomUUID(), registrationId: anna.id })).status);
    }
    // Withdrawn: the staff member's access ends at once.
    const staffId = (await db.select({ id: checkins.byPersonId }).from(checkins).where(eq(checkins.registrationId, anna.id)))[0]!.id!;
    expect((await organiser.post(`/arrangor/evenemang/${event.id}/roller/${staffId}/checkin/ta-bort`, {})).status).toBe(303);
    expect((await staff.get(station)).status).toBe(403);
  });
  it("takes check-ins made offline at the time they were made, keeps a second one of a ticket as a conflict, and answers a repeated upload the same", async () => {
    const { t, db, org, event, person, entry } = await setup();
    const anna = await person("Anna Lind");
    const bo = await person("Bo Ek");
    const cia = await person("Cia Holm");
    const scanner = api(t, org.token);
    const offline = (await (await scanner.get(`/v1/checkin-lists/${entry.id}/offline`)).json()) as { ticketPublicKey: string; registrations: { id: string; version: number; status: string; name: string }[]; list: { allowReentry: boolean } };
    expect(offline.ticketPublicKey).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(offline.registrations.map((r) => r.name).sort()).toEqual(["Anna Lind", "Bo Ek", "Cia Holm"]);
    expect(JSON.stringify(offline)).not.toMatch(/@|sensitive|answers/); // no e-mail, no answers
    await cancelRegistration(regContextOf(t.deps), cia.id);
    const revoked = (await (await scanner.get(`/v1/checkin-lists/${entry.id}/offline`)).json()) as typeof offline;
    expect(revoked.registrations.find((r) => r.id === cia.id)?.status).toBe("cancelled");

    // On the day (the event is on 18 November 2027): Bo came in online at 09:01; two offline
    // stations then checked Anna in (08:58 and 09:02) and Bo once (09:03).
    t.clock.now = new Date("2027-11-18T09:01:00+01:00");
    expect(await (await scanner.post(`/v1/checkin-lists/${entry.id}/redeem`, { code: await ticketCode(db, bo), nonce: "online-bo-1" })).json()).toMatchObject({ result: "ok" });
    const at = (hm: string) => new Date(`2027-11-18T${hm}:00+01:00`).toISOString();
    t.clock.now = new Date("2027-11-18T09:20:00+01:00");
    const scans = [
      { code: await ticketCode(db, anna), nonce: "offline-a-1", at: at("09:02") },
      { registrationId: anna.id, nonce: "offline-a-2", at: at("08:58") },
      { code: await ticketCode(db, bo), nonce: "offline-b-1", at: at("09:03") },
      { code: await ticketCode(db, cia), nonce: "offline-c-1", at: at("09:04") },
      { code: await ticketCode(db, anna), nonce: "offline-a-3", at: at("09:40") }, // after the upload: not a time it was made
    ];
    const res = await scanner.post(`/v1/checkin-lists/${entry.id}/offline`, { scans });
    expect(res.status).toBe(200);
    const answers = ((await res.json()) as { data: { nonce: string; result: string; name: string | null }[] }).data;
    expect(answers.map((a) => [a.nonce, a.result])).toEqual([
      ["offline-a-1", "conflict"], // the earlier offline scan (08:58) went in first
      ["offline-a-2", "ok"],
      ["offline-b-1", "conflict"],
      ["offline-c-1", "cancelled"],
      ["offline-a-3", "invalid"],
    ]);
    const rows = await db.select().from(checkins).where(eq(checkins.listId, entry.id));
    expect(rows.filter((r) => r.registrationId === anna.id).map((r) => [r.at.toISOString(), r.offline, r.conflict]).sort()).toEqual([
      [at("08:58"), true, false],
      [at("09:02"), true, true],
    ]);
    expect(rows.filter((r) => r.conflict)).toHaveLength(2);
    // Sent again (the answer was lost on the way): the same answers, nothing new recorded.
    const again = ((await (await scanner.post(`/v1/checkin-lists/${entry.id}/offline`, { scans })).json()) as typeof answers extends infer T ? { data: T } : never).data;
    expect(again.map((a) => a.result)).toEqual(answers.map((a) => a.result));
    expect(await db.select().from(checkins).where(eq(checkins.listId, entry.id))).toHaveLength(rows.length);
    // Counts see each person once; the station lists the conflicts for the organiser.
    const organiser = new TestClient(t);
    await organiser.login(org.person.email!);
    const station = await (await organiser.get(`/arrangor/evenemang/${event.id}/incheckning/${entry.id}`)).text();
    expect(station).toContain("2 av 2 har kommit");
    expect(station).toContain("Anna Lind: först kl. 8.58, igen utan anslutning kl. 9.02");
    expect(station).toContain("Bo Ek: först kl. 9.01");
    // Bad uploads: no scans, too many, not a list; nothing recorded.
    for (const body of [{ scans: [] }, { scans: [{ nonce: "x" }] }, { scans: "fel" }, { scans: [{ code: "SV1.x", nonce: "offline-z-1", at: "i morgon" }] }]) {
      expect((await scanner.post(`/v1/checkin-lists/${entry.id}/offline`, body)).status, JSON.stringify(body)).toBe(422);
    }
    expect(await db.select().from(checkins).where(eq(checkins.listId, entry.id))).toHaveLength(rows.length);
  });
});
