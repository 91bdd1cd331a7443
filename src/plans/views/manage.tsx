/** The organiser's pages for a plan: create it, shape its tree and rules, its years, actions and reporters. */
import { emptyForm, type FormState, type Ui } from "../../http/ui.js";
import { Layout } from "../../http/views/layout.js";
import { ActionForm, Checkbox, ChoiceGroup, Csrf, ErrorSummary, scoped, Select, Submit, TextArea, TextField } from "../../http/views/forms.js";
import type { MessageKey } from "../../i18n/messages.js";
import { pick } from "../../i18n/messages.js";
import { LIMITS } from "../../shared/fields.js";
import type { Figures, PlanTree } from "../progress.js";
import type { ActionPlan, LinkChoices, Plan, Status } from "../repository.js";
import { isoDate } from "../../i18n/format.js";
import { rollupRules } from "../rollup.js";
import { percentText } from "./figure.js";
import { StatusSection } from "./statuses.js";

/** The forms of a page, by their scope; a scope without an entry shows its defaults. */
export type Forms = Record<string, FormState>;

const ruleOptions = (ui: Ui) => rollupRules.map((r) => ({ value: r, label: ui.t(`plans.rule.${r}` as MessageKey) }));
const anyErrors = (forms: Forms) => Object.values(forms).some((f) => Object.keys(f.errors).length > 0 || f.message);

function PlanFields({ ui, form }: { ui: Ui; form: FormState }) {
  return (
    <>
      <TextField form={form} name="title" label={ui.t("plans.field.title")} required maxlength={LIMITS.title} />
      <TextField form={form} name="slug" label={ui.t("plans.field.slug")} hint={ui.t("plans.field.slugHint")} required maxlength={LIMITS.slug} />
      <TextArea form={form} name="vision" label={`${ui.t("plans.field.vision")} ${ui.t("common.optional")}`} maxlength={LIMITS.longText} rows={3} />
      <TextField form={form} name="periodStart" label={ui.t("plans.field.periodStart")} required inputmode="numeric" maxlength={4} width="short" />
      <TextField form={form} name="periodEnd" label={ui.t("plans.field.periodEnd")} required inputmode="numeric" maxlength={4} width="short" />
      <RuleFields ui={ui} form={form} withWeight={false} />
      <Checkbox form={form} name="published" label={ui.t("plans.field.published")} />
    </>
  );
}

function RuleFields({ ui, form, withWeight }: { ui: Ui; form: FormState; withWeight: boolean }) {
  return (
    <>
      <Select form={form} name="rule" label={ui.t("plans.field.rule")} options={ruleOptions(ui)} />
      <TextField form={form} name="manualProgress" label={`${ui.t("plans.field.manualProgress")} ${ui.t("common.optional")}`} hint={ui.t("plans.field.manualHint")} inputmode="numeric" maxlength={3} width="short" />
      {withWeight && <TextField form={form} name="weight" label={ui.t("plans.field.weight")} hint={ui.t("plans.field.weightHint")} inputmode="numeric" maxlength={4} width="short" />}
    </>
  );
}

function NodeFields({ ui, form }: { ui: Ui; form: FormState }) {
  return (
    <>
      <TextField form={form} name="title" label={ui.t("field.title")} required maxlength={LIMITS.title} />
      <TextArea form={form} name="description" label={`${ui.t("plans.field.description")} ${ui.t("common.optional")}`} maxlength={LIMITS.longText} rows={2} />
      <RuleFields ui={ui} form={form} withWeight />
    </>
  );
}

export function NewPlanPage({ ui, form, spaces }: { ui: Ui; form: FormState; spaces: { id: string; name: string }[] }) {
  return (
    <Layout ui={ui} title={ui.t("plans.new")} hasErrors={anyErrors({ form })} crumbs={[{ href: "/planer", label: ui.t("plans.title") }, { label: ui.t("plans.new") }]}>
      <h1 class="ds-heading" data-size="lg">{ui.t("plans.new")}</h1>
      <ErrorSummary ui={ui} form={form} />
      <form method="post" action="/planer/ny" class="stack" novalidate>
        <Csrf ui={ui} />
        <Select form={form} name="spaceId" label={ui.t("plans.field.space")} options={spaces.map((s) => ({ value: s.id, label: s.name }))} />
        <PlanFields ui={ui} form={form} />
        <Submit>{ui.t("common.create")}</Submit>
      </form>
    </Layout>
  );
}

