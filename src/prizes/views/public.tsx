/** The prize as everyone sees it: the prizes, a prize's years, a year's page, the call for nominations and the gallery. */
import type { Child } from "hono/jsx";
import { sizeText } from "../../archive/views/session.js";
import type { FormState, Ui } from "../../http/ui.js";
import { Checkbox, ChoiceGroup, Csrf, ErrorSummary, FileField, Select, Submit, TextArea, TextField } from "../../http/views/forms.js";
import { Layout } from "../../http/views/layout.js";
import { MATERIAL_ACCEPT } from "../../archive/views/organiser.js";
import { dateTimeRange, longDate } from "../../i18n/format.js";
import type { MessageKey } from "../../i18n/messages.js";
import type { Criterion, Nomination, NominationParts, PlanOptions, Prize, Round, ScreenQuestion } from "../repository.js";
import type { PrizePhase } from "../schema.js";

export const phaseText = (ui: Ui, phase: PrizePhase) => ui.t(`prizes.phase.${phase}` as MessageKey);
const paragraphs = (text: string) => text.split(/\n{2,}/).map((p) => <p class="ds-paragraph">{p}</p>);
const crumbsOf = (ui: Ui, prize: Prize, round?: Round, last?: string) => [
  { href: "/pris", label: ui.t("prizes.title") },
  ...(round ? [{ href: `/pris/${prize.slug}`, label: prize.name }, ...(last ? [{ href: `/pris/${prize.slug}/${round.year}`, label: String(round.year) }, { label: last }] : [{ label: String(round.year) }])] : [{ label: prize.name }]),
];

export function PrizesPage({ ui, prizes }: { ui: Ui; prizes: Prize[] }) {
  return (
    <Layout ui={ui} title={ui.t("prizes.title")}>
      <h1 class="ds-heading" data-size="lg">{ui.t("prizes.title")}</h1>
      <p class="ds-paragraph">{ui.t("prizes.lead")}</p>
      <p class="ds-paragraph"><a class="ds-link" href="/pris/galleri">{ui.t("prizes.gallery")}</a></p>
      {prizes.length === 0 ? <p class="ds-paragraph">{ui.t("prizes.none")}</p> : <ul class="ds-list">{prizes.map((p) => <li><a class="ds-link" href={`/pris/${p.slug}`}>{p.name}</a></li>)}</ul>}
      {ui.actor && <p class="ds-paragraph"><a class="ds-link" href="/pris/ny">{ui.t("prizes.new")}</a></p>}
    </Layout>
  );
}

