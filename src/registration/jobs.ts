/**
 * Scheduled registration work: reminders before the event, purging health data when the
 * event has ended, and each space's retention rule (anonymise or delete N days after).
 */
import { and, eq, gt, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import { events, registrations, retentionLog, spaces } from "../db/schema.js";
import { findEventById } from "../events/repository.js";
import { enqueueMail } from "../mail/outbox.js";
import { isLocale } from "../i18n/messages.js";
import { people } from "../db/schema.js";
import { composeMail } from "./mails.js";
import { sendInvitationReminders } from "./invitations.js";
import { manageUrl, type RegContext } from "./service.js";

export const REMINDER_HOURS_BEFORE = 48;

export async function sendReminders(ctx: RegContext): Promise<number> {
  const soon = new Date(ctx.now.getTime() + REMINDER_HOURS_BEFORE * 3600_000);
  const due = await ctx.db
    .select({ r: registrations, name: people.name, email: people.email, locale: people.locale })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .innerJoin(people, eq(people.id, registrations.personId))
    .where(and(eq(registrations.status, "confirmed"), isNull(registrations.reminderSentAt), eq(events.status, "published"), gt(events.startsAt, ctx.now), lt(events.startsAt, soon)))
    .limit(500);
  let sent = 0;
  for (const { r, name, email, locale } of due) {
    if (!email) continue;
    const event = (await findEventById(ctx.db, r.eventId))!;
    await ctx.db.transaction(async (tx) => {
      const claimed = await tx.update(registrations).set({ reminderSentAt: ctx.now }).where(and(eq(registrations.id, r.id), isNull(registrations.reminderSentAt))).returning({ id: registrations.id });
      if (claimed.length === 0) return;
      await enqueueMail(
        tx,
        composeMail({ kind: "reminder", locale: isLocale(locale) ? locale : "sv", event, person: { name, email }, registrationId: r.id, sequence: r.icsSequence, manageUrl: manageUrl(ctx, r), publicUrl: ctx.publicUrl, organizer: ctx.organizer, attendance: r.attendance, stamp: ctx.now }),
        ctx.now,
      );
      sent++;
    });
  }
  return sent;
}

/** Diet, allergy and access answers are needed only until the event is over. */
export async function purgeSensitiveAnswers(ctx: RegContext): Promise<number> {
  const ended = ctx.db.select({ id: events.id }).from(events).where(lt(events.endsAt, ctx.now));
  const rows = await ctx.db
    .update(registrations)
    .set({ sensitiveAnswers: {} })
    .where(and(inArray(registrations.eventId, ended), ne(registrations.sensitiveAnswers, sql`'{}'::jsonb`)))
    .returning({ id: registrations.id, eventId: registrations.eventId });
  if (rows.length) {
    await ctx.db.insert(retentionLog).values({ eventId: null, spaceId: null, action: "purge_sensitive", count: rows.length, ranAt: ctx.now });
    console.log(`[retention] purged health data from ${rows.length} registrations of ended events`);
  }
  return rows.length;
}

/** Each space's rule: N days after an event, anonymise (keep organisation for statistics) or delete. */
export async function applyRetention(ctx: RegContext): Promise<{ anonymised: number; deleted: number }> {
  const due = await ctx.db
    .select({ eventId: events.id, spaceId: spaces.id, action: spaces.retentionAction })
    .from(events)
    .innerJoin(spaces, eq(spaces.id, events.spaceId))
    .where(sql`${events.endsAt} + make_interval(days => ${spaces.retentionDays}) < ${ctx.now}`);
  const total = { anonymised: 0, deleted: 0 };
  for (const d of due) {
    const n =
      d.action === "delete"
        ? (await ctx.db.delete(registrations).where(eq(registrations.eventId, d.eventId)).returning({ id: registrations.id })).length
        : (
            await ctx.db
              .update(registrations)
              .set({ personId: null, answers: {}, sensitiveAnswers: {}, anonymisedAt: ctx.now, updatedAt: ctx.now })
              .where(and(eq(registrations.eventId, d.eventId), isNull(registrations.anonymisedAt)))
              .returning({ id: registrations.id })
          ).length;
    if (n === 0) continue;
    await ctx.db.insert(retentionLog).values({ spaceId: d.spaceId, eventId: d.eventId, action: d.action, count: n, ranAt: ctx.now });
    console.log(`[retention] ${d.action === "delete" ? "deleted" : "anonymised"} ${n} registrations of event ${d.eventId}`);
    if (d.action === "delete") total.deleted += n;
    else total.anonymised += n;
  }
  return total;
}

export async function runScheduledRegistrationJobs(ctx: RegContext): Promise<void> {
  await sendReminders(ctx);
  await sendInvitationReminders(ctx);
  await purgeSensitiveAnswers(ctx);
  await applyRetention(ctx);
}
