/** The evaluation survey: the organiser builds, sends and reads it; each person answers once through their own link. */
import { Hono } from "hono";
import { z } from "zod";
import { loadEventFor } from "../auth/policy.js";
import type { EventWithSpace } from "../events/repository.js";
import { setFlash } from "../http/cookies.js";
import type { AppContext, AppEnv } from "../http/env.js";
import { AppError, notFound, validationFailed, type FieldError } from "../http/errors.js";
import { readForm, submitForm } from "../http/forms.js";
import { idParam } from "../http/params.js";
import { emptyForm, formStateFromError, uiOf, type FieldLabels, type FormState } from "../http/ui.js";
import { parseInput } from "../http/validation.js";
import { isoDate } from "../i18n/format.js";
import type { MessageKey } from "../i18n/messages.js";
import { checkbox, formWholeNumber, optionalText, requiredText } from "../shared/fields.js";
import { readLink } from "../shared/signed-links.js";
import { spreadsheetDownload, type Cell } from "../shared/spreadsheet.js";
import { surveyAudiences, surveyQuestionKinds } from "./schema.js";
import { addQuestion, findInvitation, invitationCounts, previousEditionSurvey, questionsOf, RATING_MAX, removeQuestion, saveSurvey, sendSurvey, submitResponse, surveyOfEvent, surveyResults, type Answer, type SurveyResults } from "./service.js";
import { AnswerDonePage, AnswerPage } from "./views/answer.js";
import { SurveyPage, SurveyResultsPage } from "./views/organiser.js";

export const surveyRoutes = new Hono<AppEnv>();

const labels: FieldLabels = { title: "survey.field.title", intro: "survey.field.intro", minGroup: "survey.field.minGroup", kind: "survey.field.kind", text: "survey.field.text", options: "survey.field.options", audience: "survey.field.audience" };
const SurveyForm = z.object({ title: requiredText(200), intro: optionalText(2000).transform((v) => v ?? null), minGroup: formWholeNumber(1, 100, "survey.field.minGroupHint").transform((v) => v ?? 5) });
const QuestionForm = z
  .object({ kind: z.enum(surveyQuestionKinds, { message: "validation.choose" }), text: requiredText(300), options: optionalText(2000), required: checkbox })
  .transform((q) => ({ ...q, options: q.kind === "choice" ? [...new Set((q.options ?? "").split(/\r?\n/).map((o) => o.trim()).filter(Boolean))].slice(0, 20) : [] }))
  .refine((q) => q.kind !== "choice" || q.options.length >= 2, { path: ["options"], message: "survey.error.options" });
const SendForm = z.object({ audience: z.enum(surveyAudiences, { message: "validation.choose" }) });

const managed = (c: AppContext) => loadEventFor(c.get("deps").db, c.get("actor"), idParam(c, "id"), "event.manage");
const base = (event: EventWithSpace) => `/arrangor/evenemang/${event.id}/utvardering`;

async function page(c: AppContext, event: EventWithSpace, forms: Record<string, FormState> = {}) {
  const { db } = c.get("deps");
  const survey = await surveyOfEvent(db, event.id);
  const [questions, counts] = survey ? await Promise.all([questionsOf(db, survey.id), invitationCounts(db, survey.id)]) : [[], { invited: 0, answered: 0 }];
  return <SurveyPage ui={uiOf(c)} event={event} survey={survey} questions={questions} counts={counts} forms={forms} />;
}

/** A form of the survey page: back to it with a message, or the page again with that form's errors. */
async function surveyForm(c: AppContext, scope: string, run: (event: EventWithSpace, values: Record<string, string>) => Promise<string>) {
  const event = await managed(c);
  const values = await readForm(c);
  return submitForm(
    c,
    values,
    async () => {
      setFlash(c, await run(event, values));
      return c.redirect(base(event), 303);
    },
    (form) => page(c, event, { [scope]: form }),
    labels,
  );
}

async function requireSurvey(c: AppContext, event: EventWithSpace) {
  const survey = await surveyOfEvent(c.get("deps").db, event.id);
  if (!survey) throw notFound();
  return survey;
}

surveyRoutes.get("/arrangor/evenemang/:id/utvardering", async (c) => c.html(await page(c, await managed(c))));

surveyRoutes.post("/arrangor/evenemang/:id/utvardering", (c) =>
  surveyForm(c, "survey", async (event, values) => {
    await saveSurvey(c.get("deps").db, event.id, parseInput(SurveyForm, values));
    return c.get("t")("common.saved");
  }),
);

surveyRoutes.post("/arrangor/evenemang/:id/utvardering/fragor", (c) =>
  surveyForm(c, "question", async (event, values) => {
    const survey = await requireSurvey(c, event);
    await addQuestion(c.get("deps").db, survey.id, parseInput(QuestionForm, values));
    return c.get("t")("plans.manage.added");
  }),
);

surveyRoutes.post("/arrangor/evenemang/:id/utvardering/fragor/:qid/ta-bort", (c) =>
  surveyForm(c, "question", async (event) => {
    const survey = await requireSurvey(c, event);
    await removeQuestion(c.get("deps").db, survey.id, idParam(c, "qid"));
    return c.get("t")("common.saved");
  }),
);

