/**
 * Live pages: joining by code, the participant's view, the big screen, the moderator's
 * view and the organiser's list of rooms; each view's stream of updates. Every action is
 * a form that works without JavaScript (POST, then back to the page); live.js only keeps
 * the page current.
 */
import { readFileSync } from "node:fs";
import { Hono } from "hono";
import { z } from "zod";
import { can, isPubliclyVisible, loadEventFor } from "../../auth/policy.js";
import type { Database } from "../../db/client.js";
import type { AppContext, AppEnv } from "../../http/env.js";
import { setFlash } from "../../http/cookies.js";
import { AppError, notFound, unauthenticated, forbidden } from "../../http/errors.js";
import { readForm, readFormLists, submitForm } from "../../http/forms.js";
import { clientIp } from "../../http/client-ip.js";
import { rateLimit } from "../../http/middleware/rate-limit.js";
import { emptyForm, uiOf, type FieldLabels, type FormState } from "../../http/ui.js";
import { parseInput } from "../../http/validation.js";
import { findRegistrationByManageToken } from "../../registration/repository.js";
import { csvText, xlsxWorkbook, type Cell } from "../../registration/reports.js";
import { capitalise, type MessageKey } from "../../i18n/messages.js";
import { latestLiveId, startLiveHub, type LiveHub } from "../hub.js";
import { grantPass, hasPass, participantKey, participantToken } from "../participant.js";
import type { PollAnswer } from "../schema.js";
import { AskForm, CommentForm, IdeaForm, PollForm, SettingsForm } from "../schemas.js";
import { commentOnIdea, ideaActions, ideaVotesBy, ideasForExport, listIdeas, moderateIdea, postIdea, toggleIdeaVote, type IdeaAction } from "../ideas.js";
import {
  actOnPoll,
  answerPoll,
  askQuestion,
  channelOf,
  createPoll,
  ensureRooms,
  findRoomByCode,
  listPolls,
  listQuestions,
  listRooms,
  moderateQuestion,
  normaliseCode,
  ownAnswers,
  ownUnpublished,
  participantCount,
  pollActions,
  pollResults,
  pollResultsAsOf,
  questionActions,
  saveRoomSettings,
  toggleVote,
  votedBy,
  type QuestionSort,
  type RoomWithContext,
} from "../service.js";
import { liveStream } from "../sse.js";
import { JoinPage, ParticipantPage, PollsRegion, type PollView } from "../views/participant.js";
import { ModeratorPage, RoomsPage, ScreenPage } from "../views/screen.js";

export const liveRoutes = new Hono<AppEnv>();

