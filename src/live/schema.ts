/**
 * Live: rooms (an event's or a session's), questions from the audience and polls, and the
 * updates of every live view as rows, in order.
 * Ids on a channel are in commit order (publishLive in hub.ts). The table is the truth; a notification only says "there is more on this channel", so a
 * client that reconnects replays what it missed from here (Last-Event-ID), on any instance.
 * Part of the one schema (re-exported by src/db/schema.ts).
 */
import { sql } from "drizzle-orm";
import { bigserial, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { events, programSessions } from "../db/schema.js";

export const liveEvents = pgTable(
  "live_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** What the update is about, e.g. "session:<uuid>". */
    channel: text("channel").notNull(),
    kind: text("kind").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("live_events_channel_idx").on(t.channel, t.id)],
);

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const moderationModes = ["post", "pre"] as const;
export type ModerationMode = (typeof moderationModes)[number];

/**
 * A live room: the event's own (session null) or one session's. People join it with its
 * short code (shown with a QR on the big screen). Nobody's identity is kept here or in
 * what the room's participants write: they are known by a key (an HMAC of a random
 * token in their browser's cookie and the event), never by a person id.
 */
export const liveRooms = pgTable(
  "live_rooms",
  {
    id: uuid("id").primaryKey(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    sessionId: uuid("session_id").references(() => programSessions.id, { onDelete: "cascade" }),
    /** Six letters and digits without look-alikes (no 0/O, 1/I/L), unique across the instance. */
    code: text("code").notNull().unique(),
    /** post: questions are shown at once and can be hidden; pre: they wait for approval. */
    moderation: text("moderation").$type<ModerationMode>().notNull().default("post"),
    /** Only registered participants (who come through their manage link) may take part. */
    requireRegistration: boolean("require_registration").notNull().default(false),
    questionsOpen: boolean("questions_open").notNull().default(true),
    /** The big screen stops showing new questions (the moderator's "pause the stream"). */
    screenPaused: boolean("screen_paused").notNull().default(false),
    hideCount: boolean("hide_count").notNull().default(false),
    highlightedQuestionId: uuid("highlighted_question_id"),
    /** The poll the big screen shows (its results once revealed). */
    screenPollId: uuid("screen_poll_id"),
    /** The idea wall takes ideas (workshops); its ideas stay readable when it is closed. */
    ideasOpen: boolean("ideas_open").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("live_rooms_event_session_idx").on(t.eventId, sql`coalesce(${t.sessionId}, '00000000-0000-0000-0000-000000000000'::uuid)`),
    check("live_rooms_moderation_check", sql`${t.moderation} in ('post','pre')`),
  ],
);

export const questionStatuses = ["pending", "published", "answered", "dismissed", "archived"] as const;
export type QuestionStatus = (typeof questionStatuses)[number];

export const liveQuestions = pgTable(
  "live_questions",
  {
    id: uuid("id").primaryKey(),
    roomId: uuid("room_id")
      .notNull()
      .references(() => liveRooms.id, { onDelete: "cascade" }),
    /** The asker's key in this event (see liveRooms); no person id, named or not. */
    authorKey: text("author_key").notNull(),
    /** Shown only when the asker chose to give a name. */
    displayName: text("display_name"),
    text: text("text").notNull(),
    status: text("status").$type<QuestionStatus>().notNull(),
    votes: integer("votes").notNull().default(0),
    /** Arrival order, also when two come in the same millisecond. */
    seq: bigserial("seq", { mode: "number" }).notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    publishedAt: ts("published_at"),
    answeredAt: ts("answered_at"),
  },
  (t) => [
    index("live_questions_room_idx").on(t.roomId, t.status),
    check("live_questions_status_check", sql`${t.status} in ('pending','published','answered','dismissed','archived')`),
    check("live_questions_votes_check", sql`${t.votes} >= 0`),
  ],
);

/** One vote per participant and question: the key, never a person. */
export const liveQuestionVotes = pgTable(
  "live_question_votes",
  {
    questionId: uuid("question_id")
      .notNull()
      .references(() => liveQuestions.id, { onDelete: "cascade" }),
    voterKey: text("voter_key").notNull(),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.voterKey] })],
);

export const pollKinds = ["single", "multiple", "rating", "words", "ranking"] as const;
export type PollKind = (typeof pollKinds)[number];
export const pollStatuses = ["draft", "open", "closed"] as const;
export type PollStatus = (typeof pollStatuses)[number];

