/**
 * The evaluation after an event: a survey built from questions (rating, choice, free text),
 * sent to those who came (from check-in) or to all confirmed, each with a personal link.
 * Answers are kept apart from people: an invitation knows only whether it was used, a
 * response knows only its survey and the day, so no answer can be traced to a person
 * through the application, its exports or its API. Part of the one schema.
 */
import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { events, registrations } from "../db/schema.js";

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const surveyAudiences = ["attended", "confirmed"] as const;
export type SurveyAudience = (typeof surveyAudiences)[number];
export const surveyQuestionKinds = ["rating", "choice", "text"] as const;
export type SurveyQuestionKind = (typeof surveyQuestionKinds)[number];

export const surveys = pgTable(
  "surveys",
  {
    id: uuid("id").primaryKey(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    intro: text("intro"),
    /** Free-text answers are shown only when at least this many have answered. */
    minGroup: integer("min_group").notNull().default(5),
    sentAt: ts("sent_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("surveys_event_key").on(t.eventId), check("surveys_min_group_check", sql`${t.minGroup} between 1 and 100`)],
);

export const surveyQuestions = pgTable(
  "survey_questions",
  {
    id: uuid("id").primaryKey(),
    surveyId: uuid("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: text("kind").$type<SurveyQuestionKind>().notNull(),
    text: text("text").notNull(),
    /** For choice: the choices, in order. */
    options: text("options").array().notNull().default(sql`'{}'::text[]`),
    required: boolean("required").notNull().default(false),
  },
  (t) => [index("survey_questions_survey_idx").on(t.surveyId, t.position), check("survey_questions_kind_check", sql`${t.kind} in ('rating','choice','text')`)],
);

/** One per person asked: used once; it says nothing of what was answered. */
export const surveyInvitations = pgTable(
  "survey_invitations",
  {
    id: uuid("id").primaryKey(),
    surveyId: uuid("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    registrationId: uuid("registration_id").references(() => registrations.id, { onDelete: "set null" }),
    used: boolean("used").notNull().default(false),
  },
  (t) => [uniqueIndex("survey_invitations_registration_key").on(t.surveyId, t.registrationId)],
);

/** One per answered survey: no person, no invitation, only the day. */
export const surveyResponses = pgTable(
  "survey_responses",
  {
    id: uuid("id").primaryKey(),
    surveyId: uuid("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    answeredOn: date("answered_on").notNull(),
  },
  (t) => [index("survey_responses_survey_idx").on(t.surveyId)],
);

export const surveyAnswers = pgTable(
  "survey_answers",
  {
    responseId: uuid("response_id")
      .notNull()
      .references(() => surveyResponses.id, { onDelete: "cascade" }),
    questionId: uuid("question_id")
      .notNull()
      .references(() => surveyQuestions.id, { onDelete: "cascade" }),
    rating: integer("rating"),
    choice: text("choice"),
    text: text("text"),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.questionId] }), index("survey_answers_question_idx").on(t.questionId), check("survey_answers_rating_check", sql`${t.rating} is null or ${t.rating} between 1 and 5`)],
);
