/**
 * The yearly prize of a space (e.g. Guldmolnet): a round per year with its call for
 * nominations, eligibility screener, jury, weighted criteria and phases; the decision is
 * kept sealed in the round until the announcement. Part of the one schema.
 */
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations, people, planActions, planGoals, plans, spaces, storedFiles } from "../db/schema.js";

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const prizePhases = ["nomination", "screening", "judging", "deliberation", "decided", "announced"] as const;
export type PrizePhase = (typeof prizePhases)[number];
export const rankingMethods = ["mean", "median"] as const;
export type RankingMethod = (typeof rankingMethods)[number];
export const SCORE_MAX = 5;

export const prizes = pgTable(
  "prizes",
  {
    id: uuid("id").primaryKey(),
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    /** The public address: /pris/<slug>. */
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    description: text("description"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("prizes_space_idx").on(t.spaceId)],
);

/** People who run a prize without being organisers of its space. */
export const prizeAdmins = pgTable(
  "prize_admins",
  {
    prizeId: uuid("prize_id")
      .notNull()
      .references(() => prizes.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.prizeId, t.personId] })],
);

export const prizeRounds = pgTable(
  "prize_rounds",
  {
    id: uuid("id").primaryKey(),
    prizeId: uuid("prize_id")
      .notNull()
      .references(() => prizes.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    phase: text("phase").$type<PrizePhase>().notNull().default("nomination"),
    intro: text("intro"),
    /** Nominations are taken, and may be edited, until then. */
    closesAt: ts("closes_at").notNull(),
    /** The ceremony: the decision is announced then (or when an admin announces it sooner). */
    announceAt: ts("announce_at").notNull(),
    /** The plan whose goals a nomination may say it puts into practice. */
    planId: uuid("plan_id").references(() => plans.id, { onDelete: "set null" }),
    ranking: text("ranking").$type<RankingMethod>().notNull().default("mean"),
    /** Sealed until announcedAt: read only through the prize's admin pages. */
    winnerId: uuid("winner_id"),
    justification: text("justification"),
    decidedAt: ts("decided_at"),
    announcedAt: ts("announced_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("prize_rounds_year_key").on(t.prizeId, t.year),
    check("prize_rounds_phase_check", sql`${t.phase} in ('nomination','screening','judging','deliberation','decided','announced')`),
    check("prize_rounds_ranking_check", sql`${t.ranking} in ('mean','median')`),
    check("prize_rounds_decided_check", sql`${t.phase} not in ('decided','announced') or ${t.winnerId} is not null`),
  ],
);

export const prizeCriteria = pgTable(
  "prize_criteria",
  {
    id: uuid("id").primaryKey(),
    roundId: uuid("round_id")
      .notNull()
      .references(() => prizeRounds.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description"),
    weight: integer("weight").notNull().default(1),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("prize_criteria_round_idx").on(t.roundId, t.position), check("prize_criteria_weight_check", sql`${t.weight} between 0 and 100`)],
);

/** The space's eligibility criteria for the year, as yes/no questions: a "no" makes a nomination ineligible. */
export const prizeScreenQuestions = pgTable(
  "prize_screen_questions",
  {
    id: uuid("id").primaryKey(),
    roundId: uuid("round_id")
      .notNull()
      .references(() => prizeRounds.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("prize_screen_questions_round_idx").on(t.roundId, t.position)],
);

export const prizeNominations = pgTable(
  "prize_nominations",
  {
    id: uuid("id").primaryKey(),
    roundId: uuid("round_id")
      .notNull()
      .references(() => prizeRounds.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    links: text("links").array().notNull().default(sql`'{}'::text[]`),
    ownWork: boolean("own_work").notNull().default(false),
    nominatorName: text("nominator_name").notNull(),
    nominatorEmail: text("nominator_email").notNull(),
    locale: text("locale").notNull().default("sv"),
    /** Set aside by the screener, with the reason; kept, and can be restored. */
    ineligibleReason: text("ineligible_reason"),
    shortlisted: boolean("shortlisted").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("prize_nominations_round_idx").on(t.roundId)],
);

export const prizeNominationOrganisations = pgTable(
  "prize_nomination_organisations",
  {
    nominationId: uuid("nomination_id")
      .notNull()
      .references(() => prizeNominations.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.nominationId, t.organisationId] }), index("prize_nomination_organisations_org_idx").on(t.organisationId)],
);

export const prizeNominationGoals = pgTable(
  "prize_nomination_goals",
  {
    nominationId: uuid("nomination_id")
      .notNull()
      .references(() => prizeNominations.id, { onDelete: "cascade" }),
    goalId: uuid("goal_id")
      .notNull()
      .references(() => planGoals.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.nominationId, t.goalId] })],
);

/** The plan's actions the work served (shown with it in the gallery). */
export const prizeNominationActions = pgTable(
  "prize_nomination_actions",
  {
    nominationId: uuid("nomination_id")
      .notNull()
      .references(() => prizeNominations.id, { onDelete: "cascade" }),
    actionId: uuid("action_id")
      .notNull()
      .references(() => planActions.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.nominationId, t.actionId] })],
);

