/**
 * The evaluation survey: built by the organiser, sent with a personal link to each person
 * who came (checked in) or each confirmed, answered once without logging in. The answer is
 * written apart from the invitation (which only becomes "used"), so results, exports and
 * the API cannot tell who answered what; free text is shown only from `minGroup` answers.
 */
import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { conflict, notFound } from "../http/errors.js";
import { translator } from "../i18n/messages.js";
import type { Locale } from "../i18n/messages.js";
import { enqueueMail } from "../mail/outbox.js";
import { rowsOf } from "../db/rows.js";
import { signLink } from "../shared/signed-links.js";
import { surveyAnswers, surveyInvitations, surveyQuestions, surveyResponses, surveys, type SurveyAudience, type SurveyQuestionKind } from "./schema.js";

export type Survey = typeof surveys.$inferSelect;
export type Question = typeof surveyQuestions.$inferSelect;

export const RATING_MAX = 5;

export async function surveyOfEvent(db: Db, eventId: string): Promise<Survey | null> {
  return (await db.select().from(surveys).where(eq(surveys.eventId, eventId)))[0] ?? null;
}

export async function saveSurvey(db: Db, eventId: string, input: { title: string; intro: string | null; minGroup: number }): Promise<void> {
  await db
    .insert(surveys)
    .values({ id: randomUUID(), eventId, ...input })
    .onConflictDoUpdate({ target: surveys.eventId, set: input });
}

export const questionsOf = (db: Db, surveyId: string): Promise<Question[]> => db.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, surveyId)).orderBy(asc(surveyQuestions.position));

export async function addQuestion(db: Db, surveyId: string, q: { kind: SurveyQuestionKind; text: string; options: string[]; required: boolean }): Promise<void> {
  await db.insert(surveyQuestions).values({ id: randomUUID(), surveyId, position: sql`(select coalesce(max(position), 0) + 1 from survey_questions where survey_id = ${surveyId})`, ...q });
}

