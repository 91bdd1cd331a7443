/**
 * The moderator's view and its actions (questions, polls, ideas, the room's settings), the
 * room's export, and the organiser's list of an event's rooms. Every action is a form:
 * POST, then back to the view.
 */
import { Hono } from "hono";
import { z } from "zod";
import { loadEventFor } from "../../auth/policy.js";
import type { AppContext, AppEnv } from "../../http/env.js";
import { setFlash } from "../../http/cookies.js";
import { AppError, notFound } from "../../http/errors.js";
import { readForm, submitForm } from "../../http/forms.js";
import { emptyForm, uiOf, type FieldLabels, type FormState } from "../../http/ui.js";
import { parseInput } from "../../http/validation.js";
import { capitalise } from "../../i18n/messages.js";
import { spreadsheetDownload, type Cell } from "../../shared/spreadsheet.js";
import { latestLiveId } from "../hub.js";
import { ideaActions, ideasForExport, listIdeas, moderateIdea, type IdeaAction } from "../ideas.js";
import { PollForm, SettingsForm } from "../schemas.js";
import { actOnPoll, channelOf, createPoll, ensureRooms, listPolls, listQuestions, listRooms, moderateQuestion, pollActions, pollResults, questionActions, saveRoomSettings, type RoomWithContext } from "../service.js";
import { ModeratorPage, RoomsPage } from "../views/screen.js";
import { fresh, idParam, moderatedRoom, noStore } from "./context.js";

export const moderatorRoutes = new Hono<AppEnv>();

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

moderatorRoutes.get("/live/:code/moderera", async (c) => c.html(await renderModerator(c, await moderatedRoom(c))));

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

moderatorRoutes.post(
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

moderatorRoutes.post("/live/:code/moderera/fragor/:qid", moderatorAction("qid", questionActions, (c, ctx, id, action) => moderateQuestion(c.get("deps").db, ctx.room, id, action, c.get("deps").now()), "live.done.question"));

moderatorRoutes.post(
  "/live/:code/moderera/omrostningar",
  moderatorForm((v) => parseInput(PollForm, v), (c, ctx, input) => createPoll(c.get("deps").db, ctx.room.id, input, c.get("deps").now()), "live.pollCreated", "pollForm", { kind: "live.pollKind", question: "live.pollQuestion", options: "live.pollOptions", scaleMax: "live.scaleMax" }),
);

moderatorRoutes.post("/live/:code/moderera/ideer/:iid", async (c) => {
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

moderatorRoutes.post("/live/:code/moderera/omrostningar/:pid", moderatorAction("pid", pollActions, (c, ctx, id, action) => actOnPoll(c.get("deps").db, ctx.room, id, action, c.get("deps").now()), "live.pollDone"));

/** What the room holds, during the event or after: questions (without anyone's identity), each poll's results, the ideas; a sheet each. */
async function roomExport(c: AppContext, ctx: RoomWithContext): Promise<{ name: string; lines: Cell[][] }[]> {
  const { db } = c.get("deps");
  const t = c.get("t");
  const [questions, polls, ideas] = await Promise.all([listQuestions(db, ctx.room.id, ["pending", "published", "answered", "archived", "dismissed"], "votes"), listPolls(db, ctx.room.id), ideasForExport(db, ctx.room.id)]);
  const asked: Cell[][] = [[t("live.questions"), t("live.yourName"), t("live.count"), t("reg.status"), t("live.askedAt")].map(capitalise)];
  for (const q of questions) asked.push([q.text, q.displayName ?? t("live.anonymous"), q.votes, t(`live.status.${q.status}`), q.createdAt]);
  const results: Cell[][] = [[t("live.polls"), t("live.count"), t("live.share")].map(capitalise)];
  const tallies = await Promise.all(polls.map((poll) => pollResults(db, poll)));
  for (const [i, poll] of polls.entries()) {
    const tally = tallies[i]!;
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

moderatorRoutes.get("/live/:code/moderera/:file{export\\.(csv|xlsx)}", async (c) => {
  const ctx = await moderatedRoom(c);
  return spreadsheetDownload(c, `live-${ctx.room.code}`, await roomExport(c, ctx), c.req.param("file").endsWith(".xlsx") ? "xlsx" : "csv");
});

// --- The organiser's rooms -------------------------------------------------------------

moderatorRoutes.get("/arrangor/evenemang/:id/live", async (c) => {
  const id = c.req.param("id") ?? "";
  if (!z.uuid().safeParse(id).success) throw notFound();
  const { db } = c.get("deps");
  const event = await loadEventFor(db, c.get("actor"), id, "live.moderate");
  await ensureRooms(db, event.id);
  return c.html(<RoomsPage ui={uiOf(c)} event={event} rooms={await listRooms(db, event.id)} />);
});
