/**
 * Ideas become actions (issue 14 §4): the plan's review list, filled from its space's idea
 * walls and a public form; promoting an idea into an action, attaching it to one, or
 * declining it with a reason. What the idea said is never changed. Those who sent an idea
 * with an address are told what became of it; anyone may follow an action by e-mail
 * (confirmed by a link) and is told when it is reported on, with a link to stop.
 */
import { rowsOf } from "../db/rows.js";
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { conflict, notFound } from "../http/errors.js";
import { translator, type Locale } from "../i18n/messages.js";
import { enqueueMail } from "../mail/outbox.js";
import { signLink } from "../shared/signed-links.js";
import type { Action, Plan } from "./repository.js";
import { planFollowers, planIdeas, type IdeaReviewStatus } from "./schema.js";

export type PlanIdea = typeof planIdeas.$inferSelect;

export interface MailContext {
  publicUrl: string;
  linkKey: Buffer;
}

/**
 * Takes in the ideas of every idea wall of the space's events that are not in the list yet:
 * each published idea that is not put under another, with its votes as they are now.
 */
export async function takeInWallIdeas(db: Db, plan: Plan, now: Date): Promise<number> {
  const rows = await rowsOf<{ id: string }>(
    db,
    sql`insert into plan_ideas (id, plan_id, live_idea_id, title, body, origin, votes, created_at)
        select gen_random_uuid(), ${plan.id}, i.id, i.title, i.body,
               'Idéväggen: ' || coalesce(s.title_sv || ', ', '') || e.title_sv, i.votes, ${now.toISOString()}::timestamptz
        from live_ideas i
        join live_rooms r on r.id = i.room_id
        join events e on e.id = r.event_id
        left join program_sessions s on s.id = r.session_id
        where e.space_id = ${plan.spaceId} and i.status = 'published' and i.grouped_under is null
        on conflict (plan_id, live_idea_id) do nothing
        returning id`,
  );
  return rows.length;
}

export interface SentIdea {
  title: string;
  body: string | null;
  name: string | null;
  email: string | null;
  wantsUpdates: boolean;
}

export async function submitIdea(db: Db, plan: Plan, input: SentIdea, locale: Locale, now: Date): Promise<PlanIdea> {
  const [row] = await db
    .insert(planIdeas)
    .values({ id: randomUUID(), planId: plan.id, title: input.title, body: input.body, origin: "form", submitterName: input.name, submitterEmail: input.email, wantsUpdates: input.wantsUpdates && input.email !== null, locale, createdAt: now })
    .returning();
  return row!;
}

export const ideasOfPlan = (db: Db, planId: string, statuses: IdeaReviewStatus[]): Promise<PlanIdea[]> =>
  db.select().from(planIdeas).where(and(eq(planIdeas.planId, planId), inArray(planIdeas.status, statuses))).orderBy(desc(planIdeas.votes), asc(planIdeas.createdAt));

/** The ideas of the action and of the actions it continues (carried over). */
export async function ideasOfAction(db: Db, actionId: string): Promise<{ id: string; title: string; body: string | null; origin: string; votes: number; status: IdeaReviewStatus }[]> {
  return rowsOf(
    db,
    sql`with recursive chain(id) as (
          select ${actionId}::uuid
          union all
          select a.carried_from_id from plan_actions a join chain on a.id = chain.id where a.carried_from_id is not null
        )
        select i.id, i.title, i.body, i.origin, i.votes, i.status from plan_ideas i join chain on chain.id = i.action_id
        order by i.votes desc, i.created_at`,
  );
}

export async function findIdea(db: Db, planId: string, id: string): Promise<PlanIdea | undefined> {
  const [row] = await db.select().from(planIdeas).where(and(eq(planIdeas.id, id), eq(planIdeas.planId, planId)));
  return row;
}

const actionUrl = (m: MailContext, plan: Plan, actionId: string) => `${m.publicUrl}/planer/${plan.slug}/atgarder/${actionId}`;

/**
 * The idea became (promoted) or joined (attached) the action: only its status and link
 * change. Its sender is told, and follows the action if they asked for updates. Refused
 * (409) when the idea has been decided on already, so two organisers cannot both decide.
 */
