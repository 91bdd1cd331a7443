/** The prize's admin pages: the prize and its years, and one year with its criteria, screener, jury, conflicts, ranking and decision. */
import type { FormState, Ui } from "../../http/ui.js";
import { emptyForm } from "../../http/ui.js";
import { ActionForm, ChoiceGroup, Csrf, ErrorSummary, scoped, Select, Submit, TextArea, TextField } from "../../http/views/forms.js";
import { Layout } from "../../http/views/layout.js";
import { TableScroll } from "../../http/views/table.js";
import { dateTimeRange, localStamp, longDate, oneDecimal } from "../../i18n/format.js";
import type { Plan } from "../../plans/repository.js";
import type { Space } from "../../spaces/repository.js";
import type { Criterion, Nomination, NominationParts, Prize, ReviewRow, Round, ScreenQuestion } from "../repository.js";
import { prizePhases, rankingMethods, SCORE_MAX } from "../schema.js";
import { conflictKey, reviewScore, type Ranked } from "../scoring.js";
import { manualPhases } from "../service.js";
import { NominationSummary, phaseText } from "./public.js";

type Forms = Record<string, FormState>;
const hasErrors = (forms: Forms) => Object.values(forms).some((f) => Object.keys(f.errors).length > 0 || !!f.message);

export function NewPrizePage({ ui, spaces, form }: { ui: Ui; spaces: Space[]; form: FormState }) {
  return (
    <Layout ui={ui} title={ui.t("prizes.new")} hasErrors={hasErrors({ form })} crumbs={[{ href: "/pris", label: ui.t("prizes.title") }, { label: ui.t("prizes.new") }]}>
      <h1 class="ds-heading" data-size="lg">{ui.t("prizes.new")}</h1>
      <ErrorSummary ui={ui} form={form} />
      <form method="post" action="/pris/ny" class="stack" novalidate>
        <Csrf ui={ui} />
        <Select form={form} name="spaceId" label={ui.t("prizes.field.space")} options={spaces.map((s) => ({ value: s.id, label: s.name }))} />
        <TextField form={form} name="name" label={ui.t("prizes.field.name")} required maxlength={120} />
        <TextField form={form} name="slug" label={ui.t("prizes.field.slug")} hint={ui.t("networks.field.slugHint")} required maxlength={80} width="short" />
        <TextArea form={form} name="description" label={`${ui.t("prizes.field.description")} ${ui.t("common.optional")}`} maxlength={4000} />
        <Submit>{ui.t("networks.create")}</Submit>
      </form>
    </Layout>
  );
}

