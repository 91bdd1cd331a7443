/** Invitation-only events: personal links, one per invited address, with a reminder. */
import { randomUUID } from "node:crypto";
import { and, eq, gt, inArray, isNull, lt } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { events, invitations, people } from "../db/schema.js";
import { findEventById, type EventRow } from "../events/repository.js";
import type { Deps } from "../http/env.js";
import { defaultLocale, isLocale, type Locale } from "../i18n/messages.js";
import { enqueueMail } from "../mail/outbox.js";
import { normaliseEmail } from "../people/repository.js";
import { readLink, signLink } from "../shared/signed-links.js";
import { composeMail } from "./mails.js";
import type { RegContext } from "./service.js";

export type Invitation = typeof invitations.$inferSelect;

export const REMIND_AFTER_DAYS = 5;

export const invitationUrl = (ctx: Pick<RegContext, "linkKey" | "publicUrl">, event: Pick<EventRow, "slug">, id: string) =>
  `${ctx.publicUrl}/evenemang/${event.slug}/anmalan?inbjudan=${signLink(ctx.linkKey, "invitation", id)}`;

/**
 * The language each address is written to in: the one its person chose in their profile,
 * Swedish for an address nobody has used yet.
 */
async function languagesOf(db: Db, emails: string[]): Promise<(email: string) => Locale> {
  const known = new Map<string, Locale>();
  if (emails.length > 0) {
    for (const p of await db.select({ email: people.email, locale: people.locale }).from(people).where(inArray(people.email, emails))) {
      if (p.email && isLocale(p.locale)) known.set(p.email, p.locale);
    }
  }
  return (email) => known.get(email) ?? defaultLocale;
}

/** Invites each address once; already invited addresses are skipped. Returns how many were new. */
export async function createInvitations(ctx: RegContext, event: EventRow, invitees: { email: string; name?: string | null }[]): Promise<number> {
  let created = 0;
  await ctx.db.transaction(async (tx) => {
    const languageOf = await languagesOf(tx, [...new Set(invitees.map((i) => normaliseEmail(i.email)))]);
    for (const i of invitees) {
      const id = randomUUID();
      const email = normaliseEmail(i.email);
      const rows = await tx.insert(invitations).values({ id, eventId: event.id, email, name: i.name ?? null, createdAt: ctx.now }).onConflictDoNothing().returning({ id: invitations.id });
      if (rows.length === 0) continue;
      created++;
      await enqueueMail(
        tx,
        composeMail({ kind: "invitation", locale: languageOf(email), event, person: { name: i.name ?? email, email }, registrationId: id, sequence: 0, manageUrl: invitationUrl(ctx, event, id), publicUrl: ctx.publicUrl, organizer: ctx.organizer, stamp: ctx.now }),
        ctx.now,
      );
    }
  });
  return created;
}

export async function findInvitationByToken(deps: Pick<Deps, "db" | "linkKey">, eventId: string, token: string): Promise<Invitation | null> {
  const id = readLink(deps.linkKey, "invitation", token);
  if (!id) return null;
  const [row] = await deps.db.select().from(invitations).where(and(eq(invitations.id, id), eq(invitations.eventId, eventId)));
  return row ?? null;
}

export async function markInvitationUsed(deps: Pick<Deps, "db">, invitationId: string, registrationId: string): Promise<void> {
  await deps.db.update(invitations).set({ registrationId }).where(eq(invitations.id, invitationId));
}

export async function listInvitations(deps: Pick<Deps, "db">, eventId: string): Promise<Invitation[]> {
  return deps.db.select().from(invitations).where(eq(invitations.eventId, eventId));
}

/** One reminder to those who have not registered some days after being invited. */
export async function sendInvitationReminders(ctx: RegContext): Promise<number> {
  const before = new Date(ctx.now.getTime() - REMIND_AFTER_DAYS * 86400_000);
  const due = await ctx.db
    .select({ inv: invitations })
    .from(invitations)
    .innerJoin(events, eq(events.id, invitations.eventId))
    .where(and(isNull(invitations.registrationId), isNull(invitations.remindedAt), lt(invitations.createdAt, before), gt(events.startsAt, ctx.now), eq(events.status, "published")))
    .limit(500);
  const languageOf = await languagesOf(ctx.db, [...new Set(due.map((d) => d.inv.email))]);
  let sent = 0;
  for (const { inv } of due) {
    const event = (await findEventById(ctx.db, inv.eventId))!;
    await ctx.db.transaction(async (tx) => {
      // Claimed by the one instance whose update finds it still unreminded.
      const claimed = await tx.update(invitations).set({ remindedAt: ctx.now }).where(and(eq(invitations.id, inv.id), isNull(invitations.remindedAt), isNull(invitations.registrationId))).returning({ id: invitations.id });
      if (claimed.length === 0) return;
      sent++;
      await enqueueMail(
        tx,
        composeMail({ kind: "invitation_reminder", locale: languageOf(inv.email), event, person: { name: inv.name ?? inv.email, email: inv.email }, registrationId: inv.id, sequence: 0, manageUrl: invitationUrl(ctx, event, inv.id), publicUrl: ctx.publicUrl, organizer: ctx.organizer, stamp: ctx.now }),
        ctx.now,
      );
    });
  }
  return sent;
}
