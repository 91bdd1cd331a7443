/**
 * Live pages: joining by code, the participant's view, the big screen, and each view's
 * stream of updates (the moderator's view is in moderator.tsx). Every action is
 * a form that works without JavaScript (POST, then back to the page); live.js only keeps
 * the page current.
 */
import { readFileSync } from "node:fs";
import { isPubliclyVisible } from "../../auth/policy.js";
import { Hono } from "hono";
import type { Database } from "../../db/client.js";
import type { AppContext, AppEnv } from "../../http/env.js";
import { setFlash } from "../../http/cookies.js";
import { notFound } from "../../http/errors.js";
import { readForm, readFormLists, submitForm } from "../../http/forms.js";
import { clientIp } from "../../http/client-ip.js";
import { rateLimit } from "../../http/middleware/rate-limit.js";
import { emptyForm, uiOf, type FieldLabels, type FormState } from "../../http/ui.js";
import { parseInput } from "../../http/validation.js";
import { findRegistrationByManageToken } from "../../registration/repository.js";
import type { MessageKey } from "../../i18n/messages.js";
import { latestLiveId, startLiveHub, type LiveHub } from "../hub.js";
import { grantPass, participantToken } from "../participant.js";
import type { PollAnswer } from "../schema.js";
import { AskForm, CommentForm, IdeaForm } from "../schemas.js";
import { commentOnIdea, ideaVotesBy, listIdeas, postIdea, toggleIdeaVote } from "../ideas.js";
import {
  answerPoll,
  askQuestion,
  channelOf,
  ensureRooms,
  findRoomByCode,
  listPolls,
  listQuestions,
  listRooms,
  normaliseCode,
  ownAnswers,
  ownUnpublished,
  participantCount,
  pollResultsAsOf,
  toggleVote,
  votedBy,
  type QuestionSort,
  type RoomWithContext,
} from "../service.js";
import { liveStream } from "../sse.js";
import { JoinPage, ParticipantPage, PollsRegion, type PollView } from "../views/participant.js";
import { ScreenPage } from "../views/screen.js";
import { fresh, idParam, noStore, participantOf, participantRoom, roomOf } from "./context.js";

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

const sortOf = (v: string | undefined): QuestionSort => (v === "tid" ? "time" : "votes");
const sortParam = (s: QuestionSort) => (s === "time" ? "tid" : "roster");

async function pollViews(c: AppContext, ctx: RoomWithContext, key: string, after: number): Promise<PollView[]> {
  const { db } = c.get("deps");
  // Open polls, and closed ones whose results are shown: what a participant can act on or read.
  const polls = (await listPolls(db, ctx.room.id, ["open", "closed"])).filter((p) => p.status === "open" || p.revealed);
  const mine = await ownAnswers(db, polls.map((p) => p.id), key);
  return Promise.all(polls.map(async (poll) => ({ poll, mine: mine.get(poll.id), tally: poll.revealed ? await pollResultsAsOf(db, poll, after) : null })));
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
