/** The juror's pages: their organisations, the nominations to judge, and one nomination with its review form. */
import type { FormState, Ui } from "../../http/ui.js";
import { ChoiceGroup, Csrf, ErrorSummary, Select, Submit, TextArea } from "../../http/views/forms.js";
import { Layout } from "../../http/views/layout.js";
import { oneDecimal } from "../../i18n/format.js";
import type { Criterion, Juror, NominationParts, Prize, Round } from "../repository.js";
import { SCORE_MAX } from "../schema.js";
import type { JurorNomination } from "../service.js";
import { NominationSummary, phaseText } from "./public.js";

const crumbs = (ui: Ui, prize: Prize, round: Round, last?: string) => [
  { href: "/pris", label: ui.t("prizes.title") },
  { href: `/pris/${prize.slug}`, label: prize.name },
  { href: `/pris/${prize.slug}/${round.year}`, label: String(round.year) },
  ...(last ? [{ href: `/pris/${prize.slug}/${round.year}/jury`, label: ui.t("prizes.jury.title") }, { label: last }] : [{ label: ui.t("prizes.jury.title") }]),
];
const scoreText = (ui: Ui, s: number | null) => (s === null ? ui.t("prizes.noScore") : ui.t("prizes.scoreOf", { s: oneDecimal(s, ui.locale, true), max: SCORE_MAX }));