const liveJs = readFileSync(new URL("../assets/live.js", import.meta.url), "utf8");
liveRoutes.get("/assets/live.js", () => new Response(liveJs, { headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=300" } }));

/** One hub per database (per process): started by the first stream, shared by all. */
const hubs = new WeakMap<Database, Promise<LiveHub>>();
function hubOf(database: Database): Promise<LiveHub> {
  let hub = hubs.get(database);
  if (!hub) {
    hub = startLiveHub(database);
    hubs.set(database, hub);
    hub.catch(() => hubs.delete(database));
  }
  return hub;
}

/** The room of the code in the path; a draft event's rooms exist only for its moderators. */
async function roomOf(c: AppContext): Promise<RoomWithContext> {
  const code = normaliseCode(c.req.param("code") ?? "");
  if (!/^[A-Z0-9]{6}$/.test(code)) throw notFound();
  const ctx = await findRoomByCode(c.get("deps").db, code);
  if (!ctx) throw notFound();
  if (!isPubliclyVisible(ctx.event) && !(await can(c.get("deps").db, c.get("actor"), "live.moderate", ctx.event))) throw notFound();
  return ctx;
}

async function moderatedRoom(c: AppContext): Promise<RoomWithContext> {
  const ctx = await roomOf(c);
  const actor = c.get("actor");
  if (!actor) throw unauthenticated();
  if (!(await can(c.get("deps").db, actor, "live.moderate", ctx.event))) throw forbidden();
  return ctx;
}

/** The participant's key in the room's event, and whether they may take part (the room may require registration). */
function participantOf(c: AppContext, ctx: RoomWithContext) {
  const { linkKey } = c.get("deps");
  const token = participantToken(c);
  const key = participantKey(linkKey, ctx.event.id, token);
  const allowed = !ctx.room.requireRegistration || hasPass(c, linkKey, ctx.event.id, token);
  return { key, allowed };
}

/** The room of a participant's action, and their key; refused when the room requires registration they have not shown. */
async function participantRoom(c: AppContext) {
  const ctx = await roomOf(c);
  const { key, allowed } = participantOf(c, ctx);
  if (!allowed) throw new AppError("forbidden", 403, { messageKey: "live.registeredOnly" });
  return { ctx, key };
}

/** A uuid from the path, or 404. */
function idParam(c: AppContext, name: string): string {
  const id = c.req.param(name) ?? "";
  if (!z.uuid().safeParse(id).success) throw notFound();
  return id;
}

const sortOf = (v: string | undefined): QuestionSort => (v === "tid" ? "time" : "votes");
const sortParam = (s: QuestionSort) => (s === "time" ? "tid" : "roster");
const noStore = (c: AppContext) => c.header("Cache-Control", "private, no-store");

async function pollViews(c: AppContext, ctx: RoomWithContext, key: string, after: number): Promise<PollView[]> {
  const { db } = c.get("deps");
  // Open polls, and closed ones whose results are shown: what a participant can act on or read.
  const polls = (await listPolls(db, ctx.room.id, ["open", "closed"])).filter((p) => p.status === "open" || p.revealed);
  const mine = await ownAnswers(db, polls.map((p) => p.id), key);
  return Promise.all(polls.map(async (poll) => ({ poll, mine: mine.get(poll.id), tally: poll.revealed ? await pollResultsAsOf(db, poll, after) : null })));
}

/**
 * The room read again after the last update id was taken: whatever changed between is
 * either in what the page shows or streamed after it, never missed.
 */
async function fresh(c: AppContext, ctx: RoomWithContext): Promise<RoomWithContext> {
  return (await findRoomByCode(c.get("deps").db, ctx.room.code)) ?? ctx;
}

async function renderParticipant(c: AppContext, ctx: RoomWithContext, o: { sort?: QuestionSort; askForm?: FormState; pollForms?: Record<string, FormState>; ideaForm?: FormState; commentForms?: Record<string, FormState> } = {}) {
  const { db } = c.get("deps");
  const { key, allowed } = participantOf(c, ctx);
  const sort = o.sort ?? sortOf(c.req.query("sortera"));
  const after = await latestLiveId(db, channelOf(ctx.room.id));
  ctx = await fresh(c, ctx);
  const [questions, own, voted, polls, ideas, ideaVoted] = allowed
    ? await Promise.all([listQuestions(db, ctx.room.id, ["published", "answered"], sort), ownUnpublished(db, ctx.room.id, key), votedBy(db, ctx.room.id, key), pollViews(c, ctx, key, after), listIdeas(db, ctx.room.id), ideaVotesBy(db, ctx.room.id, key)])
    : [[], [], new Set<string>(), [], [], new Set<string>()];
  noStore(c);
  return <ParticipantPage ui={uiOf(c)} ctx={ctx} allowed={allowed} questions={questions} own={own} voted={voted} sort={sort} polls={polls} askForm={o.askForm ?? emptyForm()} pollForms={o.pollForms ?? {}} after={after} ideas={ideas} ideaVoted={ideaVoted} ideaForm={o.ideaForm ?? emptyForm()} commentForms={o.commentForms ?? {}} />;
}

// --- Joining ---------------------------------------------------------------------------

liveRoutes.get("/live", (c) => c.html(<JoinPage ui={uiOf(c)} form={emptyForm()} />));

liveRoutes.get("/live/kod", async (c) => {
  const typed = (c.req.query("kod") ?? "").slice(0, 40);
  const code = normaliseCode(typed);
  const ctx = /^[A-Z0-9]{6}$/.test(code) ? await findRoomByCode(c.get("deps").db, code) : null;
  if (ctx && isPubliclyVisible(ctx.event)) return c.redirect(`/live/${ctx.room.code}`, 303);
  const t = c.get("t");
  return c.html(<JoinPage ui={uiOf(c)} form={{ values: { kod: typed }, errors: { kod: t("live.noSuchCode") } }} />, 404);
});

/** From the participant's manage link: a pass for the event's rooms (when they require registration), then its room. */
liveRoutes.get("/anmalan/:token/live", async (c) => {
  const { db, linkKey } = c.get("deps");
  const registration = await findRegistrationByManageToken(db, linkKey, (c.req.param("token") ?? "").slice(0, 100));
  if (!registration || !["confirmed", "offered"].includes(registration.status)) throw notFound();
  await ensureRooms(db, registration.eventId);
  const rooms = await listRooms(db, registration.eventId);
  grantPass(c, linkKey, registration.eventId);
  setFlash(c, c.get("t")("live.passGranted"));
  noStore(c);
  // To the room asked for (a session's, from "Delta på distans"), if it is the event's; else the event's own.
  const asked = rooms.find((r) => r.room.code === normaliseCode(c.req.query("rum") ?? ""));
  return c.redirect(`/live/${(asked ?? rooms.find((r) => !r.room.sessionId)!).room.code}`, 303);
});

// --- The participant -------------------------------------------------------------------

liveRoutes.get("/live/:code", async (c) => c.html(await renderParticipant(c, await roomOf(c))));

/**
 * The participant's polls alone, for live.js after an update that changed only polls (a
 * burst of answers, a reveal): a third of the page's reading, with the results counted
 * once per update for the whole hall. A document of that one part; the page keeps the rest.
 */
liveRoutes.get("/live/:code/delar/omrostningar", async (c) => {
  const { ctx, key } = await participantRoom(c);
  const after = await latestLiveId(c.get("deps").db, channelOf(ctx.room.id));
  const polls = await pollViews(c, ctx, key, after);
  const ui = uiOf(c);
  noStore(c);
  return c.html(
    <html lang={ui.locale}>
      <head>
        <title>{ui.t("live.polls")}</title>
      </head>
      <body>
        <PollsRegion ui={ui} base={`/live/${ctx.room.code}`} polls={polls} forms={{}} />
      </body>
    </html>,
  );
});

/**
 * Per participant (their key) and per address: a phone cannot flood a room, nor can a
 * script with many tokens. `ipShare` of LIVE_RATE_PER_IP a minute from one address.
 */
const participantLimit = (name: string, perKey: number, ipShare: number) =>
  rateLimit(
    { name: `${name}-ip`, limit: (c) => Math.max(1, Math.floor(c.get("deps").config.LIVE_RATE_PER_IP * ipShare)), windowMs: 60_000, key: (c) => `ip:${clientIp(c)}` },
    { name: `${name}-key`, limit: perKey, windowMs: 60_000, key: (c) => `tok:${participantToken(c)}` },
  );

/**
 * A participant's form (a question, an idea, a comment): saved, with a thank-you, and
 * back to the room at `anchor`; or the room again with the form and what is wrong.
 */
function participantForm(o: {
  save: (c: AppContext, ctx: RoomWithContext, key: string, values: Record<string, string>) => Promise<MessageKey>;
  anchor?: (c: AppContext) => string;
  show: (c: AppContext, form: FormState) => Parameters<typeof renderParticipant>[2];
  labels: FieldLabels;
}) {
  return async (c: AppContext) => {
    const { ctx, key } = await participantRoom(c);
    const values = await readForm(c);
    return submitForm(
      c,
      values,
      async () => {
        setFlash(c, c.get("t")(await o.save(c, ctx, key, values)));
        return c.redirect(`/live/${ctx.room.code}${o.anchor?.(c) ?? ""}`, 303);
      },
      (form) => renderParticipant(c, ctx, o.show(c, form)),
      o.labels,
    );
  };
}

liveRoutes.post(
  "/live/:code/fragor",
  participantLimit("live-ask", 6, 0.1),
  participantForm({
    save: async (c, ctx, key, values) => ((await askQuestion(c.get("deps").db, ctx.room, key, parseInput(AskForm, values), c.get("deps").now())).status === "pending" ? "live.asked.pending" : "live.asked.published"),
    show: (_c, form) => ({ askForm: form }),
    labels: { text: "live.questionText", name: "live.yourName" },
  }),
);

liveRoutes.post("/live/:code/fragor/:qid/rost", participantLimit("live-vote", 60, 1), async (c) => {
  const { ctx, key } = await participantRoom(c);
  const qid = idParam(c, "qid");
  const values = await readForm(c);
  const voted = await toggleVote(c.get("deps").db, ctx.room.id, qid, key);
  setFlash(c, c.get("t")(voted ? "live.voted" : "live.unvoted"));
  return c.redirect(`/live/${ctx.room.code}?sortera=${sortParam(sortOf(values.sortera))}#q-${qid}`, 303);
});

/** A poll's form as an answer of its kind; what is wrong is said by checkAnswer. */
function answerFrom(values: Record<string, string>, kind: string, options: number): PollAnswer {
  const ints = (raw: string | undefined) => (raw ?? "").split("\u001f").filter(Boolean).map(Number);
  if (kind === "single" || kind === "multiple") return { choices: ints(values.choice) };
  if (kind === "rating") return { rating: Number(values.rating ?? "") };
  if (kind === "words") return { words: (values.words ?? "").split(/\r?\n|,/).slice(0, 10) };
  // Ranking: "rank.<option>" = place; the answer lists options best first.
  const places = Array.from({ length: options }, (_, i) => ({ option: i, place: Number(values[`rank.${i}`] || NaN) }));
  // Each place once, from 1 to the number of options; anything else is not a ranking (checkAnswer says so).
  if (new Set(places.map((p) => p.place)).size !== options || places.some((p) => !Number.isInteger(p.place) || p.place < 1 || p.place > options)) return { ranking: [] };
  return { ranking: places.sort((a, b) => a.place - b.place).map((p) => p.option) };
}

liveRoutes.post("/live/:code/omrostning/:pid", participantLimit("live-answer", 30, 1), async (c) => {
  const { ctx, key } = await participantRoom(c);
  const pid = idParam(c, "pid");
  const { db, now } = c.get("deps");
  const values = await readFormLists(c);
  return submitForm(
    c,
    values,
    async () => {
      const done = await answerPoll(db, ctx.room, pid, key, (poll) => answerFrom(values, poll.kind, poll.options.length), now());
      setFlash(c, c.get("t")(done === "changed" ? "live.answerChanged" : "live.answeredThanks"));
      return c.redirect(`/live/${ctx.room.code}`, 303);
    },
    async (form) => {
      const poll = (await listPolls(db, ctx.room.id)).find((p) => p.id === pid);
      return renderParticipant(c, ctx, { pollForms: { [pid]: poll ? { ...form, errors: errorsOn(form, poll.kind) } : form } });
    },
  );
});

/** A poll's error, on the field that holds the answer (the error summary links to it). */
function errorsOn(form: FormState, kind: string): Record<string, string> {
  const message = form.message ?? Object.values(form.errors)[0];
  if (!message) return form.errors;
  const field = kind === "single" || kind === "multiple" ? "choice" : kind === "rating" ? "rating" : kind === "words" ? "words" : "rank";
  return { [field]: message };
}

// --- The idea wall --------------------------------------------------------------------

liveRoutes.post(
  "/live/:code/ideer",
  participantLimit("live-idea", 6, 0.1),
  participantForm({
    save: async (c, ctx, key, values) => (await postIdea(c.get("deps").db, ctx.room, key, parseInput(IdeaForm, values), c.get("deps").now()), "live.ideaPosted"),
    anchor: () => "#live-ideas",
    show: (_c, form) => ({ ideaForm: form }),
    labels: { title: "live.ideaTitle", body: "live.ideaBody", tags: "live.ideaTags", name: "live.yourName" },
  }),
);

liveRoutes.post("/live/:code/ideer/:iid/rost", participantLimit("live-vote", 60, 1), async (c) => {
  const { ctx, key } = await participantRoom(c);
  const iid = idParam(c, "iid");
  const voted = await toggleIdeaVote(c.get("deps").db, ctx.room.id, iid, key);
  setFlash(c, c.get("t")(voted ? "live.voted" : "live.unvoted"));
  return c.redirect(`/live/${ctx.room.code}#i-${iid}`, 303);
});

liveRoutes.post(
  "/live/:code/ideer/:iid/kommentar",
  participantLimit("live-comment", 10, 0.1),
  participantForm({
    save: async (c, ctx, key, values) => (await commentOnIdea(c.get("deps").db, ctx.room, idParam(c, "iid"), key, parseInput(CommentForm, values), c.get("deps").now()), "live.commented"),
    anchor: (c) => `#i-${idParam(c, "iid")}`,
    show: (c, form) => ({ commentForms: { [idParam(c, "iid")]: form } }),
    labels: { text: "live.comment", name: "live.yourName" },
  }),
);

// --- The big screen --------------------------------------------------------------------

liveRoutes.get("/live/:code/skarm", async (c) => {
  const found = await roomOf(c);
  const { db, config } = c.get("deps");
  const after = await latestLiveId(db, channelOf(found.room.id));
  const ctx = await fresh(c, found);
  const joinUrl = `${config.publicUrl}/live/${ctx.room.code}`;
  const { default: QRCode } = await import("qrcode");
  const [qrSvg, top, count, polls, ideas] = await Promise.all([
    QRCode.toString(joinUrl, { type: "svg", errorCorrectionLevel: "M", margin: 1 }),
    listQuestions(db, ctx.room.id, ["published"], "votes"),
    participantCount(db, ctx.room.id),
    ctx.room.screenPollId ? listPolls(db, ctx.room.id) : Promise.resolve([]),
    listIdeas(db, ctx.room.id),
  ]);
  const highlighted = ctx.room.highlightedQuestionId ? (top.find((q) => q.id === ctx.room.highlightedQuestionId) ?? null) : null;
  const shownPoll = polls.find((p) => p.id === ctx.room.screenPollId);
  const poll = shownPoll ? { poll: shownPoll, tally: shownPoll.revealed ? await pollResultsAsOf(db, shownPoll, after) : null } : null;
  noStore(c);
  return c.html(<ScreenPage ui={uiOf(c)} ctx={ctx} joinUrl={joinUrl} qrSvg={qrSvg} highlighted={highlighted} top={top.filter((q) => q.id !== highlighted?.id).slice(0, 5)} poll={poll} participants={count} after={after} ideas={ideas} />);
});

// --- The stream of updates -------------------------------------------------------------

liveRoutes.get(
  "/live/:code/strom",
  rateLimit({ name: "live-stream", limit: (c) => c.get("deps").config.LIVE_RATE_PER_IP, windowMs: 60_000, key: (c) => `ip:${clientIp(c)}` }),
  async (c) => {
    const ctx = await roomOf(c);
    const hub = await hubOf(c.get("deps").database);
    // Only what changed and when: the page asks for itself again (live.js), so no one's view carries another's data.
    return liveStream(c, hub, channelOf(ctx.room.id), { render: (e) => ({ event: "changed", data: { kind: e.kind, t: typeof e.data.since === "number" ? e.data.since : e.at.getTime() } }) });
  },
);

// --- The moderator ---------------------------------------------------------------------

async function renderModerator(c: AppContext, ctx: RoomWithContext, o: { settingsForm?: FormState; pollForm?: FormState } = {}) {
  const { db } = c.get("deps");
  const after = await latestLiveId(db, channelOf(ctx.room.id));
  ctx = await fresh(c, ctx);
  const [pending, shown, done, polls, ideas, hiddenIdeas] = await Promise.all([
    listQuestions(db, ctx.room.id, ["pending"], "time"),
    listQuestions(db, ctx.room.id, ["published"], "votes"),
    listQuestions(db, ctx.room.id, ["answered", "archived", "dismissed"], "time"),
    listPolls(db, ctx.room.id),
    listIdeas(db, ctx.room.id),
    listIdeas(db, ctx.room.id, ["hidden"]),
  ]);
  const withResults = await Promise.all(polls.map(async (poll) => ({ poll, tally: await pollResults(db, poll) })));
  const r = ctx.room;
  const on = (b: boolean) => (b ? "on" : "");
  noStore(c);
  return (
    <ModeratorPage
      ui={uiOf(c)}
      ctx={ctx}
      pending={pending}
      shown={shown}
      done={done}
      polls={withResults}
      settingsForm={o.settingsForm ?? emptyForm({ moderation: r.moderation, questionsOpen: on(r.questionsOpen), screenPaused: on(r.screenPaused), hideCount: on(r.hideCount), requireRegistration: on(r.requireRegistration), ideasOpen: on(r.ideasOpen) })}
      pollForm={o.pollForm ?? emptyForm({ kind: "single", allowChange: "on" })}
      after={after}
      ideas={ideas}
      hiddenIdeas={hiddenIdeas}
    />
  );
}

liveRoutes.get("/live/:code/moderera", async (c) => c.html(await renderModerator(c, await moderatedRoom(c))));

/** A moderator's form (settings, a new poll): saved and back to the view, or shown again with what is wrong. */
function moderatorForm<T>(parse: (values: Record<string, string>) => T, save: (c: AppContext, ctx: RoomWithContext, input: T) => Promise<unknown>, done: "live.settingsSaved" | "live.pollCreated", form: "settingsForm" | "pollForm", labels: FieldLabels) {
  return async (c: AppContext) => {
    const ctx = await moderatedRoom(c);
    const values = await readForm(c);
    return submitForm(
      c,
      values,
      async () => {
        await save(c, ctx, parse(values));
        setFlash(c, c.get("t")(done));
        return c.redirect(`/live/${ctx.room.code}/moderera`, 303);
      },
      (state) => renderModerator(c, ctx, { [form]: state }),
      labels,
    );
  };
}

liveRoutes.post(
  "/live/:code/moderera/installningar",
  moderatorForm((v) => parseInput(SettingsForm, v), (c, ctx, input) => saveRoomSettings(c.get("deps").db, ctx.room.id, input, c.get("deps").now()), "live.settingsSaved", "settingsForm", { moderation: "live.moderationMode" }),
);

/**
 * A moderator's button on one question or poll: the action named in the form, one of
 * those the kind has; then back to the moderator's view.
 */
function moderatorAction<A extends string>(param: "qid" | "pid", actions: readonly A[], run: (c: AppContext, ctx: RoomWithContext, id: string, action: A) => Promise<void>, done: "live.done.question" | "live.pollDone") {
  return async (c: AppContext) => {
    const ctx = await moderatedRoom(c);
    const id = idParam(c, param);
    const action = (await readForm(c)).action as A;
    if (!actions.includes(action)) throw new AppError("validation_failed", 422, { messageKey: "validation.invalid" });
    await run(c, ctx, id, action);
    setFlash(c, c.get("t")(done));
    return c.redirect(`/live/${ctx.room.code}/moderera`, 303);
  };
}

liveRoutes.post("/live/:code/moderera/fragor/:qid", moderatorAction("qid", questionActions, (c, ctx, id, action) => moderateQuestion(c.get("deps").db, ctx.room, id, action, c.get("deps").now()), "live.done.question"));

liveRoutes.post(
  "/live/:code/moderera/omrostningar",
  moderatorForm((v) => parseInput(PollForm, v), (c, ctx, input) => createPoll(c.get("deps").db, ctx.room.id, input, c.get("deps").now()), "live.pollCreated", "pollForm", { kind: "live.pollKind", question: "live.pollQuestion", options: "live.pollOptions", scaleMax: "live.scaleMax" }),
);

liveRoutes.post("/live/:code/moderera/ideer/:iid", async (c) => {
  const ctx = await moderatedRoom(c);
  const iid = idParam(c, "iid");
  const values = await readForm(c);
  const action = values.action as IdeaAction;
  if (!ideaActions.includes(action)) throw new AppError("validation_failed", 422, { messageKey: "validation.invalid" });
  const under = values.under && z.uuid().safeParse(values.under).success ? values.under : undefined;
  const commentId = values.commentId && z.uuid().safeParse(values.commentId).success ? values.commentId : undefined;
  await moderateIdea(c.get("deps").db, ctx.room, iid, action, { ...(under ? { under } : {}), ...(commentId ? { commentId } : {}) });
  setFlash(c, c.get("t")("live.ideaDone"));
  return c.redirect(`/live/${ctx.room.code}/moderera`, 303);
});

liveRoutes.post("/live/:code/moderera/omrostningar/:pid", moderatorAction("pid", pollActions, (c, ctx, id, action) => actOnPoll(c.get("deps").db, ctx.room, id, action, c.get("deps").now()), "live.pollDone"));

/** What the room holds, during the event or after: questions (without anyone's identity), each poll's results, the ideas; a sheet each. */
async function roomExport(c: AppContext, ctx: RoomWithContext): Promise<{ name: string; lines: Cell[][] }[]> {
  const { db } = c.get("deps");
  const t = c.get("t");
  const [questions, polls, ideas] = await Promise.all([listQuestions(db, ctx.room.id, ["pending", "published", "answered", "archived", "dismissed"], "votes"), listPolls(db, ctx.room.id), ideasForExport(db, ctx.room.id)]);
  const asked: Cell[][] = [[t("live.questions"), t("live.yourName"), t("live.count"), t("reg.status"), t("live.askedAt")].map(capitalise)];
  for (const q of questions) asked.push([q.text, q.displayName ?? t("live.anonymous"), q.votes, t(`live.status.${q.status}`), q.createdAt]);
  const results: Cell[][] = [[t("live.polls"), t("live.count"), t("live.share")].map(capitalise)];
  for (const poll of polls) {
    const tally = await pollResults(db, poll);
    results.push([poll.question, t(`live.kind.${poll.kind}`), t("live.answeredCount", { n: String(tally.answered) })]);
    for (const r of tally.rows) results.push([r.label, r.count, `${Math.round(r.share * 100)} %`]);
    results.push([]);
  }
  const posted: Cell[][] = [[t("live.ideas"), t("live.ideaTags"), t("live.count"), t("live.top"), t("live.groupedUnder"), t("live.yourName")].map(capitalise)];
  for (const { idea } of ideas) posted.push([idea.body ? `${idea.title}: ${idea.body}` : idea.title, idea.tags.join(", "), idea.votes, idea.top ? t("live.top") : "", ideas.find((h) => h.idea.id === idea.groupedUnder)?.idea.title ?? "", idea.displayName ?? t("live.anonymous")]);
  return [
    { name: capitalise(t("live.questions")), lines: asked },
    { name: capitalise(t("live.polls")), lines: results },
    { name: capitalise(t("live.ideas")), lines: posted },
  ];
}

liveRoutes.get("/live/:code/moderera/export.csv", async (c) => {
  const ctx = await moderatedRoom(c);
  // One file: the sheets one after the other, a blank line between.
  const lines = (await roomExport(c, ctx)).flatMap((sheet, i) => (i === 0 ? sheet.lines : [[], ...sheet.lines]));
  c.header("Content-Disposition", `attachment; filename="live-${ctx.room.code}.csv"`);
  noStore(c);
  return c.body(csvText(lines), 200, { "Content-Type": "text/csv; charset=utf-8" });
});

liveRoutes.get("/live/:code/moderera/export.xlsx", async (c) => {
  const ctx = await moderatedRoom(c);
  const workbook = await xlsxWorkbook(await roomExport(c, ctx));
  c.header("Content-Disposition", `attachment; filename="live-${ctx.room.code}.xlsx"`);
  noStore(c);
  return c.body(new Uint8Array(workbook), 200, { "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
});

// --- The organiser's rooms -------------------------------------------------------------

liveRoutes.get("/arrangor/evenemang/:id/live", async (c) => {
  const id = c.req.param("id") ?? "";
  if (!z.uuid().safeParse(id).success) throw notFound();
  const { db } = c.get("deps");
  const event = await loadEventFor(db, c.get("actor"), id, "live.moderate");
  await ensureRooms(db, event.id);
  return c.html(<RoomsPage ui={uiOf(c)} event={event} rooms={await listRooms(db, event.id)} />);
});
