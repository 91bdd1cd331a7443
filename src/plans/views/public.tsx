/** The public follow-up: the list of plans, a plan with its figures and actions, and what changed since a date. */
import type { Ui } from "../../http/ui.js";
import { Layout } from "../../http/views/layout.js";
import { TableScroll } from "../../http/views/table.js";
import { isoDate, longDate, stockholmToInstant } from "../../i18n/format.js";
import { capitalise, pick } from "../../i18n/messages.js";
import type { Figures, PlanTree, TreeAction, TreeStatus } from "../progress.js";
import type { Plan } from "../repository.js";
import { normalisedWeights } from "../rollup.js";
import { ActionProgress, Figure, percentText } from "./figure.js";

export function PlansIndexPage({ ui, plans, mine }: { ui: Ui; plans: Plan[]; mine: { id: string; title: string; ref: string; year: number; slug: string; plan: string; progress: number | null }[] }) {
  return (
    <Layout ui={ui} title={ui.t("plans.title")}>
      <h1 class="ds-heading" data-size="lg">{ui.t("plans.title")}</h1>
      <p class="ds-paragraph">{ui.t("plans.lead")}</p>
      {plans.length === 0 ? (
        <p class="ds-paragraph">{ui.t("plans.none")}</p>
      ) : (
        <ul class="ds-list">
          {plans.map((p) => (
            <li>
              <a class="ds-link" href={`/planer/${p.slug}`}>{p.title}</a> ({ui.t("plans.period", { from: p.periodStart, to: p.periodEnd })}){!p.published && <> – {ui.t("plans.unpublished")}</>}
            </li>
          ))}
        </ul>
      )}
      {mine.length > 0 && (
        <section aria-labelledby="plans-mine">
          <h2 class="ds-heading" data-size="md" id="plans-mine">{ui.t("plans.mine")}</h2>
          <ul class="ds-list">
            {mine.map((a) => (
              <li>
                <a class="ds-link" href={`/planer/${a.slug}/atgarder/${a.id}`}>{a.ref} {a.title}</a> ({a.plan}, {a.year}): {percentText(ui, a.progress)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {ui.actor?.organises && <p class="ds-paragraph"><a class="ds-link" href="/planer/ny">{ui.t("plans.new")}</a></p>}
    </Layout>
  );
}

export interface PlanFilter {
  focusAreaId: string;
  organisationId: string;
  municipalityCode: string;
  since: string;
}

export interface SinceView {
  date: Date;
  planThen: number | null;
  changes: { action: TreeAction; then: { progress: number; statusId: string } | null; isNew: boolean }[];
}

export function statusLabel(ui: Ui, statuses: TreeStatus[], id: string): string {
  const s = statuses.find((x) => x.id === id);
  return s ? pick(ui.locale, s.label, s.labelEn) : "";
}

/** The actions of a goal; under the weighted rule each one's share of the goal's figure, so the figure can be checked. */
function ActionsTable({ ui, slug, tree, actions, caption, shares }: { ui: Ui; slug: string; tree: PlanTree; actions: TreeAction[]; caption: string; shares?: Map<string, number> }) {
  if (actions.length === 0) return <p class="ds-paragraph">{ui.t("plans.noActions")}</p>;
  return (
    <TableScroll label={caption}>
      <table class="ds-table" data-zebra="true">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{ui.t("plans.ref")}</th>
            <th scope="col">{ui.t("plans.action")}</th>
            <th scope="col">{ui.t("plans.owners")}</th>
            <th scope="col">{ui.t("plans.year")}</th>
            <th scope="col">{ui.t("plans.status")}</th>
            <th scope="col">%</th>
            {shares && <th scope="col">{ui.t("plans.share")}</th>}
          </tr>
        </thead>
        <tbody>
          {actions.map((a) => (
            <tr>
              <td>{a.ref}</td>
              <td><a class="ds-link" href={`/planer/${slug}/atgarder/${a.id}`}>{a.title}</a></td>
              <td>{a.owners.map((o) => o.name).join(", ")}</td>
              <td>{a.year}</td>
              <td>{statusLabel(ui, tree.statuses, a.statusId)}</td>
              <td><ActionProgress ui={ui} progress={a.progress} title={a.title} /></td>
              {shares && <td>{shares.has(a.id) ? `${Math.round(shares.get(a.id)! * 100)} %` : "–"}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Each current action's share of a goal's figure under the weighted rule (left-out statuses have none). */
function goalShares(tree: PlanTree, goalId: string): Map<string, number> {
  const statuses = new Map(tree.statuses.map((st) => [st.id, st]));
  const linked = tree.actions.filter((a) => !a.superseded && a.goals.some((g) => g.goalId === goalId));
  const children = linked.map((a) => ({ progress: a.progress, weight: a.goals.find((g) => g.goalId === goalId)!.weight, done: false, counts: statuses.get(a.statusId)?.counts ?? true }));
  const weights = normalisedWeights(children);
  return new Map(linked.flatMap((a, i) => (children[i]!.counts ? [[a.id, weights[i]!] as [string, number]] : [])));
}

export function SinceSection({ ui, slug, tree, since, figures }: { ui: Ui; slug: string; tree: PlanTree; since: SinceView; figures: Figures }) {
  return (
    <section class="plan-since" aria-labelledby="plan-since">
      <h2 class="ds-heading" data-size="md" id="plan-since">{ui.t("plans.since.title", { date: longDate(since.date, ui.locale) })}</h2>
      <p class="ds-paragraph">{ui.t("plans.since.plan", { then: percentText(ui, since.planThen), now: percentText(ui, figures.plan.progress) })}</p>
      <p class="ds-paragraph" data-size="sm">{ui.t("plans.since.note")}</p>
      {since.changes.length === 0 ? (
        <p class="ds-paragraph">{ui.t("plans.since.none")}</p>
      ) : (
        <ul class="ds-list">
          {since.changes.map(({ action, then, isNew }) => (
            <li>
              <a class="ds-link" href={`/planer/${slug}/atgarder/${action.id}`}>{action.ref} {action.title}</a>
              {": "}
              {isNew && <strong>{ui.t("plans.since.new")} </strong>}
              {ui.t("plans.since.change", { then: then ? `${statusLabel(ui, tree.statuses, then.statusId)} ${percentText(ui, then.progress)}` : percentText(ui, null), now: `${statusLabel(ui, tree.statuses, action.statusId)} ${percentText(ui, action.progress)}` })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function PlanPage(p: { ui: Ui; plan: Plan; tree: PlanTree; figures: Figures; shown: TreeAction[]; filter: PlanFilter; organisations: { id: string; name: string }[]; municipalities: { code: string; name: string }[]; since: SinceView | null; manages: boolean; publicUrl: string }) {
  const { ui, plan, tree, figures, filter } = p;
  const shownIds = new Set(p.shown.map((a) => a.id));
  const filtered = filter.focusAreaId !== "" || filter.organisationId !== "" || filter.municipalityCode !== "";
  const embed = `<iframe src="${p.publicUrl}/planer/${plan.slug}/inbaddning" title="${plan.title.replace(/"/g, "&quot;")}" width="100%" height="600"></iframe>`;
  return (
    <Layout ui={ui} title={plan.title} crumbs={[{ href: "/planer", label: ui.t("plans.title") }, { label: plan.title }]}>
      <h1 class="ds-heading" data-size="lg">{plan.title}</h1>
      <p class="ds-paragraph">{ui.t("plans.period", { from: plan.periodStart, to: plan.periodEnd })}{!plan.published && <> – {ui.t("plans.unpublished")}</>}</p>
      <Figure ui={ui} r={figures.plan} title={plan.title} size="lg" />
      <ul class="ds-list">
        <li><a class="ds-link" href={`/planer/${plan.slug}/ideer`}>{ui.t("plans.ideas.title")}</a></li>
        <li><a class="ds-link" href={`/planer/${plan.slug}/ideer/ny`}>{ui.t("plans.ideas.send")}</a></li>
        {p.manages && <li><a class="ds-link" href={`/planer/${plan.slug}/hantera`}>{ui.t("plans.manage")}</a></li>}
      </ul>
      {plan.vision && (
        <>
          <h2 class="ds-heading" data-size="md">{ui.t("plans.vision")}</h2>
          <p class="ds-paragraph">{plan.vision}</p>
        </>
      )}
      <p class="ds-paragraph" data-size="sm">{ui.t("plans.rule.missingIsZero")}</p>
      <form method="get" action={`/planer/${plan.slug}`} class="row" aria-label={ui.t("plans.filter")}>
        <div class="ds-field">
          <label class="ds-label" for="f-omrade">{capitalise(ui.t("plans.filter.focusArea"))}</label>
          <select class="ds-input" id="f-omrade" name="omrade">
            <option value="">{ui.t("plans.filter.all")}</option>
            {tree.focusAreas.map((fa) => <option value={fa.id} selected={filter.focusAreaId === fa.id}>{fa.title}</option>)}
          </select>
        </div>
        <div class="ds-field">
          <label class="ds-label" for="f-organisation">{capitalise(ui.t("plans.filter.organisation"))}</label>
          <select class="ds-input" id="f-organisation" name="organisation">
            <option value="">{ui.t("plans.filter.all")}</option>
            {p.organisations.map((o) => <option value={o.id} selected={filter.organisationId === o.id}>{o.name}</option>)}
          </select>
        </div>
        <div class="ds-field">
          <label class="ds-label" for="f-kommun">{capitalise(ui.t("plans.filter.municipality"))}</label>
          <select class="ds-input" id="f-kommun" name="kommun">
            <option value="">{ui.t("plans.filter.all")}</option>
            {p.municipalities.map((m) => <option value={m.code} selected={filter.municipalityCode === m.code}>{m.name}</option>)}
          </select>
        </div>
        <div class="ds-field">
          <label class="ds-label" for="f-sedan">{capitalise(ui.t("plans.filter.since"))}</label>
          <input class="ds-input" type="date" id="f-sedan" name="sedan" value={filter.since} />
        </div>
        <button class="ds-button" type="submit">{ui.t("plans.filter.apply")}</button>
      </form>
      {p.since && <SinceSection ui={ui} slug={plan.slug} tree={tree} since={p.since} figures={figures} />}
      <p class="ds-paragraph" role="status">
        {ui.t("plans.actionCount", { count: p.shown.length })}
        {filtered && <> {ui.t("plans.figuresNote")}</>}
      </p>
      <h2 class="ds-heading" data-size="md">{ui.t("plans.focusAreas")}</h2>
      {tree.focusAreas
        .filter((fa) => filter.focusAreaId === "" || fa.id === filter.focusAreaId)
        .map((fa) => (
          <section class="plan-area" aria-labelledby={`fa-${fa.id}`}>
            <h3 class="ds-heading" data-size="sm" id={`fa-${fa.id}`}>{ui.t("plans.focusArea")}: {fa.title}</h3>
            <Figure ui={ui} r={figures.focusAreas.get(fa.id)!} title={fa.title} />
            {fa.description && <p class="ds-paragraph">{fa.description}</p>}
            {fa.goals.map((g) => {
              const actions = tree.actions.filter((a) => shownIds.has(a.id) && a.goals.some((l) => l.goalId === g.id));
              return (
                <div class="plan-goal">
                  <h4 class="ds-heading" data-size="xs">{ui.t("plans.goal")}: {g.title}</h4>
                  <Figure ui={ui} r={figures.goals.get(g.id)!} title={g.title} />
                  {g.description && <p class="ds-paragraph">{g.description}</p>}
                  <ActionsTable ui={ui} slug={plan.slug} tree={tree} actions={actions} caption={`${ui.t("plans.actions")}: ${g.title}`} shares={g.rule === "weighted" ? goalShares(tree, g.id) : undefined} />
                </div>
              );
            })}
          </section>
        ))}
      <h2 class="ds-heading" data-size="md">{ui.t("plans.embed")}</h2>
      <p class="ds-paragraph">{ui.t("plans.embedLead")}</p>
      <div class="ds-field">
        <label class="ds-label" for="f-embed">{capitalise(ui.t("plans.embedCode"))}</label>
        <textarea class="ds-input" id="f-embed" rows={3} readonly>{embed}</textarea>
      </div>
      <p class="ds-paragraph">
        <a class="ds-link" href={`/planer/${plan.slug}/skarm${filter.since ? `?sedan=${filter.since}` : ""}`}>{ui.t("plans.screen")}</a>
      </p>
    </Layout>
  );
}

/** Every action's figure as a list, for a page of its own on the region's website or the big screen. */
export function PlanSummary({ ui, plan, tree, figures }: { ui: Ui; plan: Plan; tree: PlanTree; figures: Figures }) {
  return (
    <>
      <Figure ui={ui} r={figures.plan} title={plan.title} size="lg" />
      <ul class="ds-list">
        {tree.focusAreas.map((fa) => (
          <li>
            <strong>{fa.title}</strong>: {percentText(ui, figures.focusAreas.get(fa.id)!.progress)}
            <ul>
              {fa.goals.map((g) => <li>{g.title}: {percentText(ui, figures.goals.get(g.id)!.progress)}</li>)}
            </ul>
          </li>
        ))}
      </ul>
    </>
  );
}

/** A "since" date typed as YYYY-MM-DD: its start in Stockholm; null when it is not a date. */
export const sinceDate = (value: string | undefined): Date | null => {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const d = stockholmToInstant(value, "00:00");
  return d && isoDate(d) === value ? d : null;
};
