/**
 * Live rooms, questions and polls: what the pages and the API call. Every change that a
 * live view shows publishes an update on the room's channel in the same transaction
 * (hub.ts), so every instance's streams learn of it only if it is kept.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { preparedPerDb, type Db } from "../db/client.js";
import { events, programSessions } from "../db/schema.js";
import { AppError, conflict, notFound } from "../http/errors.js";
import { publishLive, publishSoon } from "./hub.js";
import { livePollAnswers, livePolls, liveQuestionVotes, liveQuestions, liveRooms, type ModerationMode, type PollAnswer, type PollKind, type QuestionStatus } from "./schema.js";
import { noPersonnummer } from "../shared/fields.js";
import { tally, wordsOf, type Tally } from "./tally.js";

export type LiveRoom = typeof liveRooms.$inferSelect;
export type LiveQuestion = typeof liveQuestions.$inferSelect;
export type LivePoll = typeof livePolls.$inferSelect;

/** Letters and digits that cannot be mistaken for one another when read off a screen. */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const CODE_LENGTH = 6;

export function newRoomCode(): string {
  const bytes = randomBytes(CODE_LENGTH * 2);
  let code = "";
  for (let i = 0; code.length < CODE_LENGTH; i++) {
    const b = bytes[i % bytes.length]!;
    if (b < 248) code += CODE_ALPHABET[b % CODE_ALPHABET.length]; // 248 = 8 × 31: no bias
    if (i > 64) return newRoomCode();
  }
  return code;
}

/** What people type: spaces, dashes and case do not matter. */
export const normaliseCode = (input: string) => input.toUpperCase().replace(/[\s-]/g, "").slice(0, 12);

export const channelOf = (roomId: string) => `room:${roomId}`;

/** The event's room and one per session that people sit in (not breaks, mingles or the exhibition), made when missing. */
export async function ensureRooms(db: Db, eventId: string): Promise<void> {
  const sessions = await db
    .select({ id: programSessions.id })
    .from(programSessions)
    .where(and(eq(programSessions.eventId, eventId), inArray(programSessions.type, ["keynote", "panel", "seminar", "workshop"])));
  const have = await db.select({ sessionId: liveRooms.sessionId }).from(liveRooms).where(eq(liveRooms.eventId, eventId));
  const missing = [null, ...sessions.map((s) => s.id)].filter((sid) => !have.some((h) => h.sessionId === sid));
  for (const sessionId of missing) {
    // A code taken already (1 in 887 million per room) is drawn again.
    for (let attempt = 0; attempt < 5; attempt++) {
      const rows = await db.insert(liveRooms).values({ id: randomUUID(), eventId, sessionId, code: newRoomCode() }).onConflictDoNothing().returning({ id: liveRooms.id });
      if (rows.length > 0) break;
      const [again] = await db.select({ id: liveRooms.id }).from(liveRooms).where(and(eq(liveRooms.eventId, eventId), sessionId ? eq(liveRooms.sessionId, sessionId) : isNull(liveRooms.sessionId)));
      if (again) break; // another request made it meanwhile
    }
  }
}

export interface RoomWithContext {
  room: LiveRoom;
  event: { id: string; spaceId: string; titleSv: string; titleEn: string | null; status: string; slug: string };
  session: { id: string; titleSv: string; titleEn: string | null; startsAt: Date; endsAt: Date } | null;
}

const roomSelect = {
  room: liveRooms,
  event: { id: events.id, spaceId: events.spaceId, titleSv: events.titleSv, titleEn: events.titleEn, status: events.status, slug: events.slug },
  session: { id: programSessions.id, titleSv: programSessions.titleSv, titleEn: programSessions.titleEn, startsAt: programSessions.startsAt, endsAt: programSessions.endsAt },
};

// Every participant's action starts here: built once (preparedPerDb), at a keynote's rate.
const roomByCode = preparedPerDb((db) =>
  db.select(roomSelect).from(liveRooms).innerJoin(events, eq(events.id, liveRooms.eventId)).leftJoin(programSessions, eq(programSessions.id, liveRooms.sessionId)).where(eq(liveRooms.code, sql.placeholder("code"))).limit(1).prepare("live_room_by_code"),
);