export function ManagePrizePage(p: { ui: Ui; prize: Prize; rounds: Round[]; admins: { person_id: string; name: string; email: string | null }[]; plans: Plan[]; forms: Forms; year: number }) {
  const { ui, prize, forms } = p;
  const base = `/pris/${prize.slug}/hantera`;
  const round = scoped(forms.round ?? emptyForm({ year: String(p.year), ranking: "mean", announceTime: "18:00" }), "round");
  const adminForm = scoped(forms.admin ?? emptyForm(), "admin");
  return (
    <Layout ui={ui} title={`${ui.t("prizes.manage")}: ${prize.name}`} hasErrors={hasErrors(forms)} crumbs={[{ href: "/pris", label: ui.t("prizes.title") }, { href: `/pris/${prize.slug}`, label: prize.name }, { label: ui.t("prizes.manage") }]}>
      <h1 class="ds-heading" data-size="lg">{`${ui.t("prizes.manage")}: ${prize.name}`}</h1>
      <ErrorSummary ui={ui} form={round} />
      <ErrorSummary ui={ui} form={adminForm} />
      <section aria-labelledby="p-rounds">
        <h2 class="ds-heading" data-size="md" id="p-rounds">{ui.t("prizes.rounds")}</h2>
        {p.rounds.length === 0 ? <p class="ds-paragraph">{ui.t("prizes.noRounds")}</p> : <ul class="ds-list">{p.rounds.map((r) => <li><a class="ds-link" href={`/pris/${prize.slug}/${r.year}/hantera`}>{String(r.year)}</a>: {phaseText(ui, r.phase)}</li>)}</ul>}
        <details open={!!forms.round}>
          <summary>{ui.t("prizes.addRound")}</summary>
          <form method="post" action={`${base}/ar`} class="stack" novalidate>
            <Csrf ui={ui} />
            <TextField form={round} name="year" label={ui.t("prizes.field.year")} required inputmode="numeric" maxlength={4} width="short" />
            <TextArea form={round} name="intro" label={`${ui.t("prizes.field.intro")} ${ui.t("common.optional")}`} maxlength={4000} />
            <TextField form={round} name="closesOn" type="date" label={ui.t("prizes.field.closesOn")} required width="short" />
            <TextField form={round} name="announceOn" type="date" label={ui.t("prizes.field.announceOn")} hint={ui.t("prizes.field.announceHint")} required width="short" />
            <TextField form={round} name="announceTime" type="time" label={ui.t("prizes.field.announceTime")} required width="short" />
            <Select form={round} name="planId" label={`${ui.t("prizes.field.plan")} ${ui.t("common.optional")}`} options={[{ value: "", label: "–" }, ...p.plans.map((pl) => ({ value: pl.id, label: pl.title }))]} />
            <ChoiceGroup form={round} name="ranking" legend={ui.t("prizes.field.ranking")} options={rankingMethods.map((m) => ({ value: m, label: ui.t(`prizes.ranking.${m}`) }))} />
            <Submit variant="secondary">{ui.t("prizes.addRound")}</Submit>
          </form>
        </details>
      </section>
      <section aria-labelledby="p-admins">
        <h2 class="ds-heading" data-size="md" id="p-admins">{ui.t("prizes.admins")}</h2>
        <p class="ds-paragraph">{ui.t("prizes.adminsLead")}</p>
        {p.admins.length > 0 && <ul class="ds-list">{p.admins.map((a) => <li>{`${a.name} (${a.email ?? ""})`}</li>)}</ul>}
        <form method="post" action={`${base}/administratorer`} class="row" novalidate>
          <Csrf ui={ui} />
          <TextField form={adminForm} name="email" type="email" label={ui.t("field.email")} required maxlength={254} />
          <Submit variant="secondary">{ui.t("prizes.addAdmin")}</Submit>
        </form>
      </section>
    </Layout>
  );
}

function Screening({ ui, base, n, questions, forms }: { ui: Ui; base: string; n: Nomination; questions: ScreenQuestion[]; forms: Forms; parts: NominationParts }) {
  const scope = `screen-${n.id}`;
  if (n.ineligibleReason !== null) {
    return (
      <div class="ds-alert" data-color="warning">
        <p class="ds-paragraph">{ui.t("prizes.setAsideBecause", { reason: n.ineligibleReason })}</p>
        <ActionForm ui={ui} action={`${base}/nomineringar/${n.id}/aterstall`} label={ui.t("prizes.restore", { title: n.title })} />
      </div>
    );
  }
  if (questions.length === 0) return <></>;
  const form = scoped(forms[scope] ?? emptyForm(), scope);
  return (
    <details open={!!forms[scope]}>
      <summary>{ui.t("prizes.screen", { title: n.title })}</summary>
      <form method="post" action={`${base}/nomineringar/${n.id}/prova`} class="stack" novalidate>
        <Csrf ui={ui} />
        {questions.map((q) => (
          <ChoiceGroup form={form} name={`q.${q.id}`} legend={q.text} options={[{ value: "yes", label: ui.t("common.yes") }, { value: "no", label: ui.t("common.no") }]} />
        ))}
        <TextArea form={form} name="note" label={`${ui.t("prizes.field.note")} ${ui.t("common.optional")}`} maxlength={1000} rows={2} />
        <Submit variant="secondary">{ui.t("prizes.saveScreening")}</Submit>
      </form>
    </details>
  );
}

/** Each juror's review of a nomination, with its weighted score and comment; one with a conflict is shown as not counted. */
function Reviews({ ui, criteria, reviews, inForce }: { ui: Ui; criteria: Criterion[]; reviews: ReviewRow[]; inForce: Set<string> }) {
  if (reviews.length === 0) return <></>;
  return (
    <details>
      <summary>{ui.t("prizes.reviews", { count: reviews.length })}</summary>
      <ul class="ds-list">
        {reviews.map((r) => {
          const s = reviewScore(criteria, r.scores);
          return (
            <li>
              {`${r.juror}: ${s === null ? ui.t("prizes.incomplete") : ui.t("prizes.scoreOf", { s: oneDecimal(s, ui.locale, true), max: SCORE_MAX })}`}
              {inForce.has(conflictKey(r.jurorId, r.nominationId)) && <> ({ui.t("prizes.notCounted")})</>}
              {r.comment && <> – {r.comment}</>}
            </li>
          );
        })}
      </ul>
    </details>
  );
}

