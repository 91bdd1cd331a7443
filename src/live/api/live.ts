/**
 * Live rooms in the JSON API: a room's public state (what its big screen shows, for
 * anyone with the code), and for its moderators the rooms, settings, moderation of
 * questions and the polls. Asking, voting and answering are for participants in the
 * browser only: an API token names a person, and a participant is never named.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Api } from "../../api/openapi.js";
import { IdParam, bearer, errorResponses, jsonBody, jsonResponse } from "../../api/openapi.js";
import { can, isPubliclyVisible, loadEventFor, requireActor } from "../../auth/policy.js";
import type { AppContext } from "../../http/env.js";
import { forbidden, notFound } from "../../http/errors.js";
import { moderationModes, pollKinds, questionStatuses } from "../schema.js";
import { actOnPoll, createPoll, ensureRooms, findRoomByCode, listPolls, listQuestions, listRooms, moderateQuestion, normaliseCode, pollActions, pollResults, questionActions, saveRoomSettings, type LivePoll, type RoomWithContext } from "../service.js";
import { requiredText } from "../../shared/fields.js";
import { listIdeas } from "../ideas.js";
import { NAME_MAX, QUESTION_MAX } from "../views/participant.js";

const CodeParam = z.object({ code: z.string().max(40).openapi({ param: { name: "code", in: "path" }, example: "K7QM2X" }) });
const QuestionParams = CodeParam.extend({ questionId: z.uuid({ message: "validation.uuid" }).openapi({ param: { name: "questionId", in: "path" } }) });
const PollParams = CodeParam.extend({ pollId: z.uuid({ message: "validation.uuid" }).openapi({ param: { name: "pollId", in: "path" } }) });

const Settings = z.object({ moderation: z.enum(moderationModes), requireRegistration: z.boolean(), questionsOpen: z.boolean(), screenPaused: z.boolean(), hideCount: z.boolean(), ideasOpen: z.boolean() });
const Room = Settings.extend({ id: z.uuid(), code: z.string(), eventId: z.uuid(), sessionId: z.uuid().nullable(), title: z.string(), highlightedQuestionId: z.uuid().nullable(), screenPollId: z.uuid().nullable() }).openapi("LiveRoom");
const Question = z
  .object({ id: z.uuid(), text: z.string(), name: z.string().nullable().openapi({ description: "Only when the asker gave it; null: anonymous." }), votes: z.number().int(), status: z.enum(questionStatuses), askedAt: z.string() })
  .openapi("LiveQuestion");
const Idea = z
  .object({ id: z.uuid(), title: z.string(), body: z.string().nullable(), tags: z.array(z.string()), name: z.string().nullable(), votes: z.number().int(), top: z.boolean(), groupedUnder: z.uuid().nullable(), comments: z.array(z.object({ text: z.string(), name: z.string().nullable() })) })
  .openapi("LiveIdea");
const Results = z.object({ answered: z.number().int(), mean: z.number().nullable(), rows: z.array(z.object({ label: z.string(), count: z.number().int(), share: z.number() })) }).openapi("LivePollResults");
const Poll = z
  .object({ id: z.uuid(), kind: z.enum(pollKinds), question: z.string(), options: z.array(z.string()), scaleMax: z.number().int().nullable(), status: z.enum(["draft", "open", "closed"]), revealed: z.boolean(), allowChange: z.boolean(), results: Results.nullable().openapi({ description: "Shown once revealed (to moderators always)." }) })
  .openapi("LivePoll");

const roomJson = (r: RoomWithContext) => ({
  id: r.room.id,
  code: r.room.code,
  eventId: r.event.id,
  sessionId: r.room.sessionId,
  title: r.session?.titleSv ?? r.event.titleSv,
  moderation: r.room.moderation,
  requireRegistration: r.room.requireRegistration,
  questionsOpen: r.room.questionsOpen,
  screenPaused: r.room.screenPaused,
  hideCount: r.room.hideCount,
  ideasOpen: r.room.ideasOpen,
  highlightedQuestionId: r.room.highlightedQuestionId,
  screenPollId: r.room.screenPollId,
});
const questionJson = (q: Awaited<ReturnType<typeof listQuestions>>[number]) => ({ id: q.id, text: q.text, name: q.displayName, votes: q.votes, status: q.status, askedAt: q.createdAt.toISOString() });

async function pollJson(c: AppContext, poll: LivePoll, moderator: boolean) {
  const results = moderator || poll.revealed ? await pollResults(c.get("deps").db, poll) : null;
  return { id: poll.id, kind: poll.kind, question: poll.question, options: poll.options, scaleMax: poll.scaleMax, status: poll.status, revealed: poll.revealed, allowChange: poll.allowChange, results };
}

/** The room of the code; a draft event's rooms exist only for its moderators. */
async function roomOf(c: AppContext, code: string, o: { moderate: boolean }) {
  const { db } = c.get("deps");
  const ctx = await findRoomByCode(db, normaliseCode(code));
  if (!ctx) throw notFound();
  const actor = c.get("actor");
  const moderator = await can(db, actor, "live.moderate", ctx.event);
  if (!moderator && (o.moderate || !isPubliclyVisible(ctx.event))) {
    if (!isPubliclyVisible(ctx.event)) throw notFound();
    requireActor(actor);
    throw forbidden();
  }
  return { ctx, moderator };
}

