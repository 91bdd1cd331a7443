/** The organiser's evaluation pages: build and send the survey; the results per question, with last year's beside them. */
import type { EventWithSpace } from "../../events/repository.js";
import { EventAdminNav } from "../../events/views/event-nav.js";
import { emptyForm, type FormState, type Ui } from "../../http/ui.js";
import { Checkbox, ChoiceGroup, Csrf, ErrorSummary, scoped, Select, Submit, TextArea, TextField } from "../../http/views/forms.js";
import { Layout } from "../../http/views/layout.js";
import { TableScroll } from "../../http/views/table.js";
import { oneDecimal } from "../../i18n/format.js";
import type { MessageKey } from "../../i18n/messages.js";
import { surveyQuestionKinds } from "../schema.js";
import type { Question, QuestionResult, Survey, SurveyResults } from "../service.js";

const crumbs = (ui: Ui, event: EventWithSpace, last: string) => [{ href: "/arrangor", label: ui.t("org.title") }, { href: `/arrangor/evenemang/${event.id}`, label: event.titleSv }, { label: last }];

export function SurveyPage(p: { ui: Ui; event: EventWithSpace; survey: Survey | null; questions: Question[]; counts: { invited: number; answered: number }; forms: Record<string, FormState> }) {
  const { ui, event, survey } = p;
  const base = `/arrangor/evenemang/${event.id}/utvardering`;
  const form = (scope: string, values: Record<string, string> = {}) => scoped(p.forms[scope] ?? emptyForm(values), scope);
  const hasErrors = Object.values(p.forms).some((f) => Object.keys(f.errors).length > 0 || f.message);
  return (
    <Layout ui={ui} title={`${ui.t("survey.title")}: ${event.titleSv}`} hasErrors={hasErrors} crumbs={crumbs(ui, event, ui.t("survey.nav"))}>
      <h1 class="ds-heading" data-size="lg">{`${ui.t("survey.title")}: ${event.titleSv}`}</h1>
      <EventAdminNav ui={ui} event={event} current="survey" />
      {Object.entries(p.forms).map(([scope, f]) => <ErrorSummary ui={ui} form={scoped(f, scope)} />)}
      <p class="ds-paragraph">{ui.t("survey.lead")}</p>
      <form method="post" action={base} class="stack" novalidate>
        <Csrf ui={ui} />
        <TextField form={form("survey", { title: survey?.title ?? ui.t("survey.defaultTitle", { event: event.titleSv }), minGroup: String(survey?.minGroup ?? 5), intro: survey?.intro ?? "" })} name="title" label={ui.t("survey.field.title")} required maxlength={200} />
        <TextArea form={form("survey", { intro: survey?.intro ?? "" })} name="intro" label={`${ui.t("survey.field.intro")} ${ui.t("common.optional")}`} maxlength={2000} rows={3} />
        <TextField form={form("survey", { minGroup: String(survey?.minGroup ?? 5) })} name="minGroup" label={ui.t("survey.field.minGroup")} hint={ui.t("survey.field.minGroupHint")} inputmode="numeric" maxlength={3} width="short" />
        <Submit variant="secondary">{ui.t("survey.save")}</Submit>
      </form>
      {survey && (
        <>
          <h2 class="ds-heading" data-size="md">{ui.t("survey.questions")}</h2>
          {p.questions.length === 0 ? (
            <p class="ds-paragraph">{ui.t("survey.noQuestions")}</p>
          ) : (
            <ol class="ds-list">
              {p.questions.map((q) => (
                <li>
                  {q.text} ({ui.t(`survey.kind.${q.kind}` as MessageKey)}{q.kind === "choice" ? `: ${q.options.join(", ")}` : ""}){" "}
                  <form method="post" action={`${base}/fragor/${q.id}/ta-bort`} class="inline-form">
                    <Csrf ui={ui} />
                    <button type="submit" class="ds-button" data-variant="tertiary">{ui.t("survey.removeQuestion", { text: q.text })}</button>
                  </form>
                </li>
              ))}
            </ol>
          )}
          <details open={!!p.forms.question}>
            <summary>{ui.t("survey.addQuestion")}</summary>
            <form method="post" action={`${base}/fragor`} class="stack" novalidate>
              <Csrf ui={ui} />
              <Select form={form("question", { kind: "rating" })} name="kind" label={ui.t("survey.field.kind")} options={surveyQuestionKinds.map((k) => ({ value: k, label: ui.t(`survey.kind.${k}` as MessageKey) }))} />
              <TextField form={form("question")} name="text" label={ui.t("survey.field.text")} required maxlength={300} />
              <TextArea form={form("question")} name="options" label={`${ui.t("survey.field.options")} ${ui.t("common.optional")}`} hint={ui.t("survey.field.optionsHint")} maxlength={2000} rows={4} />
              <Checkbox form={form("question")} name="required" label={ui.t("survey.field.required")} />
              <Submit variant="secondary">{ui.t("survey.addQuestion")}</Submit>
            </form>
          </details>
          <h2 class="ds-heading" data-size="md">{ui.t("survey.send")}</h2>
          <p class="ds-paragraph">{ui.t("survey.status", { invited: p.counts.invited, answered: p.counts.answered })}</p>
          <form method="post" action={`${base}/skicka`} class="stack" novalidate>
            <Csrf ui={ui} />
            <ChoiceGroup form={form("send")} name="audience" legend={ui.t("survey.field.audience")} hint={ui.t("survey.sendHint")} preselect="attended" options={[{ value: "attended", label: ui.t("survey.audience.attended") }, { value: "confirmed", label: ui.t("survey.audience.confirmed") }]} />
            <Submit>{ui.t("survey.send")}</Submit>
          </form>
          <p class="ds-paragraph"><a class="ds-link" href={`${base}/resultat`}>{ui.t("survey.results")}</a></p>
        </>
      )}
    </Layout>
  );
}