export async function findRoomByCode(db: Db, code: string): Promise<RoomWithContext | null> {
  const [row] = await roomByCode(db).execute({ code: normaliseCode(code) });
  return row ?? null;
}

export async function listRooms(db: Db, eventId: string): Promise<RoomWithContext[]> {
  return db
    .select(roomSelect)
    .from(liveRooms)
    .innerJoin(events, eq(events.id, liveRooms.eventId))
    .leftJoin(programSessions, eq(programSessions.id, liveRooms.sessionId))
    .where(eq(liveRooms.eventId, eventId))
    .orderBy(sql`${programSessions.startsAt} asc nulls first`, asc(liveRooms.code));
}

export interface RoomSettings {
  moderation: ModerationMode;
  requireRegistration: boolean;
  questionsOpen: boolean;
  screenPaused: boolean;
  hideCount: boolean;
  ideasOpen: boolean;
}

export async function saveRoomSettings(db: Db, roomId: string, settings: RoomSettings, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(liveRooms).set({ ...settings, updatedAt: now }).where(eq(liveRooms.id, roomId));
    await publishLive(tx, channelOf(roomId), "room");
  });
}

// --- Questions -------------------------------------------------------------------------

export async function askQuestion(db: Db, room: LiveRoom, authorKey: string, input: { text: string; name: string | null }, now: Date): Promise<LiveQuestion> {
  if (!room.questionsOpen) throw conflict("live.error.questionsClosed");
  const status: QuestionStatus = room.moderation === "pre" ? "pending" : "published";
  return db.transaction(async (tx) => {
    const [q] = await tx
      .insert(liveQuestions)
      .values({ id: randomUUID(), roomId: room.id, authorKey, displayName: input.name, text: input.text, status, createdAt: now, publishedAt: status === "published" ? now : null })
      .returning();
    await publishLive(tx, channelOf(room.id), "questions");
    return q!;
  });
}

/** Upvotes a published question, or takes the vote back when given already. True when the participant's vote now counts. */
export async function toggleVote(db: Db, roomId: string, questionId: string, voterKey: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [q] = await tx.select({ id: liveQuestions.id }).from(liveQuestions).where(and(eq(liveQuestions.id, questionId), eq(liveQuestions.roomId, roomId), eq(liveQuestions.status, "published"))).for("update");
    if (!q) throw notFound();
    const added = await tx.insert(liveQuestionVotes).values({ questionId, voterKey }).onConflictDoNothing().returning({ questionId: liveQuestionVotes.questionId });
    let voted = added.length > 0;
    if (!voted) await tx.delete(liveQuestionVotes).where(and(eq(liveQuestionVotes.questionId, questionId), eq(liveQuestionVotes.voterKey, voterKey)));
    await tx
      .update(liveQuestions)
      .set({ votes: sql`${liveQuestions.votes} + ${voted ? 1 : -1}` })
      .where(eq(liveQuestions.id, questionId));
    return voted;
  }).then((voted) => {
    publishSoon(db, channelOf(roomId), "questions");
    return voted;
  });
}

export const questionActions = ["approve", "dismiss", "answer", "archive", "restore", "highlight", "unhighlight"] as const;
export type QuestionAction = (typeof questionActions)[number];

/** What the moderator does with a question; the big screen and every view follow. */
export async function moderateQuestion(db: Db, room: LiveRoom, questionId: string, action: QuestionAction, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const [q] = await tx.select().from(liveQuestions).where(and(eq(liveQuestions.id, questionId), eq(liveQuestions.roomId, room.id))).for("update");
    if (!q) throw notFound();
    if (action === "highlight" && q.status !== "published") throw conflict("live.error.highlightUnpublished");
    const to: Partial<Record<QuestionAction, QuestionStatus>> = { approve: "published", dismiss: "dismissed", answer: "answered", archive: "archived", restore: "published" };
    const status = to[action];
    if (status) await tx.update(liveQuestions).set({ status, ...(status === "published" && !q.publishedAt ? { publishedAt: now } : {}), ...(status === "answered" ? { answeredAt: now } : {}) }).where(eq(liveQuestions.id, questionId));
    const highlighted = action === "highlight" ? questionId : action === "unhighlight" || (status && status !== "published" && room.highlightedQuestionId === questionId) ? null : room.highlightedQuestionId;
    if (highlighted !== room.highlightedQuestionId) await tx.update(liveRooms).set({ highlightedQuestionId: highlighted, updatedAt: now }).where(eq(liveRooms.id, room.id));
    await publishLive(tx, channelOf(room.id), "questions");
  });
}