export async function linkIdea(tx: Db, plan: Plan, ideaId: string, action: Pick<Action, "id" | "title" | "ref">, how: "promoted" | "attached", m: MailContext, now: Date): Promise<void> {
  const [idea] = await tx
    .update(planIdeas)
    .set({ status: how, actionId: action.id, decidedAt: now })
    .where(and(eq(planIdeas.id, ideaId), eq(planIdeas.planId, plan.id), eq(planIdeas.status, "new")))
    .returning();
  if (!idea) throw (await findIdea(tx, plan.id, ideaId)) ? conflict("plans.ideas.error.decided") : notFound();
  if (!idea.submitterEmail) return;
  const t = translator(idea.locale as Locale);
  if (idea.wantsUpdates) await tx.insert(planFollowers).values({ id: randomUUID(), actionId: action.id, email: idea.submitterEmail, locale: idea.locale, confirmedAt: now }).onConflictDoNothing();
  await enqueueMail(tx, { to: idea.submitterEmail, locale: idea.locale as Locale, subject: t("plans.mail.ideaLinked.subject", { idea: idea.title }), text: t(`plans.mail.ideaLinked.${how}`, { idea: idea.title, action: `${action.ref} ${action.title}`, url: actionUrl(m, plan, action.id), plan: plan.title }) }, now);
  await forgetSender(tx, idea.id);
}

/** Once told, the sender's address is not kept with the idea (a follower's is kept apart, until they stop). */
const forgetSender = (tx: Db, ideaId: string) => tx.update(planIdeas).set({ submitterEmail: null }).where(eq(planIdeas.id, ideaId));

export async function declineIdea(db: Db, plan: Plan, ideaId: string, reason: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const [idea] = await tx
      .update(planIdeas)
      .set({ status: "declined", declineReason: reason, decidedAt: now })
      .where(and(eq(planIdeas.id, ideaId), eq(planIdeas.planId, plan.id), eq(planIdeas.status, "new")))
      .returning();
    if (!idea) throw (await findIdea(tx as unknown as Db, plan.id, ideaId)) ? conflict("plans.ideas.error.decided") : notFound();
    if (!idea.submitterEmail) return;
    const t = translator(idea.locale as Locale);
    await enqueueMail(tx as unknown as Db, { to: idea.submitterEmail, locale: idea.locale as Locale, subject: t("plans.mail.ideaLinked.subject", { idea: idea.title }), text: t("plans.mail.ideaDeclined", { idea: idea.title, reason, plan: plan.title }) }, now);
    await forgetSender(tx as unknown as Db, idea.id);
  });
}

/** A wish to follow the action: a link to confirm it is mailed (nothing is sent before it is confirmed). */
export async function requestFollow(db: Db, plan: Plan, action: Pick<Action, "id" | "title" | "ref">, email: string, locale: Locale, m: MailContext, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await t.insert(planFollowers).values({ id: randomUUID(), actionId: action.id, email, locale }).onConflictDoNothing();
    const [follower] = await t.select().from(planFollowers).where(and(eq(planFollowers.actionId, action.id), eq(planFollowers.email, email)));
    if (follower!.confirmedAt) return; // already following: nothing new to confirm, and nothing told about who follows
    const tr = translator(locale);
    await enqueueMail(t, { to: email, locale, subject: tr("plans.mail.confirmFollow.subject", { action: `${action.ref} ${action.title}` }), text: tr("plans.mail.confirmFollow.text", { action: `${action.ref} ${action.title}`, plan: plan.title, url: `${m.publicUrl}/planer/folj/${signLink(m.linkKey, "follow", follower!.id)}` }) }, now);
  });
}

export async function confirmFollow(db: Db, followerId: string, now: Date): Promise<boolean> {
  const rows = await db.update(planFollowers).set({ confirmedAt: sql`coalesce(${planFollowers.confirmedAt}, ${now.toISOString()}::timestamptz)` }).where(eq(planFollowers.id, followerId)).returning({ id: planFollowers.id });
  return rows.length > 0;
}

export async function stopFollowing(db: Db, followerId: string): Promise<void> {
  await db.delete(planFollowers).where(eq(planFollowers.id, followerId));
}

/** Within the report's transaction: a mail to each confirmed follower, with the link to stop. */
export async function notifyFollowers(tx: Db, plan: Plan, action: Pick<Action, "id" | "title" | "ref">, report: { progress: number; status: string; comment: string }, m: MailContext, now: Date): Promise<void> {
  const followers = await tx.select().from(planFollowers).where(and(eq(planFollowers.actionId, action.id), isNotNull(planFollowers.confirmedAt)));
  for (const f of followers) {
    const t = translator(f.locale as Locale);
    await enqueueMail(
      tx,
      {
        to: f.email,
        locale: f.locale as Locale,
        subject: t("plans.mail.moved.subject", { action: `${action.ref} ${action.title}` }),
        text: t("plans.mail.moved.text", { action: `${action.ref} ${action.title}`, progress: report.progress, status: report.status, comment: report.comment, url: actionUrl(m, plan, action.id), stop: `${m.publicUrl}/planer/sluta-folja/${signLink(m.linkKey, "follow", f.id)}` }),
      },
      now,
    );
  }
}