const percent = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 100));

/** A bar for a share, drawn in SVG (the page's CSP allows no inline styles); the table beside it carries the figures. */
function Bar({ share }: { share: number }) {
  return (
    <svg class="survey-bar" width="120" height="12" viewBox="0 0 100 12" aria-hidden="true" focusable="false">
      <rect x="0" y="0" width="100" height="12" class="survey-bar-track"></rect>
      <rect x="0" y="0" width={String(share)} height="12" class="survey-bar-fill"></rect>
    </svg>
  );
}

function QuestionBlock({ ui, r, last, lastEvent, minGroup, responses }: { ui: Ui; r: QuestionResult; last: QuestionResult | undefined; lastEvent: string | null; minGroup: number; responses: number }) {
  const q = r.question;
  return (
    <section class="stack" aria-labelledby={`q-${q.id}`}>
      <h2 class="ds-heading" data-size="sm" id={`q-${q.id}`}>{q.text}</h2>
      {q.kind === "text" ? (
        r.texts === null ? (
          <p class="ds-paragraph">{ui.t("survey.textsHidden", { min: minGroup, count: responses })}</p>
        ) : r.texts.length === 0 ? (
          <p class="ds-paragraph">{ui.t("survey.noTexts")}</p>
        ) : (
          <ul class="ds-list">{r.texts.map((t) => <li>{t}</li>)}</ul>
        )
      ) : (
        <>
          {r.mean !== null && <p class="ds-paragraph">{ui.t("survey.mean", { mean: oneDecimal(r.mean, ui.locale, true), count: r.answered })}</p>}
          {last?.mean !== null && last?.mean !== undefined && lastEvent && <p class="ds-paragraph">{ui.t("survey.lastYearMean", { event: lastEvent, mean: oneDecimal(last.mean, ui.locale, true) })}</p>}
          <TableScroll label={q.text}>
            <table class="ds-table" data-zebra="true">
              <thead>
                <tr>
                  <th scope="col">{ui.t("survey.answer")}</th>
                  <th scope="col">{ui.t("survey.count")}</th>
                  <th scope="col">{ui.t("survey.share")}</th>
                  {last && <th scope="col">{ui.t("survey.lastYearShare")}</th>}
                </tr>
              </thead>
              <tbody>
                {r.counts.map((c) => {
                  const before = last?.counts.find((x) => x.label === c.label);
                  return (
                    <tr>
                      <th scope="row">{c.label}</th>
                      <td>{c.count}</td>
                      <td><Bar share={percent(c.count, r.answered)} /> {percent(c.count, r.answered)} %</td>
                      {last && <td>{before ? `${percent(before.count, last.answered)} %` : "–"}</td>}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </section>
  );
}

export function SurveyResultsPage({ ui, event, results, last }: { ui: Ui; event: EventWithSpace; results: SurveyResults; last: { results: SurveyResults; eventTitle: string } | null }) {
  const base = `/arrangor/evenemang/${event.id}/utvardering/resultat`;
  const title = ui.t("survey.resultsTitle", { title: results.survey.title });
  // Last year's question of the same wording, if it had one.
  const lastOf = (q: Question) => last?.results.questions.find((x) => x.question.text.trim().toLowerCase() === q.text.trim().toLowerCase() && x.question.kind === q.kind);
  return (
    <Layout ui={ui} title={title} crumbs={crumbs(ui, event, ui.t("survey.results"))}>
      <h1 class="ds-heading" data-size="lg">{title}</h1>
      <EventAdminNav ui={ui} event={event} current="survey" />
      <p class="ds-paragraph">{ui.t("survey.responses", { count: results.responses })}</p>
      <ul class="ds-list">
        <li><a class="ds-link" href={`${base}.csv`} download>{ui.t("survey.export.csv")}</a></li>
        <li><a class="ds-link" href={`${base}.xlsx`} download>{ui.t("survey.export.xlsx")}</a></li>
      </ul>
      {results.questions.map((r) => (
        <QuestionBlock ui={ui} r={r} last={lastOf(r.question)} lastEvent={last?.eventTitle ?? null} minGroup={results.survey.minGroup} responses={results.responses} />
      ))}
    </Layout>
  );
}