export type QuestionSort = "votes" | "time";

export async function listQuestions(db: Db, roomId: string, statuses: QuestionStatus[], sort: QuestionSort = "votes"): Promise<LiveQuestion[]> {
  return db
    .select()
    .from(liveQuestions)
    .where(and(eq(liveQuestions.roomId, roomId), inArray(liveQuestions.status, statuses)))
    .orderBy(...(sort === "votes" ? [desc(liveQuestions.votes), asc(liveQuestions.seq)] : [desc(liveQuestions.seq)]))
    .limit(500);
}

/** The participant's own questions that others do not see (waiting, or not shown), so the asker is told. */
export async function ownUnpublished(db: Db, roomId: string, authorKey: string): Promise<LiveQuestion[]> {
  return db
    .select()
    .from(liveQuestions)
    .where(and(eq(liveQuestions.roomId, roomId), eq(liveQuestions.authorKey, authorKey), inArray(liveQuestions.status, ["pending", "dismissed"])))
    .orderBy(desc(liveQuestions.seq))
    .limit(20);
}

export async function votedBy(db: Db, roomId: string, voterKey: string): Promise<Set<string>> {
  const rows = await db
    .select({ id: liveQuestionVotes.questionId })
    .from(liveQuestionVotes)
    .innerJoin(liveQuestions, eq(liveQuestions.id, liveQuestionVotes.questionId))
    .where(and(eq(liveQuestions.roomId, roomId), eq(liveQuestionVotes.voterKey, voterKey)));
  return new Set(rows.map((r) => r.id));
}

// --- Polls -----------------------------------------------------------------------------

export interface PollInput {
  kind: PollKind;
  question: string;
  options: string[];
  scaleMax: number | null;
  allowChange: boolean;
}

export async function createPoll(db: Db, roomId: string, input: PollInput, now: Date): Promise<LivePoll> {
  return db.transaction(async (tx) => {
    const [{ next }] = (await tx.select({ next: sql<number>`coalesce(max(${livePolls.position}), 0) + 1`.mapWith(Number) }).from(livePolls).where(eq(livePolls.roomId, roomId))) as [{ next: number }];
    const [poll] = await tx
      .insert(livePolls)
      .values({ id: randomUUID(), roomId, kind: input.kind, question: input.question, options: input.options, scaleMax: input.kind === "rating" ? (input.scaleMax ?? 5) : null, allowChange: input.allowChange, position: next, createdAt: now })
      .returning();
    await publishLive(tx, channelOf(roomId), "polls");
    return poll!;
  });
}

export const pollActions = ["open", "close", "reveal", "hide", "show-on-screen", "off-screen"] as const;
export type PollAction = (typeof pollActions)[number];

export async function actOnPoll(db: Db, room: LiveRoom, pollId: string, action: PollAction, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const [poll] = await tx.select().from(livePolls).where(and(eq(livePolls.id, pollId), eq(livePolls.roomId, room.id))).for("update");
    if (!poll) throw notFound();
    if (action === "open") await tx.update(livePolls).set({ status: "open", openedAt: poll.openedAt ?? now, closedAt: null }).where(eq(livePolls.id, pollId));
    if (action === "close") await tx.update(livePolls).set({ status: "closed", closedAt: now }).where(eq(livePolls.id, pollId));
    if (action === "reveal" || action === "hide") await tx.update(livePolls).set({ revealed: action === "reveal" }).where(eq(livePolls.id, pollId));
    if (action === "show-on-screen" || action === "off-screen" || action === "open") {
      const screenPollId = action === "off-screen" ? null : pollId;
      if (room.screenPollId !== screenPollId) await tx.update(liveRooms).set({ screenPollId, updatedAt: now }).where(eq(liveRooms.id, room.id));
    }
    await publishLive(tx, channelOf(room.id), "polls");
  });
}