export function PrizePage({ ui, prize, rounds, winners, admin, now }: { ui: Ui; prize: Prize; rounds: Round[]; winners: Map<string, Nomination>; admin: boolean; now: Date }) {
  return (
    <Layout ui={ui} title={prize.name} crumbs={crumbsOf(ui, prize)}>
      <h1 class="ds-heading" data-size="lg">{prize.name}</h1>
      {prize.description && paragraphs(prize.description)}
      {admin && <p class="ds-paragraph"><a class="ds-link" href={`/pris/${prize.slug}/hantera`}>{ui.t("prizes.manage")}</a></p>}
      {rounds.length === 0 ? (
        <p class="ds-paragraph">{ui.t("prizes.noRounds")}</p>
      ) : (
        <ul class="ds-list">
          {rounds.map((r) => (
            <li>
              <a class="ds-link" href={`/pris/${prize.slug}/${r.year}`}>{String(r.year)}</a>: {winners.get(r.id) ? ui.t("prizes.wonBy", { title: winners.get(r.id)!.title }) : r.phase === "nomination" && now < r.closesAt ? ui.t("prizes.openUntil", { date: longDate(r.closesAt, ui.locale) }) : phaseText(ui, r.phase)}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function NominationSummary({ ui, n, parts, heading }: { ui: Ui; n: Pick<Nomination, "title" | "summary" | "links">; parts: NominationParts | undefined; heading?: Child }) {
  return (
    <article class="plan-goal" aria-label={n.title}>
      {heading ?? <h3 class="ds-heading" data-size="xs">{n.title}</h3>}
      <p class="ds-paragraph" data-size="sm">{parts?.organisations.map((o) => o.name).join(", ")}</p>
      {paragraphs(n.summary)}
      {n.links.length > 0 && <ul class="ds-list">{n.links.map((l) => <li><a class="ds-link" href={l} rel="noopener noreferrer">{l}</a></li>)}</ul>}
      {parts && parts.goals.length > 0 && <p class="ds-paragraph" data-size="sm">{ui.t("prizes.goalsServed", { list: parts.goals.map((g) => g.title).join("; ") })}</p>}
      {parts && parts.actions.length > 0 && (
        <p class="ds-paragraph" data-size="sm">
          {ui.t("prizes.actionsServed")}{" "}
          {parts.actions.map((a, i) => (
            <>
              {i > 0 && ", "}
              <a class="ds-link" href={`/planer/${a.planSlug}/atgarder/${a.id}`}>{`${a.ref} ${a.title}`}</a>
            </>
          ))}
        </p>
      )}
    </article>
  );
}

export function RoundPage(p: { ui: Ui; prize: Prize; round: Round; criteria: Criterion[]; questions: ScreenQuestion[]; announced: { winner: Nomination; shortlist: Nomination[]; parts: Map<string, NominationParts> } | null; admin: boolean; open: boolean }) {
  const { ui, prize, round } = p;
  const title = `${prize.name} ${round.year}`;
  const total = p.criteria.reduce((s, c) => s + c.weight, 0);
  return (
    <Layout ui={ui} title={title} crumbs={crumbsOf(ui, prize, round)}>
      <h1 class="ds-heading" data-size="lg">{title}</h1>
      <p class="ds-paragraph" data-size="sm">{ui.t("prizes.phaseNow", { phase: phaseText(ui, round.phase) })}</p>
      {round.intro && paragraphs(round.intro)}
      {p.admin && <p class="ds-paragraph"><a class="ds-link" href={`/pris/${prize.slug}/${round.year}/hantera`}>{ui.t("prizes.manageRound")}</a></p>}
      {p.announced ? (
        <section aria-labelledby="r-winner">
          <h2 class="ds-heading" data-size="md" id="r-winner">{ui.t("prizes.winner")}</h2>
          <NominationSummary ui={ui} n={p.announced.winner} parts={p.announced.parts.get(p.announced.winner.id)} />
          {round.justification && (
            <>
              <h3 class="ds-heading" data-size="xs">{ui.t("prizes.justification")}</h3>
              {paragraphs(round.justification)}
            </>
          )}
          {p.announced.shortlist.length > 0 && (
            <>
              <h2 class="ds-heading" data-size="md">{ui.t("prizes.shortlist")}</h2>
              {p.announced.shortlist.map((n) => <NominationSummary ui={ui} n={n} parts={p.announced!.parts.get(n.id)} />)}
            </>
          )}
        </section>
      ) : (
        <p class="ds-paragraph">{ui.t("prizes.announceAt", { when: dateTimeRange(round.announceAt, round.announceAt, ui.locale) })}</p>
      )}
      {p.open && (
        <p class="ds-paragraph">
          {ui.t("prizes.openUntil", { date: longDate(round.closesAt, ui.locale) })} <a class="ds-link" href={`/pris/${prize.slug}/${round.year}/nominera`}>{ui.t("prizes.nominate")}</a>
        </p>
      )}
      {p.questions.length > 0 && (
        <section aria-labelledby="r-eligible">
          <h2 class="ds-heading" data-size="md" id="r-eligible">{ui.t("prizes.eligibility")}</h2>
          <ul class="ds-list">{p.questions.map((q) => <li>{q.text}</li>)}</ul>
        </section>
      )}
      {p.criteria.length > 0 && (
        <section aria-labelledby="r-criteria">
          <h2 class="ds-heading" data-size="md" id="r-criteria">{ui.t("prizes.criteria")}</h2>
          <ul class="ds-list">{p.criteria.map((c) => <li><strong>{c.title}</strong> ({ui.t("prizes.weightShare", { p: total > 0 ? Math.round((100 * c.weight) / total) : 0 })}){c.description && <>: {c.description}</>}</li>)}</ul>
        </section>
      )}
    </Layout>
  );
}

export function NominationPage(p: { ui: Ui; prize: Prize; round: Round; form: FormState; choices: { organisations: { id: string; name: string }[]; plan: PlanOptions }; token?: string; files: { id: string; filename: string; size: number }[]; maxBytes: number }) {
  const { ui, prize, round, form } = p;
  const base = `/pris/${prize.slug}/${round.year}`;
  const action = p.token ? `${base}/nominering/${p.token}` : `${base}/nominera`;
  const orgs = [{ value: "", label: "–" }, ...p.choices.organisations.map((o) => ({ value: o.id, label: o.name }))];
  const actions = [{ value: "", label: "–" }, ...p.choices.plan.actions.map((a) => ({ value: a.id, label: a.label }))];
  const title = p.token ? ui.t("prizes.editNomination") : ui.t("prizes.nominateTitle", { prize: prize.name, year: round.year });
  return (
    <Layout ui={ui} title={title} hasErrors={Object.keys(form.errors).length > 0 || !!form.message} crumbs={crumbsOf(ui, prize, round, title)}>
      <h1 class="ds-heading" data-size="lg">{title}</h1>
      <ErrorSummary ui={ui} form={form} />
      <p class="ds-paragraph">{ui.t("prizes.nominateLead", { date: longDate(round.closesAt, ui.locale) })}</p>
      <form method="post" action={action} class="stack" novalidate>
        <Csrf ui={ui} />
        <TextField form={form} name="title" label={ui.t("prizes.field.workTitle")} required maxlength={200} />
        <TextArea form={form} name="summary" label={ui.t("prizes.field.summary")} hint={ui.t("prizes.field.summaryHint")} required maxlength={6000} rows={8} />
        <TextArea form={form} name="links" label={`${ui.t("prizes.field.links")} ${ui.t("common.optional")}`} hint={ui.t("prizes.field.linksHint")} maxlength={2000} rows={3} />
        <Checkbox form={form} name="ownWork" label={ui.t("prizes.field.ownWork")} />
        {[1, 2, 3].map((n) => (
          <Select form={form} name={`org${n}`} label={`${ui.t("prizes.field.organisationN", { n })}${n > 1 ? ` ${ui.t("common.optional")}` : ""}`} {...(n === 1 ? { hint: ui.t("prizes.field.organisationHint") } : {})} options={orgs} />
        ))}
        {p.choices.plan.goals.length > 0 && <ChoiceGroup form={form} name="goals" type="checkbox" legend={`${ui.t("prizes.field.goals")} ${ui.t("common.optional")}`} options={p.choices.plan.goals.map((g) => ({ value: g.id, label: g.title }))} />}
        {p.choices.plan.actions.length > 0 && [1, 2, 3].map((n) => <Select form={form} name={`action${n}`} label={`${ui.t("prizes.field.actionN", { n })} ${ui.t("common.optional")}`} options={actions} />)}
        {!p.token && (
          <>
            <TextField form={form} name="nominatorName" label={ui.t("prizes.field.nominatorName")} required maxlength={120} autocomplete="name" />
            <TextField form={form} name="nominatorEmail" type="email" label={ui.t("prizes.field.nominatorEmail")} hint={ui.t("prizes.field.nominatorEmailHint")} required maxlength={254} autocomplete="email" />
          </>
        )}
        <Submit>{p.token ? ui.t("common.save") : ui.t("prizes.send")}</Submit>
      </form>
      {p.token && (
        <section aria-labelledby="n-files">
          <h2 class="ds-heading" data-size="md" id="n-files">{ui.t("prizes.attachments")}</h2>
          {p.files.length > 0 ? <ul class="ds-list">{p.files.map((f) => <li>{f.filename} ({sizeText(ui, f.size)})</li>)}</ul> : <p class="ds-paragraph">{ui.t("prizes.noAttachments")}</p>}
          <form method="post" action={`${action}/bilaga`} enctype="multipart/form-data" class="stack" novalidate>
            <Csrf ui={ui} />
            <FileField form={form} name="file" label={ui.t("prizes.field.attachment")} hint={ui.t("archive.field.materialHint", { max: p.maxBytes / 1024 / 1024 })} accept={MATERIAL_ACCEPT} />
            <Submit variant="secondary">{ui.t("prizes.attach")}</Submit>
          </form>
        </section>
      )}
    </Layout>
  );
}

export function NominationDonePage({ ui, prize, round, kind, email }: { ui: Ui; prize: Prize; round: Round; kind: "received" | "closed"; email?: string }) {
  const title = kind === "received" ? ui.t("prizes.received") : ui.t("prizes.closedTitle");
  return (
    <Layout ui={ui} title={title} crumbs={crumbsOf(ui, prize, round, title)}>
      <h1 class="ds-heading" data-size="lg" tabindex={-1} data-autofocus>{title}</h1>
      <p class="ds-paragraph">{kind === "received" ? ui.t("prizes.receivedText", { email: email ?? "", date: longDate(round.closesAt, ui.locale) }) : ui.t("prizes.closedText")}</p>
      <p class="ds-paragraph"><a class="ds-link" href={`/pris/${prize.slug}/${round.year}`}>{`${prize.name} ${round.year}`}</a></p>
    </Layout>
  );
}

export function GalleryPage({ ui, rows, parts }: { ui: Ui; rows: { nomination_id: string; title: string; summary: string; links: string[]; won: boolean; year: number; prize_name: string; prize_slug: string; justification: string | null }[]; parts: Map<string, NominationParts> }) {
  const years = [...new Set(rows.map((r) => `${r.prize_slug}|${r.year}`))];
  return (
    <Layout ui={ui} title={ui.t("prizes.gallery")} crumbs={[{ href: "/pris", label: ui.t("prizes.title") }, { label: ui.t("prizes.gallery") }]}>
      <h1 class="ds-heading" data-size="lg">{ui.t("prizes.gallery")}</h1>
      <p class="ds-paragraph">{ui.t("prizes.galleryLead")}</p>
      {rows.length === 0 && <p class="ds-paragraph">{ui.t("prizes.galleryNone")}</p>}
      {years.map((key) => {
        const list = rows.filter((r) => `${r.prize_slug}|${r.year}` === key);
        const first = list[0]!;
        return (
          <section aria-labelledby={`g-${key.replace("|", "-")}`}>
            <h2 class="ds-heading" data-size="md" id={`g-${key.replace("|", "-")}`}><a class="ds-link" href={`/pris/${first.prize_slug}/${first.year}`}>{`${first.prize_name} ${first.year}`}</a></h2>
            {list.map((r) => (
              <NominationSummary
                ui={ui}
                n={r}
                parts={parts.get(r.nomination_id)}
                heading={<h3 class="ds-heading" data-size="xs">{r.won ? ui.t("prizes.galleryWinner", { title: r.title }) : ui.t("prizes.galleryShortlisted", { title: r.title })}</h3>}
              />
            ))}
          </section>
        );
      })}
    </Layout>
  );
}

