/** The prize's rows: rounds, criteria, screener questions, nominations, jurors, conflicts and reviews. */
import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { rowsOf } from "../db/rows.js";
import {
  prizeAdmins,
  prizeConflicts,
  prizeCriteria,
  prizeJurorOrganisations,
  prizeJurors,
  prizeNominationActions,
  prizeNominationFiles,
  prizeNominationGoals,
  prizeNominationOrganisations,
  prizeNominations,
  prizeReviews,
  prizeRounds,
  prizes,
  prizeScores,
  prizeScreenAnswers,
  prizeScreenQuestions,
  type RankingMethod,
} from "../db/schema.js";
import { conflict, isUniqueViolation } from "../http/errors.js";
import { conflictKey, type Review } from "./scoring.js";

export type Prize = typeof prizes.$inferSelect;
export type Round = typeof prizeRounds.$inferSelect;
export type Criterion = typeof prizeCriteria.$inferSelect;
export type ScreenQuestion = typeof prizeScreenQuestions.$inferSelect;
export type Nomination = typeof prizeNominations.$inferSelect;
export type Juror = typeof prizeJurors.$inferSelect;

export async function createPrize(db: Db, spaceId: string, p: { slug: string; name: string; description: string | null }): Promise<Prize> {
  try {
    const [row] = await db.insert(prizes).values({ id: randomUUID(), spaceId, ...p }).returning();
    return row!;
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict("prizes.error.slugTaken", "slug");
    throw err;
  }
}

export const findPrizeBySlug = async (db: Db, slug: string): Promise<Prize | undefined> => (await db.select().from(prizes).where(eq(prizes.slug, slug)))[0];
export const allPrizes = (db: Db): Promise<Prize[]> => db.select().from(prizes).orderBy(asc(prizes.name));

export async function isPrizeAdmin(db: Db, personId: string, prizeId: string): Promise<boolean> {
  return (await db.select().from(prizeAdmins).where(and(eq(prizeAdmins.prizeId, prizeId), eq(prizeAdmins.personId, personId)))).length > 0;
}
export async function addPrizeAdmin(db: Db, prizeId: string, personId: string): Promise<void> {
  await db.insert(prizeAdmins).values({ prizeId, personId }).onConflictDoNothing();
}
export const prizeAdminsOf = (db: Db, prizeId: string) => rowsOf<{ person_id: string; name: string; email: string | null }>(db, sql`select a.person_id, p.name, p.email from prize_admins a join people p on p.id = a.person_id where a.prize_id = ${prizeId} order by p.name`);

export interface RoundInput {
  year: number;
  intro: string | null;
  closesAt: Date;
  announceAt: Date;
  planId: string | null;
  ranking: RankingMethod;
}

export async function addRound(db: Db, prizeId: string, r: RoundInput): Promise<Round> {
  try {
    const [row] = await db.insert(prizeRounds).values({ id: randomUUID(), prizeId, ...r }).returning();
    return row!;
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict("prizes.error.yearTaken", "year");
    throw err;
  }
}

export const roundsOf = (db: Db, prizeId: string): Promise<Round[]> => db.select().from(prizeRounds).where(eq(prizeRounds.prizeId, prizeId)).orderBy(sql`${prizeRounds.year} desc`);
export const findRound = async (db: Db, prizeId: string, year: number): Promise<Round | undefined> => (await db.select().from(prizeRounds).where(and(eq(prizeRounds.prizeId, prizeId), eq(prizeRounds.year, year))))[0];

