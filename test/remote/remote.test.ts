/**
 * Remote participation (issue 12 §7): links per event and session that reach only
 * confirmed participants who may see them, only once published, never on public pages, in
 * the public API, the page cache or calendar files; the reminder with the link sent once
 * per person however many instances run it; remote speakers' own link on their page.
 */
import { eq, inArray } from "drizzle-orm";
import { expect, it } from "vitest";
import { outbox, people } from "../../src/db/schema.js";
import { regContextOf } from "../../src/registration/context.js";
import { register } from "../../src/registration/register.js";
import { manageUrl } from "../../src/registration/service.js";
import { saveSettings } from "../../src/registration/settings.js";
import { sendRemoteReminders } from "../../src/remote/service.js";
import { listRooms, saveRoomSettings } from "../../src/live/service.js";
import { api, createTestApp, TestClient } from "../support/app.js";
import { describeEachDriver } from "../support/db.js";
import { makeEvent, makeOrganiser, makePerson, makeSession } from "../support/factories.js";

const TEAMS = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_demo%40thread.v2/0";
const STREAM = "https://www.youtube.com/watch?v=demo-sandning";
const BACKSTAGE = "https://teams.microsoft.com/l/meetup-join/19%3abackstage%40thread.v2/0";

describeEachDriver("remote participation", (get) => {
  async function setup() {
    const t = createTestApp(get());
    const { db } = t.deps;
    const org = await makeOrganiser(db);
    const event = await makeEvent(db, { space: org.space, published: true, format: "hybrid", title: "Hybriddagen", date: "2027-11-18", start: "09:00", end: "16:00" });
    const ctx = regContextOf(t.deps);
    await saveSettings(ctx, event, { placesOnsite: 1, placesRemote: 10 });
    const minister = await makePerson(db, { name: "Maria Minister" });
    const keynote = await makeSession(db, event, { type: "keynote", title: "Digitaliseringen framåt", start: "09:15", end: "09:45", room: "Stora salen", people: [{ personId: minister.id, role: "speaker", remote: true }] });
    const enrol = async (name: string, attendance: "onsite" | "remote") => {
      const p = await makePerson(db, { name });
      return { person: p, registration: (await register(ctx, { event, personId: p.id, organisationId: null, attendance, answers: {}, sensitiveAnswers: {} })).registration };
    };
    const remote = await enrol("Rut Distans", "remote");
    const onsite = await enrol("Olle Plats", "onsite");
    const waiting = await enrol("Vera Väntar", "onsite"); // the one on-site place is taken
    expect(waiting.registration.status).toBe("waitlisted");
    const organiser = new TestClient(t);
    await organiser.login(org.person.email!);
    return { t, db, org, event, ctx, minister, keynote, remote, onsite, waiting, organiser };
  }

  const page = async (t: ReturnType<typeof createTestApp>, ctx: ReturnType<typeof regContextOf>, r: { id: string; manageVersion: number }, suffix = "") => (await t.app.request(`${new URL(manageUrl(ctx, r)).pathname}${suffix}`)).text();

  it("shows the links only to confirmed participants who may see them, and only once published; never publicly", async () => {
    const { t, event, ctx, keynote, remote, onsite, waiting, organiser } = await setup();
    const base = `/arrangor/evenemang/${event.id}/distans`;
    const bad = await organiser.post(base, { url: "javascript:alert(1)", reminderMinutes: "2" });
    expect(bad.status).toBe(422);
    const badText = await bad.text();
    expect(badText).toContain("Ange minuter som ett heltal från 5 till 1440");
    expect((await organiser.post(base, { url: STREAM, dialIn: "010-123 45 67", meetingId: "123 456 789", reminderMinutes: "30" })).status).toBe(303);
    expect((await organiser.post(`${base}/pass/${keynote}`, { url: TEAMS, speakerUrl: BACKSTAGE, speakerNote: "Anslut tio minuter före. Teknikern heter Kim." })).status).toBe(303);
    expect(await (await organiser.get(base)).text()).toContain("Inte publicerade");

    // Before publishing: nobody sees a link.
    for (const html of [await page(t, ctx, remote.registration), await page(t, ctx, remote.registration, "/distans")]) {
      expect(html).not.toContain(STREAM);
      expect(html).not.toContain(TEAMS);
    }
    expect(await page(t, ctx, remote.registration, "/distans")).toContain("Länkarna är inte klara än.");

    expect((await organiser.post(`${base}/publicera`, { published: "1" })).status).toBe(303);
    const manage = await page(t, ctx, remote.registration);
    expect(manage).toContain(`<a class="ds-link" href="${STREAM}" rel="noopener noreferrer">Öppna sändningen på YouTube</a>`);
    expect(manage).toContain("Ring in: 010-123 45 67");
    // During the keynote the page offers its own link first.
    t.clock.now = new Date("2027-11-18T09:20:00+01:00");
    const during = await page(t, ctx, remote.registration, "/distans");
    expect(during).toContain("Just nu: Digitaliseringen framåt");
    expect(during.indexOf(TEAMS)).toBeLessThan(during.indexOf("Programmet"));
    // The whole program follows, each session with its own link or the event's.
    const program = during.slice(during.indexOf("Programmet"));
    expect(program).toContain("Digitaliseringen framåt");
    expect(program).toContain(TEAMS);
    expect(during).not.toContain(BACKSTAGE); // the speakers' way in is theirs alone
    t.clock.now = new Date("2026-11-23T10:00:00Z");

    // Taking part live from afar: the event's room and each session's, through the manage
    // link, which lets them in even where a room requires registration.
    const rooms = await listRooms(t.deps.db, event.id);
    const keynoteRoom = rooms.find((r) => r.session?.id === keynote)!.room;
    const manageBase = new URL(manageUrl(ctx, remote.registration)).pathname;
    const remotePage = await page(t, ctx, remote.registration, "/distans");
    expect(remotePage).toContain("Frågor och omröstningar");
    expect(remotePage).toContain(`href="${manageBase}/live"`);
    expect(remotePage).toContain(`href="${manageBase}/live?rum=${keynoteRoom.code}"`);
    expect(remotePage).toContain(`Frågor och omröstningar för passet (kod ${keynoteRoom.code})`);
    await saveRoomSettings(t.deps.db, keynoteRoom.id, { moderation: "post", requireRegistration: true, questionsOpen: true, screenPaused: false, hideCount: false, ideasOpen: false }, new Date());
    const afar = new TestClient(t);
    const through = await afar.get(`${manageBase}/live?rum=${keynoteRoom.code}`);
    expect(through.status).toBe(303);
    expect(through.headers.get("location")).toBe(`/live/${keynoteRoom.code}`);
    expect((await afar.post(`/live/${keynoteRoom.code}/fragor`, { text: "Hörs vi på distans?" })).status).toBe(303);
    // One waiting for a place is not offered the rooms.
    expect(await page(t, ctx, waiting.registration, "/distans")).not.toContain("Frågor och omröstningar");

    // On site (not shown to them), waiting: nothing.
    for (const r of [onsite.registration, waiting.registration]) expect(await page(t, ctx, r)).not.toContain(STREAM);
    // Shown to on-site participants when the organiser wishes; still not to the one waiting.
    expect((await organiser.post(base, { url: STREAM, showOnsite: "on", reminderMinutes: "30" })).status).toBe(303);
    expect(await page(t, ctx, onsite.registration)).toContain(STREAM);
    expect(await page(t, ctx, waiting.registration)).not.toContain(STREAM);

    // Never public: event page, program, timetable, the public API, the calendar file.
    const pub = api(t);
    const token = new URL(manageUrl(ctx, remote.registration)).pathname.split("/").pop()!;
    for (const path of [`/evenemang/${event.slug}`, `/evenemang/${event.slug}/program`, `/evenemang/${event.slug}/schema`, `/evenemang/${event.slug}/talare`, `/anmalan/${token}/kalender.ics`]) {
      const body = await (await t.app.request(path)).text();
      expect(body, path).not.toContain("teams.microsoft.com");
      expect(body, path).not.toContain("youtube.com");
    }
    for (const path of [`/v1/events/${event.id}`, `/v1/events/${event.id}/sessions`, `/v1/events?when=all`]) {
      const body = await (await pub.get(path)).text();
      expect(body, path).not.toContain("youtube.com");
      expect(body, path).not.toContain("teams.microsoft.com");
    }
    // The registration's own API view, with its token.
    const own = (await (await pub.get(`/v1/registrations/${remote.registration.id}/remote?token=${token}`)).json()) as { data: { url: string | null }[] };
    expect(own.data.map((l) => l.url)).toEqual([STREAM, TEAMS]);
    expect(JSON.stringify(own)).not.toContain("backstage");
  });

  it("sends the reminder with the link once per person, at the time chosen, whichever instances run it", async () => {
    const { t, db, event, ctx, remote, onsite, organiser } = await setup();
    const base = `/arrangor/evenemang/${event.id}/distans`;
    await organiser.post(base, { url: STREAM, reminderMinutes: "30" });
    const link = (r: { id: string; manageVersion: number }) => manageUrl(ctx, r);
    // (Other tests' events share the database: only this event's mails are counted.)
    const reminded = async () => (await db.select().from(outbox).where(inArray(outbox.registrationId, [remote.registration.id, onsite.registration.id]))).filter((m) => m.subject.startsWith("Snart börjar"));
    // Not published: no reminder even when due.
    await sendRemoteReminders(db, new Date("2027-11-18T08:40:00+01:00"), link);
    expect(await reminded()).toHaveLength(0);
    await organiser.post(`${base}/publicera`, { published: "1" });
    await sendRemoteReminders(db, new Date("2027-11-18T08:20:00+01:00"), link); // 40 minutes before: not yet
    expect(await reminded()).toHaveLength(0);
    const due = new Date("2027-11-18T08:35:00+01:00");
    await Promise.all([sendRemoteReminders(db, due, link), sendRemoteReminders(db, due, link)]);
    await sendRemoteReminders(db, due, link);
    const reminders = await reminded();
    expect(reminders.map((m) => m.toAddress)).toEqual([remote.person.email]);
    expect(reminders[0]!.subject).toBe("Snart börjar Hybriddagen (kl. 9.00): din länk");
    expect(reminders[0]!.textBody).toContain(STREAM);
    expect(reminders[0]!.textBody).toContain(`${manageUrl(ctx, remote.registration)}/distans`);
    void t;
  });

  it("gives a speaker who joins remotely their own link and instructions on their page, once published; the API sets it all", async () => {
    const { t, db, org, event, minister, keynote } = await setup();
    const speaker = new TestClient(t);
    const mail = `maria-${Date.now()}@regeringskansliet.example`;
    await db.update(people).set({ email: mail }).where(eq(people.id, minister.id));
    await speaker.login(mail);
    const before = await (await speaker.get("/mina-anmalningar")).text();
    expect(before).toContain("Mina uppdrag i programmet");
    expect(before).toContain("Talare i ”Digitaliseringen framåt”");
    expect(before).not.toContain("backstage");

    const viaApi = api(t, org.token);
    const patched = await viaApi.patch(`/v1/events/${event.id}/remote`, { links: [{ sessionId: keynote, url: TEAMS, speakerUrl: BACKSTAGE, speakerNote: "Anslut tio minuter före." }], published: true, reminderMinutes: 15 });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ published: true, reminderMinutes: 15, links: [{ sessionId: keynote, url: TEAMS, speakerUrl: BACKSTAGE }] });
    expect((await viaApi.patch(`/v1/events/${event.id}/remote`, { links: [{ sessionId: null, url: "ftp://fel.example" }] })).status).toBe(422);
    expect((await viaApi.patch(`/v1/events/${event.id}/remote`, { reminderMinutes: 2 })).status).toBe(422);
    expect((await api(t).patch(`/v1/events/${event.id}/remote`, { published: false })).status).toBe(401);

    const after = await (await speaker.get("/mina-anmalningar")).text();
    expect(after).toContain(`Din egen länk: <a class="ds-link" href="${BACKSTAGE}"`);
    expect(after).toContain("Anslut tio minuter före.");
  });
});