export function JuryPage(p: { ui: Ui; prize: Prize; round: Round; juror: Juror; list: JurorNomination[]; parts: Map<string, NominationParts>; organisations: { id: string; name: string }[]; form: FormState }) {
  const { ui, prize, round, form } = p;
  const base = `/pris/${prize.slug}/${round.year}/jury`;
  return (
    <Layout ui={ui} title={`${ui.t("prizes.jury.title")}: ${prize.name} ${round.year}`} hasErrors={Object.keys(form.errors).length > 0} crumbs={crumbs(ui, prize, round)}>
      <h1 class="ds-heading" data-size="lg">{`${ui.t("prizes.jury.title")}: ${prize.name} ${round.year}`}</h1>
      <ErrorSummary ui={ui} form={form} />
      <p class="ds-paragraph">{ui.t("prizes.phaseNow", { phase: phaseText(ui, round.phase) })}</p>
      <section aria-labelledby="j-orgs">
        <h2 class="ds-heading" data-size="md" id="j-orgs">{ui.t("prizes.jury.organisations")}</h2>
        <p class="ds-paragraph">{ui.t("prizes.jury.organisationsLead")}</p>
        <form method="post" action={`${base}/organisationer`} class="stack" novalidate>
          <Csrf ui={ui} />
          {[0, 1, 2].map((i) => (
            <Select form={form} name={`org${i + 1}`} label={`${ui.t("prizes.field.organisationN", { n: i + 1 })}${i > 0 ? ` ${ui.t("common.optional")}` : ""}`} options={[{ value: "", label: "–" }, ...p.organisations.map((o) => ({ value: o.id, label: o.name }))]} />
          ))}
          <Submit variant={p.juror.statedAt ? "secondary" : "primary"}>{ui.t("prizes.jury.state")}</Submit>
        </form>
      </section>
      <section aria-labelledby="j-list">
        <h2 class="ds-heading" data-size="md" id="j-list">{ui.t("prizes.jury.nominations")}</h2>
        {!p.juror.statedAt ? (
          <p class="ds-paragraph">{ui.t("prizes.jury.stateFirst")}</p>
        ) : p.list.length === 0 ? (
          <p class="ds-paragraph">{["nomination", "screening"].includes(round.phase) ? ui.t("prizes.jury.notYet") : ui.t("prizes.jury.none")}</p>
        ) : (
          <ul class="ds-list">
            {p.list.map((l) => (
              <li>
                <a class="ds-link" href={`${base}/${l.nomination.id}`}>{l.nomination.title}</a> ({p.parts.get(l.nomination.id)?.organisations.map((o) => o.name).join(", ")}) – {l.ownComplete ? ui.t("prizes.jury.reviewed") : l.own ? ui.t("prizes.jury.started") : ui.t("prizes.jury.notReviewed")}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}

export function JuryNominationPage(p: { ui: Ui; prize: Prize; round: Round; entry: JurorNomination; parts: NominationParts; criteria: Criterion[]; mayScore: boolean; form: FormState }) {
  const { ui, prize, round, entry, form } = p;
  const n = entry.nomination;
  const base = `/pris/${prize.slug}/${round.year}/jury/${n.id}`;
  const total = p.criteria.reduce((s, c) => s + c.weight, 0);
  const scale = Array.from({ length: SCORE_MAX + 1 }, (_, i) => ({ value: String(i), label: ui.t(i === 0 ? "prizes.scale.low" : i === SCORE_MAX ? "prizes.scale.high" : "prizes.scale.mid", { n: i }) }));
  return (
    <Layout ui={ui} title={n.title} hasErrors={Object.keys(form.errors).length > 0 || !!form.message} crumbs={crumbs(ui, prize, round, n.title)}>
      <h1 class="ds-heading" data-size="lg">{n.title}</h1>
      <ErrorSummary ui={ui} form={form} />
      <NominationSummary ui={ui} n={n} parts={p.parts} heading={<></>} />
      {p.parts.files.length > 0 && (
        <ul class="ds-list">{p.parts.files.map((f) => <li><a class="ds-link" href={`/pris/${prize.slug}/${round.year}/filer/${f.id}`}>{f.filename}</a></li>)}</ul>
      )}
      <section aria-labelledby="r-review">
        <h2 class="ds-heading" data-size="md" id="r-review">{ui.t("prizes.jury.yourReview")}</h2>
        {p.mayScore ? (
          <form method="post" action={base} class="stack" novalidate>
            <Csrf ui={ui} />
            {p.criteria.map((c) => (
              <ChoiceGroup form={form} name={`score.${c.id}`} legend={`${c.title} (${ui.t("prizes.weightShare", { p: total > 0 ? Math.round((100 * c.weight) / total) : 0 })})`} {...(c.description ? { hint: c.description } : {})} options={scale} />
            ))}
            <TextArea form={form} name="comment" label={`${ui.t("prizes.field.comment")} ${ui.t("common.optional")}`} maxlength={4000} rows={4} />
            <Submit>{ui.t("prizes.jury.saveReview")}</Submit>
          </form>
        ) : (
          <p class="ds-paragraph">{entry.own ? ui.t("prizes.jury.closedWithReview") : ui.t("prizes.jury.closed")}</p>
        )}
      </section>
      <section aria-labelledby="r-others">
        <h2 class="ds-heading" data-size="md" id="r-others">{ui.t("prizes.jury.others")}</h2>
        {entry.others === null ? (
          <p class="ds-paragraph">{ui.t("prizes.jury.othersAfter")}</p>
        ) : entry.others.length === 0 ? (
          <p class="ds-paragraph">{ui.t("prizes.jury.noOthers")}</p>
        ) : (
          <ul class="ds-list">{entry.others.map((o) => <li>{`${o.juror}: ${scoreText(ui, o.score)}`}{o.comment && <> – {o.comment}</>}</li>)}</ul>
        )}
      </section>
      <details open={!!form.errors.reason}>
        <summary>{ui.t("prizes.jury.declare")}</summary>
        <form method="post" action={`${base}/jav`} class="stack" novalidate>
          <Csrf ui={ui} />
          <TextArea form={form} name="reason" label={ui.t("prizes.field.reason")} hint={ui.t("prizes.field.reasonHint")} required maxlength={500} rows={3} />
          <Submit variant="secondary">{ui.t("prizes.jury.declareButton")}</Submit>
        </form>
      </details>
    </Layout>
  );
}