surveyRoutes.post("/arrangor/evenemang/:id/utvardering/skicka", (c) =>
  surveyForm(c, "send", async (event, values) => {
    const { db, now, config, linkKey } = c.get("deps");
    const survey = await requireSurvey(c, event);
    const { audience } = parseInput(SendForm, values);
    if ((await questionsOf(db, survey.id)).length === 0) throw validationFailed([{ field: "audience", key: "survey.error.noQuestions" }]);
    const count = await sendSurvey(db, survey, event.titleSv, audience, { publicUrl: config.publicUrl, linkKey }, now());
    return c.get("t")("survey.sent", { count });
  }),
);

async function resultsOf(c: AppContext, event: EventWithSpace): Promise<{ results: SurveyResults; last: { results: SurveyResults; eventTitle: string } | null }> {
  const { db } = c.get("deps");
  const survey = await requireSurvey(c, event);
  const previous = await previousEditionSurvey(db, event);
  return { results: await surveyResults(db, survey), last: previous ? { results: await surveyResults(db, previous.survey), eventTitle: previous.eventTitle } : null };
}

surveyRoutes.get("/arrangor/evenemang/:id/utvardering/resultat", async (c) => {
  const event = await managed(c);
  const { results, last } = await resultsOf(c, event);
  return c.html(<SurveyResultsPage ui={uiOf(c)} event={event} results={results} last={last} />);
});

/** The results as lines: one per answer option with its count, each free text (when shown) on its own; never one line per person. */
function resultLines(c: AppContext, r: SurveyResults): Cell[][] {
  const t = c.get("t");
  const lines: Cell[][] = [[t("survey.export.question"), t("survey.export.kind"), t("survey.export.answer"), t("survey.export.count")]];
  for (const q of r.questions) {
    const kind = t(`survey.kind.${q.question.kind}` as MessageKey);
    if (q.question.kind === "text") for (const text of q.texts ?? []) lines.push([q.question.text, kind, text, 1]);
    else for (const row of q.counts) lines.push([q.question.text, kind, row.label, row.count]);
  }
  return lines;
}

surveyRoutes.get("/arrangor/evenemang/:id/utvardering/:file{resultat\\.(csv|xlsx)}", async (c) => {
  const event = await managed(c);
  const { results } = await resultsOf(c, event);
  return spreadsheetDownload(c, `utvardering-${event.slug ?? event.id}`, [{ name: results.survey.title, lines: resultLines(c, results) }], c.req.param("file").endsWith(".xlsx") ? "xlsx" : "csv");
});

// ── The person's own link ──────────────────────────────────────────────────────

async function invitationOf(c: AppContext) {
  const id = readLink(c.get("deps").linkKey, "survey", c.req.param("token") ?? "");
  return id ? findInvitation(c.get("deps").db, id) : null;
}

surveyRoutes.get("/utvardering/:token", async (c) => {
  const inv = await invitationOf(c);
  if (!inv) return c.html(<AnswerDonePage ui={uiOf(c)} kind="bad" />, 404);
  if (inv.used) return c.html(<AnswerDonePage ui={uiOf(c)} kind="used" />);
  const questions = await questionsOf(c.get("deps").db, inv.survey.id);
  return c.html(<AnswerPage ui={uiOf(c)} survey={inv.survey} questions={questions} token={c.req.param("token")} form={emptyForm()} />);
});

surveyRoutes.post("/utvardering/:token", async (c) => {
  const inv = await invitationOf(c);
  if (!inv) return c.html(<AnswerDonePage ui={uiOf(c)} kind="bad" />, 404);
  const { db, now } = c.get("deps");
  const questions = await questionsOf(db, inv.survey.id);
  const values = await readForm(c);
  const errors: FieldError[] = [];
  const answers: Answer[] = questions.map((q) => {
    const raw = (values[`q.${q.id}`] ?? "").trim();
    const answer: Answer = { questionId: q.id, rating: null, choice: null, text: null };
    if (!raw) {
      if (q.required) errors.push({ field: `q.${q.id}`, key: "survey.error.choose" });
      return answer;
    }
    if (q.kind === "rating") {
      if (!/^\d$/.test(raw) || Number(raw) < 1 || Number(raw) > RATING_MAX) errors.push({ field: `q.${q.id}`, key: "survey.error.choose" });
      else answer.rating = Number(raw);
    } else if (q.kind === "choice") {
      if (!q.options.includes(raw)) errors.push({ field: `q.${q.id}`, key: "survey.error.choose" });
      else answer.choice = raw;
    } else {
      const text = requiredText(2000).safeParse(raw);
      if (!text.success) errors.push({ field: `q.${q.id}`, key: text.error.issues[0]?.message === "validation.personnummer" ? "survey.error.personnummer" : "survey.error.tooLong" });
      else answer.text = text.data;
    }
    return answer;
  });
  const again = (form: FormState, status: 409 | 422) => c.html(<AnswerPage ui={uiOf(c)} survey={inv.survey} questions={questions} token={c.req.param("token")} form={form} />, status);
  if (errors.length) return again(formStateFromError(c.get("t"), values, validationFailed(errors)), 422);
  try {
    await submitResponse(db, inv.id, inv.survey.id, answers, isoDate(now()));
  } catch (err) {
    if (err instanceof AppError && err.status === 409) return c.html(<AnswerDonePage ui={uiOf(c)} kind="used" />, 409);
    throw err;
  }
  return c.html(<AnswerDonePage ui={uiOf(c)} kind="thanks" />);
});