export async function listPolls(db: Db, roomId: string, statuses: LivePoll["status"][] = ["draft", "open", "closed"]): Promise<LivePoll[]> {
  return db.select().from(livePolls).where(and(eq(livePolls.roomId, roomId), inArray(livePolls.status, statuses))).orderBy(asc(livePolls.position));
}

/** Checks an answer against the poll: the indexes exist, a rating is on the scale, words are given. Throws a 422 that says what is wrong. */
export function checkAnswer(poll: LivePoll, answer: PollAnswer): PollAnswer {
  const bad = (key: "live.error.chooseOne" | "live.error.chooseSome" | "live.error.rate" | "live.error.words" | "live.error.rankAll") => new AppError("validation_failed", 422, { messageKey: key });
  const n = poll.options.length;
  const inRange = (xs: number[]) => xs.every((i) => Number.isInteger(i) && i >= 0 && i < n);
  if (poll.kind === "single") {
    if (!("choices" in answer) || answer.choices.length !== 1 || !inRange(answer.choices)) throw bad("live.error.chooseOne");
    return answer;
  }
  if (poll.kind === "multiple") {
    if (!("choices" in answer) || answer.choices.length === 0 || !inRange(answer.choices)) throw bad("live.error.chooseSome");
    return { choices: [...new Set(answer.choices)].sort((a, b) => a - b) };
  }
  if (poll.kind === "rating") {
    if (!("rating" in answer) || !Number.isInteger(answer.rating) || answer.rating < 1 || answer.rating > (poll.scaleMax ?? 5)) throw bad("live.error.rate");
    return answer;
  }
  if (poll.kind === "words") {
    const words = "words" in answer ? wordsOf(answer.words) : [];
    if (words.length === 0) throw bad("live.error.words");
    if (words.some((w) => !noPersonnummer.check(w))) throw new AppError("validation_failed", 422, { messageKey: "live.error.wordsPersonnummer" });
    return { words };
  }
  if (!("ranking" in answer) || !inRange(answer.ranking) || new Set(answer.ranking).size !== n || answer.ranking.length !== n) throw bad("live.error.rankAll");
  return answer;
}

const pollInRoom = preparedPerDb((db) =>
  db
    .select()
    .from(livePolls)
    .where(and(eq(livePolls.id, sql.placeholder("pollId")), eq(livePolls.roomId, sql.placeholder("roomId"))))
    .limit(1)
    .prepare("live_poll_in_room"),
);

/**
 * One statement (its own transaction): the answer is kept only if the poll is still open
 * when it runs (a close in between wins), and replaces an earlier one only where the poll
 * allows a change. Returns whether it was new.
 */
const keepAnswer = preparedPerDb((db) =>
  db
    .insert(livePollAnswers)
    .select(
      db
        .select({
          pollId: livePolls.id,
          voterKey: sql<string>`${sql.placeholder("voterKey")}::text`.as("voter_key"),
          answer: sql<PollAnswer>`${sql.placeholder("answer")}::jsonb`.as("answer"),
          answeredAt: sql<Date>`${sql.placeholder("now")}::timestamptz`.as("answered_at"),
        })
        .from(livePolls)
        .where(and(eq(livePolls.id, sql.placeholder("pollId")), eq(livePolls.roomId, sql.placeholder("roomId")), eq(livePolls.status, "open"))),
    )
    .onConflictDoUpdate({
      target: [livePollAnswers.pollId, livePollAnswers.voterKey],
      set: { answer: sql`excluded.answer`, answeredAt: sql`excluded.answered_at` },
      setWhere: sql`(select ${livePolls.allowChange} from ${livePolls} where ${livePolls.id} = excluded.poll_id)`,
    })
    .returning({ inserted: sql<boolean>`xmax = 0` })
    .prepare("live_keep_answer"),
);

/**
 * A poll's kind, question and options never change once it is made (actOnPoll changes
 * only its status and whether results show), so what an answer is checked against is read
 * once per process; whether the poll is open is decided by keepAnswer, in the database.
 */
