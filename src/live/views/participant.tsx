/** The participant's live view on a phone: the open poll, asking, and the questions to vote on. Every action is a form. */
import type { FormState, Ui } from "../../http/ui.js";
import { ChoiceGroup, Csrf, ErrorSummary, Submit, TextArea, TextField, fieldId, scoped } from "../../http/views/forms.js";
import { Layout } from "../../http/views/layout.js";
import { pick } from "../../i18n/messages.js";
import type { PollAnswer } from "../schema.js";
import type { LivePoll, LiveQuestion, QuestionSort, RoomWithContext } from "../service.js";
import type { Tally } from "../tally.js";
import type { IdeaWithComments } from "../ideas.js";
import { ParticipantIdeas } from "./ideas.js";
import { Asker, LiveControls, Results } from "./parts.js";

export const QUESTION_MAX = 300;
export const NAME_MAX = 80;

export const roomTitle = (ui: Ui, ctx: RoomWithContext) => (ctx.session ? pick(ui.locale, ctx.session.titleSv, ctx.session.titleEn) : `${pick(ui.locale, ctx.event.titleSv, ctx.event.titleEn)}: ${ui.t("live.wholeEvent")}`);

export interface PollView {
  poll: LivePoll;
  mine: PollAnswer | undefined;
  tally: Tally | null;
}

export interface ParticipantProps {
  ui: Ui;
  ctx: RoomWithContext;
  allowed: boolean;
  questions: LiveQuestion[];
  own: LiveQuestion[];
  voted: Set<string>;
  sort: QuestionSort;
  polls: PollView[];
  askForm: FormState;
  pollForms: Record<string, FormState>;
  /** The last update already in the page: the stream starts after it. */
  after: number;
  ideas: IdeaWithComments[];
  ideaVoted: Set<string>;
  ideaForm: FormState;
  commentForms: Record<string, FormState>;
}

export function JoinPage({ ui, form }: { ui: Ui; form: FormState }) {
  return (
    <Layout ui={ui} title={ui.t("live.joinTitle")} hasErrors={Object.keys(form.errors).length > 0}>
      <h1 class="ds-heading" data-size="lg">{ui.t("live.joinTitle")}</h1>
      <p class="ds-paragraph">{ui.t("live.joinLead")}</p>
      <ErrorSummary ui={ui} form={form} />
      <form method="get" action="/live/kod" class="stack" novalidate>
        <TextField form={form} name="kod" label={ui.t("live.code")} autocomplete="off" maxlength={12} width="short" />
        <Submit>{ui.t("live.join")}</Submit>
      </form>
    </Layout>
  );
}