export const prizeNominationFiles = pgTable(
  "prize_nomination_files",
  {
    nominationId: uuid("nomination_id")
      .notNull()
      .references(() => prizeNominations.id, { onDelete: "cascade" }),
    fileId: uuid("file_id")
      .notNull()
      .references(() => storedFiles.id),
  },
  (t) => [primaryKey({ columns: [t.nominationId, t.fileId] })],
);

export const prizeScreenAnswers = pgTable(
  "prize_screen_answers",
  {
    nominationId: uuid("nomination_id")
      .notNull()
      .references(() => prizeNominations.id, { onDelete: "cascade" }),
    questionId: uuid("question_id")
      .notNull()
      .references(() => prizeScreenQuestions.id, { onDelete: "cascade" }),
    answer: boolean("answer").notNull(),
  },
  (t) => [primaryKey({ columns: [t.nominationId, t.questionId] })],
);

export const prizeJurors = pgTable(
  "prize_jurors",
  {
    id: uuid("id").primaryKey(),
    roundId: uuid("round_id")
      .notNull()
      .references(() => prizeRounds.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    /** Set when the juror has stated their organisations (they see no nomination before). */
    statedAt: ts("stated_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("prize_jurors_person_key").on(t.roundId, t.personId)],
);

export const prizeJurorOrganisations = pgTable(
  "prize_juror_organisations",
  {
    jurorId: uuid("juror_id")
      .notNull()
      .references(() => prizeJurors.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.jurorId, t.organisationId] })],
);

/**
 * Every conflict of interest, as it arose: "hard" ones written when a juror's organisation
 * is among a nomination's (when either side states or changes them), "declared" ones by the
 * juror with a reason. Rows are never deleted while the round lasts; a hard conflict that no
 * longer holds gets endedAt.
 */
export const prizeConflicts = pgTable(
  "prize_conflicts",
  {
    id: uuid("id").primaryKey(),
    jurorId: uuid("juror_id")
      .notNull()
      .references(() => prizeJurors.id, { onDelete: "cascade" }),
    nominationId: uuid("nomination_id")
      .notNull()
      .references(() => prizeNominations.id, { onDelete: "cascade" }),
    kind: text("kind").$type<"hard" | "declared">().notNull(),
    reason: text("reason").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    endedAt: ts("ended_at"),
  },
  (t) => [
    index("prize_conflicts_juror_idx").on(t.jurorId, t.nominationId),
    uniqueIndex("prize_conflicts_open_key").on(t.jurorId, t.nominationId, t.kind).where(sql`ended_at is null`),
    check("prize_conflicts_kind_check", sql`${t.kind} in ('hard','declared')`),
  ],
);

/** A juror's review of one nomination: a score per criterion and a comment. */
export const prizeReviews = pgTable(
  "prize_reviews",
  {
    jurorId: uuid("juror_id")
      .notNull()
      .references(() => prizeJurors.id, { onDelete: "cascade" }),
    nominationId: uuid("nomination_id")
      .notNull()
      .references(() => prizeNominations.id, { onDelete: "cascade" }),
    comment: text("comment"),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.jurorId, t.nominationId] })],
);

export const prizeScores = pgTable(
  "prize_scores",
  {
    jurorId: uuid("juror_id")
      .notNull()
      .references(() => prizeJurors.id, { onDelete: "cascade" }),
    nominationId: uuid("nomination_id")
      .notNull()
      .references(() => prizeNominations.id, { onDelete: "cascade" }),
    criterionId: uuid("criterion_id")
      .notNull()
      .references(() => prizeCriteria.id, { onDelete: "cascade" }),
    score: integer("score").notNull(),
  },
  (t) => [primaryKey({ columns: [t.jurorId, t.nominationId, t.criterionId] }), check("prize_scores_score_check", sql`${t.score} between 0 and 5`)],
);