export const nodeValues = (n: { title: string; description: string | null; rule: string; manualProgress: number | null; weight: number }) => ({ title: n.title, description: n.description ?? "", rule: n.rule, manualProgress: n.manualProgress === null ? "" : String(n.manualProgress), weight: String(n.weight) });

export const planValues = (p: Plan) => ({ title: p.title, slug: p.slug, vision: p.vision ?? "", periodStart: String(p.periodStart), periodEnd: String(p.periodEnd), rule: p.rule, manualProgress: p.manualProgress === null ? "" : String(p.manualProgress), published: p.published ? "on" : "" });

export function ManagePlanPage(p: { ui: Ui; plan: Plan; tree: PlanTree; figures: Figures; actionPlans: ActionPlan[]; reporters: { person_id: string; name: string; email: string | null; organisation_id: string; organisation: string }[]; organisations: { id: string; name: string }[]; forms: Forms }) {
  const { ui, plan, tree, figures } = p;
  const base = `/planer/${plan.slug}/hantera`;
  const form = (scope: string, defaults: Record<string, string> = {}) => scoped(p.forms[scope] ?? emptyForm(defaults), scope);
  const all = Object.entries(p.forms).map(([scope, f]) => scoped(f, scope));
  return (
    <Layout ui={ui} title={`${ui.t("plans.manage")}: ${plan.title}`} hasErrors={anyErrors(p.forms)} crumbs={[{ href: "/planer", label: ui.t("plans.title") }, { href: `/planer/${plan.slug}`, label: plan.title }, { label: ui.t("plans.manage") }]}>
      <h1 class="ds-heading" data-size="lg">{ui.t("plans.manage")}: {plan.title}</h1>
      {all.map((f) => <ErrorSummary ui={ui} form={f} />)}
      <ul class="ds-list">
        <li><a class="ds-link" href={`/planer/${plan.slug}`}>{ui.t("plans.publicPage")}</a></li>
        <li><a class="ds-link" href={`${base}/fil`}>{ui.t("plans.file.title")}</a></li>
      </ul>
      <details open={!!p.forms.plan}>
        <summary>{ui.t("plans.manage.settings")}</summary>
        <form method="post" action={`${base}/plan`} class="stack" novalidate>
          <Csrf ui={ui} />
          <PlanFields ui={ui} form={form("plan", planValues(plan))} />
          <Submit>{ui.t("common.save")}</Submit>
        </form>
      </details>
      <h2 class="ds-heading" data-size="md">{ui.t("plans.focusAreas")}</h2>
      {tree.focusAreas.map((fa) => (
        <section class="plan-area" aria-labelledby={`m-fa-${fa.id}`}>
          <h3 class="ds-heading" data-size="sm" id={`m-fa-${fa.id}`}>{fa.title}: {percentText(ui, figures.focusAreas.get(fa.id)!.progress)}</h3>
          <details open={!!p.forms[`fa-${fa.id}`]}>
            <summary>{ui.t("plans.manage.editNode", { title: fa.title })}</summary>
            <form method="post" action={`${base}/omraden/${fa.id}`} class="stack" novalidate>
              <Csrf ui={ui} />
              <NodeFields ui={ui} form={form(`fa-${fa.id}`, nodeValues(fa))} />
              <Submit>{ui.t("common.save")}</Submit>
            </form>
          </details>
          {fa.goals.map((g) => (
            <div class="plan-goal">
              <h4 class="ds-heading" data-size="xs">{g.title}: {percentText(ui, figures.goals.get(g.id)!.progress)}</h4>
              <details open={!!p.forms[`goal-${g.id}`]}>
                <summary>{ui.t("plans.manage.editNode", { title: g.title })}</summary>
                <form method="post" action={`${base}/mal/${g.id}`} class="stack" novalidate>
                  <Csrf ui={ui} />
                  <NodeFields ui={ui} form={form(`goal-${g.id}`, nodeValues(g))} />
                  <Submit>{ui.t("common.save")}</Submit>
                </form>
              </details>
            </div>
          ))}
          <details open={!!p.forms[`newgoal-${fa.id}`]}>
            <summary>{ui.t("plans.manage.addGoal", { area: fa.title })}</summary>
            <form method="post" action={`${base}/omraden/${fa.id}/mal`} class="stack" novalidate>
              <Csrf ui={ui} />
              <NodeFields ui={ui} form={form(`newgoal-${fa.id}`, { rule: "mean", weight: "1" })} />
              <Submit variant="secondary">{ui.t("plans.manage.addGoal", { area: fa.title })}</Submit>
            </form>
          </details>
        </section>
      ))}
      <details open={!!p.forms.newarea}>
        <summary>{ui.t("plans.manage.addFocusArea")}</summary>
        <form method="post" action={`${base}/omraden`} class="stack" novalidate>
          <Csrf ui={ui} />
          <NodeFields ui={ui} form={form("newarea", { rule: "mean", weight: "1" })} />
          <Submit variant="secondary">{ui.t("plans.manage.addFocusArea")}</Submit>
        </form>
      </details>
      <h2 class="ds-heading" data-size="md">{ui.t("plans.manage.actionPlans")}</h2>
      <ul class="ds-list">
        {p.actionPlans.map((ap) => (
          <li>
            <strong>{ap.year}</strong>: {ui.t("plans.actionCount", { count: tree.actions.filter((a) => a.year === ap.year).length })}.{" "}
            <a class="ds-link" href={`${base}/ar/${ap.year}/ny-atgard`}>{ui.t("plans.manage.addAction", { year: ap.year })}</a>{" "}
            <ActionForm ui={ui} action={`${base}/ar/${ap.year}/overfor`} label={ui.t("plans.manage.carryOver", { year: ap.year, next: ap.year + 1 })} variant="tertiary" />
          </li>
        ))}
      </ul>
      <form method="post" action={`${base}/ar`} class="row" novalidate>
        <Csrf ui={ui} />
        <TextField form={form("year")} name="year" label={ui.t("plans.field.year")} required inputmode="numeric" maxlength={4} width="short" />
        <Submit variant="secondary">{ui.t("plans.manage.addYear")}</Submit>
      </form>
      <StatusSection ui={ui} base={base} statuses={tree.statuses} forms={p.forms} />
      <h2 class="ds-heading" data-size="md">{ui.t("plans.manage.reporters")}</h2>
      <p class="ds-paragraph">{ui.t("plans.manage.reportersLead")}</p>
      {p.reporters.length === 0 ? (
        <p class="ds-paragraph">{ui.t("plans.manage.noReporters")}</p>
      ) : (
        <ul class="ds-list">
          {p.reporters.map((r) => (
            <li>
              {r.name} ({r.email}), {r.organisation}{" "}
              <form method="post" action={`${base}/rapportorer/ta-bort`} class="inline-form">
                <Csrf ui={ui} />
                <input type="hidden" name="personId" value={r.person_id} />
                <input type="hidden" name="organisationId" value={r.organisation_id} />
                <button type="submit" class="ds-button" data-variant="tertiary">{ui.t("plans.manage.revoke", { name: r.name, organisation: r.organisation })}</button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <form method="post" action={`${base}/rapportorer`} class="row" novalidate>
        <Csrf ui={ui} />
        <TextField form={form("reporter")} name="email" label={ui.t("plans.field.email")} type="email" required maxlength={LIMITS.email} autocomplete="off" />
        <Select form={form("reporter")} name="organisationId" label={ui.t("plans.field.organisation")} options={[{ value: "", label: "–" }, ...p.organisations.map((o) => ({ value: o.id, label: o.name }))]} />
        <Submit variant="secondary">{ui.t("plans.manage.addReporter")}</Submit>
      </form>
    </Layout>
  );
}

export function ActionFormPage(p: { ui: Ui; plan: Plan; year: number; action: string; form: FormState; statuses: Status[]; tree: PlanTree; organisations: { id: string; name: string }[]; links: LinkChoices; editing: boolean; fromIdea?: string }) {
  const { ui, plan, form } = p;
  const title = p.editing ? ui.t("plans.manage.editAction") : p.fromIdea ? ui.t("plans.ideas.fromIdea", { idea: p.fromIdea }) : ui.t("plans.manage.addAction", { year: p.year });
  const orgOptions = [{ value: "", label: "–" }, ...p.organisations.map((o) => ({ value: o.id, label: o.name }))];
  return (
    <Layout ui={ui} title={title} hasErrors={anyErrors({ form })} crumbs={[{ href: "/planer", label: ui.t("plans.title") }, { href: `/planer/${plan.slug}/hantera`, label: plan.title }, { label: title }]}>
      <h1 class="ds-heading" data-size="lg">{title}</h1>
      <ErrorSummary ui={ui} form={form} />
      <form method="post" action={p.action} class="stack" novalidate>
        <Csrf ui={ui} />
        {form.values.ideaId && <input type="hidden" name="ideaId" value={form.values.ideaId} />}
        <TextField form={form} name="ref" label={ui.t("plans.field.ref")} hint={ui.t("plans.field.refHint")} required maxlength={20} width="short" />
        <TextField form={form} name="title" label={ui.t("field.title")} required maxlength={LIMITS.title} />
        <TextArea form={form} name="description" label={`${ui.t("plans.field.description")} ${ui.t("common.optional")}`} maxlength={LIMITS.longText} rows={4} />
        {!p.editing && <Select form={form} name="statusId" label={ui.t("plans.field.status")} options={p.statuses.map((s) => ({ value: s.id, label: pick(ui.locale, s.label, s.labelEn) }))} />}
        {[1, 2, 3].map((n) => (
          <Select form={form} name={`owner${n}`} label={`${ui.t("plans.field.owner", { n })}${n > 1 ? ` ${ui.t("common.optional")}` : ""}`} options={orgOptions} />
        ))}
        <TextField form={form} name="contactName" label={`${ui.t("plans.field.contactName")} ${ui.t("common.optional")}`} maxlength={LIMITS.name} autocomplete="off" />
        <TextField form={form} name="contactEmail" label={`${ui.t("plans.field.contactEmail")} ${ui.t("common.optional")}`} type="email" maxlength={LIMITS.email} autocomplete="off" />
        <TextField form={form} name="startsOn" label={`${ui.t("plans.field.startsOn")} ${ui.t("common.optional")}`} type="date" width="short" />
        <TextField form={form} name="endsOn" label={`${ui.t("plans.field.endsOn")} ${ui.t("common.optional")}`} type="date" width="short" />
        <fieldset class="ds-fieldset">
          <legend class="ds-label">{ui.t("plans.field.goalsLegend")}</legend>
          <p class="ds-paragraph" data-size="sm">{ui.t("plans.field.goalsHint")}</p>
          {p.tree.focusAreas.flatMap((fa) => fa.goals.map((g) => <TextField form={form} name={`goal.${g.id}`} label={ui.t("plans.field.goalWeight", { goal: `${fa.title}: ${g.title}` })} inputmode="numeric" maxlength={4} width="short" />))}
        </fieldset>
        {p.links.events.length > 0 && <ChoiceGroup form={form} name="events" type="checkbox" legend={`${ui.t("plans.field.events")} ${ui.t("common.optional")}`} hint={ui.t("plans.field.eventsHint")} options={p.links.events.map((e) => ({ value: e.id, label: `${e.title} (${isoDate(e.startsAt)})` }))} />}
        {p.links.networks.length > 0 && <ChoiceGroup form={form} name="networks" type="checkbox" legend={`${ui.t("plans.field.networks")} ${ui.t("common.optional")}`} hint={ui.t("plans.field.networksHint")} options={p.links.networks.map((n) => ({ value: n.id, label: n.name }))} />}
        {p.links.sessions.length > 0 &&
          [1, 2, 3].map((n) => <Select form={form} name={`session${n}`} label={`${ui.t("plans.field.session", { n })} ${ui.t("common.optional")}`} options={[{ value: "", label: "–" }, ...p.links.sessions.map((s) => ({ value: s.id, label: `${s.eventTitle}: ${s.title}` }))]} />)}
        <Submit>{p.editing ? ui.t("common.save") : ui.t("common.create")}</Submit>
      </form>
    </Layout>
  );
}
