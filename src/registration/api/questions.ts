/** The registration form's questions in the JSON API: read (anyone who sees the event), add, change, remove (organisers). */
import { createRoute, z } from "@hono/zod-openapi";
import type { Api } from "../../api/openapi.js";
import { IdParam, bearer, errorResponses, jsonResponse } from "../../api/openapi.js";
import { loadEventForRead, loadEventForWrite, requireActor } from "../../auth/policy.js";
import { findEventById } from "../../events/repository.js";
import { createQuestion, deleteQuestion, updateQuestion } from "../question-admin.js";
import { listQuestions, type Question } from "../repository.js";
import { QuestionChangeInput, QuestionInput } from "../schemas.js";

const questionJson = (q: Question) => ({ id: q.id, kind: q.kind, label: q.labelSv, labelEn: q.labelEn, options: q.options, required: q.required, sensitive: q.sensitive, showIfQuestionId: q.showIfQuestionId, showIfValue: q.showIfValue, position: q.position });

const QuestionJson = z
  .object({ id: z.uuid(), kind: z.string(), label: z.string(), labelEn: z.string().nullable(), options: z.array(z.object({ value: z.string(), sv: z.string(), en: z.string().nullable().optional() })), required: z.boolean(), sensitive: z.boolean(), showIfQuestionId: z.uuid().nullable(), showIfValue: z.string().nullable(), position: z.number().int() })
  .openapi("Question");


export function registerQuestionApi(api: Api) {
  api.openapi(
    createRoute({ method: "get", path: "/v1/events/{id}/questions", tags: ["Registration"], summary: "The registration form's questions", request: { params: IdParam }, responses: { 200: jsonResponse(z.object({ data: z.array(QuestionJson) }), "Questions in order."), 404: errorResponses[404], 422: errorResponses[422] } }),
    async (c) => {
      const { db } = c.get("deps");
      const event = await loadEventForRead(db, c.get("actor"), await findEventById(db, c.req.valid("param").id));
      const rows = await listQuestions(db, event.id);
      return c.json({ data: rows.map(questionJson) }, 200);
    },
  );

  api.openapi(
    createRoute({ method: "post", path: "/v1/events/{id}/questions", tags: ["Registration"], summary: "Add a question (organisers)", security: bearer, request: { params: IdParam, body: { content: { "application/json": { schema: QuestionInput } }, required: true } }, responses: { 201: jsonResponse(z.object({ id: z.uuid() }), "Created."), ...errorResponses } }),
    async (c) => {
      const { db } = c.get("deps");
      const event = await loadEventForWrite(db, requireActor(c.get("actor")), c.req.valid("param").id);
      return c.json({ id: await createQuestion(db, event.id, c.req.valid("json")) }, 201);
    },
  );

  api.openapi(
    createRoute({ method: "patch", path: "/v1/events/{id}/questions/{questionId}", tags: ["Registration"], summary: "Change a question (organisers); its kind stays", security: bearer, request: { params: IdParam.extend({ questionId: z.uuid().openapi({ param: { name: "questionId", in: "path" } }) }), body: { content: { "application/json": { schema: QuestionChangeInput } }, required: true } }, responses: { 200: jsonResponse(QuestionJson, "The question as it is now."), ...errorResponses } }),
    async (c) => {
      const { db } = c.get("deps");
      const { id, questionId } = c.req.valid("param");
      const event = await loadEventForWrite(db, requireActor(c.get("actor")), id);
      const q = await updateQuestion(db, event.id, questionId, c.req.valid("json"));
      return c.json(questionJson(q), 200);
    },
  );

  api.openapi(
    createRoute({ method: "delete", path: "/v1/events/{id}/questions/{questionId}", tags: ["Registration"], summary: "Remove a question (organisers)", security: bearer, request: { params: IdParam.extend({ questionId: z.uuid().openapi({ param: { name: "questionId", in: "path" } }) }) }, responses: { 204: { description: "Removed." }, ...errorResponses } }),
    async (c) => {
      const { db } = c.get("deps");
      const { id, questionId } = c.req.valid("param");
      const event = await loadEventForWrite(db, requireActor(c.get("actor")), id);
      await deleteQuestion(db, event.id, questionId);
      return c.body(null, 204);
    },
  );
}
