import { expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { events, outbox, people, registrations, retentionLog, spaces } from "../../src/db/schema.js";
import { applyRetention, purgeSensitiveAnswers, sendReminders } from "../../src/registration/jobs.js";
import { createInvitations, sendInvitationReminders } from "../../src/registration/invitations.js";
import { cancelRegistration, expireOffers } from "../../src/registration/service.js";
import { register } from "../../src/registration/register.js";
import { submitRegistration } from "../../src/registration/submit.js";
import { describeEachDriver } from "../support/db.js";
import { createTestApp } from "../support/app.js";
import { makeEvent, makePerson, makeSpace } from "../support/factories.js";
import { openRegistration, regContext } from "../support/registration.js";
import { regContextOf } from "../../src/registration/context.js";
import { runJobsOnce } from "../../src/jobs.js";
import { AppError } from "../../src/http/errors.js";

const reg = (ctx: ReturnType<typeof regContext>, event: Parameters<typeof register>[1]["event"], personId: string, sensitiveAnswers = {}) =>
  register(ctx, { event, personId, organisationId: null, attendance: "onsite", answers: {}, sensitiveAnswers });

describeEachDriver("scheduled registration work", (get) => {
  it("passes an unanswered offer on when it expires", async () => {
    const { db } = get();
    const ctx = regContext(db);
    const event = await makeEvent(db, { published: true });
    await openRegistration(ctx, event, { placesOnsite: 1, waitlistMode: "offer", offerHours: 2 });
    const [a, b, c] = [await makePerson(db), await makePerson(db), await makePerson(db)];
    const ra = await reg(ctx, event, a.id);
    const rb = await reg(ctx, event, b.id);
    const rc = await reg(ctx, event, c.id);
    await cancelRegistration(ctx, ra.registration.id);
    expect(await expireOffers(ctx)).toBe(0); // not yet due
    const later = { ...ctx, now: new Date(ctx.now.getTime() + 3 * 3600_000) };
    expect(await expireOffers(later)).toBe(1);
    const rows = Object.fromEntries((await db.select().from(registrations).where(eq(registrations.eventId, event.id))).map((r) => [r.id, r]));
    expect(rows[rb.registration.id]!.status).toBe("cancelled");
    expect(rows[rc.registration.id]!.status).toBe("offered");
    const mails = await db.select().from(outbox).where(eq(outbox.registrationId, rb.registration.id));
    expect(mails.map((m) => m.subject)).toContain(`Erbjudandet har gått ut: ${event.titleSv}`);
  });

  it("reminds confirmed people two days before, once", async () => {
    const { db } = get();
    const event = await makeEvent(db, { published: true, date: "2026-11-25" });
    const ctx = regContext(db, new Date("2026-11-23T12:00:00Z"));
    await openRegistration(ctx, event, { placesOnsite: 5 });
    const p = await makePerson(db);
    const r = await reg(ctx, event, p.id);
    expect(await sendReminders(ctx)).toBe(1);
    expect(await sendReminders(ctx)).toBe(0);
    const subjects = (await db.select().from(outbox).where(eq(outbox.registrationId, r.registration.id))).map((m) => m.subject);
    expect(subjects).toContain(`Påminnelse: ${event.titleSv}`);
  });

  it("purges health data after the event and applies each space's retention, logging what it did", async () => {
    const { db } = get();
    const keep = await makeSpace(db);
    const wipe = await makeSpace(db);
    await db.update(spaces).set({ retentionDays: 30, retentionAction: "anonymise" }).where(eq(spaces.id, keep.id));
    await db.update(spaces).set({ retentionDays: 10, retentionAction: "delete" }).where(eq(spaces.id, wipe.id));
    const e1 = await makeEvent(db, { space: keep, published: true, date: "2026-06-01" });
    const e2 = await makeEvent(db, { space: wipe, published: true, date: "2026-06-01" });
    const before = regContext(db, new Date("2026-05-01T10:00:00Z"));
    await openRegistration(before, e1, { placesOnsite: 5 });
    await openRegistration(before, e2, { placesOnsite: 5 });
    const p1 = await makePerson(db);
    const p2 = await makePerson(db);
    await reg(before, e1, p1.id, { diet: "gluten" });
    await reg(before, e2, p2.id);

    const dayAfter = regContext(db, new Date("2026-06-02T10:00:00Z"));
    expect(await purgeSensitiveAnswers(dayAfter)).toBeGreaterThanOrEqual(1);
    const [r1] = await db.select().from(registrations).where(eq(registrations.eventId, e1.id));
    expect(r1!.sensitiveAnswers).toEqual({});
    expect(r1!.personId).toBe(p1.id);

    const weeksLater = regContext(db, new Date("2026-06-20T10:00:00Z"));
    const first = await applyRetention(weeksLater);
    expect(first.deleted).toBeGreaterThanOrEqual(1);
    expect(await db.select().from(registrations).where(eq(registrations.eventId, e2.id))).toHaveLength(0);
    expect((await db.select().from(registrations).where(eq(registrations.eventId, e1.id)))[0]!.personId).toBe(p1.id);

    const monthsLater = regContext(db, new Date("2026-08-01T10:00:00Z"));
    await applyRetention(monthsLater);
    const [anon] = await db.select().from(registrations).where(eq(registrations.eventId, e1.id));
    expect(anon!.personId).toBeNull();
    expect(anon!.anonymisedAt).not.toBeNull();
    expect(anon!.organisationId).toBe(r1!.organisationId); // kept for statistics
    const log = await db.select().from(retentionLog);
    expect(log.map((l) => l.action)).toEqual(expect.arrayContaining(["purge_sensitive", "delete", "anonymise"]));
  });

  it("invitation only: needs the personal link, and reminds those who have not registered", async () => {
    // Another last character, whatever the token ends with (it ended with "x" once in 64).
    const tampered = (token: string) => token.slice(0, -1) + (token.endsWith("x") ? "y" : "x");
    const { db } = get();
    const t = createTestApp(get());
    const event = await makeEvent(db, { published: true, date: "2027-03-01" });
    await openRegistration(regContextOf(t.deps), event, { placesOnsite: 5, mode: "invitation" });
    const ctx = regContextOf(t.deps);
    expect(await createInvitations(ctx, event, [{ email: "inbjuden@example.se", name: "Inga Bjuden" }, { email: "Inbjuden@example.se" }])).toBe(1);
    const invite = (await db.select().from(outbox).where(eq(outbox.toAddress, "inbjuden@example.se")))[0]!;
    const token = /inbjudan=(\S+)/.exec(invite.textBody)![1]!;
    const input = { name: "Inga Bjuden", email: "inbjuden@example.se", attendance: "onsite" as const, answers: {}, organisationId: null, organisationName: null };
    await expect(submitRegistration(t.deps, event, input, null, "sv")).rejects.toBeInstanceOf(AppError);
    await expect(submitRegistration(t.deps, event, { ...input, invitationToken: tampered(token) }, null, "sv")).rejects.toBeInstanceOf(AppError);
    expect(await createInvitations(ctx, event, [{ email: "sen@example.se" }])).toBe(1);
    const ok = await submitRegistration(t.deps, event, { ...input, invitationToken: token }, null, "sv");
    expect(ok.registration.status).toBe("confirmed");
    const later = { ...ctx, now: new Date(ctx.now.getTime() + 6 * 86400_000) };
    expect(await sendInvitationReminders(later)).toBe(1);
    expect(await sendInvitationReminders(later)).toBe(0);
    expect((await db.select().from(outbox).where(eq(outbox.toAddress, "sen@example.se"))).map((m) => m.subject)).toContain(`Påminnelse om inbjudan: ${event.titleSv}`);
  });

  it("forgets sent and given-up mail after MAIL_KEEP_DAYS, and never one still to be sent", async () => {
    const { db } = get();
    const t = createTestApp(get(), { MAIL_KEEP_DAYS: "30" });
    const day = 86400_000;
    const ago = (days: number) => new Date(t.clock.now.getTime() - days * day);
    const mail = (to: string, status: "pending" | "sent" | "failed", sentAt: Date | null, nextAttemptAt: Date) =>
      ({ toAddress: to, subject: "Du är anmäld", textBody: "Hej!", status, sentAt, nextAttemptAt });
    await db.insert(outbox).values([
      mail("gammal@example.se", "sent", ago(31), ago(31)),
      mail("farsk@example.se", "sent", ago(29), ago(29)),
      mail("uppgiven@example.se", "failed", null, ago(40)),
      // Due long ago but not sent: it is sent now, and then kept.
      mail("vantar@example.se", "pending", null, ago(40)),
    ]);
    await runJobsOnce(t.deps);
    const left = await db.select().from(outbox).where(inArray(outbox.toAddress, ["gammal@example.se", "farsk@example.se", "uppgiven@example.se", "vantar@example.se"]));
    expect(left.map((m) => m.toAddress).sort()).toEqual(["farsk@example.se", "vantar@example.se"]);
    expect(left.find((m) => m.toAddress === "vantar@example.se")!.status).toBe("sent");
    expect(t.mailer.recent().map((m) => m.to)).toContain("vantar@example.se");
  });

  it("writes an invitation and its reminder in the language the invitee chose, Swedish for a new address", async () => {
    const { db } = get();
    const t = createTestApp(get());
    const event = await makeEvent(db, { published: true, date: "2027-03-01" });
    await db.update(events).set({ titleEn: "Digital Day" }).where(eq(events.id, event.id));
    const inEnglish = await makePerson(db, { email: "english@example.se" });
    await db.update(people).set({ locale: "en" }).where(eq(people.id, inEnglish.id));
    await openRegistration(regContextOf(t.deps), event, { placesOnsite: 5, mode: "invitation" });
    const ctx = regContextOf(t.deps);
    expect(await createInvitations(ctx, { ...event, titleEn: "Digital Day" }, [{ email: "English@example.se" }, { email: "ny@example.se" }])).toBe(2);
    const subjects = async (to: string) => (await db.select().from(outbox).where(eq(outbox.toAddress, to))).map((m) => m.subject);
    expect(await subjects("english@example.se")).toEqual(["Invitation: Digital Day"]);
    expect(await subjects("ny@example.se")).toEqual([`Inbjudan: ${event.titleSv}`]);
    expect(await sendInvitationReminders({ ...ctx, now: new Date(ctx.now.getTime() + 6 * 86400_000) })).toBe(2);
    expect(await subjects("english@example.se")).toContain("Reminder of your invitation: Digital Day");
    expect(await subjects("ny@example.se")).toContain(`Påminnelse om inbjudan: ${event.titleSv}`);
  });
});
