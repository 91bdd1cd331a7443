/** The big screen (projector) and the moderator's view of a live room. */
import type { EventWithSpace } from "../../events/repository.js";
import { EventAdminNav } from "../../events/views/event-nav.js";
import type { FormState, Ui } from "../../http/ui.js";
import { Checkbox, ChoiceGroup, Csrf, ErrorSummary, Submit, TextArea, TextField, Select } from "../../http/views/forms.js";
import { Layout } from "../../http/views/layout.js";
import { pollKinds } from "../schema.js";
import type { LivePoll, LiveQuestion, PollAction, QuestionAction, RoomWithContext } from "../service.js";
import type { Tally } from "../tally.js";
import type { IdeaWithComments } from "../ideas.js";
import { ModeratorIdeas, ScreenIdeas } from "./ideas.js";
import { Asker, LiveControls, Results } from "./parts.js";
import { QUESTION_MAX, roomTitle } from "./participant.js";

export interface ScreenProps {
  ui: Ui;
  ctx: RoomWithContext;
  joinUrl: string;
  qrSvg: string;
  highlighted: LiveQuestion | null;
  top: LiveQuestion[];
  poll: { poll: LivePoll; tally: Tally | null } | null;
  participants: number;
  after: number;
  ideas: IdeaWithComments[];
}

