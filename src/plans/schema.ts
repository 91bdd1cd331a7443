/**
 * Plans: a space's business plan for a period (vision, focus areas, goals) and its action
 * plans per year (actions with owners, status, progress, milestones and reports). Each
 * goal, focus area and plan has the roll-up rule it is computed by (rollup.ts), or a
 * figure reported by hand. Part of the one schema (re-exported by src/db/schema.ts).
 */
import { sql } from "drizzle-orm";
import { bigserial, boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { events, liveIdeas, networks, organisations, people, programSessions, spaces } from "../db/schema.js";
import type { RollupRule } from "./rollup.js";

const ts = (name: string) => timestamp(name, { withTimezone: true });
const ruleCheck = (name: string, column: unknown) => check(name, sql`${column} in ('mean','weighted','done','manual')`);
const percentCheck = (name: string, column: unknown) => check(name, sql`${column} is null or ${column} between 0 and 100`);

export const plans = pgTable(
  "plans",
  {
    id: uuid("id").primaryKey(),
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    /** The public address: /planer/<slug>. */
    slug: text("slug").notNull().unique(),
    title: text("title").notNull(),
    vision: text("vision"),
    periodStart: integer("period_start").notNull(),
    periodEnd: integer("period_end").notNull(),
    rule: text("rule").$type<RollupRule>().notNull().default("mean"),
    manualProgress: integer("manual_progress"),
    /** The public follow-up page shows it. */
    published: boolean("published").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("plans_space_idx").on(t.spaceId),
    ruleCheck("plans_rule_check", t.rule),
    percentCheck("plans_manual_check", t.manualProgress),
    check("plans_period_check", sql`${t.periodStart} <= ${t.periodEnd}`),
  ],
);

export const planFocusAreas = pgTable(
  "plan_focus_areas",
  {
    id: uuid("id").primaryKey(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description"),
    position: integer("position").notNull().default(0),
    rule: text("rule").$type<RollupRule>().notNull().default("mean"),
    manualProgress: integer("manual_progress"),
    /** Its weight in the plan's figure when the plan's rule is the weighted mean. */
    weight: integer("weight").notNull().default(1),
  },
  (t) => [index("plan_focus_areas_plan_idx").on(t.planId, t.position), ruleCheck("plan_focus_areas_rule_check", t.rule), percentCheck("plan_focus_areas_manual_check", t.manualProgress), check("plan_focus_areas_weight_check", sql`${t.weight} >= 0`)],
);

export const planGoals = pgTable(
  "plan_goals",
  {
    id: uuid("id").primaryKey(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    focusAreaId: uuid("focus_area_id")
      .notNull()
      .references(() => planFocusAreas.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description"),
    position: integer("position").notNull().default(0),
    rule: text("rule").$type<RollupRule>().notNull().default("mean"),
    manualProgress: integer("manual_progress"),
    weight: integer("weight").notNull().default(1),
  },
  (t) => [index("plan_goals_focus_idx").on(t.focusAreaId, t.position), ruleCheck("plan_goals_rule_check", t.rule), percentCheck("plan_goals_manual_check", t.manualProgress), check("plan_goals_weight_check", sql`${t.weight} >= 0`)],
);

/**
 * The space's own catalogue of action statuses. Each suggests a progress (the reporter may
 * give another); "done" ones count as finished for the share-done rule and are not carried
 * over; those that do not "count" (e.g. avbruten) are left out of every roll-up.
 */
export const planStatuses = pgTable(
  "plan_statuses",
  {
    id: uuid("id").primaryKey(),
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    label: text("label").notNull(),
    labelEn: text("label_en").notNull(),
    suggestedProgress: integer("suggested_progress"),
    done: boolean("done").notNull().default(false),
    counts: boolean("counts").notNull().default(true),
    position: integer("position").notNull().default(0),
  },
  (t) => [uniqueIndex("plan_statuses_space_key").on(t.spaceId, t.key), percentCheck("plan_statuses_suggested_check", t.suggestedProgress)],
);

export const actionPlans = pgTable(
  "action_plans",
  {
    id: uuid("id").primaryKey(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("action_plans_plan_year_key").on(t.planId, t.year)],
);

export const planActions = pgTable(
  "plan_actions",
  {
    id: uuid("id").primaryKey(),
    actionPlanId: uuid("action_plan_id")
      .notNull()
      .references(() => actionPlans.id, { onDelete: "cascade" }),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    /** A short reference that stays when the action is carried over (e.g. "A7"). */
    ref: text("ref").notNull(),
    title: text("title").notNull(),
    description: text("description"),
    contactName: text("contact_name"),
    contactEmail: text("contact_email"),
    statusId: uuid("status_id")
      .notNull()
      .references(() => planStatuses.id),
    /** The latest report's figure (kept with the report, in its transaction); null before the first. */
    progress: integer("progress"),
    startsOn: date("starts_on"),
    endsOn: date("ends_on"),
    /** Last year's action this one continues, with its history. */
    carriedFromId: uuid("carried_from_id"),
    /** When its figure or status last changed (for "what changed since"). */
    changedAt: ts("changed_at").notNull().defaultNow(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("plan_actions_ref_key").on(t.actionPlanId, t.ref),
    index("plan_actions_plan_idx").on(t.planId),
    index("plan_actions_carried_idx").on(t.carriedFromId),
    percentCheck("plan_actions_progress_check", t.progress),
    check("plan_actions_dates_check", sql`${t.startsOn} is null or ${t.endsOn} is null or ${t.startsOn} <= ${t.endsOn}`),
  ],
);

export const planActionOwners = pgTable(
  "plan_action_owners",
  {
    actionId: uuid("action_id")
      .notNull()
      .references(() => planActions.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.actionId, t.organisationId] }), index("plan_action_owners_org_idx").on(t.organisationId)],
);

/** The goals an action serves, each with the action's weight in that goal's figure. */
export const planActionGoals = pgTable(
  "plan_action_goals",
  {
    actionId: uuid("action_id")
      .notNull()
      .references(() => planActions.id, { onDelete: "cascade" }),
    goalId: uuid("goal_id")
      .notNull()
      .references(() => planGoals.id, { onDelete: "cascade" }),
    weight: integer("weight").notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.actionId, t.goalId] }), index("plan_action_goals_goal_idx").on(t.goalId), check("plan_action_goals_weight_check", sql`${t.weight} >= 0`)],
);

export const planMilestones = pgTable(
  "plan_milestones",
  {
    id: uuid("id").primaryKey(),
    actionId: uuid("action_id")
      .notNull()
      .references(() => planActions.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    dueOn: date("due_on").notNull(),
    doneOn: date("done_on"),
  },
  (t) => [index("plan_milestones_action_idx").on(t.actionId, t.dueOn)],
);

/** Where an action came from or belongs: an event, a session, the network that owns it (ideas come in planIdeas). */
export const planActionLinks = pgTable(
  "plan_action_links",
  {
    actionId: uuid("action_id")
      .notNull()
      .references(() => planActions.id, { onDelete: "cascade" }),
    eventId: uuid("event_id").references(() => events.id, { onDelete: "cascade" }),
    sessionId: uuid("session_id").references(() => programSessions.id, { onDelete: "cascade" }),
    networkId: uuid("network_id").references(() => networks.id, { onDelete: "cascade" }),
  },
  (t) => [index("plan_action_links_action_idx").on(t.actionId), index("plan_action_links_network_idx").on(t.networkId), check("plan_action_links_one_check", sql`num_nonnulls(${t.eventId}, ${t.sessionId}, ${t.networkId}) = 1`)],
);

/** Every progress report, kept: who, when, the status and figure given, and why. */
export const planReports = pgTable(
  "plan_reports",
  {
    id: uuid("id").primaryKey(),
    actionId: uuid("action_id")
      .notNull()
      .references(() => planActions.id, { onDelete: "cascade" }),
    personId: uuid("person_id").references(() => people.id, { onDelete: "set null" }),
    /** The reporter's name as it was, so the history reads the same when the account is gone. */
    reporterName: text("reporter_name").notNull(),
    statusId: uuid("status_id")
      .notNull()
      .references(() => planStatuses.id),
    progress: integer("progress").notNull(),
    comment: text("comment").notNull(),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("plan_reports_action_idx").on(t.actionId, t.seq), check("plan_reports_progress_check", sql`${t.progress} between 0 and 100`)],
);

/**
 * People of an organisation given the right to report on the plan's actions that their
 * organisation owns. They have no organiser rights.
 */
export const planReporters = pgTable(
  "plan_reporters",
  {
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.personId, t.organisationId] }), index("plan_reporters_person_idx").on(t.personId)],
);