/** A question goes only while nobody has answered the survey (answers would lose their question). */
export async function removeQuestion(db: Db, surveyId: string, questionId: string): Promise<void> {
  const [row] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from survey_responses where survey_id = ${surveyId}`);
  if (Number(row?.n ?? 0) > 0) throw conflict("survey.error.answered");
  const rows = await db.delete(surveyQuestions).where(and(eq(surveyQuestions.id, questionId), eq(surveyQuestions.surveyId, surveyId))).returning({ id: surveyQuestions.id });
  if (rows.length === 0) throw notFound();
}

export interface MailContext {
  publicUrl: string;
  linkKey: Buffer;
}

/**
 * Invites everyone of the audience who has not been invited yet, each with a personal link,
 * in one transaction with the mails; sending again reaches only those added since.
 */
export async function sendSurvey(db: Db, survey: Survey, eventTitle: string, audience: SurveyAudience, m: MailContext, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const people = await rowsOf<{ registration_id: string; email: string; locale: string | null }>(
      t,
      sql`select r.id as registration_id, p.email, p.locale from registrations r join people p on p.id = r.person_id
          where r.event_id = ${survey.eventId} and r.status = 'confirmed' and p.email is not null
            ${audience === "attended" ? sql`and exists (select 1 from checkins c where c.registration_id = r.id)` : sql``}
            and not exists (select 1 from survey_invitations i where i.survey_id = ${survey.id} and i.registration_id = r.id)`,
    );
    for (const p of people) {
      const id = randomUUID();
      await t.insert(surveyInvitations).values({ id, surveyId: survey.id, registrationId: p.registration_id });
      const locale = (p.locale === "en" ? "en" : "sv") as Locale;
      const tr = translator(locale);
      await enqueueMail(t, { to: p.email, locale, subject: tr("survey.mail.subject", { event: eventTitle }), text: tr("survey.mail.text", { event: eventTitle, title: survey.title, url: `${m.publicUrl}/utvardering/${signLink(m.linkKey, "survey", id)}` }) }, now);
    }
    await t.update(surveys).set({ sentAt: now }).where(eq(surveys.id, survey.id));
    return people.length;
  });
}

export async function invitationCounts(db: Db, surveyId: string): Promise<{ invited: number; answered: number }> {
  const [row] = await rowsOf<{ invited: number; answered: number }>(db, sql`select count(*)::int as invited, (select count(*)::int from survey_responses where survey_id = ${surveyId}) as answered from survey_invitations where survey_id = ${surveyId}`);
  return { invited: Number(row?.invited ?? 0), answered: Number(row?.answered ?? 0) };
}

export async function findInvitation(db: Db, id: string): Promise<{ id: string; used: boolean; survey: Survey } | null> {
  const rows = await db.select().from(surveyInvitations).innerJoin(surveys, eq(surveys.id, surveyInvitations.surveyId)).where(eq(surveyInvitations.id, id));
  const row = rows[0];
  return row ? { id: row.survey_invitations.id, used: row.survey_invitations.used, survey: row.surveys } : null;
}

export type Answer = { questionId: string; rating: number | null; choice: string | null; text: string | null };

/**
 * The invitation is used and the answers written, or neither (answered already: 409). The
 * response row holds no link to the invitation, and only the day it was given.
 */
export async function submitResponse(db: Db, invitationId: string, surveyId: string, answers: Answer[], today: string): Promise<void> {
  await db.transaction(async (tx) => {
    const used = await tx.update(surveyInvitations).set({ used: true }).where(and(eq(surveyInvitations.id, invitationId), eq(surveyInvitations.used, false))).returning({ id: surveyInvitations.id });
    if (used.length === 0) throw conflict("survey.error.used");
    const responseId = randomUUID();
    await tx.insert(surveyResponses).values({ id: responseId, surveyId, answeredOn: today });
    const given = answers.filter((a) => a.rating !== null || a.choice !== null || a.text !== null);
    if (given.length) await tx.insert(surveyAnswers).values(given.map((a) => ({ responseId, ...a })));
  });
}

export interface QuestionResult {
  question: Question;
  answered: number;
  /** Rating: counts of 1..5 and the mean; choice: counts per option in order. */
  counts: { label: string; count: number }[];
  mean: number | null;
  /** Free text, shown only when the survey has at least minGroup responses (else null). */
  texts: string[] | null;
}

export interface SurveyResults {
  survey: Survey;
  responses: number;
  questions: QuestionResult[];
}

export async function surveyResults(db: Db, survey: Survey): Promise<SurveyResults> {
  const [questions, counts, texts, [total]] = await Promise.all([
    questionsOf(db, survey.id),
    rowsOf<{ question_id: string; rating: number | null; choice: string | null; count: number }>(
      db,
      sql`select a.question_id, a.rating, a.choice, count(*)::int as count from survey_answers a join survey_questions q on q.id = a.question_id
          where q.survey_id = ${survey.id} and a.text is null group by 1, 2, 3`,
    ),
    // Free text in a fixed order that says nothing of who wrote what or when.
    rowsOf<{ question_id: string; text: string }>(db, sql`select a.question_id, a.text from survey_answers a join survey_questions q on q.id = a.question_id where q.survey_id = ${survey.id} and a.text is not null order by a.text`),
    rowsOf<{ n: number }>(db, sql`select count(*)::int as n from survey_responses where survey_id = ${survey.id}`),
  ]);
  const responses = Number(total?.n ?? 0);
  return {
    survey,
    responses,
    questions: questions.map((q) => {
      const mine = counts.filter((c) => c.question_id === q.id);
      if (q.kind === "text") {
        const all = texts.filter((t) => t.question_id === q.id).map((t) => t.text);
        return { question: q, answered: all.length, counts: [], mean: null, texts: responses >= survey.minGroup ? all : null };
      }
      const buckets = q.kind === "rating" ? Array.from({ length: RATING_MAX }, (_, i) => String(i + 1)) : q.options;
      const countOf = (label: string) => Number(mine.find((c) => (q.kind === "rating" ? String(c.rating) : c.choice) === label)?.count ?? 0);
      const rows = buckets.map((label) => ({ label, count: countOf(label) }));
      const answered = rows.reduce((a, r) => a + r.count, 0);
      const mean = q.kind === "rating" && answered > 0 ? rows.reduce((a, r) => a + Number(r.label) * r.count, 0) / answered : null;
      return { question: q, answered, counts: rows, mean, texts: null };
    }),
  };
}

/** Last year's edition's survey: the latest earlier event of the same series that had one. */
export async function previousEditionSurvey(db: Db, event: { id: string; seriesId: string | null; startsAt: Date }): Promise<{ survey: Survey; eventTitle: string } | null> {
  if (!event.seriesId) return null;
  const rows = await rowsOf<{ id: string; title: string }>(
    db,
    sql`select s.id, e.title_sv as title from surveys s join events e on e.id = s.event_id
        where e.series_id = ${event.seriesId} and e.starts_at < ${event.startsAt.toISOString()}::timestamptz and e.id <> ${event.id}
        order by e.starts_at desc limit 1`,
  );
  if (!rows[0]) return null;
  const [survey] = await db.select().from(surveys).where(eq(surveys.id, rows[0].id));
  return survey ? { survey, eventTitle: rows[0].title } : null;
}