/** Large type, high contrast, the code and QR always; no navigation to get in the way. */
export function ScreenPage(p: ScreenProps) {
  const { ui, ctx } = p;
  const title = roomTitle(ui, ctx);
  return (
    <Layout ui={ui} title={`${ui.t("live.screenTitle")}: ${title}`} scripts={["/assets/live.js"]}>
      <div class="live-screen">
        <div class="live-screen-join">
          <h1 class="ds-heading" data-size="lg">{title}</h1>
          <p class="live-code">{ui.t("live.codeIs", { code: p.ctx.room.code })}</p>
          <p class="ds-paragraph">{ui.t("live.joinAt", { url: p.joinUrl.replace(/^https?:\/\//, "") })}</p>
          <div class="live-qr" role="img" aria-label={ui.t("live.qrLabel", { url: p.joinUrl })} dangerouslySetInnerHTML={{ __html: p.qrSvg }}></div>
          {!ctx.room.hideCount && <p class="ds-paragraph" data-live-count>{ui.t("live.participants", { n: String(p.participants) })}</p>}
        </div>
        <LiveControls ui={ui} stream={`/live/${ctx.room.code}/strom?after=${p.after}`} />
        <div class="live-screen-main" id="live-screen-region" data-live-region>
          {p.highlighted && (
            <section class="live-highlight" aria-labelledby="live-now">
              <h2 class="ds-heading" data-size="sm" id="live-now">{ui.t("live.answeringNow")}</h2>
              <p class="live-highlight-text">{p.highlighted.text}</p>
              <p class="ds-paragraph"><Asker ui={ui} q={p.highlighted} /></p>
            </section>
          )}
          {p.poll && (
            <section aria-labelledby="live-screen-poll">
              <h2 class="ds-heading" data-size="md" id="live-screen-poll">{p.poll.poll.question}</h2>
              {p.poll.tally ? <Results ui={ui} poll={p.poll.poll} tally={p.poll.tally} large /> : <p class="ds-paragraph">{ui.t("live.resultsHidden")}</p>}
            </section>
          )}
          <ScreenIdeas ui={ui} ideas={p.ideas} />
          <section aria-labelledby="live-top">
            <h2 class="ds-heading" data-size="md" id="live-top">{ui.t("live.topQuestions")}</h2>
            {ctx.room.screenPaused ? (
              <p class="ds-paragraph">{ui.t("live.screenPaused")}</p>
            ) : p.top.length === 0 ? (
              <p class="ds-paragraph">{ui.t("live.noQuestions")}</p>
            ) : (
              <ol class="live-top">
                {p.top.map((q) => (
                  <li>
                    <span class="live-text">{q.text}</span> <span class="live-votes">{ui.t("live.votes", { n: String(q.votes) })}</span>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
      </div>
    </Layout>
  );
}

export interface ModeratorProps {
  ui: Ui;
  ctx: RoomWithContext;
  pending: LiveQuestion[];
  shown: LiveQuestion[];
  done: LiveQuestion[];
  polls: { poll: LivePoll; tally: Tally }[];
  settingsForm: FormState;
  pollForm: FormState;
  after: number;
  ideas: IdeaWithComments[];
  hiddenIdeas: IdeaWithComments[];
}

const questionActionsFor = (q: LiveQuestion, highlighted: boolean): QuestionAction[] =>
  q.status === "pending" ? ["approve", "dismiss"] : q.status === "published" ? [highlighted ? "unhighlight" : "highlight", "answer", "archive", "dismiss"] : ["restore"];

const pollActionsFor = (poll: LivePoll, onScreen: boolean): PollAction[] => [
  ...(poll.status === "open" ? (["close"] as const) : (["open"] as const)),
  poll.revealed ? "hide" : "reveal",
  onScreen ? "off-screen" : "show-on-screen",
];

export function ModeratorPage(p: ModeratorProps) {
  const { ui, ctx } = p;
  const base = `/live/${ctx.room.code}/moderera`;
  const title = `${ui.t("live.moderatorTitle")}: ${roomTitle(ui, ctx)}`;
  const list = (qs: LiveQuestion[], id: string, heading: string) => (
    <section aria-labelledby={id}>
      <h2 class="ds-heading" data-size="sm" id={id}>{`${heading} (${qs.length})`}</h2>
      {qs.length === 0 ? (
        <p class="ds-paragraph">{ui.t("live.emptyList")}</p>
      ) : (
        <ul class="live-questions">
          {qs.map((q) => {
            const highlighted = ctx.room.highlightedQuestionId === q.id;
            return (
              <li class={`live-question${highlighted ? " is-highlighted" : ""}`}>
                {highlighted && <strong class="live-badge">{ui.t("live.answeringNow")}</strong>}
                <p class="ds-paragraph live-text">{q.text}</p>
                <p class="ds-paragraph" data-size="sm">{`${q.displayName ?? ui.t("live.anonymous")} · ${ui.t("live.votes", { n: String(q.votes) })} · ${ui.t(`live.status.${q.status}`)}`}</p>
                <div class="live-actions">
                  {questionActionsFor(q, highlighted).map((a) => (
                    <form method="post" action={`${base}/fragor/${q.id}`} class="inline-form">
                      <Csrf ui={ui} />
                      <input type="hidden" name="action" value={a} />
                      <button type="submit" class="ds-button" data-size="sm" data-variant={a === "approve" || a === "highlight" ? "primary" : "secondary"} aria-label={ui.t("live.actionFor", { action: ui.t(`live.action.${a}`), text: q.text.slice(0, 80) })}>
                        {ui.t(`live.action.${a}`)}
                      </button>
                    </form>
                  ))}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
  return (
    <Layout ui={ui} title={title} hasErrors={Object.keys(p.settingsForm.errors).length + Object.keys(p.pollForm.errors).length > 0} scripts={["/assets/live.js"]}>
      <h1 class="ds-heading" data-size="md">{title}</h1>
      <p class="ds-paragraph">
        {`${ui.t("live.codeIs", { code: ctx.room.code })} · `}
        <a class="ds-link" href={`/live/${ctx.room.code}`}>{ui.t("live.openParticipant")}</a>
        {" · "}
        <a class="ds-link" href={`/live/${ctx.room.code}/skarm`}>{ui.t("live.openScreen")}</a>
        {" · "}
        <a class="ds-link" href={`${base}/export.csv`}>{ui.t("live.exportCsv")}</a>
        {" · "}
        <a class="ds-link" href={`${base}/export.xlsx`}>{ui.t("live.exportXlsx")}</a>
      </p>
      <LiveControls ui={ui} stream={`/live/${ctx.room.code}/strom?after=${p.after}`} />
      <div id="live-moderator-region" data-live-region>
        {list(p.pending, "live-pending", ui.t("live.queue"))}
        {list(p.shown, "live-shown", ui.t("live.published"))}
        <section aria-labelledby="live-mod-polls">
          <h2 class="ds-heading" data-size="sm" id="live-mod-polls">{ui.t("live.polls")}</h2>
          {p.polls.length === 0 && <p class="ds-paragraph">{ui.t("live.emptyList")}</p>}
          {p.polls.map(({ poll, tally }) => {
            const onScreen = ctx.room.screenPollId === poll.id;
            return (
              <article class="live-poll" aria-labelledby={`mp-${poll.id}`}>
                <h3 class="ds-heading" data-size="xs" id={`mp-${poll.id}`}>{poll.question}</h3>
                <p class="ds-paragraph" data-size="sm">{[ui.t(`live.kind.${poll.kind}`), ui.t(`live.pollStatus.${poll.status}`), ui.t(poll.revealed ? "live.revealedNote" : "live.hiddenNote"), ...(onScreen ? [ui.t("live.onScreen")] : [])].join(" · ")}</p>
                <div class="live-actions">
                  {pollActionsFor(poll, onScreen).map((a) => (
                    <form method="post" action={`${base}/omrostningar/${poll.id}`} class="inline-form">
                      <Csrf ui={ui} />
                      <input type="hidden" name="action" value={a} />
                      <button type="submit" class="ds-button" data-size="sm" data-variant={a === "open" ? "primary" : "secondary"} aria-label={ui.t("live.actionFor", { action: ui.t(`live.pollAction.${a}`), text: poll.question.slice(0, 80) })}>
                        {ui.t(`live.pollAction.${a}`)}
                      </button>
                    </form>
                  ))}
                </div>
                <Results ui={ui} poll={poll} tally={tally} />
              </article>
            );
          })}
        </section>
        <ModeratorIdeas ui={ui} ctx={ctx} ideas={p.ideas} hidden={p.hiddenIdeas} />
        {list(p.done, "live-done", ui.t("live.done"))}
      </div>
      <section aria-labelledby="live-new-poll">
        <h2 class="ds-heading" data-size="sm" id="live-new-poll">{ui.t("live.newPoll")}</h2>
        <ErrorSummary ui={ui} form={p.pollForm} />
        <form method="post" action={`${base}/omrostningar`} class="stack" novalidate>
          <Csrf ui={ui} />
          <Select form={p.pollForm} name="kind" label={ui.t("live.pollKind")} options={pollKinds.map((k) => ({ value: k, label: ui.t(`live.kind.${k}`) }))} />
          <TextField form={p.pollForm} name="question" label={ui.t("live.pollQuestion")} maxlength={QUESTION_MAX} />
          <TextArea form={p.pollForm} name="options" label={`${ui.t("live.pollOptions")} ${ui.t("common.optional")}`} hint={ui.t("live.pollOptionsHint")} rows={4} maxlength={1200} />
          <TextField form={p.pollForm} name="scaleMax" inputmode="numeric" label={`${ui.t("live.scaleMax")} ${ui.t("common.optional")}`} width="short" maxlength={2} />
          <Checkbox form={p.pollForm} name="allowChange" label={ui.t("live.allowChange")} />
          <Submit>{ui.t("live.createPoll")}</Submit>
        </form>
      </section>
      <section aria-labelledby="live-settings">
        <h2 class="ds-heading" data-size="sm" id="live-settings">{ui.t("live.settings")}</h2>
        <ErrorSummary ui={ui} form={p.settingsForm} />
        <form method="post" action={`${base}/installningar`} class="stack" novalidate>
          <Csrf ui={ui} />
          <ChoiceGroup form={p.settingsForm} name="moderation" legend={ui.t("live.moderationMode")} options={(["post", "pre"] as const).map((m) => ({ value: m, label: ui.t(`live.mode.${m}`) }))} />
          <Checkbox form={p.settingsForm} name="questionsOpen" label={ui.t("live.questionsOpen")} />
          <Checkbox form={p.settingsForm} name="screenPaused" label={ui.t("live.screenPausedSetting")} />
          <Checkbox form={p.settingsForm} name="hideCount" label={ui.t("live.hideCount")} />
          <Checkbox form={p.settingsForm} name="ideasOpen" label={ui.t("live.ideasOpen")} />
          <Checkbox form={p.settingsForm} name="requireRegistration" label={ui.t("live.requireRegistration")} />
          <Submit variant="secondary">{ui.t("live.saveSettings")}</Submit>
        </form>
      </section>
    </Layout>
  );
}

/** The organiser's list of the event's rooms, with their codes and the three views. */
export function RoomsPage({ ui, event, rooms }: { ui: Ui; event: EventWithSpace; rooms: RoomWithContext[] }) {
  return (
    <Layout ui={ui} title={`${ui.t("live.rooms")}: ${event.titleSv}`} crumbs={[{ href: "/arrangor", label: ui.t("org.title") }, { href: `/arrangor/evenemang/${event.id}`, label: event.titleSv }, { label: ui.t("live.rooms") }]}>
      <h1 class="ds-heading" data-size="lg">{`${ui.t("live.rooms")}: ${event.titleSv}`}</h1>
      <EventAdminNav ui={ui} event={event} current="live" />
      <p class="ds-paragraph">{ui.t("live.roomsLead")}</p>
      <ul class="live-rooms">
        {rooms.map((r) => (
          <li class="event-card">
            <h2 class="ds-heading" data-size="xs">{roomTitle(ui, r)}</h2>
            <p class="ds-paragraph live-code-small">{ui.t("live.codeIs", { code: r.room.code })}</p>
            <p class="ds-paragraph">
              <a class="ds-link" href={`/live/${r.room.code}/moderera`}>{ui.t("live.openModerator")}</a>
              {" · "}
              <a class="ds-link" href={`/live/${r.room.code}/skarm`}>{ui.t("live.openScreen")}</a>
              {" · "}
              <a class="ds-link" href={`/live/${r.room.code}`}>{ui.t("live.openParticipant")}</a>
            </p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

