/** The plan's ideas: what became of them (public), the review list (organisers), the public form, following an action. */
import { emptyForm, type FormState, type Ui } from "../../http/ui.js";
import { Layout } from "../../http/views/layout.js";
import { Checkbox, Csrf, ErrorSummary, scoped, Select, Submit, TextArea, TextField } from "../../http/views/forms.js";
import { capitalise } from "../../i18n/messages.js";
import { LIMITS } from "../../shared/fields.js";
import type { PlanIdea } from "../ideas.js";
import type { ActionPlan, Plan } from "../repository.js";
import type { TreeAction } from "../progress.js";
import type { Forms } from "./manage.js";

import { IDEA_BODY_MAX, IDEA_TITLE_MAX } from "../schemas.js";

const originText = (ui: Ui, idea: Pick<PlanIdea, "origin">) => (idea.origin === "form" ? ui.t("plans.ideas.origin.form") : idea.origin);

function IdeaHead({ ui, idea }: { ui: Ui; idea: PlanIdea }) {
  return (
    <>
      <h3 class="ds-heading" data-size="xs">{idea.title}</h3>
      {idea.body && <p class="ds-paragraph">{idea.body}</p>}
      <p class="ds-paragraph" data-size="sm">
        {originText(ui, idea)}
        {idea.votes > 0 && <>, {ui.t("plans.ideas.votes", { n: idea.votes })}</>}
      </p>
    </>
  );
}

export function IdeasPage(p: { ui: Ui; plan: Plan; decided: PlanIdea[]; actionsById: Map<string, TreeAction>; review: { ideas: PlanIdea[]; actionPlans: ActionPlan[]; actions: TreeAction[]; forms: Forms } | null }) {
  const { ui, plan } = p;
  const base = `/planer/${plan.slug}/ideer`;
  const errors = p.review ? Object.entries(p.review.forms).map(([scope, f]) => scoped(f, scope)) : [];
  return (
    <Layout ui={ui} title={`${ui.t("plans.ideas.title")}: ${plan.title}`} hasErrors={errors.some((f) => Object.keys(f.errors).length > 0 || f.message)} crumbs={[{ href: "/planer", label: ui.t("plans.title") }, { href: `/planer/${plan.slug}`, label: plan.title }, { label: ui.t("plans.ideas.title") }]}>
      <h1 class="ds-heading" data-size="lg">{ui.t("plans.ideas.title")}</h1>
      {errors.map((f) => <ErrorSummary ui={ui} form={f} />)}
      <p class="ds-paragraph">{ui.t("plans.ideas.lead")}</p>
      <p class="ds-paragraph"><a class="ds-link" href={`${base}/ny`}>{ui.t("plans.ideas.send")}</a></p>
      {p.review && (
        <section aria-labelledby="ideas-review">
          <h2 class="ds-heading" data-size="md" id="ideas-review">{ui.t("plans.ideas.review")}</h2>
          <form method="post" action={`${base}/hamta`} class="inline-form">
            <Csrf ui={ui} />
            <Submit variant="secondary">{ui.t("plans.ideas.takeIn")}</Submit>
          </form>
          {p.review.ideas.length === 0 && <p class="ds-paragraph">{ui.t("plans.ideas.noneToReview")}</p>}
          {p.review.ideas.map((idea) => {
            const promote = scoped(emptyForm({ year: String(p.review!.actionPlans.at(-1)?.year ?? "") }), `promote-${idea.id}`);
            const attach = scoped(p.review!.forms[`attach-${idea.id}`] ?? emptyForm(), `attach-${idea.id}`);
            const decline = scoped(p.review!.forms[`decline-${idea.id}`] ?? emptyForm(), `decline-${idea.id}`);
            return (
              <article class="plan-goal" aria-label={idea.title}>
                <IdeaHead ui={ui} idea={idea} />
                {p.review!.actionPlans.length > 0 && (
                  <form method="get" action={`/planer/${plan.slug}/hantera/ny-atgard`} class="row">
                    <input type="hidden" name="ide" value={idea.id} />
                    <Select form={promote} name="year" label={ui.t("plans.ideas.field.year")} options={p.review!.actionPlans.map((ap) => ({ value: String(ap.year), label: String(ap.year) }))} />
                    <Submit variant="secondary">{ui.t("plans.ideas.promote")}</Submit>
                  </form>
                )}
                {p.review!.actions.length > 0 && (
                  <form method="post" action={`${base}/${idea.id}/koppla`} class="row" novalidate>
                    <Csrf ui={ui} />
                    <Select form={attach} name="actionId" label={ui.t("plans.ideas.field.action")} options={[{ value: "", label: "–" }, ...p.review!.actions.map((a) => ({ value: a.id, label: `${a.ref} ${a.title} (${a.year})` }))]} />
                    <Submit variant="secondary">{ui.t("plans.ideas.attach")}</Submit>
                  </form>
                )}
                <form method="post" action={`${base}/${idea.id}/avsla`} class="row" novalidate>
                  <Csrf ui={ui} />
                  <TextField form={decline} name="reason" label={ui.t("plans.ideas.field.reason")} required maxlength={500} />
                  <Submit variant="tertiary">{ui.t("plans.ideas.decline")}</Submit>
                </form>
              </article>
            );
          })}
        </section>
      )}
      <section aria-labelledby="ideas-decided">
        <h2 class="ds-heading" data-size="md" id="ideas-decided">{ui.t("plans.ideas.decided")}</h2>
        {p.decided.length === 0 && <p class="ds-paragraph">{ui.t("plans.ideas.noneDecided")}</p>}
        {p.decided.map((idea) => {
          const action = idea.actionId ? p.actionsById.get(idea.actionId) : undefined;
          return (
            <article class="plan-goal" aria-label={idea.title}>
              <IdeaHead ui={ui} idea={idea} />
              <p class="ds-paragraph">
                {idea.status === "declined" ? (
                  ui.t("plans.ideas.status.declined", { reason: idea.declineReason ?? "" })
                ) : (
                  <>
                    {ui.t(idea.status === "promoted" ? "plans.ideas.status.promoted" : "plans.ideas.status.attached")}{" "}
                    {action && <a class="ds-link" href={`/planer/${plan.slug}/atgarder/${action.id}`}>{action.ref} {action.title}</a>}
                  </>
                )}
              </p>
            </article>
          );
        })}
      </section>
    </Layout>
  );
}

