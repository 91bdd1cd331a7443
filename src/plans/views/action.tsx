/** An action's own page: what it is, who owns it, where it stands, its milestones and every report. */
import type { Ui, FormState } from "../../http/ui.js";
import { Layout } from "../../http/views/layout.js";
import { ActionForm, Csrf, ErrorSummary, scoped, Select, Submit, TextArea, TextField } from "../../http/views/forms.js";
import { TableScroll } from "../../http/views/table.js";
import { localStamp, longDate, stockholmToInstant } from "../../i18n/format.js";
import { capitalise, pick } from "../../i18n/messages.js";
import type { ActionDetails } from "../details.js";
import type { Plan, Status } from "../repository.js";
import { ActionProgress } from "./figure.js";

const dayText = (ui: Ui, day: string) => longDate(stockholmToInstant(day, "12:00")!, ui.locale);

export function ActionPage(p: { ui: Ui; plan: Plan; d: ActionDetails; statuses: Status[]; canReport: boolean; manages: boolean; report: FormState; milestone: FormState; follow: FormState; ideas: { id: string; title: string; body: string | null; origin: string; votes: number }[] }) {
  const { ui, plan, d } = p;
  const a = d.action;
  const base = `/planer/${plan.slug}/atgarder/${a.id}`;
  const status = p.statuses.find((s) => s.id === a.statusId);
  const ms = scoped(p.milestone, "milestone");
  const follow = scoped(p.follow, "follow");
  const hasErrors = Object.keys(p.report.errors).length + Object.keys(ms.errors).length + Object.keys(follow.errors).length > 0;
  return (
    <Layout ui={ui} title={`${a.ref} ${a.title}`} hasErrors={hasErrors} crumbs={[{ href: "/planer", label: ui.t("plans.title") }, { href: `/planer/${plan.slug}`, label: plan.title }, { label: `${a.ref} ${a.title}` }]}>
      <h1 class="ds-heading" data-size="lg">{a.ref} {a.title}</h1>
      <ErrorSummary ui={ui} form={p.report} />
      <ErrorSummary ui={ui} form={ms} />
      <p class="ds-paragraph">
        {ui.t("plans.actionsOf", { year: d.year })}. {ui.t("plans.status")}: <strong>{status ? pick(ui.locale, status.label, status.labelEn) : ""}</strong>
      </p>
      <p class="ds-paragraph"><ActionProgress ui={ui} progress={a.progress} title={a.title} /></p>
      {p.manages && <p class="ds-paragraph"><a class="ds-link" href={`${base}/redigera`}>{ui.t("plans.manage.editAction")}</a></p>}
      {a.description && <p class="ds-paragraph">{a.description}</p>}
      <dl class="facts">
        <dt>{ui.t("plans.owners")}</dt>
        <dd>{d.owners.map((o) => o.name).join(", ")}</dd>
        {(a.contactName || a.contactEmail) && (
          <>
            <dt>{ui.t("plans.contact")}</dt>
            <dd>
              {a.contactName}
              {a.contactEmail && <> (<a class="ds-link" href={`mailto:${a.contactEmail}`}>{a.contactEmail}</a>)</>}
            </dd>
          </>
        )}
        {(a.startsOn || a.endsOn) && (
          <>
            <dt>{ui.t("plans.dates")}</dt>
            <dd>{[a.startsOn ? dayText(ui, a.startsOn) : "", a.endsOn ? dayText(ui, a.endsOn) : ""].join(" – ")}</dd>
          </>
        )}
        <dt>{ui.t("plans.goalsServed")}</dt>
        <dd>
          <ul class="ds-list">
            {d.goals.map((g) => <li>{g.focusArea}: {g.title}</li>)}
          </ul>
        </dd>
        {d.links.length > 0 && (
          <>
            <dt>{ui.t("plans.links")}</dt>
            <dd>
              <ul class="ds-list">
                {d.links.map((l) => (
                  <li>
                    <a class="ds-link" href={l.href}>{pick(ui.locale, l.title, l.titleEn)}</a>
                    {l.recordingHref && (
                      <>
                        {" "}(<a class="ds-link" href={l.recordingHref}>{ui.t("plans.recording", { title: pick(ui.locale, l.title, l.titleEn) })}</a>)
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {d.networks.owners.length > 0 && (
          <>
            <dt>{ui.t("plans.ownedByNetworks")}</dt>
            <dd>
              <ul class="ds-list">
                {d.networks.owners.map((n) => <li><a class="ds-link" href={`/natverk/${n.slug}`}>{n.name}</a></li>)}
              </ul>
            </dd>
          </>
        )}
        {d.networks.decisions.length > 0 && (
          <>
            <dt>{ui.t("plans.decisions")}</dt>
            <dd>
              <ul class="ds-list">
                {d.networks.decisions.map((x) => (
                  <li>
                    <a class="ds-link" href={`/natverk/${x.network_slug}#beslut-${x.id}`}>{`${x.network_name}, ${[x.ref, dayText(ui, x.decided_on)].filter(Boolean).join(", ")}`}</a>: {x.text}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      {p.ideas.length > 0 && (
        <section aria-labelledby="plan-ideas">
          <h2 class="ds-heading" data-size="md" id="plan-ideas">{ui.t("plans.ideas.ofAction")}</h2>
          <ul class="ds-list">
            {p.ideas.map((i) => (
              <li>
                <strong>{i.title}</strong> ({i.origin === "form" ? ui.t("plans.ideas.origin.form") : i.origin}{i.votes > 0 && <>, {ui.t("plans.ideas.votes", { n: i.votes })}</>}){i.body && <>: {i.body}</>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <h2 class="ds-heading" data-size="md">{ui.t("plans.milestones")}</h2>
      {d.milestones.length === 0 ? (
        <p class="ds-paragraph">{ui.t("plans.noMilestones")}</p>
      ) : (
        <ul class="ds-list">
          {d.milestones.map((m) => (
            <li>
              {m.title}: {m.doneOn ? ui.t("plans.milestoneDone", { date: dayText(ui, m.doneOn) }) : ui.t("plans.milestoneDue", { date: dayText(ui, m.dueOn) })}
              {p.canReport && !m.doneOn && <> <ActionForm ui={ui} action={`${base}/delmal/${m.id}/klart`} label={ui.t("plans.markDone", { title: m.title })} variant="tertiary" /></>}
            </li>
          ))}
        </ul>
      )}
      {p.canReport && (
        <form method="post" action={`${base}/delmal`} class="row" novalidate>
          <Csrf ui={ui} />
          <TextField form={ms} name="title" label={ui.t("plans.field.milestone")} required maxlength={200} />
          <TextField form={ms} name="dueOn" label={ui.t("plans.field.dueOn")} type="date" required width="short" />
          <Submit variant="secondary">{ui.t("plans.addMilestone")}</Submit>
        </form>
      )}
      {p.canReport && (
        <section aria-labelledby="plan-report">
          <h2 class="ds-heading" data-size="md" id="plan-report">{ui.t("plans.report")}</h2>
          <p class="ds-paragraph">{ui.t("plans.reportLead")}</p>
          <form method="post" action={`${base}/rapport`} class="stack" novalidate>
            <Csrf ui={ui} />
            <Select form={p.report} name="statusId" label={ui.t("plans.field.status")} options={p.statuses.map((s) => ({ value: s.id, label: s.suggestedProgress === null ? pick(ui.locale, s.label, s.labelEn) : ui.t("plans.suggested", { label: pick(ui.locale, s.label, s.labelEn), p: s.suggestedProgress }) }))} />
            <TextField form={p.report} name="progress" label={ui.t("plans.field.progress")} hint={ui.t("plans.field.progressHint")} inputmode="numeric" maxlength={3} width="short" />
            <TextArea form={p.report} name="comment" label={ui.t("plans.field.comment")} hint={ui.t("plans.field.commentHint")} required maxlength={1000} rows={3} />
            <Submit>{ui.t("plans.report")}</Submit>
          </form>
        </section>
      )}
      <section aria-labelledby="plan-follow">
        <h2 class="ds-heading" data-size="md" id="plan-follow">{ui.t("plans.follow")}</h2>
        <p class="ds-paragraph">{ui.t("plans.followLead")}</p>
        <form method="post" action={`${base}/folj`} class="row" novalidate>
          <Csrf ui={ui} />
          <TextField form={follow} name="email" label={ui.t("plans.ideas.field.email")} type="email" required maxlength={254} autocomplete="email" />
          <Submit variant="secondary">{ui.t("plans.follow")}</Submit>
        </form>
      </section>
      <h2 class="ds-heading" data-size="md">{ui.t("plans.history")}</h2>
      {d.carriedFromYear !== null && <p class="ds-paragraph">{ui.t("plans.carriedFrom", { year: d.carriedFromYear })}</p>}
      {d.history.length === 0 ? (
        <p class="ds-paragraph">{ui.t("plans.noHistory")}</p>
      ) : (
        <TableScroll label={ui.t("plans.history")}>
          <table class="ds-table" data-zebra="true">
            <thead>
              <tr>
                <th scope="col">{ui.t("plans.whoWhen")}</th>
                <th scope="col">{ui.t("plans.status")}</th>
                <th scope="col">%</th>
                <th scope="col">{capitalise(ui.t("plans.field.comment"))}</th>
              </tr>
            </thead>
            <tbody>
              {d.history.map((h) => {
                const s = p.statuses.find((x) => x.id === h.statusId);
                return (
                  <tr>
                    <td>{ui.t("plans.reportBy", { name: h.reporterName, date: localStamp(h.createdAt) })}{h.year !== d.year && <> ({h.year})</>}</td>
                    <td>{s ? pick(ui.locale, s.label, s.labelEn) : ""}</td>
                    <td>{h.progress}</td>
                    <td>{h.comment}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Layout>
  );
}