function RankingTable({ ui, ranking, criteria, nominations, base, round }: { ui: Ui; ranking: Ranked[]; criteria: Criterion[]; nominations: Map<string, Nomination>; base: string; round: Round }) {
  const score = (s: number | null) => (s === null ? "–" : oneDecimal(s, ui.locale, true));
  const canShortlist = round.phase === "judging" || round.phase === "deliberation";
  return (
    <TableScroll label={ui.t("prizes.ranking")}>
      <table class="ds-table" data-size="sm">
        <caption>{ui.t("prizes.rankingCaption", { method: ui.t(`prizes.ranking.${round.ranking}`), max: SCORE_MAX })}</caption>
        <thead>
          <tr>
            <th scope="col">{ui.t("prizes.col.rank")}</th>
            <th scope="col">{ui.t("prizes.col.nomination")}</th>
            <th scope="col">{ui.t("prizes.col.score")}</th>
            <th scope="col">{ui.t("prizes.col.reviews")}</th>
            {criteria.map((c) => <th scope="col">{c.title}</th>)}
            <th scope="col">{ui.t("prizes.col.shortlist")}</th>
          </tr>
        </thead>
        <tbody>
          {ranking.map((r, i) => {
            const n = nominations.get(r.nominationId)!;
            return (
              <tr>
                <td>{String(i + 1)}</td>
                <th scope="row">{n.title}</th>
                <td>{score(r.score)}</td>
                <td>{String(r.reviews)}</td>
                {criteria.map((c) => <td>{score(r.byCriterion[c.id] ?? null)}</td>)}
                <td>
                  {canShortlist ? (
                    <form method="post" action={`${base}/nomineringar/${n.id}/kortlista`} class="inline-form">
                      <Csrf ui={ui} />
                      {!n.shortlisted && <input type="hidden" name="shortlisted" value="on" />}
                      <button type="submit" class="ds-button" data-variant="tertiary">{n.shortlisted ? ui.t("prizes.unshortlist", { title: n.title }) : ui.t("prizes.shortlistIt", { title: n.title })}</button>
                    </form>
                  ) : n.shortlisted ? ui.t("common.yes") : ui.t("common.no")}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function ManageRoundPage(p: {
  ui: Ui;
  prize: Prize;
  round: Round;
  criteria: Criterion[];
  questions: ScreenQuestion[];
  nominations: Nomination[];
  parts: Map<string, NominationParts>;
  jury: { id: string; name: string; email: string | null; stated_at: string | Date | null; organisations: string[] }[];
  conflicts: { id: string; juror: string; nomination: string; kind: "hard" | "declared"; reason: string; created_at: string | Date; ended_at: string | Date | null }[];
  ranking: Ranked[];
  reviews: ReviewRow[];
  inForce: Set<string>;
  forms: Forms;
}) {
  const { ui, prize, round, forms } = p;
  const base = `/pris/${prize.slug}/${round.year}/hantera`;
  const form = (scope: string, values: Record<string, string> = {}) => scoped(forms[scope] ?? emptyForm(values), scope);
  const total = p.criteria.reduce((s, c) => s + c.weight, 0);
  const byId = new Map(p.nominations.map((n) => [n.id, n]));
  const eligible = p.nominations.filter((n) => n.ineligibleReason === null);
  const winner = round.winnerId ? byId.get(round.winnerId) : undefined;
  return (
    <Layout ui={ui} title={`${ui.t("prizes.manageRound")}: ${prize.name} ${round.year}`} hasErrors={hasErrors(forms)} crumbs={[{ href: "/pris", label: ui.t("prizes.title") }, { href: `/pris/${prize.slug}/hantera`, label: prize.name }, { label: String(round.year) }]}>
      <h1 class="ds-heading" data-size="lg">{`${ui.t("prizes.manageRound")}: ${prize.name} ${round.year}`}</h1>
      {Object.entries(forms).map(([scope, f]) => <ErrorSummary ui={ui} form={scoped(f, scope)} />)}
      <p class="ds-paragraph">{ui.t("prizes.roundDates", { closes: longDate(round.closesAt, ui.locale), announce: dateTimeRange(round.announceAt, round.announceAt, ui.locale) })}</p>
      <section aria-labelledby="a-phase">
        <h2 class="ds-heading" data-size="md" id="a-phase">{ui.t("prizes.field.phase")}</h2>
        <p class="ds-paragraph">{ui.t("prizes.phaseNow", { phase: phaseText(ui, round.phase) })} {ui.t(`prizes.phaseHelp.${round.phase}`)}</p>
        {manualPhases.includes(round.phase) && (
          <form method="post" action={`${base}/fas`} class="row" novalidate>
            <Csrf ui={ui} />
            <Select form={form("phase", { phase: round.phase })} name="phase" label={ui.t("prizes.field.phase")} options={prizePhases.filter((ph) => manualPhases.includes(ph)).map((ph) => ({ value: ph, label: phaseText(ui, ph) }))} />
            <Submit variant="secondary">{ui.t("prizes.setPhase")}</Submit>
          </form>
        )}
      </section>
      {(round.phase === "decided" || round.phase === "announced") && winner && (
        <section aria-labelledby="a-decision" class="ds-alert" data-color={round.phase === "decided" ? "warning" : "success"}>
          <h2 class="ds-heading" data-size="md" id="a-decision">{ui.t("prizes.decision")}</h2>
          <p class="ds-paragraph">{ui.t("prizes.winnerIs", { title: winner.title })}</p>
          {round.justification && <p class="ds-paragraph">{round.justification}</p>}
          {round.phase === "decided" && (
            <>
              <p class="ds-paragraph">{ui.t("prizes.sealed", { when: dateTimeRange(round.announceAt, round.announceAt, ui.locale) })}</p>
              <ActionForm ui={ui} action={`${base}/tillkannage`} label={ui.t("prizes.announceNow")} variant="primary" confirm={ui.t("prizes.announceConfirm")} />
            </>
          )}
        </section>
      )}
      <section aria-labelledby="a-criteria">
        <h2 class="ds-heading" data-size="md" id="a-criteria">{ui.t("prizes.criteria")}</h2>
        <ul class="ds-list">
          {p.criteria.map((c) => (
            <li>
              <strong>{c.title}</strong> ({ui.t("prizes.weightShare", { p: total > 0 ? Math.round((100 * c.weight) / total) : 0 })})
              <form method="post" action={`${base}/kriterier/${c.id}`} class="row" novalidate>
                <Csrf ui={ui} />
                <TextField form={form(`weight-${c.id}`, { weight: String(c.weight) })} name="weight" label={ui.t("prizes.field.weightOf", { title: c.title })} inputmode="numeric" maxlength={3} width="short" />
                <Submit variant="tertiary">{ui.t("common.save")}</Submit>
              </form>
            </li>
          ))}
        </ul>
        <details open={!!forms.criterion}>
          <summary>{ui.t("prizes.addCriterion")}</summary>
          <form method="post" action={`${base}/kriterier`} class="stack" novalidate>
            <Csrf ui={ui} />
            <TextField form={form("criterion", { weight: "1" })} name="title" label={ui.t("field.title")} required maxlength={120} />
            <TextArea form={form("criterion", { weight: "1" })} name="description" label={`${ui.t("prizes.field.description")} ${ui.t("common.optional")}`} maxlength={1000} rows={2} />
            <TextField form={form("criterion", { weight: "1" })} name="weight" label={ui.t("prizes.field.weight")} hint={ui.t("prizes.field.weightHint")} inputmode="numeric" maxlength={3} width="short" />
            <Submit variant="secondary">{ui.t("prizes.addCriterion")}</Submit>
          </form>
        </details>
      </section>
      <section aria-labelledby="a-screen">
        <h2 class="ds-heading" data-size="md" id="a-screen">{ui.t("prizes.eligibility")}</h2>
        {p.questions.length > 0 && <ul class="ds-list">{p.questions.map((q) => <li>{q.text}</li>)}</ul>}
        <form method="post" action={`${base}/behorighet`} class="row" novalidate>
          <Csrf ui={ui} />
          <TextField form={form("screenQuestion")} name="text" label={ui.t("prizes.field.question")} hint={ui.t("prizes.field.questionHint")} required maxlength={300} />
          <Submit variant="secondary">{ui.t("prizes.addQuestion")}</Submit>
        </form>
      </section>
      <section aria-labelledby="a-nominations">
        <h2 class="ds-heading" data-size="md" id="a-nominations">{ui.t("prizes.nominations", { count: p.nominations.length })}</h2>
        {p.nominations.length === 0 && <p class="ds-paragraph">{ui.t("prizes.noNominations")}</p>}
        {p.nominations.map((n) => (
          <div>
            <NominationSummary ui={ui} n={n} parts={p.parts.get(n.id)} />
            <p class="ds-paragraph" data-size="sm">{ui.t("prizes.nominatedBy", { name: n.nominatorName, email: n.nominatorEmail, own: n.ownWork ? ui.t("prizes.ownWork") : "" })}</p>
            <Screening ui={ui} base={base} n={n} questions={p.questions} forms={forms} parts={p.parts.get(n.id)!} />
            <Reviews ui={ui} criteria={p.criteria} reviews={p.reviews.filter((r) => r.nominationId === n.id)} inForce={p.inForce} />
          </div>
        ))}
      </section>
      <section aria-labelledby="a-jury">
        <h2 class="ds-heading" data-size="md" id="a-jury">{ui.t("prizes.jury.title")}</h2>
        {p.jury.length > 0 && <ul class="ds-list">{p.jury.map((j) => <li>{`${j.name}: `}{j.stated_at ? j.organisations.join(", ") : ui.t("prizes.notStated")}</li>)}</ul>}
        <details open={!!forms.juror}>
          <summary>{ui.t("prizes.inviteJuror")}</summary>
          <form method="post" action={`${base}/jury`} class="stack" novalidate>
            <Csrf ui={ui} />
            <TextField form={form("juror")} name="jurorName" label={ui.t("field.name")} required maxlength={120} autocomplete="off" />
            <TextField form={form("juror")} name="email" type="email" label={ui.t("field.email")} required maxlength={254} autocomplete="off" />
            <Submit variant="secondary">{ui.t("prizes.inviteJuror")}</Submit>
          </form>
        </details>
        <h3 class="ds-heading" data-size="xs">{ui.t("prizes.conflicts")}</h3>
        {p.conflicts.length === 0 ? (
          <p class="ds-paragraph">{ui.t("prizes.noConflicts")}</p>
        ) : (
          <ul class="ds-list">
            {p.conflicts.map((c) => (
              <li>
                {ui.t(c.kind === "hard" ? "prizes.conflict.hard" : "prizes.conflict.declared", { juror: c.juror, nomination: c.nomination, reason: c.reason, at: localStamp(new Date(c.created_at)) })}
                {c.ended_at && <> {ui.t("prizes.conflict.ended", { at: localStamp(new Date(c.ended_at)) })}</>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="a-ranking">
        <h2 class="ds-heading" data-size="md" id="a-ranking">{ui.t("prizes.ranking")}</h2>
        {p.ranking.length === 0 ? <p class="ds-paragraph">{ui.t("prizes.noNominations")}</p> : <RankingTable ui={ui} ranking={p.ranking} criteria={p.criteria} nominations={byId} base={base} round={round} />}
        {p.ranking.length > 0 && (
          <p class="ds-paragraph">
            <a class="ds-link" href={`${base}/rangordning.csv`} download>{ui.t("prizes.exportCsv")}</a> · <a class="ds-link" href={`${base}/rangordning.xlsx`} download>{ui.t("prizes.exportXlsx")}</a>
          </p>
        )}
      </section>
      {round.phase === "deliberation" && eligible.length > 0 && (
        <section aria-labelledby="a-decide">
          <h2 class="ds-heading" data-size="md" id="a-decide">{ui.t("prizes.decide")}</h2>
          <form method="post" action={`${base}/beslut`} class="stack" novalidate>
            <Csrf ui={ui} />
            <ChoiceGroup form={form("decision")} name="winnerId" legend={ui.t("prizes.field.winner")} options={[...eligible].sort((a, b) => Number(b.shortlisted) - Number(a.shortlisted)).map((n) => ({ value: n.id, label: n.shortlisted ? ui.t("prizes.shortlistedLabel", { title: n.title }) : n.title }))} />
            <TextArea form={form("decision")} name="justification" label={ui.t("prizes.field.justification")} required maxlength={4000} rows={4} />
            <Submit>{ui.t("prizes.decideButton")}</Submit>
          </form>
        </section>
      )}
    </Layout>
  );
}