export function ParticipantPage(p: ParticipantProps) {
  const { ui, ctx } = p;
  const base = `/live/${ctx.room.code}`;
  const title = roomTitle(ui, ctx);
  const hasErrors = [p.askForm, p.ideaForm, ...Object.values(p.pollForms), ...Object.values(p.commentForms)].some((f) => Object.keys(f.errors).length > 0);
  return (
    <Layout ui={ui} title={title} hasErrors={hasErrors} scripts={["/assets/live.js"]}>
      <h1 class="ds-heading" data-size="md">{title}</h1>
      <p class="ds-paragraph" data-size="sm">{`${ui.t("live.codeIs", { code: ctx.room.code })}${ctx.session ? ` · ${pick(ui.locale, ctx.event.titleSv, ctx.event.titleEn)}` : ""}`}</p>
      {!p.allowed ? (
        <div class="ds-alert" data-color="info">
          <p class="ds-paragraph">{ui.t("live.registeredOnly")}</p>
        </div>
      ) : (
        <>
          <LiveControls ui={ui} stream={`${base}/strom?after=${p.after}`} parts={{ polls: `${base}/delar/omrostningar` }} />
          <PollsRegion ui={ui} base={base} polls={p.polls} forms={p.pollForms} />
          <section aria-labelledby="live-ask">
            <h2 class="ds-heading" data-size="sm" id="live-ask">{ui.t("live.ask")}</h2>
            <p class="ds-paragraph" data-size="sm">{`${ui.t(ctx.room.moderation === "pre" ? "live.moderation.pre" : "live.moderation.post")} ${ui.t("live.anonymityNote")}`}</p>
            {ctx.room.questionsOpen ? (
              <>
                <ErrorSummary ui={ui} form={p.askForm} />
                <form method="post" action={`${base}/fragor`} class="stack" novalidate>
                  <Csrf ui={ui} />
                  <TextArea form={p.askForm} name="text" label={ui.t("live.questionText")} maxlength={QUESTION_MAX} rows={3} />
                  <TextField form={p.askForm} name="name" label={`${ui.t("live.yourName")} ${ui.t("common.optional")}`} hint={ui.t("live.yourNameHint")} autocomplete="name" maxlength={NAME_MAX} />
                  <Submit>{ui.t("live.send")}</Submit>
                </form>
              </>
            ) : (
              <p class="ds-paragraph">{ui.t("live.questionsClosedNote")}</p>
            )}
            {p.own.map((q) => (
              <p class="ds-paragraph live-own" data-size="sm">{ui.t(q.status === "pending" ? "live.own.pending" : "live.own.dismissed", { text: q.text })}</p>
            ))}
          </section>
          <ParticipantIdeas ui={ui} ctx={ctx} ideas={p.ideas} voted={p.ideaVoted} form={p.ideaForm} commentForms={p.commentForms} />
          <section aria-labelledby="live-questions" id="live-questions-region" data-live-region>
            <h2 class="ds-heading" data-size="sm" id="live-questions">{ui.t("live.questions")}</h2>
            <nav aria-label={ui.t("live.sortBy")} class="live-sort">
              <span>{`${ui.t("live.sortBy")}: `}</span>
              {(["votes", "time"] as const).map((s) => (
                <a class="ds-link" href={`${base}?sortera=${s === "votes" ? "roster" : "tid"}`} aria-current={p.sort === s ? "true" : undefined}>
                  {ui.t(`live.sort.${s}`)}
                </a>
              ))}
            </nav>
            {p.questions.length === 0 ? (
              <p class="ds-paragraph">{ui.t("live.noQuestions")}</p>
            ) : (
              <ul class="live-questions">
                {p.questions.map((q) => (
                  <QuestionItem ui={ui} base={base} q={q} voted={p.voted.has(q.id)} highlighted={ctx.room.highlightedQuestionId === q.id} sort={p.sort} />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </Layout>
  );
}

/** The polls a participant can answer or read: on the page, and alone when only polls changed (live.js reads just this part again). */
export function PollsRegion({ ui, base, polls, forms }: { ui: Ui; base: string; polls: PollView[]; forms: Record<string, FormState> }) {
  return (
    <section aria-labelledby="live-polls" id="live-polls-region" data-live-region>
      <h2 class="ds-heading" data-size="sm" id="live-polls">{ui.t("live.polls")}</h2>
      {polls.length === 0 && <p class="ds-paragraph">{ui.t("live.noOpenPoll")}</p>}
      {polls.map((v) => (
        <PollCard ui={ui} base={base} view={v} form={forms[v.poll.id] ?? { values: {}, errors: {} }} />
      ))}
    </section>
  );
}

function QuestionItem({ ui, base, q, voted, highlighted, sort }: { ui: Ui; base: string; q: LiveQuestion; voted: boolean; highlighted: boolean; sort: QuestionSort }) {
  return (
    <li class={`live-question${highlighted ? " is-highlighted" : ""}`} id={`q-${q.id}`}>
      {highlighted && <strong class="live-badge">{ui.t("live.answeringNow")}</strong>}
      {q.status === "answered" && <span class="live-badge is-done">{ui.t("live.answered")}</span>}
      <p class="ds-paragraph live-text">{q.text}</p>
      <p class="ds-paragraph" data-size="sm">
        <Asker ui={ui} q={q} />
      </p>
      {q.status === "published" ? (
        <form method="post" action={`${base}/fragor/${q.id}/rost`} class="inline-form">
          <Csrf ui={ui} />
          <input type="hidden" name="sortera" value={sort === "time" ? "tid" : "roster"} />
          <button type="submit" class="ds-button" data-variant={voted ? "primary" : "secondary"} aria-pressed={voted ? "true" : "false"} aria-label={ui.t(voted ? "live.unvote" : "live.vote", { text: q.text.slice(0, 80) })}>
            {ui.t(voted ? "live.votedShort" : "live.voteShort", { n: String(q.votes) })}
          </button>
        </form>
      ) : (
        <p class="ds-paragraph" data-size="sm">{ui.t("live.votes", { n: String(q.votes) })}</p>
      )}
    </li>
  );
}

/** One poll: its form while open (pre-filled with one's own answer), and its results once revealed. */
function PollCard({ ui, base, view, form }: { ui: Ui; base: string; view: PollView; form: FormState }) {
  const { poll, mine } = view;
  const f = scoped(form.values && Object.keys(form.values).length ? form : { ...form, values: valuesOf(mine) }, `p-${poll.id.slice(0, 8)}`);
  const canAnswer = poll.status === "open" && (!mine || poll.allowChange);
  const legend = poll.question;
  return (
    <article class="live-poll" aria-labelledby={`poll-${poll.id}`}>
      <h3 class="ds-heading" data-size="xs" id={`poll-${poll.id}`}>{poll.question}</h3>
      {mine && <p class="ds-paragraph" data-size="sm">{ui.t("live.yourAnswerKept")}</p>}
      <ErrorSummary ui={ui} form={f} />
      {canAnswer && (
        <>
          <form method="post" action={`${base}/omrostning/${poll.id}`} class="stack" novalidate>
            <Csrf ui={ui} />
            {poll.kind === "single" && <ChoiceGroup form={f} name="choice" legend={legend} options={poll.options.map((o, i) => ({ value: String(i), label: o }))} />}
            {poll.kind === "multiple" && <ChoiceGroup form={f} name="choice" type="checkbox" legend={legend} options={poll.options.map((o, i) => ({ value: String(i), label: o }))} />}
            {poll.kind === "rating" && <ChoiceGroup form={f} name="rating" legend={ui.t("live.ratingLabel", { max: String(poll.scaleMax ?? 5) })} options={Array.from({ length: poll.scaleMax ?? 5 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))} attrs={{ class: "ds-fieldset live-scale" }} />}
            {poll.kind === "words" && <TextArea form={f} name="words" label={ui.t("live.wordsLabel")} hint={ui.t("live.wordsHint")} rows={3} maxlength={130} />}
            {poll.kind === "ranking" && (
              <fieldset class="ds-fieldset" id={`${fieldId("rank", f)}-group`}>
                <legend class="ds-label">{legend}</legend>
                <p class="ds-paragraph field-hint" data-size="sm">{ui.t("live.rankHint")}</p>
                {f.errors.rank && <p class="ds-validation-message" data-color="danger" id={`${fieldId("rank", f)}-error`}>{f.errors.rank}</p>}
                {poll.options.map((o, i) => (
                  <div class="ds-field field-short">
                    <label class="ds-label" for={i === 0 ? fieldId("rank", f) : fieldId(`rank.${i}`, f)}>{ui.t("live.rankPlace", { option: o })}</label>
                    <select class="ds-input" id={i === 0 ? fieldId("rank", f) : fieldId(`rank.${i}`, f)} name={`rank.${i}`} aria-describedby={f.errors.rank ? `${fieldId("rank", f)}-error` : undefined}>
                      <option value="">–</option>
                      {poll.options.map((_, place) => (
                        <option value={String(place + 1)} selected={f.values[`rank.${i}`] === String(place + 1)}>{String(place + 1)}</option>
                      ))}
                    </select>
                  </div>
                ))}
              </fieldset>
            )}
            <Submit>{ui.t(mine ? "live.changeAnswer" : "live.answer")}</Submit>
          </form>
        </>
      )}
      {poll.status === "closed" && <p class="ds-paragraph" data-size="sm">{ui.t("live.error.pollClosed")}</p>}
      {view.tally ? <Results ui={ui} poll={poll} tally={view.tally} /> : <p class="ds-paragraph" data-size="sm">{ui.t("live.resultsHidden")}</p>}
    </article>
  );
}

/** One's own answer as form values, so that changing it starts from it. */
export function valuesOf(mine: PollAnswer | undefined): Record<string, string> {
  if (!mine) return {};
  if ("choices" in mine) return { choice: mine.choices.map(String).join("\u001f") };
  if ("rating" in mine) return { rating: String(mine.rating) };
  if ("words" in mine) return { words: mine.words.join("\n") };
  return Object.fromEntries(mine.ranking.map((option, place) => [`rank.${option}`, String(place + 1)]));
}
