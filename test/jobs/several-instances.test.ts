/**
 * Every background job run by three instances at once, on one database: each piece of
 * work is done exactly once (nothing twice, nothing skipped). On PostgreSQL the three
 * instances have their own connection pools, as three servers would; on PGlite they
 * share the one database of the process.
 */
import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { invitations, outbox, registrations, retentionLog, spaces } from "../../src/db/schema.js";
import { runJobsOnce } from "../../src/jobs.js";
import { regContextOf } from "../../src/registration/context.js";
import { createInvitations } from "../../src/registration/invitations.js";
import { register } from "../../src/registration/register.js";
import { cancelRegistration } from "../../src/registration/service.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { describeEachDriver } from "../support/db.js";
import { makeEvent, makePerson, makeSpace } from "../support/factories.js";
import { openRegistration } from "../support/registration.js";

describeEachDriver("background jobs on several instances at once", (get, driver) => {
  it("sends each mail once, passes each expired offer on once, reminds once, purges and applies retention once", async () => {
    const extra: Database[] = driver === "postgres" ? [await openDatabase({ databaseUrl: get().url! }), await openDatabase({ databaseUrl: get().url! })] : [];
    try {
      const instances: TestApp[] = [createTestApp(get()), ...(extra.length ? extra : [get(), get()]).map((d) => createTestApp(d))];
      const [first] = instances as [TestApp];
      const db = get().db;
      const setAll = (now: Date) => instances.forEach((t) => (t.clock.now = now));
      const runAll = () => Promise.all(instances.map((t) => runJobsOnce(t.deps)));
      const base = new Date("2026-11-23T10:00:00Z");
      setAll(base);
      const ctx = () => regContextOf(first.deps);
      const reg = (event: Parameters<typeof register>[1]["event"], personId: string, sensitiveAnswers = {}) =>
        register(ctx(), { event, personId, organisationId: null, attendance: "onsite", answers: {}, sensitiveAnswers });

      // Reminders and an offer that will expire: an event the day after tomorrow, 10 places, offers of 2 hours.
      const soon = await makeEvent(db, { published: true, date: "2026-11-25" });
      await openRegistration(ctx(), soon, { placesOnsite: 10, waitlistMode: "offer", offerHours: 2 });
      const people = await Promise.all(Array.from({ length: 14 }, () => makePerson(db)));
      const regs: Awaited<ReturnType<typeof register>>[] = [];
      for (const p of people) regs.push(await reg(soon, p.id));
      await cancelRegistration(ctx(), regs[0]!.registration.id); // the first in line is offered the place
      // Invitations to remind, a week old by the time the jobs run.
      const invited = await makeEvent(db, { published: true, date: "2027-03-01" });
      await openRegistration(ctx(), invited, { placesOnsite: 5, mode: "invitation" });
      await createInvitations(ctx(), invited, Array.from({ length: 6 }, (_, i) => ({ email: `inbjuden-${i}-${driver}@example.se`, name: null })));
      // Health data and retention: an ended event of a space that anonymises after 10 days.
      const space = await makeSpace(db);
      await db.update(spaces).set({ retentionDays: 10, retentionAction: "anonymise" }).where(eq(spaces.id, space.id));
      const past = await makeEvent(db, { space, published: true, date: "2026-12-01" });
      await openRegistration(ctx(), past, { placesOnsite: 20 });
      const pastPeople = await Promise.all(Array.from({ length: 8 }, () => makePerson(db)));
      for (const p of pastPeople) await reg(past, p.id, { diet: "vegan" });

      // Three hours later: the offer has expired; everything queued so far is sent.
      setAll(new Date(base.getTime() + 3 * 3600_000));
      await runAll();
      // A week later: invitation reminders; and later still: the past event's purge and retention.
      setAll(new Date("2026-11-30T10:00:00Z"));
      await runAll();
      setAll(new Date("2026-12-20T10:00:00Z"));
      await runAll();
      await runAll(); // nothing left to do: nothing happens

      // The offer passed on once per run that found it expired (at +3 h, on 30 November, on
      // 20 December): three offers ran out in turn and the fourth in line holds one now.
      const rows = await db.select().from(registrations).where(eq(registrations.eventId, soon.id));
      const statusOf = (i: number) => rows.find((r) => r.id === regs[i]!.registration.id)!.status;
      expect([10, 11, 12, 13].map(statusOf)).toEqual(["cancelled", "cancelled", "cancelled", "offered"]);
      const pools = (await db.execute(sql`select taken, waiting from place_pools where event_id = ${soon.id} and attendance = 'onsite'`)) as unknown as { rows: { taken: number; waiting: number }[] };
      expect(pools.rows[0]).toEqual({ taken: 10, waiting: 0 });

      // Every queued mail went out once, through exactly one of the instances.
      const all = await db.select().from(outbox);
      expect(all.filter((m) => m.status !== "sent")).toEqual([]);
      const delivered = instances.flatMap((t) => t.mailer.recent());
      expect(delivered.length).toBe(all.length);
      expect(new Set(delivered.map((m) => m.messageId)).size).toBe(all.length);
      const subjectsTo = (registrationId: string) => all.filter((m) => m.registrationId === registrationId).map((m) => m.subject);
      // One "offer expired" mail for each whose offer ran out, one offer each for them and the next.
      for (const i of [10, 11, 12]) expect(subjectsTo(regs[i]!.registration.id).filter((s) => s.startsWith("Erbjudandet har gått ut"))).toHaveLength(1);
      for (const i of [10, 11, 12, 13]) expect(subjectsTo(regs[i]!.registration.id).filter((s) => s.startsWith("En plats är ledig"))).toHaveLength(1);
      // One reminder per confirmed person.
      const reminders = all.filter((m) => m.subject.startsWith("Påminnelse:") && rows.some((r) => r.id === m.registrationId));
      expect(reminders).toHaveLength(rows.filter((r) => r.status === "confirmed").length);
      expect(new Set(reminders.map((m) => m.registrationId)).size).toBe(reminders.length);
      // One invitation reminder per invitee.
      const inviteReminders = all.filter((m) => m.subject.startsWith("Påminnelse om inbjudan"));
      expect(inviteReminders.map((m) => m.toAddress).sort()).toEqual(Array.from({ length: 6 }, (_, i) => `inbjuden-${i}-${driver}@example.se`).sort());
      expect((await db.select().from(invitations).where(eq(invitations.eventId, invited.id))).every((i) => i.remindedAt !== null)).toBe(true);
      // Health data purged and the registrations anonymised: each logged for exactly the rows it changed.
      const pastRows = await db.select().from(registrations).where(eq(registrations.eventId, past.id));
      expect(pastRows.every((r) => r.personId === null && Object.keys(r.sensitiveAnswers).length === 0)).toBe(true);
      const log = await db.select().from(retentionLog);
      const anonymised = log.filter((l) => l.action === "anonymise" && l.eventId === past.id);
      expect(anonymised.reduce((n, l) => n + l.count, 0)).toBe(pastPeople.length);
      expect(log.filter((l) => l.action === "purge_sensitive").reduce((n, l) => n + l.count, 0)).toBe(pastPeople.length);
    } finally {
      for (const d of extra) await d.close();
    }
  });
});
