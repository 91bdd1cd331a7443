/**
 * A person erases their own data (GDPR article 17), from "Mina anmälningar".
 *
 * Places they hold for events still to come go to the next in line, and they get the
 * calendar cancellations. Their registrations stay as anonymous rows, as the spaces'
 * retention rule leaves them (the organisation is kept for statistics; answers, health
 * data and manage links go). Their account, logins, API tokens, program roles,
 * invitations, delegations and the mails already sent to them are deleted.
 *
 * Refused while it would leave a space without an organiser, or the platform without an
 * administrator: someone must stay responsible.
 */
import { and, count, eq, gt, inArray, ne, notInArray, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { events, people, spaceMembers, spaces } from "../db/schema.js";
import { AppError, notFound } from "../http/errors.js";
import type { MessageKey } from "../i18n/messages.js";
import { delegations, invitations, outbox, registrations } from "./schema.js";
import { cancelRegistration, type RegContext } from "./service.js";

export interface ErasureBlocker {
  key: MessageKey;
  /** The spaces that would be left without an organiser. */
  spaces: string[];
}

/** Why this person cannot erase themselves now, or null. */
export async function erasureBlocker(db: Db, personId: string): Promise<ErasureBlocker | null> {
  const others = db
    .select({ spaceId: spaceMembers.spaceId, n: count().as("n") })
    .from(spaceMembers)
    .where(ne(spaceMembers.personId, personId))
    .groupBy(spaceMembers.spaceId)
    .as("others");
  const alone = await db
    .select({ name: spaces.name })
    .from(spaceMembers)
    .innerJoin(spaces, eq(spaces.id, spaceMembers.spaceId))
    .leftJoin(others, eq(others.spaceId, spaceMembers.spaceId))
    .where(and(eq(spaceMembers.personId, personId), sql`coalesce(${others.n}, 0) = 0`))
    .orderBy(spaces.name);
  if (alone.length > 0) return { key: "erase.blocked.organiser", spaces: alone.map((s) => s.name) };
  const [me] = await db.select({ admin: people.isPlatformAdmin }).from(people).where(eq(people.id, personId));
  if (me?.admin) {
    const [admins] = await db.select({ n: count() }).from(people).where(and(eq(people.isPlatformAdmin, true), ne(people.id, personId)));
    if ((admins?.n ?? 0) === 0) return { key: "erase.blocked.admin", spaces: [] };
  }
  return null;
}

export async function erasePerson(ctx: RegContext, personId: string): Promise<{ cancelled: number; anonymised: number }> {
  const [person] = await ctx.db.select().from(people).where(eq(people.id, personId));
  if (!person) throw notFound();
  const blocker = await erasureBlocker(ctx.db, personId);
  if (blocker) throw new AppError("conflict", 409, { fields: [{ field: "confirm", key: blocker.key, params: { spaces: blocker.spaces.join(", ") } }] });

  // Each cancellation is the ordinary one: it frees the place, offers it to the next in
  // line and sends the calendar cancellation, in its own transaction.
  const upcoming = await ctx.db
    .select({ id: registrations.id })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(and(eq(registrations.personId, personId), notInArray(registrations.status, ["cancelled", "declined"]), gt(events.endsAt, ctx.now)));
  for (const r of upcoming) await cancelRegistration(ctx, r.id);

  return ctx.db.transaction(async (tx) => {
    const anonymised = await tx
      .update(registrations)
      // A raised manage version revokes the links in the mails already sent.
      .set({ personId: null, answers: {}, sensitiveAnswers: {}, anonymisedAt: ctx.now, updatedAt: ctx.now, manageVersion: sql`${registrations.manageVersion} + 1` })
      .where(eq(registrations.personId, personId))
      .returning({ id: registrations.id });
    await tx.delete(delegations).where(eq(delegations.contactPersonId, personId));
    if (person.email) {
      await tx.delete(invitations).where(eq(invitations.email, person.email));
      // Mails still waiting (the cancellations just made) are sent; the sent ones go.
      await tx.delete(outbox).where(and(eq(outbox.toAddress, person.email), inArray(outbox.status, ["sent", "failed"])));
    }
    // Logins, sessions, API tokens, program roles and space memberships go with the row.
    await tx.delete(people).where(eq(people.id, personId));
    console.log(`[erasure] a person erased their data: ${upcoming.length} registrations cancelled, ${anonymised.length} anonymised`);
    return { cancelled: upcoming.length, anonymised: anonymised.length };
  });
}