export const livePolls = pgTable(
  "live_polls",
  {
    id: uuid("id").primaryKey(),
    roomId: uuid("room_id")
      .notNull()
      .references(() => liveRooms.id, { onDelete: "cascade" }),
    kind: text("kind").$type<PollKind>().notNull(),
    question: text("question").notNull(),
    /** The choices (single, multiple, ranking); empty for rating and words. */
    options: jsonb("options").$type<string[]>().notNull().default([]),
    /** Rating: 1 to this. */
    scaleMax: integer("scale_max"),
    status: text("status").$type<PollStatus>().notNull().default("draft"),
    /** Results are shown to participants and on the screen only once revealed. */
    revealed: boolean("revealed").notNull().default(false),
    /** A participant may change their answer while the poll is open. */
    allowChange: boolean("allow_change").notNull().default(true),
    position: integer("position").notNull().default(0),
    openedAt: ts("opened_at"),
    closedAt: ts("closed_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("live_polls_room_idx").on(t.roomId, t.position),
    check("live_polls_kind_check", sql`${t.kind} in ('single','multiple','rating','words','ranking')`),
    check("live_polls_status_check", sql`${t.status} in ('draft','open','closed')`),
    check("live_polls_scale_check", sql`${t.scaleMax} is null or ${t.scaleMax} between 2 and 10`),
  ],
);

/** What one participant answered: choices (indexes), a rating, words, or a ranking (indexes, best first). */
export type PollAnswer = { choices: number[] } | { rating: number } | { words: string[] } | { ranking: number[] };

export const livePollAnswers = pgTable(
  "live_poll_answers",
  {
    pollId: uuid("poll_id")
      .notNull()
      .references(() => livePolls.id, { onDelete: "cascade" }),
    voterKey: text("voter_key").notNull(),
    answer: jsonb("answer").$type<PollAnswer>().notNull(),
    answeredAt: ts("answered_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.pollId, t.voterKey] })],
);

export const ideaStatuses = ["published", "hidden"] as const;
export type IdeaStatus = (typeof ideaStatuses)[number];

/**
 * The idea wall (workshops): ideas with votes and short comments, grouped by the moderator
 * (a grouped idea points at the one it was put under) and marked as the top ones. Kept
 * with the room's session and event: the input of the action plan (issue 14).
 */
export const liveIdeas = pgTable(
  "live_ideas",
  {
    id: uuid("id").primaryKey(),
    roomId: uuid("room_id")
      .notNull()
      .references(() => liveRooms.id, { onDelete: "cascade" }),
    authorKey: text("author_key").notNull(),
    displayName: text("display_name"),
    title: text("title").notNull(),
    body: text("body"),
    tags: jsonb("tags").$type<string[]>().notNull().default([]),
    status: text("status").$type<IdeaStatus>().notNull().default("published"),
    /** Put under another idea of the room as being the same or close to it. */
    groupedUnder: uuid("grouped_under"),
    top: boolean("top").notNull().default(false),
    votes: integer("votes").notNull().default(0),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("live_ideas_room_idx").on(t.roomId, t.status),
    check("live_ideas_status_check", sql`${t.status} in ('published','hidden')`),
    check("live_ideas_votes_check", sql`${t.votes} >= 0`),
    check("live_ideas_group_check", sql`${t.groupedUnder} is null or ${t.groupedUnder} <> ${t.id}`),
  ],
);

export const liveIdeaVotes = pgTable(
  "live_idea_votes",
  {
    ideaId: uuid("idea_id")
      .notNull()
      .references(() => liveIdeas.id, { onDelete: "cascade" }),
    voterKey: text("voter_key").notNull(),
  },
  (t) => [primaryKey({ columns: [t.ideaId, t.voterKey] })],
);

export const liveIdeaComments = pgTable(
  "live_idea_comments",
  {
    id: uuid("id").primaryKey(),
    ideaId: uuid("idea_id")
      .notNull()
      .references(() => liveIdeas.id, { onDelete: "cascade" }),
    authorKey: text("author_key").notNull(),
    displayName: text("display_name"),
    text: text("text").notNull(),
    status: text("status").$type<IdeaStatus>().notNull().default("published"),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("live_idea_comments_idea_idx").on(t.ideaId, t.seq)],
);