export const ideaReviewStatuses = ["new", "promoted", "attached", "declined"] as const;
export type IdeaReviewStatus = (typeof ideaReviewStatuses)[number];

/**
 * The plan's review list of ideas: taken in from its space's idea walls or sent in through
 * the public form. What the idea said is kept as it was said (title, body, where it came
 * from); deciding on it only sets its status, the action it became or joined, or the
 * reason it was declined.
 */
export const planIdeas = pgTable(
  "plan_ideas",
  {
    id: uuid("id").primaryKey(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    /** The idea on a live idea wall it was taken in from (null for the form, or when the event is gone). */
    liveIdeaId: uuid("live_idea_id").references(() => liveIdeas.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    body: text("body"),
    /** Where it came from, in words, e.g. "Idéväggen: Från idé till handling, Digitala Västerbotten 2026". */
    origin: text("origin").notNull(),
    votes: integer("votes").notNull().default(0),
    /** From the form only, and only when given: to tell them what became of it and, if they asked, how the action moves. */
    submitterName: text("submitter_name"),
    submitterEmail: text("submitter_email"),
    wantsUpdates: boolean("wants_updates").notNull().default(false),
    locale: text("locale").notNull().default("sv"),
    status: text("status").$type<IdeaReviewStatus>().notNull().default("new"),
    actionId: uuid("action_id").references(() => planActions.id, { onDelete: "set null" }),
    declineReason: text("decline_reason"),
    decidedAt: ts("decided_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("plan_ideas_plan_idx").on(t.planId, t.status),
    index("plan_ideas_action_idx").on(t.actionId),
    uniqueIndex("plan_ideas_live_key").on(t.planId, t.liveIdeaId),
    check("plan_ideas_status_check", sql`${t.status} in ('new','promoted','attached','declined')`),
  ],
);

/** People who follow an action by e-mail: told when it is reported on, until they stop (a link in every mail). */
export const planFollowers = pgTable(
  "plan_followers",
  {
    id: uuid("id").primaryKey(),
    actionId: uuid("action_id")
      .notNull()
      .references(() => planActions.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    locale: text("locale").notNull().default("sv"),
    /** Set when they confirmed by the link mailed to them (or when they asked for updates when sending their idea). */
    confirmedAt: ts("confirmed_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("plan_followers_action_email_key").on(t.actionId, t.email)],
);
