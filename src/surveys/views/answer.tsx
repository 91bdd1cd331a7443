/** The survey as the person asked sees it through their own link: every question, a form that works without JavaScript. */
import type { FormState, Ui } from "../../http/ui.js";
import { ChoiceGroup, Csrf, ErrorSummary, Submit, TextArea } from "../../http/views/forms.js";
import { Layout } from "../../http/views/layout.js";
import { RATING_MAX, type Question, type Survey } from "../service.js";

export function AnswerPage({ ui, survey, questions, token, form }: { ui: Ui; survey: Survey; questions: Question[]; token: string; form: FormState }) {
  return (
    <Layout ui={ui} title={survey.title} hasErrors={Object.keys(form.errors).length > 0}>
      <h1 class="ds-heading" data-size="lg">{survey.title}</h1>
      <ErrorSummary ui={ui} form={form} />
      {survey.intro && <p class="ds-paragraph">{survey.intro}</p>}
      <p class="ds-paragraph">{ui.t("survey.answerLead")}</p>
      <form method="post" action={`/utvardering/${token}`} class="stack" novalidate>
        <Csrf ui={ui} />
        {questions.map((q) => {
          const name = `q.${q.id}`;
          const legend = `${q.text}${q.required ? "" : ` ${ui.t("common.optional")}`}`;
          if (q.kind === "text") return <TextArea form={form} name={name} label={legend} maxlength={2000} rows={4} />;
          const options = q.kind === "rating" ? Array.from({ length: RATING_MAX }, (_, i) => ({ value: String(i + 1), label: String(i + 1) })) : q.options.map((o) => ({ value: o, label: o }));
          return <ChoiceGroup form={form} name={name} legend={legend} hint={q.kind === "rating" ? `${ui.t("survey.rating.low")}, ${ui.t("survey.rating.high")}` : undefined} options={options} />;
        })}
        <Submit>{ui.t("survey.submit")}</Submit>
      </form>
    </Layout>
  );
}

export function AnswerDonePage({ ui, kind }: { ui: Ui; kind: "thanks" | "used" | "bad" }) {
  const title = kind === "thanks" ? ui.t("survey.thanks") : kind === "used" ? ui.t("survey.usedTitle") : ui.t("survey.badLink");
  return (
    <Layout ui={ui} title={title}>
      <h1 class="ds-heading" data-size="lg">{title}</h1>
      {kind === "thanks" && <p class="ds-paragraph">{ui.t("survey.thanksText")}</p>}
      {kind === "used" && <p class="ds-paragraph">{ui.t("survey.usedText")}</p>}
    </Layout>
  );
}