const SettingsInput = z.strictObject({ moderation: z.enum(moderationModes, { message: "validation.invalid" }).optional(), requireRegistration: z.boolean().optional(), questionsOpen: z.boolean().optional(), screenPaused: z.boolean().optional(), hideCount: z.boolean().optional(), ideasOpen: z.boolean().optional() }).openapi("LiveRoomSettingsInput");
const ModerationInput = z.strictObject({ action: z.enum(questionActions, { message: "validation.invalid" }) }).openapi("LiveQuestionModeration");
const PollActionInput = z.strictObject({ action: z.enum(pollActions, { message: "validation.invalid" }) }).openapi("LivePollAction");
const PollInput = z
  .strictObject({
    kind: z.enum(pollKinds, { message: "validation.invalid" }),
    question: requiredText(QUESTION_MAX),
    options: z.array(requiredText(120)).max(10).default([]),
    scaleMax: z.number().int().min(2, { message: "live.error.scale" }).max(10, { message: "live.error.scale" }).nullable().default(null),
    allowChange: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    if ((v.kind === "single" || v.kind === "multiple" || v.kind === "ranking") && v.options.length < 2) ctx.addIssue({ code: "custom", path: ["options"], message: "live.error.options" });
  })
  .openapi("LivePollInput");

export function registerLiveApi(api: Api) {
  api.openapi(
    createRoute({ method: "get", path: "/v1/events/{id}/live", tags: ["Live"], summary: "The event's live rooms with their codes (moderators and organisers)", security: bearer, request: { params: IdParam }, responses: { 200: jsonResponse(z.object({ data: z.array(Room) }), "The event's room first, then one per session."), ...errorResponses } }),
    async (c) => {
      const { db } = c.get("deps");
      const event = await loadEventFor(db, requireActor(c.get("actor")), c.req.valid("param").id, "live.moderate");
      await ensureRooms(db, event.id);
      return c.json({ data: (await listRooms(db, event.id)).map(roomJson) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/live/{code}",
      tags: ["Live"],
      summary: "A room's state: shown questions by votes, polls open or revealed (anyone with the code)",
      description: `With a moderator's token: every question (waiting and hidden too) and every poll with its results. Questions are at most ${QUESTION_MAX} characters, names ${NAME_MAX}.`,
      request: { params: CodeParam },
      responses: { 200: jsonResponse(z.object({ room: Room, questions: z.array(Question), polls: z.array(Poll), ideas: z.array(Idea) }), "The room now; ideas as the wall shows them, the ideas grouped under one following it."), ...errorResponses },
    }),
    async (c) => {
      const { ctx, moderator } = await roomOf(c, c.req.valid("param").code, { moderate: false });
      const { db } = c.get("deps");
      const questions = await listQuestions(db, ctx.room.id, moderator ? ["pending", "published", "answered", "archived", "dismissed"] : ["published", "answered"], "votes");
      const polls = (await listPolls(db, ctx.room.id)).filter((p) => moderator || p.status === "open" || p.revealed);
      const ideas = (await listIdeas(db, ctx.room.id, moderator ? ["published", "hidden"] : ["published"])).flatMap((i) => [i, ...i.grouped.map((g) => ({ ...g, comments: [] }))]);
      const ideaJson = (i: (typeof ideas)[number]) => ({ id: i.id, title: i.title, body: i.body, tags: i.tags, name: i.displayName, votes: i.votes, top: i.top, groupedUnder: i.groupedUnder, comments: i.comments.map((cm) => ({ text: cm.text, name: cm.displayName })) });
      return c.json({ room: roomJson(ctx), questions: questions.map(questionJson), polls: await Promise.all(polls.map((p) => pollJson(c, p, moderator))), ideas: ideas.map(ideaJson) }, 200);
    },
  );

  api.openapi(
    createRoute({ method: "patch", path: "/v1/live/{code}", tags: ["Live"], summary: "Change a room's settings (moderators)", security: bearer, request: { params: CodeParam, ...jsonBody(SettingsInput) }, responses: { 200: jsonResponse(Room, "The room now."), ...errorResponses } }),
    async (c) => {
      const { ctx } = await roomOf(c, c.req.valid("param").code, { moderate: true });
      const { db, now } = c.get("deps");
      const r = ctx.room;
      const body = c.req.valid("json");
      await saveRoomSettings(db, r.id, { moderation: body.moderation ?? r.moderation, requireRegistration: body.requireRegistration ?? r.requireRegistration, questionsOpen: body.questionsOpen ?? r.questionsOpen, screenPaused: body.screenPaused ?? r.screenPaused, hideCount: body.hideCount ?? r.hideCount, ideasOpen: body.ideasOpen ?? r.ideasOpen }, now());
      return c.json(roomJson((await findRoomByCode(db, r.code))!), 200);
    },
  );

  api.openapi(
    createRoute({ method: "post", path: "/v1/live/{code}/questions/{questionId}/moderation", tags: ["Live"], summary: "Approve, hide, answer, archive, restore or highlight a question (moderators)", security: bearer, request: { params: QuestionParams, ...jsonBody(ModerationInput) }, responses: { 204: { description: "Done." }, ...errorResponses } }),
    async (c) => {
      const { code, questionId } = c.req.valid("param");
      const { ctx } = await roomOf(c, code, { moderate: true });
      await moderateQuestion(c.get("deps").db, ctx.room, questionId, c.req.valid("json").action, c.get("deps").now());
      return c.body(null, 204);
    },
  );

  api.openapi(
    createRoute({ method: "post", path: "/v1/live/{code}/polls", tags: ["Live"], summary: "Prepare a poll (moderators); it opens when told", security: bearer, request: { params: CodeParam, ...jsonBody(PollInput) }, responses: { 201: jsonResponse(Poll, "The poll, prepared."), ...errorResponses } }),
    async (c) => {
      const { ctx } = await roomOf(c, c.req.valid("param").code, { moderate: true });
      const body = c.req.valid("json");
      const poll = await createPoll(c.get("deps").db, ctx.room.id, { ...body, options: body.kind === "single" || body.kind === "multiple" || body.kind === "ranking" ? body.options : [] }, c.get("deps").now());
      return c.json(await pollJson(c, poll, true), 201);
    },
  );

  api.openapi(
    createRoute({ method: "post", path: "/v1/live/{code}/polls/{pollId}/actions", tags: ["Live"], summary: "Open, close, reveal, hide, or show a poll on the big screen (moderators)", security: bearer, request: { params: PollParams, ...jsonBody(PollActionInput) }, responses: { 200: jsonResponse(Poll, "The poll now."), ...errorResponses } }),
    async (c) => {
      const { code, pollId } = c.req.valid("param");
      const { ctx } = await roomOf(c, code, { moderate: true });
      const { db, now } = c.get("deps");
      await actOnPoll(db, ctx.room, pollId, c.req.valid("json").action, now());
      const poll = (await listPolls(db, ctx.room.id)).find((p) => p.id === pollId)!;
      return c.json(await pollJson(c, poll, true), 200);
    },
  );
}
