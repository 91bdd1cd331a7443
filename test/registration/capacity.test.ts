/**
 * Capacity under a rush, on PGlite and PostgreSQL: never more confirmed than places,
 * one registration per person, the rest waitlisted in order, and cancellations
 * promoting exactly the next in line.
 */
import { expect, it } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import { events, outbox, placePools, registrations } from "../../src/db/schema.js";
import type { Db } from "../../src/db/client.js";
import { approveRegistration, cancelRegistration, changeAttendance, setCapacity } from "../../src/registration/service.js";
import { saveSettings } from "../../src/registration/settings.js";
import { register } from "../../src/registration/register.js";
import { describeEachDriver } from "../support/db.js";
import { makeEvent, makePerson } from "../support/factories.js";
import { openRegistration, regContext } from "../support/registration.js";

describeEachDriver("capacity", (get) => {
  it("500 concurrent registrations (50 repeats) for 100 places: 100 confirmed, the rest queued, no duplicates; 10 cancellations promote the next 10", async () => {
    const { db } = get();
    const ctx = regContext(db);
    const event = await makeEvent(db, { published: true });
    await openRegistration(ctx, event, { placesOnsite: 100 });
    const persons = [];
    for (let i = 0; i < 450; i++) persons.push(await makePerson(db));
    const requests = [...persons, ...persons.slice(0, 50)].map((p) => p.id);

    const results = await Promise.all(
      requests.map((personId) =>
        register(ctx, { event, personId, organisationId: null, attendance: "onsite", answers: {}, sensitiveAnswers: {} }),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(450);
    expect(results.filter((r) => !r.created)).toHaveLength(50);

    const rows = await db.select().from(registrations).where(eq(registrations.eventId, event.id));
    expect(rows).toHaveLength(450);
    expect(new Set(rows.map((r) => r.personId)).size).toBe(450);
    const confirmed = rows.filter((r) => r.status === "confirmed");
    const waiting = rows.filter((r) => r.status === "waitlisted").sort((a, b) => a.waitlistSeq! - b.waitlistSeq!);
    expect(confirmed).toHaveLength(100);
    expect(waiting).toHaveLength(350);
    expect(new Set(waiting.map((r) => r.waitlistSeq)).size).toBe(350);
    const [pool] = await db.select().from(placePools).where(eq(placePools.eventId, event.id));
    expect(pool).toMatchObject({ capacity: 100, taken: 100 });
    // Each repeat got the same registration back as the first request.
    for (const r of results) expect(rows.find((x) => x.personId === r.registration.personId)!.id).toBe(r.registration.id);
    // Positions told to people are 1…350 in queue order.
    const positions = results.filter((r) => r.created && r.position !== null).map((r) => r.position!).sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 350 }, (_, i) => i + 1));

    const nextTen = waiting.slice(0, 10).map((r) => r.id).sort();
    await Promise.all(confirmed.slice(0, 10).map((r) => cancelRegistration(ctx, r.id)));
    const after = await db.select().from(registrations).where(eq(registrations.eventId, event.id));
    expect(after.filter((r) => r.status === "confirmed")).toHaveLength(100);
    expect(after.filter((r) => r.status === "cancelled")).toHaveLength(10);
    expect(after.filter((r) => r.status === "waitlisted")).toHaveLength(340);
    const promoted = after.filter((r) => nextTen.includes(r.id));
    expect(promoted.every((r) => r.status === "confirmed")).toBe(true);
    const [poolAfter] = await db.select().from(placePools).where(eq(placePools.eventId, event.id));
    expect(poolAfter!.taken).toBe(100);

    // Mail: one per registration, plus cancellation and promotion mails, all in the outbox.
    const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(sql`${outbox.registrationId} in (select id from registrations where event_id = ${event.id})`)) as [{ n: number }];
    expect(n).toBe(450 + 10 + 10);
  });

  it("promotes in arrival order and offers with a deadline when the organiser chooses offers", async () => {
    const { db } = get();
    const ctx = regContext(db);
    const event = await makeEvent(db, { published: true });
    await openRegistration(ctx, event, { placesOnsite: 1, waitlistMode: "offer", offerHours: 24 });
    const [a, b, c] = [await makePerson(db), await makePerson(db), await makePerson(db)];
    const reg = (personId: string) => register(ctx, { event, personId, organisationId: null, attendance: "onsite", answers: {}, sensitiveAnswers: {} });
    const ra = await reg(a.id);
    const rb = await reg(b.id);
    const rc = await reg(c.id);
    expect([ra.registration.status, rb.registration.status, rc.registration.status]).toEqual(["confirmed", "waitlisted", "waitlisted"]);
    expect([rb.position, rc.position]).toEqual([1, 2]);
    await cancelRegistration(ctx, ra.registration.id);
    const order = await db.select().from(registrations).where(eq(registrations.eventId, event.id)).orderBy(asc(registrations.createdAt));
    const byId = Object.fromEntries(order.map((r) => [r.id, r]));
    expect(byId[rb.registration.id]!.status).toBe("offered");
    expect(byId[rb.registration.id]!.offerExpiresAt!.getTime()).toBe(ctx.now.getTime() + 24 * 3600_000);
    expect(byId[rc.registration.id]!.status).toBe("waitlisted");
    const stillFull = await register(ctx, { event, personId: (await makePerson(db)).id, organisationId: null, attendance: "onsite", answers: {}, sensitiveAnswers: {} });
    expect(stillFull.registration.status).toBe("waitlisted");
    expect(stillFull.position).toBe(2);
    const taken = (await db.select().from(placePools).where(and(eq(placePools.eventId, event.id))))[0]!.taken;
    expect(taken).toBe(1);
  });

  it("keeps each pool's count of waiting people equal to its queue through every kind of change", async () => {
    const { db } = get();
    const ctx = regContext(db);
    const made = await makeEvent(db, { published: true });
    const [event] = await db.update(events).set({ format: "hybrid" }).where(eq(events.id, made.id)).returning();
    const withSpace = { ...made, ...event! };
    await openRegistration(ctx, withSpace, { placesOnsite: 2, placesRemote: 1 });
    const waitingOf = async (eventId: string) => Object.fromEntries((await db.select().from(placePools).where(eq(placePools.eventId, eventId))).map((p) => [p.attendance, p.waiting]));
    const expectCounted = async (expected: Record<string, number>) => {
      expect(await waitingOf(withSpace.id)).toEqual(expected);
      expect(await queueLengths(db, withSpace.id)).toEqual({ onsite: 0, remote: 0, ...Object.fromEntries(Object.entries(expected).filter(([, n]) => n > 0)) });
    };
    const reg = async (attendance: "onsite" | "remote") =>
      (await register(ctx, { event: withSpace, personId: (await makePerson(db)).id, organisationId: null, attendance, answers: {}, sensitiveAnswers: {} })).registration;

    const onsite = await Promise.all(Array.from({ length: 6 }, () => reg("onsite")));
    const remote = [await reg("remote"), await reg("remote")];
    await expectCounted({ onsite: 4, remote: 1 });

    const queued = onsite.filter((r) => r.status === "waitlisted");
    await changeAttendance(ctx, queued[0]!.id, "remote");
    await expectCounted({ onsite: 3, remote: 2 });
    await cancelRegistration(ctx, queued[1]!.id);
    await expectCounted({ onsite: 2, remote: 2 });
    await cancelRegistration(ctx, onsite.find((r) => r.status === "confirmed")!.id); // the first in line moves up
    await expectCounted({ onsite: 1, remote: 2 });
    await cancelRegistration(ctx, remote[0]!.id);
    await expectCounted({ onsite: 1, remote: 1 });

    // Back after cancelling (the careful path), and in approval mode then approved.
    await register(ctx, { event: withSpace, personId: queued[1]!.personId!, organisationId: null, attendance: "onsite", answers: {}, sensitiveAnswers: {} });
    await expectCounted({ onsite: 2, remote: 1 });
    await saveSettings(ctx, withSpace, { mode: "approval" });
    const pending = await reg("onsite");
    expect(pending.status).toBe("pending_approval");
    await expectCounted({ onsite: 2, remote: 1 });
    await approveRegistration(ctx, pending.id);
    await expectCounted({ onsite: 3, remote: 1 });

    await setCapacity(ctx, withSpace, { onsite: 10, remote: 10 });
    await expectCounted({ onsite: 0, remote: 0 });
    await reg("onsite");
    await db.delete(registrations).where(eq(registrations.eventId, withSpace.id));
    await expectCounted({ onsite: 0, remote: 0 });
  });
});

async function queueLengths(db: Db, eventId: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ attendance: registrations.attendance, n: sql<number>`count(*)::int` })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.status, "waitlisted")))
    .groupBy(registrations.attendance);
  return { onsite: 0, remote: 0, ...Object.fromEntries(rows.map((r) => [r.attendance, r.n])) };
}
