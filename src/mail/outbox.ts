/**
 * Transactional outbox: a message is written in the same transaction as the change it
 * reports, and a worker sends it later with retries and backoff. A registration
 * therefore succeeds while SMTP is down, and the mail goes out when it is back.
 */
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { outbox } from "../db/schema.js";
import type { MailAttachment, Mailer } from "./mailer.js";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  ics?: { method: "REQUEST" | "CANCEL"; content: string } | null;
  registrationId?: string | null;
  /** Add the registration's ticket when the mail is sent (see SendExtras). */
  withTicket?: boolean;
  locale?: "sv" | "en";
}

/**
 * What is added to a mail when it is sent rather than when it is written: a registration's
 * ticket, made from its state at that moment. Null: nothing to add (the ticket is no longer valid).
 */
export type SendExtras = (row: { registrationId: string; locale: "sv" | "en" }) => Promise<{ text: string; html: string; attachments: MailAttachment[] } | null>;

/** Writes the message with the given transaction (or database handle). */
export async function enqueueMail(tx: Db, mail: OutgoingMail, now: Date): Promise<void> {
  await tx.insert(outbox).values({
    toAddress: mail.to,
    subject: mail.subject,
    textBody: mail.text,
    ics: mail.ics?.content ?? null,
    icsMethod: mail.ics?.method ?? null,
    registrationId: mail.registrationId ?? null,
    withTicket: mail.withTicket ?? false,
    locale: mail.locale ?? null,
    nextAttemptAt: now,
  });
}

const MAX_ATTEMPTS = 12;
/** 30 s, 1 min, 2 min … (from the base) capped at one hour. */
export const backoffMs = (attempts: number, baseSeconds = 30) => Math.min(3600_000, baseSeconds * 1000 * 2 ** Math.max(0, attempts - 1));

export interface OutboxRunResult {
  sent: number;
  failed: number;
}

/**
 * Sends what is due. Rows are claimed with a lease (locked_until) so that several
 * instances never send the same row at once; a crashed sender's lease runs out and the
 * row is tried again. Delivery is at least once: a sender that dies after the SMTP
 * server accepted a mail and before it is marked sent leaves it to be sent again, with
 * the same Message-ID (outbox-<id>@host), so the copy can be recognised.
 */
export async function processOutbox(db: Db, mailer: Mailer, now: Date, hostname: string, limit = 50, retryBaseSeconds = 30, leaseSeconds = 120, extras?: SendExtras): Promise<OutboxRunResult> {
  const lease = new Date(now.getTime() + leaseSeconds * 1000);
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          inArray(outbox.status, ["pending", "sending"]),
          lte(outbox.nextAttemptAt, now),
          or(isNull(outbox.lockedUntil), lte(outbox.lockedUntil, now)),
        ),
      )
      .orderBy(asc(outbox.id))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(outbox)
      .set({ status: "sending", lockedUntil: lease })
      .where(inArray(outbox.id, due.map((d) => d.id)))
      .returning();
  });
  const result = { sent: 0, failed: 0 };
  const sendOne = async (row: (typeof claimed)[number]) => {
    try {
      const added = row.withTicket && row.registrationId && extras ? await extras({ registrationId: row.registrationId, locale: row.locale === "en" ? "en" : "sv" }) : null;
      await mailer.send({
        to: row.toAddress,
        subject: row.subject,
        text: added ? `${row.textBody}\n\n${added.text}` : row.textBody,
        ...(added ? { html: `${textAsHtml(row.textBody)}${added.html}`, attachments: added.attachments } : {}),
        messageId: `<outbox-${row.id}@${hostname}>`,
        ...(row.ics && row.icsMethod ? { ics: { method: row.icsMethod as "REQUEST" | "CANCEL", content: row.ics } } : {}),
      });
      await db.update(outbox).set({ status: "sent", sentAt: now, lockedUntil: null, attempts: row.attempts + 1 }).where(eq(outbox.id, row.id));
      result.sent++;
    } catch (err) {
      const attempts = row.attempts + 1;
      await db
        .update(outbox)
        .set({
          status: attempts >= MAX_ATTEMPTS ? "failed" : "pending",
          attempts,
          lockedUntil: null,
          nextAttemptAt: new Date(now.getTime() + backoffMs(attempts, retryBaseSeconds)),
          lastError: String(err instanceof Error ? err.message : err).slice(0, 500),
        })
        .where(eq(outbox.id, row.id));
      result.failed++;
    }
  };
  // A few at a time, in order: as many as the mailer's connection pool.
  const ordered = claimed.sort((a, b) => a.id - b.id);
  for (let i = 0; i < ordered.length; i += 5) await Promise.all(ordered.slice(i, i + 5).map(sendOne));
  return result;
}

/**
 * A mail holds a person's name, address and registration: once sent (or given up on) it
 * is kept for `keepDays`, for questions such as "did my confirmation go out?", and then
 * deleted. Returns how many were deleted.
 */
export async function forgetOldMail(db: Db, now: Date, keepDays: number): Promise<number> {
  const before = new Date(now.getTime() - keepDays * 86400_000);
  const gone = await db
    .delete(outbox)
    // A mail is sent only once it is due, so next_attempt_at <= sent_at: the first bound
    // lets the (status, next_attempt_at) index find the rows without reading every sent mail.
    .where(and(inArray(outbox.status, ["sent", "failed"]), lt(outbox.nextAttemptAt, before), lt(sql`coalesce(${outbox.sentAt}, ${outbox.nextAttemptAt})`, before)))
    .returning({ id: outbox.id });
  return gone.length;
}

export async function outboxCounts(db: Db) {
  const rows = await db
    .select({ status: outbox.status, n: sql<number>`count(*)::int` })
    .from(outbox)
    .groupBy(outbox.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
}

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A plain-text mail as the HTML part beside it: the same words, escaped, links kept clickable. */
export function textAsHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((para) => `<p>${escapeHtml(para).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`).replace(/\n/g, "<br>")}</p>`)
    .join("\n");
}
