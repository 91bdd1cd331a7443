/**
 * What registration mail looks like on the wire: received by an in-process SMTP server,
 * parsed with a real MIME parser (mailparser) and a real iCalendar parser (ical.js).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";
import ICAL from "ical.js";
import { eq } from "drizzle-orm";
import { outbox } from "../../src/db/schema.js";
import { createMailer } from "../../src/mail/mailer.js";
import { processOutbox } from "../../src/mail/outbox.js";
import { ticketForMail } from "../../src/checkin/mail-ticket.js";
import { ticketCode } from "../../src/checkin/tickets.js";
import jsQRModule from "jsqr";
import { PNG } from "pngjs";

// jsqr is CommonJS whose types name an ES default export: take whichever the loader gives.
const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ?? jsQRModule) as unknown as typeof jsQRModule.default;
import { findEventById } from "../../src/events/repository.js";
import { updateEvent } from "../../src/events/service.js";
import { announceEventChange } from "../../src/registration/event-settings.js";
import { regContextOf } from "../../src/registration/context.js";
import { saveSettings } from "../../src/registration/settings.js";
import { cancelRegistration } from "../../src/registration/service.js";
import { register } from "../../src/registration/register.js";
import { describeEachDriver } from "../support/db.js";
import { createTestApp } from "../support/app.js";
import { at, makeEvent, makePerson } from "../support/factories.js";

interface Received {
  raw: string;
  to: string;
}
const inbox: Received[] = [];
let server: SMTPServer;
let port: number;
let accepting = true;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onRcptTo(address, _s, cb) {
      cb(accepting ? undefined : Object.assign(new Error("mailbox unavailable"), { responseCode: 451 }));
      void address;
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (d: Buffer) => chunks.push(d));
      stream.on("end", () => {
        inbox.push({ raw: Buffer.concat(chunks).toString("utf8"), to: session.envelope.rcptTo[0]!.address });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function calendarOf(raw: string) {
  const parsed = await simpleParser(raw);
  const calPart = parsed.attachments.find((a) => a.contentType === "text/calendar");
  const text = calPart ? calPart.content.toString("utf8") : /BEGIN:VCALENDAR[\s\S]*END:VCALENDAR/.exec(raw)?.[0];
  const cal = new ICAL.Component(ICAL.parse(text!));
  const vevent = cal.getFirstSubcomponent("vevent")!;
  return { parsed, cal, vevent, method: cal.getFirstPropertyValue("method"), uid: vevent.getFirstPropertyValue("uid"), sequence: Number(vevent.getFirstPropertyValue("sequence")), status: vevent.getFirstPropertyValue("status") };
}

describeEachDriver("registration e-mail with calendar invites", (get) => {
  it("sends REQUEST, then a higher SEQUENCE when the event moves, then CANCEL with the same UID", async () => {
    inbox.length = 0;
    const t = createTestApp(get(), { SMTP_URL: `smtp://127.0.0.1:${port}` });
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: "Samverka <no-reply@samverka.local>" });
    const deps = { ...t.deps, mailer };
    const event = await makeEvent(get().db, { published: true, title: "Digitala Västerbotten 2027", date: "2027-11-18", start: "09:00", end: "15:30" });
    await saveSettings(regContextOf(deps), event, { placesOnsite: 10 });
    const person = await makePerson(get().db, { name: "Sara Lund", email: `sara-${Date.now()}@lycksele.se` });
    const { registration } = await register(regContextOf(deps), { event, personId: person.id, organisationId: null, attendance: "onsite", answers: {}, sensitiveAnswers: {} });
    await processOutbox(get().db, mailer, t.deps.now(), "samverka.test");

    const first = inbox.find((m) => m.to === person.email)!;
    expect(first.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    const a = await calendarOf(first.raw);
    expect(a.parsed.subject).toBe("Du är anmäld: Digitala Västerbotten 2027");
    expect(a.method).toBe("REQUEST");
    expect(a.uid).toBe(`registration-${registration.id}@samverka`);
    expect(a.status).toBe("CONFIRMED");
    expect(a.vevent.getFirstPropertyValue("dtstart")!.toString()).toBe("2027-11-18T08:00:00Z");
    expect(a.vevent.getFirstProperty("organizer")).toBeTruthy();
    expect(String(a.vevent.getFirstPropertyValue("attendee"))).toBe(`mailto:${person.email}`);

    // The event moves an hour later: everyone registered gets an updated invite.
    const before = (await findEventById(get().db, event.id))!;
    const after = await updateEvent(get().db, before, { startsAt: at("2027-11-18", "10:00"), endsAt: at("2027-11-18", "16:30") }, t.deps.now());
    await announceEventChange(deps, before, after);
    await processOutbox(get().db, mailer, t.deps.now(), "samverka.test");
    const changed = await calendarOf(inbox.filter((m) => m.to === person.email)[1]!.raw);
    expect(changed.method).toBe("REQUEST");
    expect(changed.uid).toBe(a.uid);
    expect(changed.sequence).toBeGreaterThan(a.sequence);
    expect(changed.vevent.getFirstPropertyValue("dtstart")!.toString()).toBe("2027-11-18T09:00:00Z");

    await cancelRegistration(regContextOf(deps), registration.id);
    await processOutbox(get().db, mailer, t.deps.now(), "samverka.test");
    const cancelRaw = inbox.filter((m) => m.to === person.email)[2]!.raw;
    expect(cancelRaw).toMatch(/method=CANCEL/i);
    const cancel = await calendarOf(cancelRaw);
    expect(cancel.method).toBe("CANCEL");
    expect(cancel.status).toBe("CANCELLED");
    expect(cancel.uid).toBe(a.uid);
    expect(cancel.sequence).toBeGreaterThan(changed.sequence);
    await mailer.close();
  });

  it("registers while SMTP is down and delivers every mail exactly once when it is back", async () => {
    inbox.length = 0;
    const t = createTestApp(get());
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: "Samverka <no-reply@samverka.local>" });
    const deps = { ...t.deps, mailer };
    const event = await makeEvent(get().db, { published: true });
    await saveSettings(regContextOf(deps), event, { placesOnsite: 10 });
    const tag = `${Date.now()}`;
    accepting = false;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const p = await makePerson(get().db, { email: `down-${tag}-${i}@example.se` });
      ids.push((await register(regContextOf(deps), { event, personId: p.id, organisationId: null, attendance: "onsite", answers: {}, sensitiveAnswers: {} })).registration.id);
    }
    const down = await processOutbox(get().db, mailer, t.deps.now(), "x");
    expect(down.failed).toBeGreaterThanOrEqual(3);
    expect(inbox.filter((m) => m.to.startsWith(`down-${tag}`))).toHaveLength(0);
    accepting = true;
    // Not yet due: backoff holds them back.
    expect((await processOutbox(get().db, mailer, t.deps.now(), "x")).sent).toBe(0);
    const later = new Date(t.deps.now().getTime() + 10 * 60_000);
    await processOutbox(get().db, mailer, later, "x");
    await processOutbox(get().db, mailer, later, "x");
    const delivered = inbox.filter((m) => m.to.startsWith(`down-${tag}`));
    expect(delivered).toHaveLength(3);
    expect(new Set(delivered.map((m) => m.to)).size).toBe(3);
    const rows = await get().db.select().from(outbox).where(eq(outbox.status, "sent"));
    expect(rows.filter((r) => ids.includes(r.registrationId!))).toHaveLength(3);
    await mailer.close();
  });
  it("puts the ticket in the confirmation: a QR image the HTML shows inline that scans to the signed code, and the code in text; none once cancelled", async () => {
    inbox.length = 0;
    const t = createTestApp(get());
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: "Samverka <no-reply@samverka.local>" });
    const deps = { ...t.deps, mailer };
    const db = get().db;
    const event = await makeEvent(db, { published: true, title: "Biljettdagen" });
    await saveSettings(regContextOf(deps), event, { placesOnsite: 10 });
    const tag = `${Date.now()}`;
    const sara = await makePerson(db, { name: "Sara Lund", email: `ticket-${tag}-a@example.se` });
    const { registration } = await register(regContextOf(deps), { event, personId: sara.id, organisationId: null, attendance: "onsite", answers: {}, sensitiveAnswers: {} });
    const olle = await makePerson(db, { name: "Olle Berg", email: `ticket-${tag}-b@example.se` });
    const second = await register(regContextOf(deps), { event, personId: olle.id, organisationId: null, attendance: "onsite", answers: {}, sensitiveAnswers: {} });
    await cancelRegistration(regContextOf(deps), second.registration.id); // before the mail went: no ticket in it
    await processOutbox(db, mailer, t.deps.now(), "samverka.test", 50, 30, 120, ticketForMail(db));

    const mail = await simpleParser(inbox.find((m) => m.to === sara.email)!.raw, { keepCidLinks: true });
    const code = await ticketCode(db, registration);
    expect(mail.text).toContain(`Biljettens kod i text: ${code}`);
    expect(mail.html).toContain('<img src="cid:ticket-qr" alt="QR-kod för din biljett"');
    expect(mail.html).toContain("Du är anmäld till Biljettdagen");
    const image = mail.attachments.find((a) => a.cid === "ticket-qr")!;
    expect(image.contentType).toBe("image/png");
    const png = PNG.sync.read(image.content);
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(code);
    // The calendar invite is still there beside it.
    expect(mail.attachments.some((a) => a.contentType === "text/calendar") || /BEGIN:VCALENDAR/.test(inbox.find((m) => m.to === sara.email)!.raw)).toBe(true);

    const toOlle = inbox.filter((m) => m.to === olle.email).map((m) => m.raw);
    expect(toOlle.length).toBeGreaterThanOrEqual(1);
    for (const raw of toOlle) {
      expect(raw).not.toContain("cid:ticket-qr");
      expect(raw).not.toContain("SV1.");
    }
    await mailer.close();
  });
});