export const criteriaOf = (db: Db, roundId: string): Promise<Criterion[]> => db.select().from(prizeCriteria).where(eq(prizeCriteria.roundId, roundId)).orderBy(asc(prizeCriteria.position), asc(prizeCriteria.title));
/** The position after the last of a round's rows in one of its lists (criteria, eligibility questions). */
async function nextPosition(db: Db, table: "prize_criteria" | "prize_screen_questions", roundId: string): Promise<number> {
  return (await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)} where round_id = ${roundId}`))[0]!.n;
}

export async function addCriterion(db: Db, roundId: string, c: { title: string; description: string | null; weight: number }): Promise<void> {
  await db.insert(prizeCriteria).values({ id: randomUUID(), roundId, position: await nextPosition(db, "prize_criteria", roundId), ...c });
}
export async function setCriterionWeight(db: Db, roundId: string, id: string, weight: number): Promise<boolean> {
  return (await db.update(prizeCriteria).set({ weight }).where(and(eq(prizeCriteria.roundId, roundId), eq(prizeCriteria.id, id))).returning({ id: prizeCriteria.id })).length > 0;
}

export const screenQuestionsOf = (db: Db, roundId: string): Promise<ScreenQuestion[]> => db.select().from(prizeScreenQuestions).where(eq(prizeScreenQuestions.roundId, roundId)).orderBy(asc(prizeScreenQuestions.position));
export async function addScreenQuestion(db: Db, roundId: string, text: string): Promise<void> {
  await db.insert(prizeScreenQuestions).values({ id: randomUUID(), roundId, text, position: await nextPosition(db, "prize_screen_questions", roundId) });
}

// ── Nominations ───────────────────────────────────────────────────────────────

export interface NominationInput {
  title: string;
  summary: string;
  links: string[];
  ownWork: boolean;
  nominatorName: string;
  nominatorEmail: string;
  organisationIds: string[];
  goalIds: string[];
  actionIds: string[];
}

async function writeNominationParts(tx: Db, id: string, n: Pick<NominationInput, "organisationIds" | "goalIds" | "actionIds">) {
  await tx.delete(prizeNominationOrganisations).where(eq(prizeNominationOrganisations.nominationId, id));
  await tx.delete(prizeNominationGoals).where(eq(prizeNominationGoals.nominationId, id));
  await tx.delete(prizeNominationActions).where(eq(prizeNominationActions.nominationId, id));
  if (n.organisationIds.length) await tx.insert(prizeNominationOrganisations).values([...new Set(n.organisationIds)].map((organisationId) => ({ nominationId: id, organisationId })));
  if (n.goalIds.length) await tx.insert(prizeNominationGoals).values([...new Set(n.goalIds)].map((goalId) => ({ nominationId: id, goalId })));
  if (n.actionIds.length) await tx.insert(prizeNominationActions).values([...new Set(n.actionIds)].map((actionId) => ({ nominationId: id, actionId })));
}

export async function insertNomination(tx: Db, roundId: string, n: NominationInput, locale: string, now: Date): Promise<Nomination> {
  const { organisationIds, goalIds, actionIds, ...fields } = n;
  const [row] = await tx.insert(prizeNominations).values({ id: randomUUID(), roundId, ...fields, locale, createdAt: now, updatedAt: now }).returning();
  await writeNominationParts(tx, row!.id, { organisationIds, goalIds, actionIds });
  return row!;
}

/** The nominator's changes; who nominated stays. */
export async function changeNomination(tx: Db, id: string, n: Omit<NominationInput, "nominatorName" | "nominatorEmail">, now: Date): Promise<void> {
  const { organisationIds, goalIds, actionIds, ...fields } = n;
  await tx.update(prizeNominations).set({ ...fields, updatedAt: now }).where(eq(prizeNominations.id, id));
  await writeNominationParts(tx, id, { organisationIds, goalIds, actionIds });
}

export const findNomination = async (db: Db, roundId: string, id: string): Promise<Nomination | undefined> =>
  (await db.select().from(prizeNominations).where(and(eq(prizeNominations.roundId, roundId), eq(prizeNominations.id, id))))[0];
export const findNominationById = async (db: Db, id: string): Promise<Nomination | undefined> => (await db.select().from(prizeNominations).where(eq(prizeNominations.id, id)))[0];
export const nominationsOf = (db: Db, roundId: string): Promise<Nomination[]> => db.select().from(prizeNominations).where(eq(prizeNominations.roundId, roundId)).orderBy(asc(prizeNominations.createdAt), asc(prizeNominations.id));

export interface NominationParts {
  organisations: { id: string; name: string }[];
  goals: { id: string; title: string }[];
  actions: { id: string; ref: string; title: string; planSlug: string }[];
  files: { id: string; filename: string; size: number }[];
  screen: Map<string, boolean>;
}

export async function partsOf(db: Db, ids: string[]): Promise<Map<string, NominationParts>> {
  const parts = new Map<string, NominationParts>(ids.map((id) => [id, { organisations: [], goals: [], actions: [], files: [], screen: new Map() }]));
  if (ids.length === 0) return parts;
  const list = sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
  const [orgs, goals, actions, files, screen] = await Promise.all([
    rowsOf<{ nomination_id: string; id: string; name: string }>(db, sql`select n.nomination_id, o.id, o.name from prize_nomination_organisations n join organisations o on o.id = n.organisation_id where n.nomination_id in (${list}) order by o.name`),
    rowsOf<{ nomination_id: string; id: string; title: string }>(db, sql`select n.nomination_id, g.id, g.title from prize_nomination_goals n join plan_goals g on g.id = n.goal_id where n.nomination_id in (${list}) order by g.position, g.title`),
    rowsOf<{ nomination_id: string; id: string; ref: string; title: string; plan_slug: string }>(db, sql`select n.nomination_id, a.id, a.ref, a.title, p.slug as plan_slug from prize_nomination_actions n join plan_actions a on a.id = n.action_id join plans p on p.id = a.plan_id where n.nomination_id in (${list}) order by a.ref`),
    rowsOf<{ nomination_id: string; id: string; filename: string; size: string | number }>(db, sql`select n.nomination_id, f.id, f.filename, f.size from prize_nomination_files n join stored_files f on f.id = n.file_id where n.nomination_id in (${list}) order by f.filename`),
    rowsOf<{ nomination_id: string; question_id: string; answer: boolean }>(db, sql`select nomination_id, question_id, answer from prize_screen_answers where nomination_id in (${list})`),
  ]);
  for (const r of orgs) parts.get(r.nomination_id)!.organisations.push({ id: r.id, name: r.name });
  for (const r of goals) parts.get(r.nomination_id)!.goals.push({ id: r.id, title: r.title });
  for (const r of actions) parts.get(r.nomination_id)!.actions.push({ id: r.id, ref: r.ref, title: r.title, planSlug: r.plan_slug });
  for (const r of files) parts.get(r.nomination_id)!.files.push({ id: r.id, filename: r.filename, size: Number(r.size) });
  for (const r of screen) parts.get(r.nomination_id)!.screen.set(r.question_id, r.answer);
  return parts;
}

/** The nomination's file, for whoever may read the nomination. */
export async function nominationOfFile(db: Db, fileId: string): Promise<Nomination | undefined> {
  const rows = await db.select({ nominationId: prizeNominationFiles.nominationId }).from(prizeNominationFiles).where(eq(prizeNominationFiles.fileId, fileId));
  return rows[0] ? findNominationById(db, rows[0].nominationId) : undefined;
}

export async function saveScreening(db: Db, nominationId: string, answers: { questionId: string; answer: boolean }[], ineligibleReason: string | null): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(prizeScreenAnswers).where(eq(prizeScreenAnswers.nominationId, nominationId));
    if (answers.length) await tx.insert(prizeScreenAnswers).values(answers.map((a) => ({ nominationId, ...a })));
    await tx.update(prizeNominations).set({ ineligibleReason, ...(ineligibleReason ? { shortlisted: false } : {}) }).where(eq(prizeNominations.id, nominationId));
  });
}

export async function setShortlisted(db: Db, roundId: string, nominationId: string, shortlisted: boolean): Promise<boolean> {
  const rows = await db
    .update(prizeNominations)
    .set({ shortlisted })
    .where(and(eq(prizeNominations.roundId, roundId), eq(prizeNominations.id, nominationId), isNull(prizeNominations.ineligibleReason)))
    .returning({ id: prizeNominations.id });
  return rows.length > 0;
}

// ── Jury ──────────────────────────────────────────────────────────────────────

export async function addJuror(db: Db, roundId: string, personId: string): Promise<Juror> {
  await db.insert(prizeJurors).values({ id: randomUUID(), roundId, personId }).onConflictDoNothing();
  return (await db.select().from(prizeJurors).where(and(eq(prizeJurors.roundId, roundId), eq(prizeJurors.personId, personId))))[0]!;
}

export const jurorOf = async (db: Db, roundId: string, personId: string): Promise<Juror | undefined> =>
  (await db.select().from(prizeJurors).where(and(eq(prizeJurors.roundId, roundId), eq(prizeJurors.personId, personId))))[0];

export async function juryOf(db: Db, roundId: string) {
  return rowsOf<{ id: string; person_id: string; name: string; email: string | null; stated_at: string | Date | null; organisations: string[] }>(
    db,
    sql`select j.id, j.person_id, p.name, p.email, j.stated_at, coalesce(array_agg(o.name order by o.name) filter (where o.id is not null), '{}') as organisations
        from prize_jurors j join people p on p.id = j.person_id left join prize_juror_organisations jo on jo.juror_id = j.id left join organisations o on o.id = jo.organisation_id
        where j.round_id = ${roundId} group by j.id, p.name, p.email order by p.name`,
  );
}

export async function jurorOrganisationIds(db: Db, jurorId: string): Promise<string[]> {
  return (await db.select({ id: prizeJurorOrganisations.organisationId }).from(prizeJurorOrganisations).where(eq(prizeJurorOrganisations.jurorId, jurorId))).map((r) => r.id);
}

export async function stateOrganisations(tx: Db, jurorId: string, organisationIds: string[], now: Date): Promise<void> {
  await tx.delete(prizeJurorOrganisations).where(eq(prizeJurorOrganisations.jurorId, jurorId));
  if (organisationIds.length) await tx.insert(prizeJurorOrganisations).values([...new Set(organisationIds)].map((organisationId) => ({ jurorId, organisationId })));
  await tx.update(prizeJurors).set({ statedAt: now }).where(eq(prizeJurors.id, jurorId));
}

/** Every juror and nomination of a round that share an organisation, a row for each shared one: the hard conflicts as the organisations are now. */
const sharedOrganisations = (roundId: string) =>
  sql`from prize_jurors j join prize_juror_organisations jo on jo.juror_id = j.id
      join prize_nomination_organisations no on no.organisation_id = jo.organisation_id join prize_nominations n on n.id = no.nomination_id and n.round_id = j.round_id
      join organisations o on o.id = jo.organisation_id
      where j.round_id = ${roundId}`;

/**
 * Brings the log of hard conflicts in line with the organisations as they are now: a new
 * overlap is written (with the organisations it is about), one that no longer holds is ended.
 * Runs in the transaction of the change that may have made or undone one.
 */
export async function syncHardConflicts(tx: Db, roundId: string, now: Date): Promise<void> {
  const overlaps = await rowsOf<{ juror_id: string; nomination_id: string; names: string }>(
    tx,
    sql`select j.id as juror_id, n.id as nomination_id, string_agg(o.name, ', ' order by o.name) as names ${sharedOrganisations(roundId)} group by j.id, n.id`,
  );
  const open = await rowsOf<{ id: string; juror_id: string; nomination_id: string }>(
    tx,
    sql`select c.id, c.juror_id, c.nomination_id from prize_conflicts c join prize_jurors j on j.id = c.juror_id where j.round_id = ${roundId} and c.kind = 'hard' and c.ended_at is null`,
  );
  const now_ = new Set(overlaps.map((o) => conflictKey(o.juror_id, o.nomination_id)));
  const was = new Set(open.map((o) => conflictKey(o.juror_id, o.nomination_id)));
  const ended = open.filter((o) => !now_.has(conflictKey(o.juror_id, o.nomination_id))).map((o) => o.id);
  if (ended.length) await tx.update(prizeConflicts).set({ endedAt: now }).where(inArray(prizeConflicts.id, ended));
  const fresh = overlaps.filter((o) => !was.has(conflictKey(o.juror_id, o.nomination_id)));
  if (fresh.length) await tx.insert(prizeConflicts).values(fresh.map((o) => ({ id: randomUUID(), jurorId: o.juror_id, nominationId: o.nomination_id, kind: "hard" as const, reason: o.names, createdAt: now })));
}

export async function declareConflict(db: Db, jurorId: string, nominationId: string, reason: string, now: Date): Promise<void> {
  await db.insert(prizeConflicts).values({ id: randomUUID(), jurorId, nominationId, kind: "declared", reason, createdAt: now }).onConflictDoNothing();
}

/**
 * The conflicts in force for a round, as keys of juror and nomination: every organisation
 * overlap (read from the organisations themselves, so it holds even before the log is
 * written) and every declared one.
 */
export async function conflictsInForce(db: Db, roundId: string): Promise<Set<string>> {
  const rows = await rowsOf<{ juror_id: string; nomination_id: string }>(
    db,
    sql`select j.id as juror_id, n.id as nomination_id ${sharedOrganisations(roundId)}
        union select c.juror_id, c.nomination_id from prize_conflicts c join prize_jurors j on j.id = c.juror_id where j.round_id = ${roundId} and c.ended_at is null`,
  );
  return new Set(rows.map((r) => conflictKey(r.juror_id, r.nomination_id)));
}

export async function conflictLog(db: Db, roundId: string) {
  return rowsOf<{ id: string; juror: string; nomination: string; kind: "hard" | "declared"; reason: string; created_at: string | Date; ended_at: string | Date | null }>(
    db,
    sql`select c.id, p.name as juror, n.title as nomination, c.kind, c.reason, c.created_at, c.ended_at from prize_conflicts c join prize_jurors j on j.id = c.juror_id join people p on p.id = j.person_id join prize_nominations n on n.id = c.nomination_id
        where j.round_id = ${roundId} order by c.created_at, p.name`,
  );
}

// ── Reviews ───────────────────────────────────────────────────────────────────

export async function saveReview(db: Db, jurorId: string, nominationId: string, scores: { criterionId: string; score: number }[], comment: string | null, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(prizeReviews)
      .values({ jurorId, nominationId, comment, updatedAt: now })
      .onConflictDoUpdate({ target: [prizeReviews.jurorId, prizeReviews.nominationId], set: { comment, updatedAt: now } });
    await tx.delete(prizeScores).where(and(eq(prizeScores.jurorId, jurorId), eq(prizeScores.nominationId, nominationId)));
    if (scores.length) await tx.insert(prizeScores).values(scores.map((s) => ({ jurorId, nominationId, ...s })));
  });
}

export interface ReviewRow extends Review {
  juror: string;
  comment: string | null;
}

export async function reviewsOf(db: Db, roundId: string): Promise<ReviewRow[]> {
  const [reviews, scores] = await Promise.all([
    rowsOf<{ juror_id: string; nomination_id: string; comment: string | null; juror: string }>(
      db,
      sql`select r.juror_id, r.nomination_id, r.comment, p.name as juror from prize_reviews r join prize_jurors j on j.id = r.juror_id join people p on p.id = j.person_id where j.round_id = ${roundId} order by p.name`,
    ),
    rowsOf<{ juror_id: string; nomination_id: string; criterion_id: string; score: number }>(db, sql`select s.juror_id, s.nomination_id, s.criterion_id, s.score from prize_scores s join prize_jurors j on j.id = s.juror_id where j.round_id = ${roundId}`),
  ]);
  const byKey = new Map(reviews.map((r) => [conflictKey(r.juror_id, r.nomination_id), { jurorId: r.juror_id, nominationId: r.nomination_id, juror: r.juror, comment: r.comment, scores: {} as Record<string, number> }]));
  for (const s of scores) {
    const review = byKey.get(conflictKey(s.juror_id, s.nomination_id));
    if (review) review.scores[s.criterion_id] = s.score;
  }
  return [...byKey.values()];
}

/** The goals and actions of the round's plan that a nomination may say it served. */
export async function planOptionsOf(db: Db, planId: string | null) {
  if (!planId) return { goals: [], actions: [] };
  const [goals, actions] = await Promise.all([
    rowsOf<{ id: string; title: string }>(db, sql`select g.id, g.title from plan_goals g join plan_focus_areas f on f.id = g.focus_area_id where g.plan_id = ${planId} order by f.position, g.position, g.title`),
    rowsOf<{ id: string; label: string }>(db, sql`select a.id, a.ref || ' ' || a.title || ' (' || ap.year || ')' as label from plan_actions a join action_plans ap on ap.id = a.action_plan_id where a.plan_id = ${planId} order by ap.year desc, a.ref limit 300`),
  ]);
  return { goals, actions };
}
export type PlanOptions = Awaited<ReturnType<typeof planOptionsOf>>;

/** The winners and shortlisted work of every announced round, newest first (the gallery: nothing of a round before its announcement). */
export async function galleryRows(db: Db) {
  return rowsOf<{ nomination_id: string; title: string; summary: string; links: string[]; won: boolean; year: number; prize_name: string; prize_slug: string; justification: string | null }>(
    db,
    sql`select n.id as nomination_id, n.title, n.summary, n.links, (n.id = r.winner_id) as won, r.year, p.name as prize_name, p.slug as prize_slug, case when n.id = r.winner_id then r.justification end as justification
        from prize_rounds r join prizes p on p.id = r.prize_id join prize_nominations n on n.round_id = r.id
        where r.phase = 'announced' and r.announced_at is not null and (n.id = r.winner_id or (n.shortlisted and n.ineligible_reason is null))
        order by r.year desc, p.name, (n.id = r.winner_id) desc, n.title`,
  );
}
