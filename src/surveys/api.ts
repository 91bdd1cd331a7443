/** The evaluation in the JSON API: an event's survey results for its organisers, as the results page shows them (never per person). */
import { createRoute, z } from "@hono/zod-openapi";
import type { Api } from "../api/openapi.js";
import { bearer, errorResponses, IdParam, jsonResponse } from "../api/openapi.js";
import { loadEventFor } from "../auth/policy.js";
import { notFound } from "../http/errors.js";
import { surveyQuestionKinds } from "./schema.js";
import { invitationCounts, previousEditionSurvey, surveyOfEvent, surveyResults, type SurveyResults } from "./service.js";

const ResultsJson = z
  .object({
    title: z.string(),
    invited: z.number().int(),
    responses: z.number().int(),
    minGroup: z.number().int(),
    questions: z.array(
      z.object({
        id: z.uuid(),
        kind: z.enum(surveyQuestionKinds),
        text: z.string(),
        answered: z.number().int(),
        mean: z.number().nullable(),
        counts: z.array(z.object({ label: z.string(), count: z.number().int() })),
        texts: z.array(z.string()).nullable().openapi({ description: "Free text, in an order that says nothing of who wrote it; null until the survey has minGroup answers." }),
      }),
    ),
    lastEdition: z.object({ eventTitle: z.string(), responses: z.number().int(), questions: z.array(z.object({ text: z.string(), mean: z.number().nullable(), counts: z.array(z.object({ label: z.string(), count: z.number().int() })) })) }).nullable(),
  })
  .openapi("SurveyResults");

const questionsJson = (r: SurveyResults) => r.questions.map((q) => ({ id: q.question.id, kind: q.question.kind, text: q.question.text, answered: q.answered, mean: q.mean, counts: q.counts, texts: q.texts }));

export function registerSurveyApi(api: Api) {
  api.openapi(
    createRoute({ method: "get", path: "/v1/events/{id}/survey/results", tags: ["Evaluation"], summary: "The event's evaluation results per question, with last year's edition of the series (organisers)", security: bearer, request: { params: IdParam }, responses: { 200: jsonResponse(ResultsJson, "The results."), 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] } }),
    async (c) => {
      const { db } = c.get("deps");
      const event = await loadEventFor(db, c.get("actor"), c.req.valid("param").id, "event.manage");
      const survey = await surveyOfEvent(db, event.id);
      if (!survey) throw notFound();
      const [results, counts, previous] = await Promise.all([surveyResults(db, survey), invitationCounts(db, survey.id), previousEditionSurvey(db, event)]);
      const last = previous ? await surveyResults(db, previous.survey) : null;
      return c.json(
        {
          title: survey.title,
          invited: counts.invited,
          responses: results.responses,
          minGroup: survey.minGroup,
          questions: questionsJson(results),
          lastEdition: last && previous ? { eventTitle: previous.eventTitle, responses: last.responses, questions: questionsJson(last).map((q) => ({ text: q.text, mean: q.mean, counts: q.counts })) } : null,
        },
        200,
      );
    },
  );
}
