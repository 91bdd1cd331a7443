/**
 * Background jobs, started by main.ts (never on import): send the outbox, pass on expired
 * offers, send reminders, announce prizes at their time, carry out retention, forget old mail. Each run is independent;
 * a failing job is logged and tried again on the next tick. Works on PGlite and PostgreSQL
 * alike, and with any number of instances running them at once on one PostgreSQL: each
 * piece of work is claimed in the database (a lease on an outbox row, a conditional
 * update of the row it changes, the pool's row lock) by exactly one of them.
 */
import { hostname } from "node:os";
import type { Deps } from "./http/env.js";
import { forgetOldMail, processOutbox } from "./mail/outbox.js";
import { ticketForMail } from "./checkin/mail-ticket.js";
import { regContextOf } from "./registration/context.js";
import { runScheduledRegistrationJobs } from "./registration/jobs.js";
import { expireOffers, manageUrl } from "./registration/service.js";
import { sendRemoteReminders } from "./remote/service.js";
import { forgetOldLiveEvents } from "./live/hub.js";
import { announceDue } from "./prizes/service.js";

export async function runJobsOnce(deps: Deps): Promise<void> {
  const ctx = regContextOf(deps);
  await expireOffers(ctx);
  await runScheduledRegistrationJobs(ctx);
  await sendRemoteReminders(deps.db, deps.now(), (r) => manageUrl(ctx, r));
  // A prize decided for a ceremony now passed is announced (its mails written) before the outbox is sent.
  await announceDue(deps.db, { publicUrl: deps.config.publicUrl, linkKey: deps.linkKey }, deps.now());
  // Drain the outbox: a rush can leave more than one batch waiting.
  for (let round = 0; round < 20; round++) {
    const r = await processOutbox(deps.db, deps.mailer, deps.now(), new URL(deps.config.publicUrl).hostname || hostname(), 50, deps.config.MAIL_RETRY_BASE_SECONDS, deps.config.MAIL_LEASE_SECONDS, ticketForMail(deps.db));
    if (r.sent + r.failed < 50) break;
  }
  await forgetOldMail(deps.db, deps.now(), deps.config.MAIL_KEEP_DAYS);
  await forgetOldLiveEvents(deps.db, deps.now());
  await deps.rateLimits.sweep(deps.now().getTime());
}

/**
 * Runs the jobs every JOBS_INTERVAL_SECONDS. `stop()` lets a run under way finish before it
 * resolves: a mail handed to the SMTP server is then also marked sent before the database
 * closes (stopping in the middle left it "sending", and it went out again after the restart).
 */
export function startJobs(deps: Deps): { stop(): Promise<void> } {
  const seconds = deps.config.JOBS_INTERVAL_SECONDS;
  if (seconds === 0) return { stop: async () => {} };
  let current: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (current) return;
    current = runJobsOnce(deps)
      .catch((err) => console.warn(`[jobs] ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        current = null;
      });
  }, seconds * 1000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      // At most 10 s: a mail server that hangs must not hold the stop for ever (the lease then covers it).
      await Promise.race([current, new Promise((r) => setTimeout(r, 10_000).unref())]);
    },
  };
}
