/** The idea wall: the participant's (post, vote, comment), the moderator's (hide, group, top) and the screen's top list. */
import type { FormState, Ui } from "../../http/ui.js";
import { Csrf, ErrorSummary, Select, Submit, TextArea, TextField, scoped } from "../../http/views/forms.js";
import type { IdeaWithComments, LiveIdea } from "../ideas.js";
import type { RoomWithContext } from "../service.js";
import { NAME_MAX, QUESTION_MAX } from "./participant.js";

const by = (ui: Ui, i: { displayName: string | null }) => i.displayName ?? ui.t("live.anonymous");

function IdeaHead({ ui, idea }: { ui: Ui; idea: LiveIdea }) {
  return (
    <>
      {idea.top && <strong class="live-badge">{ui.t("live.top")}</strong>}
      <p class="ds-paragraph live-text"><strong>{idea.title}</strong></p>
      {idea.body && <p class="ds-paragraph">{idea.body}</p>}
      <p class="ds-paragraph" data-size="sm">{[by(ui, idea), ...idea.tags.map((t) => `#${t}`)].join(" · ")}</p>
    </>
  );
}

export function ParticipantIdeas({ ui, ctx, ideas, voted, form, commentForms }: { ui: Ui; ctx: RoomWithContext; ideas: IdeaWithComments[]; voted: Set<string>; form: FormState; commentForms: Record<string, FormState> }) {
  const base = `/live/${ctx.room.code}`;
  // Closed and empty: nothing to show but what was refused, if anything was.
  if (!ctx.room.ideasOpen && ideas.length === 0) return <ErrorSummary ui={ui} form={scoped(form, "idea")} />;
  return (
    <>
      {ctx.room.ideasOpen && (
        <section aria-labelledby="live-post-idea">
          <h2 class="ds-heading" data-size="sm" id="live-post-idea">{ui.t("live.postIdea")}</h2>
          <p class="ds-paragraph" data-size="sm">{ui.t("live.ideasLead")}</p>
          <ErrorSummary ui={ui} form={scoped(form, "idea")} />
          <form method="post" action={`${base}/ideer`} class="stack" novalidate>
            <Csrf ui={ui} />
            <TextField form={scoped(form, "idea")} name="title" label={ui.t("live.ideaTitle")} maxlength={150} />
            <TextArea form={scoped(form, "idea")} name="body" label={`${ui.t("live.ideaBody")} ${ui.t("common.optional")}`} rows={3} maxlength={1000} />
            <TextField form={scoped(form, "idea")} name="tags" label={`${ui.t("live.ideaTags")} ${ui.t("common.optional")}`} hint={ui.t("live.ideaTagsHint")} maxlength={200} />
            <TextField form={scoped(form, "idea")} name="name" label={`${ui.t("live.yourName")} ${ui.t("common.optional")}`} hint={ui.t("live.yourNameHint")} autocomplete="name" maxlength={NAME_MAX} />
            <Submit>{ui.t("live.sendIdea")}</Submit>
          </form>
        </section>
      )}
      <section aria-labelledby="live-ideas" id="live-ideas-region" data-live-region>
        <h2 class="ds-heading" data-size="sm" id="live-ideas">{ui.t("live.ideas")}</h2>
        {ideas.length === 0 ? (
          <p class="ds-paragraph">{ui.t("live.noIdeas")}</p>
        ) : (
          <ul class="live-questions">
            {ideas.map((idea) => {
              const mine = voted.has(idea.id);
              const cform = scoped(commentForms[idea.id] ?? { values: {}, errors: {} }, `c-${idea.id.slice(0, 8)}`);
              return (
                <li class={`live-question${idea.top ? " is-highlighted" : ""}`} id={`i-${idea.id}`}>
                  <IdeaHead ui={ui} idea={idea} />
                  <form method="post" action={`${base}/ideer/${idea.id}/rost`} class="inline-form">
                    <Csrf ui={ui} />
                    <button type="submit" class="ds-button" data-variant={mine ? "primary" : "secondary"} aria-pressed={mine ? "true" : "false"} aria-label={ui.t(mine ? "live.ideaUnvote" : "live.ideaVote", { title: idea.title.slice(0, 80) })}>
                      {ui.t(mine ? "live.votedShort" : "live.voteShort", { n: String(idea.votes) })}
                    </button>
                  </form>
                  {idea.grouped.length > 0 && (
                    <div class="live-grouped">
                      <p class="ds-paragraph" data-size="sm"><strong>{ui.t("live.groupedUnder")}</strong></p>
                      <ul class="ds-list">
                        {idea.grouped.map((g) => (
                          <li>{`${g.title} (${ui.t("live.votes", { n: String(g.votes) })})`}</li>
                        ))}
                      </ul>
                    </div>
                  )}
                  {idea.comments.length > 0 && (
                    <ul class="live-comments">
                      {idea.comments.map((cm) => (
                        <li><span>{cm.text}</span> <span class="live-asker">{`– ${by(ui, cm)}`}</span></li>
                      ))}
                    </ul>
                  )}
                  {ctx.room.ideasOpen && (
                    <details class="live-comment-form" open={Object.keys(cform.errors).length > 0}>
                      <summary>{ui.t("live.commentOn", { title: idea.title.slice(0, 60) })}</summary>
                      <ErrorSummary ui={ui} form={cform} />
                      <form method="post" action={`${base}/ideer/${idea.id}/kommentar`} class="stack" novalidate>
                        <Csrf ui={ui} />
                        <TextArea form={cform} name="text" label={ui.t("live.comment")} rows={2} maxlength={QUESTION_MAX} />
                        <TextField form={cform} name="name" label={`${ui.t("live.yourName")} ${ui.t("common.optional")}`} autocomplete="name" maxlength={NAME_MAX} />
                        <Submit variant="secondary">{ui.t("live.sendComment")}</Submit>
                      </form>
                    </details>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}

export function ModeratorIdeas({ ui, ctx, ideas, hidden }: { ui: Ui; ctx: RoomWithContext; ideas: IdeaWithComments[]; hidden: IdeaWithComments[] }) {
  const base = `/live/${ctx.room.code}/moderera/ideer`;
  const heads = ideas.filter((i) => !i.groupedUnder);
  const button = (idea: LiveIdea, action: string, extra?: Record<string, string>) => (
    <form method="post" action={`${base}/${idea.id}`} class="inline-form">
      <Csrf ui={ui} />
      <input type="hidden" name="action" value={action} />
      {Object.entries(extra ?? {}).map(([k, v]) => <input type="hidden" name={k} value={v} />)}
      <button type="submit" class="ds-button" data-size="sm" data-variant="secondary" aria-label={ui.t("live.actionFor", { action: ui.t(`live.ideaAction.${action as "hide"}`), text: idea.title.slice(0, 80) })}>
        {ui.t(`live.ideaAction.${action as "hide"}`)}
      </button>
    </form>
  );
  const all = [...ideas.flatMap((i) => [i, ...i.grouped.map((g) => ({ ...g, comments: [], grouped: [] }))])];
  return (
    <section aria-labelledby="live-mod-ideas">
      <h2 class="ds-heading" data-size="sm" id="live-mod-ideas">{`${ui.t("live.ideas")} (${all.length})`}</h2>
      {all.length === 0 && <p class="ds-paragraph">{ui.t("live.emptyList")}</p>}
      <ul class="live-questions">
        {all.map((idea) => (
          <li class={`live-question${idea.top ? " is-highlighted" : ""}`}>
            <IdeaHead ui={ui} idea={idea} />
            <p class="ds-paragraph" data-size="sm">{ui.t("live.votes", { n: String(idea.votes) })}{idea.groupedUnder ? ` · ${ui.t("live.groupedUnder")}: ${all.find((h) => h.id === idea.groupedUnder)?.title ?? ""}` : ""}</p>
            <div class="live-actions">
              {button(idea, idea.top ? "untop" : "top")}
              {button(idea, "hide")}
              {idea.groupedUnder && button(idea, "ungroup")}
            </div>
            {!idea.groupedUnder && heads.length > 1 && (
              <form method="post" action={`${base}/${idea.id}`} class="inline-form live-group-form">
                <Csrf ui={ui} />
                <input type="hidden" name="action" value="group" />
                <Select form={scoped({ values: {}, errors: {} }, `g-${idea.id.slice(0, 8)}`)} name="under" label={ui.t("live.groupWith")} options={heads.filter((h) => h.id !== idea.id).map((h) => ({ value: h.id, label: h.title.slice(0, 60) }))} />
                <button type="submit" class="ds-button" data-size="sm" data-variant="secondary" aria-label={ui.t("live.actionFor", { action: ui.t("live.ideaAction.group"), text: idea.title.slice(0, 80) })}>{ui.t("live.ideaAction.group")}</button>
              </form>
            )}
            {idea.comments.map((cm) => (
              <div class="live-comment-mod">
                <p class="ds-paragraph" data-size="sm">{`${cm.text} – ${by(ui, cm)}`}</p>
                {button(idea, "hide-comment", { commentId: cm.id })}
              </div>
            ))}
          </li>
        ))}
      </ul>
      {hidden.length > 0 && (
        <>
          <h3 class="ds-heading" data-size="xs">{ui.t("live.hiddenIdeas")}</h3>
          <ul class="live-questions">
            {hidden.map((idea) => (
              <li class="live-question">
                <IdeaHead ui={ui} idea={idea} />
                {button(idea, "show")}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function ScreenIdeas({ ui, ideas }: { ui: Ui; ideas: IdeaWithComments[] }) {
  if (ideas.length === 0) return null;
  return (
    <section aria-labelledby="live-top-ideas">
      <h2 class="ds-heading" data-size="md" id="live-top-ideas">{ui.t("live.topIdeas")}</h2>
      <ol class="live-top">
        {ideas.slice(0, 5).map((i) => (
          <li>
            <span class="live-text">{i.title}</span> <span class="live-votes">{ui.t("live.votes", { n: String(i.votes + i.grouped.reduce((n, g) => n + g.votes, 0)) })}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