const pollShapes = new Map<string, LivePoll>();
async function pollToAnswer(db: Db, roomId: string, pollId: string): Promise<LivePoll> {
  const known = pollShapes.get(pollId);
  if (known?.roomId === roomId) return known;
  const [poll] = await pollInRoom(db).execute({ pollId, roomId });
  if (!poll) throw notFound();
  if (poll.status !== "open") throw conflict("live.error.pollClosed");
  if (pollShapes.size >= 10_000) pollShapes.clear();
  pollShapes.set(pollId, poll);
  return poll;
}

/**
 * One answer per participant; changed only while the poll is open and when the moderator
 * allows it. `answer` may be read from the poll itself (a form's fields mean what the
 * poll's kind and options say), so the poll is read once.
 */
export async function answerPoll(db: Db, room: LiveRoom, pollId: string, voterKey: string, answer: PollAnswer | ((poll: LivePoll) => PollAnswer), now: Date): Promise<"answered" | "changed"> {
  const poll = await pollToAnswer(db, room.id, pollId);
  const checked = checkAnswer(poll, typeof answer === "function" ? answer(poll) : answer);
  const kept = await keepAnswer(db).execute({ pollId, roomId: room.id, voterKey, answer: JSON.stringify(checked), now: now.toISOString() });
  if (kept.length === 0) {
    // Not kept: closed meanwhile, or answered before where a change is not allowed.
    const [current] = await pollInRoom(db).execute({ pollId, roomId: room.id });
    if (!current) throw notFound();
    throw conflict(current.status === "open" ? "live.error.alreadyAnswered" : "live.error.pollClosed");
  }
  publishSoon(db, channelOf(room.id), "polls");
  return kept[0]!.inserted ? "answered" : "changed";
}

export async function ownAnswers(db: Db, pollIds: string[], voterKey: string): Promise<Map<string, PollAnswer>> {
  if (pollIds.length === 0) return new Map();
  const rows = await db.select({ pollId: livePollAnswers.pollId, answer: livePollAnswers.answer }).from(livePollAnswers).where(and(inArray(livePollAnswers.pollId, pollIds), eq(livePollAnswers.voterKey, voterKey)));
  return new Map(rows.map((r) => [r.pollId, r.answer]));
}

export async function pollResults(db: Db, poll: LivePoll): Promise<Tally> {
  const rows = await db.select({ answer: livePollAnswers.answer }).from(livePollAnswers).where(eq(livePollAnswers.pollId, poll.id));
  return tally(poll, rows.map((r) => r.answer));
}

/**
 * A poll's results as the room's pages show them after update `updateId` (the id a page
 * read before its data): counted once per update in this process, however many of the
 * hall's pages ask after it. Each counting reads every answer of the poll, so 400 pages
 * re-read after one update would otherwise count 400 times the same. Never stale for
 * long: an answer kept is announced with a later id, and its pages count again.
 */
const talliesAsOf = new Map<string, { db: Db; updateId: number; tally: Promise<Tally> }>();
export function pollResultsAsOf(db: Db, poll: LivePoll, updateId: number): Promise<Tally> {
  const known = talliesAsOf.get(poll.id);
  if (known && known.db === db && known.updateId === updateId) return known.tally;
  const entry = { db, updateId, tally: pollResults(db, poll) };
  if (talliesAsOf.size >= 1_000) talliesAsOf.clear();
  talliesAsOf.set(poll.id, entry);
  entry.tally.catch(() => {
    if (talliesAsOf.get(poll.id) === entry) talliesAsOf.delete(poll.id);
  });
  return entry.tally;
}

/** How many people have the room's views open or have taken part: those who answered or asked (the count the screen may hide). */
export async function participantCount(db: Db, roomId: string): Promise<number> {
  const result = (await db.execute(sql`
    select count(*)::int as n from (
      select author_key as k from live_questions where room_id = ${roomId}
      union select v.voter_key from live_question_votes v join live_questions q on q.id = v.question_id where q.room_id = ${roomId}
      union select a.voter_key from live_poll_answers a join live_polls p on p.id = a.poll_id where p.room_id = ${roomId}
    ) k`)) as unknown as { rows: { n: number }[] };
  return Number(result.rows[0]!.n);
}

