/**
 * Remote participation. The organiser keeps the event's link and each session's; they
 * reach only confirmed participants who join remotely (and those on site when the
 * organiser wishes), and only after the organiser has published them. Speakers who join
 * over a link get their own way in. The one question "may this registration see the
 * links?" is answered here, in `linkGateOf`, and nowhere else.
 */
import { randomUUID } from "node:crypto";
import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { events, exhibitors, people, programSessions, registrations, remoteLinks, remoteReminders, remoteSettings, sessionPeople } from "../db/schema.js";
import { clock, dateTimeRange } from "../i18n/format.js";
import { isLocale, pick, translate } from "../i18n/messages.js";
import { enqueueMail } from "../mail/outbox.js";

export type RemoteLink = typeof remoteLinks.$inferSelect;
export type RemoteSettings = typeof remoteSettings.$inferSelect;

/** What kind of meeting an address is, to name it for people ("Teams-möte"). */
export function linkKind(url: string): "teams" | "zoom" | "youtube" | "other" {
  const host = URL.canParse(url) ? new URL(url).hostname.toLowerCase() : "";
  if (/(^|\.)teams\.(microsoft|live)\.com$/.test(host)) return "teams";
  if (/(^|\.)zoom\.us$/.test(host)) return "zoom";
  if (/(^|\.)(youtube\.com|youtu\.be)$/.test(host)) return "youtube";
  return "other";
}

export async function remoteOf(db: Db, eventId: string): Promise<{ settings: RemoteSettings | null; links: RemoteLink[] }> {
  const [settings] = await db.select().from(remoteSettings).where(eq(remoteSettings.eventId, eventId));
  const links = await db.select().from(remoteLinks).where(eq(remoteLinks.eventId, eventId));
  return { settings: settings ?? null, links };
}

export interface LinkInput {
  url: string | null;
  dialIn: string | null;
  meetingId: string | null;
  speakerUrl?: string | null;
  speakerNote?: string | null;
}

/** Sets the event's link (sessionId null) or a session's; all fields empty removes it. */
export async function saveLink(db: Db, eventId: string, sessionId: string | null, input: LinkInput, now: Date): Promise<void> {
  const empty = !input.url && !input.dialIn && !input.meetingId && !input.speakerUrl && !input.speakerNote;
  const where = and(eq(remoteLinks.eventId, eventId), sessionId ? eq(remoteLinks.sessionId, sessionId) : isNull(remoteLinks.sessionId));
  await db.transaction(async (tx) => {
    await tx.delete(remoteLinks).where(where);
    if (!empty) await tx.insert(remoteLinks).values({ id: randomUUID(), eventId, sessionId, url: input.url, dialIn: input.dialIn, meetingId: input.meetingId, speakerUrl: input.speakerUrl ?? null, speakerNote: input.speakerNote ?? null, updatedAt: now });
  });
}

export async function saveSettings(db: Db, eventId: string, input: { showOnsite: boolean; reminderMinutes: number | null }, now: Date): Promise<void> {
  await db
    .insert(remoteSettings)
    .values({ eventId, ...input, updatedAt: now })
    .onConflictDoUpdate({ target: remoteSettings.eventId, set: { ...input, updatedAt: now } });
}

export async function setPublished(db: Db, eventId: string, published: boolean, now: Date): Promise<void> {
  await db
    .insert(remoteSettings)
    .values({ eventId, publishedAt: published ? now : null, updatedAt: now })
    .onConflictDoUpdate({ target: remoteSettings.eventId, set: { publishedAt: published ? now : null, updatedAt: now } });
}

export interface VisibleLinks {
  event: RemoteLink | null;
  sessions: { session: typeof programSessions.$inferSelect; link: RemoteLink }[];
}

/** Who may see an event's links, decided for each registration from what is read once. */
export type LinkGate = (r: { status: string; attendance: "onsite" | "remote" }) => VisibleLinks | null;

/**
 * The event's links and the rule for them, read once (a page listing many registrations,
 * the reminder job): none unless they are published, the registration is confirmed, and it
 * joins remotely (or on site, when the organiser shows them to all).
 */
export async function linkGateOf(db: Db, eventId: string): Promise<LinkGate> {
  const { settings, links } = await remoteOf(db, eventId);
  const withUrl = links.filter((l) => l.url || l.dialIn || l.meetingId);
  if (!settings?.publishedAt || withUrl.length === 0) return () => null;
  const sessionIds = withUrl.filter((l) => l.sessionId).map((l) => l.sessionId!);
  const sessions = sessionIds.length ? await db.select().from(programSessions).where(inArray(programSessions.id, sessionIds)).orderBy(asc(programSessions.startsAt)) : [];
  const visible: VisibleLinks = {
    event: withUrl.find((l) => !l.sessionId) ?? null,
    sessions: sessions.map((session) => ({ session, link: withUrl.find((l) => l.sessionId === session.id)! })),
  };
  return (r) => (r.status !== "confirmed" || (r.attendance === "onsite" && !settings.showOnsite) ? null : visible);
}

/** The links one registration may see (see linkGateOf). */
export async function linksFor(db: Db, r: { eventId: string; status: string; attendance: "onsite" | "remote" }): Promise<VisibleLinks | null> {
  if (r.status !== "confirmed") return null;
  return (await linkGateOf(db, r.eventId))(r);
}

