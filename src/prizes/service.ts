/**
 * The prize's rules: who may do what in which phase, nominations with their confirmation
 * and edit link, the screener, the jury's conflicts and reviews, the decision, and the
 * announcement. The decision is sealed: until the round is announced it is read only by the
 * prize's admin pages; the announcement (at its time, by the jobs or the first visit after
 * it, or when an admin announces now) opens the winner's page and the gallery and writes the
 * nominators' mails in one transaction.
 */
import { and, eq, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { rowsOf } from "../db/rows.js";
import { prizeNominationFiles, prizeNominations, prizeRounds } from "../db/schema.js";
import { conflict, validationFailed } from "../http/errors.js";
import { translator, type Locale } from "../i18n/messages.js";
import { findOrCreatePersonByEmail } from "../people/repository.js";
import { enqueueMail } from "../mail/outbox.js";
import type { MailContext } from "../plans/ideas.js";
import { signLink } from "../shared/signed-links.js";
import {
  addJuror,
  changeNomination,
  conflictsInForce,
  criteriaOf,
  insertNomination,
  jurorOf,
  nominationsOf,
  reviewsOf,
  saveScreening,
  syncHardConflicts,
  type Juror,
  type Nomination,
  type NominationInput,
  type Prize,
  type Round,
} from "./repository.js";
import { conflictKey, rankNominations, reviewScore, type Ranked } from "./scoring.js";
import type { PrizePhase } from "./schema.js";

export type { MailContext };

/** The phases an admin moves the round through by hand; "decided" comes with the decision, "announced" with the announcement. */
export const manualPhases: PrizePhase[] = ["nomination", "screening", "judging", "deliberation"];

export const takesNominations = (round: Round, now: Date) => round.phase === "nomination" && now < round.closesAt;
export const isAnnounced = (round: Round) => round.phase === "announced";
export const roundPath = (prize: Pick<Prize, "slug">, round: Pick<Round, "year">) => `/pris/${prize.slug}/${round.year}`;
export const nominationEditUrl = (m: MailContext, prize: Prize, round: Round, id: string) => `${m.publicUrl}${roundPath(prize, round)}/nominering/${signLink(m.linkKey, "nomination", id)}`;

export async function setPhase(db: Db, round: Round, phase: PrizePhase): Promise<void> {
  if (!manualPhases.includes(phase) || !manualPhases.includes(round.phase)) throw conflict("prizes.error.phase", "phase");
  await db.update(prizeRounds).set({ phase }).where(and(eq(prizeRounds.id, round.id), sql`${prizeRounds.phase} in ('nomination','screening','judging','deliberation')`));
}

function confirmationMail(prize: Prize, round: Round, n: Pick<Nomination, "id" | "title" | "nominatorEmail">, locale: Locale, m: MailContext, edited: boolean) {
  const t = translator(locale);
  const key = edited ? "prizes.mail.edited" : "prizes.mail.received";
  return {
    to: n.nominatorEmail,
    locale,
    subject: t(`${key}.subject`, { prize: prize.name, year: round.year }),
    text: t(`${key}.text`, { prize: prize.name, year: round.year, title: n.title, url: nominationEditUrl(m, prize, round, n.id), closes: round.closesAt.toISOString().slice(0, 10) }),
  };
}

/** A new nomination, while the call is open: kept with its organisations' conflicts, and confirmed by mail with a link to edit it. */
export async function submitNomination(db: Db, prize: Prize, round: Round, input: NominationInput, locale: Locale, m: MailContext, now: Date): Promise<Nomination> {
  if (!takesNominations(round, now)) throw conflict("prizes.error.closed");
  return db.transaction(async (tx) => {
    const n = await insertNomination(tx as unknown as Db, round.id, input, locale, now);
    await syncHardConflicts(tx as unknown as Db, round.id, now);
    await enqueueMail(tx as unknown as Db, confirmationMail(prize, round, n, locale, m, false), now);
    return n;
  });
}

export async function editNomination(db: Db, prize: Prize, round: Round, n: Nomination, input: Omit<NominationInput, "nominatorName" | "nominatorEmail">, m: MailContext, now: Date): Promise<void> {
  if (!takesNominations(round, now)) throw conflict("prizes.error.closed");
  await db.transaction(async (tx) => {
    await changeNomination(tx as unknown as Db, n.id, input, now);
    await syncHardConflicts(tx as unknown as Db, round.id, now);
    await enqueueMail(tx as unknown as Db, confirmationMail(prize, round, { ...n, title: input.title }, n.locale as Locale, m, true), now);
  });
}

/** An attachment to one's own nomination while the call is open, confirmed like any change of it. */
export async function attachToNomination(db: Db, prize: Prize, round: Round, n: Nomination, fileId: string, m: MailContext, now: Date): Promise<void> {
  if (!takesNominations(round, now)) throw conflict("prizes.error.closed");
  await db.transaction(async (tx) => {
    await tx.insert(prizeNominationFiles).values({ nominationId: n.id, fileId });
    await tx.update(prizeNominations).set({ updatedAt: now }).where(eq(prizeNominations.id, n.id));
    await enqueueMail(tx as unknown as Db, confirmationMail(prize, round, n, n.locale as Locale, m, true), now);
  });
}

/** The screener's verdict: a "no" to any criterion sets the nomination aside with the reason (the unmet criteria, and any words added). */
function screeningReason(questions: { id: string; text: string }[], answers: Map<string, boolean>, note: string | null): string | null {
  const unmet = questions.filter((q) => answers.get(q.id) === false).map((q) => q.text);
  if (unmet.length === 0) return note ? note : null;
  return [unmet.join("; "), note].filter(Boolean).join(" – ");
}

/** Records the screener's answers (every question answered by the caller) and sets the nomination aside or keeps it; the note counts only with a "no". Returns the reason, or null when it is eligible. */
export async function recordScreening(db: Db, nomination: Nomination, questions: { id: string; text: string }[], answers: Map<string, boolean>, note: string | null): Promise<string | null> {
  const reason = screeningReason(questions, answers, [...answers.values()].some((v) => !v) ? note : null);
  await saveScreening(db, nomination.id, [...answers].map(([questionId, answer]) => ({ questionId, answer })), reason);
  return reason;
}

/** A juror invited by e-mail, with the mail in the same transaction; false when the person is on the jury already. */
export async function inviteJuror(db: Db, prize: Prize, round: Round, j: { email: string; name: string }, publicUrl: string, now: Date): Promise<boolean> {
  const person = await findOrCreatePersonByEmail(db, j.email, j.name);
  if (await jurorOf(db, round.id, person.id)) return false;
  const locale: Locale = person.locale === "en" ? "en" : "sv";
  const t = translator(locale);
  const params = { prize: prize.name, year: round.year, url: `${publicUrl}${roundPath(prize, round)}/jury` };
  await db.transaction(async (tx) => {
    await addJuror(tx as unknown as Db, round.id, person.id);
    await enqueueMail(tx as unknown as Db, { to: j.email, locale, subject: t("prizes.mail.juror.subject", params), text: t("prizes.mail.juror.text", params) }, now);
  });
  return true;
}

// ── What a juror sees ─────────────────────────────────────────────────────────

export const jurorsMayScore = (round: Round) => round.phase === "judging";
export const jurorsSeeNominations = (round: Round) => ["judging", "deliberation", "decided", "announced"].includes(round.phase);

export interface JurorNomination {
  nomination: Nomination;
  own: { scores: Record<string, number>; comment: string | null } | null;
  ownComplete: boolean;
  /** Others' reviews: shown only once the juror's own is complete (or in deliberation, to every juror without a conflict). */
  others: { juror: string; score: number | null; comment: string | null }[] | null;
}

/**
 * The nominations a juror judges: eligible ones without a conflict of theirs (a hard one
 * by organisation, or one they declared); nothing before they have stated their organisations.
 */
export async function jurorNominations(db: Db, round: Round, juror: Juror): Promise<JurorNomination[]> {
  if (!juror.statedAt || !jurorsSeeNominations(round)) return [];
  const [nominations, conflicts, reviews, criteria] = await Promise.all([nominationsOf(db, round.id), conflictsInForce(db, round.id), reviewsOf(db, round.id), criteriaOf(db, round.id)]);
  return nominations
    .filter((n) => n.ineligibleReason === null && !conflicts.has(conflictKey(juror.id, n.id)))
    .map((n) => {
      const mine = reviews.find((r) => r.jurorId === juror.id && r.nominationId === n.id) ?? null;
      const ownComplete = mine !== null && reviewScore(criteria, mine.scores) !== null;
      const open = ownComplete || round.phase !== "judging";
      const others = open ? reviews.filter((r) => r.nominationId === n.id && r.jurorId !== juror.id && !conflicts.has(conflictKey(r.jurorId, n.id))).map((r) => ({ juror: r.juror, score: reviewScore(criteria, r.scores), comment: r.comment })) : null;
      return { nomination: n, own: mine ? { scores: mine.scores, comment: mine.comment } : null, ownComplete, others };
    });
}

/** May this juror score this nomination now: the judging phase, organisations stated, eligible, no conflict. */
export async function mayReview(db: Db, round: Round, juror: Juror, n: Nomination): Promise<boolean> {
  if (!jurorsMayScore(round) || !juror.statedAt || n.ineligibleReason !== null) return false;
  return !(await conflictsInForce(db, round.id)).has(conflictKey(juror.id, n.id));
}

export async function roundRanking(db: Db, round: Round): Promise<Ranked[]> {
  const [nominations, criteria, reviews, conflicts] = await Promise.all([nominationsOf(db, round.id), criteriaOf(db, round.id), reviewsOf(db, round.id), conflictsInForce(db, round.id)]);
  const eligible = nominations.filter((n) => n.ineligibleReason === null).map((n) => n.id);
  return rankNominations(eligible, criteria, reviews, round.ranking, conflicts);
}

// ── The decision and its announcement ─────────────────────────────────────────

export async function decide(db: Db, round: Round, winner: Nomination, justification: string, now: Date): Promise<void> {
  if (round.phase !== "deliberation") throw conflict("prizes.error.phase", "winnerId");
  if (winner.roundId !== round.id || winner.ineligibleReason !== null) throw validationFailed([{ field: "winnerId", key: "prizes.error.unknown" }]);
  await db.transaction(async (tx) => {
    await tx.execute(sql`update prize_nominations set shortlisted = true where id = ${winner.id}`);
    await tx.update(prizeRounds).set({ phase: "decided", winnerId: winner.id, justification, decidedAt: now }).where(and(eq(prizeRounds.id, round.id), eq(prizeRounds.phase, "deliberation")));
  });
}

/**
 * Announces every decided round whose time has come, each exactly once whichever instance
 * or visit gets there first (the conditional update), with the nominators' mails in the
 * same transaction. Returns how many rounds it announced.
 */
export async function announceDue(db: Db, m: MailContext, now: Date): Promise<number> {
  // Asked by every visit of the gallery and every run of the jobs: a read, and a write only when a round is due.
  const due = await db.select({ id: prizeRounds.id }).from(prizeRounds).where(and(eq(prizeRounds.phase, "decided"), lte(prizeRounds.announceAt, now), isNull(prizeRounds.announcedAt))).limit(1);
  if (due.length === 0) return 0;
  return db.transaction(async (tx) => {
    const due = await tx
      .update(prizeRounds)
      .set({ phase: "announced", announcedAt: now })
      .where(and(eq(prizeRounds.phase, "decided"), lte(prizeRounds.announceAt, now), isNotNull(prizeRounds.winnerId), isNull(prizeRounds.announcedAt)))
      .returning();
    for (const round of due) await announcementMails(tx as unknown as Db, round, m, now);
    return due.length;
  });
}

async function announcementMails(tx: Db, round: Round, m: MailContext, now: Date) {
  const [prizeRow] = await rowsOf<{ name: string; slug: string }>(tx, sql`select name, slug from prizes where id = ${round.prizeId}`);
  const nominations = (await nominationsOf(tx, round.id)).filter((n) => n.ineligibleReason === null);
  const winner = nominations.find((n) => n.id === round.winnerId)!;
  for (const n of nominations) {
    const t = translator(n.locale as Locale);
    const key = n.id === winner.id ? "prizes.mail.won" : "prizes.mail.announced";
    const params = { prize: prizeRow!.name, year: round.year, title: n.title, winner: winner.title, url: `${m.publicUrl}/pris/${prizeRow!.slug}/${round.year}` };
    await enqueueMail(tx, { to: n.nominatorEmail, locale: n.locale as Locale, subject: t(`${key}.subject`, params), text: t(`${key}.text`, params) }, now);
  }
}

/** "Announce now": the announcement time becomes now, and the round is announced at once. */
export async function announceNow(db: Db, round: Round, m: MailContext, now: Date): Promise<void> {
  if (round.phase !== "decided") throw conflict("prizes.error.phase");
  await db.update(prizeRounds).set({ announceAt: now }).where(and(eq(prizeRounds.id, round.id), eq(prizeRounds.phase, "decided")));
  await announceDue(db, m, now);
}

/** A round as a visitor may read it, announced first if its time has come (so the page changes at the very second). */
export async function roundForVisitor(db: Db, round: Round, m: MailContext, now: Date): Promise<Round> {
  if (round.phase !== "decided" || round.announceAt > now) return round;
  await announceDue(db, m, now);
  return (await db.select().from(prizeRounds).where(eq(prizeRounds.id, round.id)))[0]!;
}