export function SendIdeaPage({ ui, plan, form }: { ui: Ui; plan: Plan; form: FormState }) {
  return (
    <Layout ui={ui} title={ui.t("plans.ideas.send")} hasErrors={Object.keys(form.errors).length > 0} crumbs={[{ href: `/planer/${plan.slug}`, label: plan.title }, { href: `/planer/${plan.slug}/ideer`, label: ui.t("plans.ideas.title") }, { label: ui.t("plans.ideas.send") }]}>
      <h1 class="ds-heading" data-size="lg">{ui.t("plans.ideas.send")}</h1>
      <ErrorSummary ui={ui} form={form} />
      <p class="ds-paragraph">{ui.t("plans.ideas.sendLead")}</p>
      <form method="post" action={`/planer/${plan.slug}/ideer/ny`} class="stack" novalidate>
        <Csrf ui={ui} />
        <TextField form={form} name="title" label={ui.t("plans.ideas.field.title")} required maxlength={IDEA_TITLE_MAX} />
        <TextArea form={form} name="body" label={`${ui.t("plans.ideas.field.body")} ${ui.t("common.optional")}`} maxlength={IDEA_BODY_MAX} rows={4} />
        <TextField form={form} name="name" label={`${ui.t("plans.ideas.field.name")} ${ui.t("common.optional")}`} maxlength={LIMITS.name} autocomplete="name" />
        <TextField form={form} name="email" label={`${ui.t("plans.ideas.field.email")} ${ui.t("common.optional")}`} hint={ui.t("plans.ideas.field.emailHint")} type="email" maxlength={LIMITS.email} autocomplete="email" />
        <Checkbox form={form} name="wantsUpdates" label={ui.t("plans.ideas.field.wantsUpdates")} />
        <Submit>{ui.t("plans.ideas.send")}</Submit>
      </form>
    </Layout>
  );
}

/** The page of a follow link: a button to confirm or to stop (a link alone changes nothing: mail scanners open links). */
export function FollowLinkPage({ ui, kind, token, done, bad }: { ui: Ui; kind: "confirm" | "stop"; token: string; done: boolean; bad: boolean }) {
  const title = kind === "confirm" ? ui.t("plans.followConfirm") : ui.t("plans.followStop");
  return (
    <Layout ui={ui} title={title}>
      <h1 class="ds-heading" data-size="lg">{title}</h1>
      {bad ? (
        <p class="ds-paragraph">{ui.t("plans.followBadLink")}</p>
      ) : done ? (
        <p class="ds-paragraph" role="status">{kind === "confirm" ? ui.t("plans.followConfirmed") : ui.t("plans.followStopped")}</p>
      ) : (
        <form method="post" action={`/planer/${kind === "confirm" ? "folj" : "sluta-folja"}/${token}`}>
          <Csrf ui={ui} />
          <Submit>{capitalise(title)}</Submit>
        </form>
      )}
    </Layout>
  );
}