/** Of the links, the one to use now: the session under way (or starting within 15 minutes), else the event's. */
export function currentLink(v: VisibleLinks, now: Date): { link: RemoteLink; session: VisibleLinks["sessions"][number]["session"] | null } | null {
  const soon = new Date(now.getTime() + 15 * 60_000);
  const on = v.sessions.find((s) => s.session.startsAt <= soon && now < s.session.endsAt);
  if (on) return { link: on.link, session: on.session };
  return v.event ? { link: v.event, session: null } : null;
}

/** The sessions a person takes part in over a link (speaker, moderator, panellist), with their own way in once published. */
export async function speakerLinksOf(db: Db, personId: string) {
  const rows = await db
    .select({ session: programSessions, role: sessionPeople.role, remote: sessionPeople.remote, link: remoteLinks, publishedAt: remoteSettings.publishedAt, event: { id: events.id, titleSv: events.titleSv, titleEn: events.titleEn, slug: events.slug, startsAt: events.startsAt } })
    .from(sessionPeople)
    .innerJoin(programSessions, eq(programSessions.id, sessionPeople.sessionId))
    .innerJoin(events, eq(events.id, programSessions.eventId))
    .leftJoin(remoteLinks, eq(remoteLinks.sessionId, programSessions.id))
    .leftJoin(remoteSettings, eq(remoteSettings.eventId, events.id))
    .where(and(eq(sessionPeople.personId, personId), eq(events.status, "published")))
    .orderBy(asc(programSessions.startsAt));
  return rows.map((r) => ({ ...r, link: r.publishedAt && r.remote ? r.link : null }));
}

/**
 * The reminder with the link, sent the chosen number of minutes before the start to each
 * confirmed participant who may see it, once: claimed in remote_reminders in the same
 * transaction as the mail is written, so N instances send it exactly once.
 */
export async function sendRemoteReminders(db: Db, now: Date, manageUrlOf: (r: { id: string; manageVersion: number }) => string): Promise<number> {
  const due = await db
    .select({ eventId: remoteSettings.eventId, showOnsite: remoteSettings.showOnsite, minutes: remoteSettings.reminderMinutes })
    .from(remoteSettings)
    .innerJoin(events, eq(events.id, remoteSettings.eventId))
    .where(and(isNotNull(remoteSettings.publishedAt), isNotNull(remoteSettings.reminderMinutes), eq(events.status, "published"), gt(events.startsAt, now), lte(sql`${events.startsAt} - make_interval(mins => ${remoteSettings.reminderMinutes})`, now)));
  let sent = 0;
  for (const d of due) {
    const [event] = await db.select().from(events).where(eq(events.id, d.eventId));
    const gate = await linkGateOf(db, d.eventId);
    const who = await db
      .select({ id: registrations.id, manageVersion: registrations.manageVersion, attendance: registrations.attendance, name: people.name, email: people.email, locale: people.locale })
      .from(registrations)
      .innerJoin(people, eq(people.id, registrations.personId))
      .leftJoin(remoteReminders, eq(remoteReminders.registrationId, registrations.id))
      .where(and(eq(registrations.eventId, d.eventId), eq(registrations.status, "confirmed"), d.showOnsite ? undefined : eq(registrations.attendance, "remote"), isNull(remoteReminders.registrationId), isNotNull(people.email)));
    for (const p of who) {
      const links = gate({ status: "confirmed", attendance: p.attendance });
      const first = links && currentLink(links, event!.startsAt);
      if (!first) continue;
      await db.transaction(async (tx) => {
        const claimed = await tx.insert(remoteReminders).values({ registrationId: p.id, sentAt: now }).onConflictDoNothing().returning({ id: remoteReminders.registrationId });
        if (claimed.length === 0) return;
        const locale = isLocale(p.locale) ? p.locale : "sv";
        const title = pick(locale, event!.titleSv, event!.titleEn);
        const lines = [first.link.url, first.link.dialIn && translate(locale, "remote.dialIn", { value: first.link.dialIn }), first.link.meetingId && translate(locale, "remote.meetingId", { value: first.link.meetingId })].filter(Boolean).join("\n");
        await enqueueMail(
          tx,
          {
            to: p.email!,
            subject: translate(locale, "remote.mail.subject", { event: title, time: clock(event!.startsAt, locale) }),
            text: translate(locale, "remote.mail.text", { name: p.name, event: title, when: dateTimeRange(event!.startsAt, event!.endsAt, locale), link: lines, page: `${manageUrlOf(p)}/distans` }),
            registrationId: p.id,
            locale,
          },
          now,
        );
        sent++;
      });
    }
  }
  return sent;
}

/** The upcoming published events where the person's organisation exhibits (their own page lists them). */
export async function exhibitingOf(db: Db, personId: string) {
  return db
    .select({ name: exhibitors.name, booth: exhibitors.booth, titleSv: events.titleSv, titleEn: events.titleEn })
    .from(people)
    .innerJoin(exhibitors, eq(exhibitors.organisationId, people.organisationId))
    .innerJoin(events, eq(events.id, exhibitors.eventId))
    .where(and(eq(people.id, personId), eq(events.status, "published")))
    .orderBy(asc(events.startsAt));
}
