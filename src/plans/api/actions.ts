/** Plans in the JSON API: an action with its history, progress reports, the plan file (export, dry run, import) and ideas. */
import { createRoute, z } from "@hono/zod-openapi";
import type { Api } from "../../api/openapi.js";
import { bearer, errorResponses, jsonBody, jsonResponse } from "../../api/openapi.js";
import { canReportOn, loadPlanForManage, loadPlanForRead } from "../../auth/policy.js";
import type { AppContext } from "../../http/env.js";
import { forbidden, notFound, unauthenticated, validationFailed } from "../../http/errors.js";
import { pick } from "../../i18n/messages.js";
import { optionalEmail, optionalText, requiredText } from "../../shared/fields.js";
import { looksLikePersonnummer } from "../../shared/personnummer.js";
import { loadActionDetails } from "../details.js";
import { readPlanText } from "../file-format.js";
import { importPlanLines } from "../file-transfer.js";
import { declineIdea, findIdea, ideasOfAction, ideasOfPlan, linkIdea, submitIdea } from "../ideas.js";
import { findAction, statusesOf } from "../repository.js";
import { IDEA_BODY_MAX, IDEA_TITLE_MAX } from "../schemas.js";
import { submitReport } from "../reporting.js";
import { mailContext } from "../routes/params.js";
import { SlugParam } from "./plans.js";
import { importer, planFileResponse } from "../routes/file.js";
import { openFormLimit } from "../../http/middleware/rate-limit.js";
import { ideaReviewStatuses } from "../schema.js";

const uuidParam = (name: string) => z.uuid({ message: "validation.uuid" }).openapi({ param: { name, in: "path" } });
const ActionParams = SlugParam.extend({ id: uuidParam("id") });
const comment = requiredText(1000);
const percentNumber = z.number().int().min(0).max(100);

const StatusJson = z.object({ key: z.string(), label: z.string(), labelEn: z.string() });
const ActionJson = z
  .object({
    id: z.uuid(),
    ref: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    year: z.number().int(),
    carriedFromYear: z.number().int().nullable(),
    status: StatusJson,
    progress: z.number().int().nullable(),
    startsOn: z.string().nullable(),
    endsOn: z.string().nullable(),
    contactName: z.string().nullable(),
    owners: z.array(z.object({ id: z.uuid(), name: z.string() })),
    goals: z.array(z.object({ goalId: z.uuid(), title: z.string(), focusArea: z.string(), weight: z.number().int() })),
    milestones: z.array(z.object({ title: z.string(), dueOn: z.string(), doneOn: z.string().nullable() })),
    links: z.array(z.object({ kind: z.enum(["event", "session"]), title: z.string(), href: z.string(), recordingHref: z.string().nullable() })),
    networks: z.array(z.object({ slug: z.string(), name: z.string() })).openapi({ description: "The networks that own the action." }),
    decisions: z.array(z.object({ network: z.string(), ref: z.string().nullable(), text: z.string(), decidedOn: z.string(), role: z.enum(["created", "updated"]) })).openapi({ description: "The networks' decisions that made or updated it." }),
    history: z.array(z.object({ year: z.number().int(), reporterName: z.string(), status: z.string(), progress: z.number().int(), comment: z.string(), createdAt: z.string() })).openapi({ description: "Every report, newest first, with those of the actions it continues." }),
    ideas: z.array(z.object({ id: z.uuid(), title: z.string(), body: z.string().nullable(), origin: z.string(), votes: z.number().int() })),
  })
  .openapi("PlanAction");

const ReportInput = z.object({ status: z.string().max(60).regex(/^[a-z0-9_-]+$/, { message: "plans.error.unknown" }).openapi({ description: "The key of a status of the space's catalogue, e.g. pagar." }), progress: percentNumber.optional().openapi({ description: "0–100; left out: the status's suggested figure." }), comment }).openapi("PlanReportInput");

const FileResult = z
  .object({
    applied: z.boolean(),
    digest: z.string().openapi({ description: "Of the changes listed; send it back with apply: true to save exactly these." }),
    unchanged: z.number().int(),
    problems: z.array(z.object({ line: z.number().int(), column: z.string().nullable(), code: z.string(), message: z.string() })),
    changes: z.array(z.object({ line: z.number().int(), kind: z.string(), op: z.enum(["add", "update", "report"]), label: z.string(), fields: z.array(z.object({ column: z.string(), from: z.string(), to: z.string() })) })),
  })
  .openapi("PlanFileResult");
const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const FileInput = z
  .object({
    // Every cell is checked as its form field is; a personnummer anywhere but in an id refuses the whole file at once.
    content: z
      .string()
      .max(250_000)
      .refine((v) => !looksLikePersonnummer(v.replace(UUIDS, "")), { message: "validation.personnummer" })
      .openapi({ description: "The plan file as CSV text, in the format of GET …/file." }),
    apply: z.boolean().optional(),
    digest: z.string().max(100).regex(/^[A-Za-z0-9_-]*$/, { message: "plans.file.stale" }).optional(),
  })
  .openapi("PlanFileInput");

const IdeaJson = z.object({ id: z.uuid(), title: z.string(), body: z.string().nullable(), origin: z.string(), votes: z.number().int(), status: z.enum(ideaReviewStatuses), actionId: z.uuid().nullable(), declineReason: z.string().nullable() }).openapi("PlanIdea");
const IdeaInput = z.object({ title: requiredText(IDEA_TITLE_MAX), body: optionalText(IDEA_BODY_MAX), name: optionalText(200), email: optionalEmail, wantsUpdates: z.boolean().optional() }).openapi("PlanIdeaInput");
const DecisionInput = z.discriminatedUnion("decision", [z.object({ decision: z.literal("attach"), actionId: z.uuid({ message: "validation.uuid" }) }), z.object({ decision: z.literal("decline"), reason: comment })]).openapi("PlanIdeaDecision");

async function actionJson(c: AppContext, slug: string, id: string) {
  const { db } = c.get("deps");
  const { plan } = await loadPlanForRead(db, c.get("actor"), slug);
  const d = await loadActionDetails(db, plan, id);
  if (!d) throw notFound();
  const statuses = new Map((await statusesOf(db, plan.spaceId)).map((s) => [s.id, s]));
  const locale = c.get("locale");
  const status = statuses.get(d.action.statusId)!;
  const a = d.action;
  return {
    id: a.id,
    ref: a.ref,
    title: a.title,
    description: a.description,
    year: d.year,
    carriedFromYear: d.carriedFromYear,
    status: { key: status.key, label: status.label, labelEn: status.labelEn },
    progress: a.progress,
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    contactName: a.contactName,
    owners: d.owners,
    goals: d.goals,
    milestones: d.milestones.map((m) => ({ title: m.title, dueOn: m.dueOn, doneOn: m.doneOn })),
    links: d.links.map((l) => ({ kind: l.kind, title: pick(locale, l.title, l.titleEn), href: l.href, recordingHref: l.recordingHref })),
    networks: d.networks.owners,
    decisions: d.networks.decisions.map((x) => ({ network: x.network_name, ref: x.ref, text: x.text, decidedOn: x.decided_on, role: x.action_role === "updated" ? ("updated" as const) : ("created" as const) })),
    history: d.history.map((h) => ({ year: h.year, reporterName: h.reporterName, status: statuses.get(h.statusId)?.key ?? "", progress: h.progress, comment: h.comment, createdAt: h.createdAt.toISOString() })),
    ideas: (await ideasOfAction(db, a.id)).map((i) => ({ id: i.id, title: i.title, body: i.body, origin: i.origin, votes: i.votes })),
  };
}

export function registerPlanActionApi(api: Api) {
  api.openapi(
    createRoute({ method: "get", path: "/v1/plans/{slug}/actions/{id}", tags: ["Plans"], summary: "An action with its owners, goals, milestones, links, ideas and every report (also those of the years it continues)", request: { params: ActionParams }, responses: { 200: jsonResponse(ActionJson, "The action."), 404: errorResponses[404], 422: errorResponses[422] } }),
    async (c) => c.json(await actionJson(c, c.req.valid("param").slug, c.req.valid("param").id), 200),
  );

  api.openapi(
    createRoute({ method: "post", path: "/v1/plans/{slug}/actions/{id}/reports", tags: ["Plans"], summary: "Report an action's progress (its owners' reporters and the organisers); kept in its history, followers told", security: bearer, request: { params: ActionParams, ...jsonBody(ReportInput) }, responses: { 201: jsonResponse(ActionJson, "The action, with the report."), ...errorResponses } }),
    async (c) => {
      const { db, now } = c.get("deps");
      const { slug, id } = c.req.valid("param");
      const actor = c.get("actor");
      const { plan } = await loadPlanForRead(db, actor, slug);
      const action = await findAction(db, plan.id, id);
      if (!action) throw notFound();
      if (!(await canReportOn(db, actor, plan, action))) throw actor ? forbidden() : unauthenticated();
      const body = c.req.valid("json");
      await submitReport(db, plan, action, actor!, { status: { key: body.status }, progress: body.progress ?? null, comment: body.comment, field: "status" }, c.get("locale"), mailContext(c), now());
      return c.json(await actionJson(c, slug, id), 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/plans/{slug}/file",
      tags: ["Plans"],
      summary: "The plan as a file (organisers): one line per plan, focus area, goal, action and milestone, with stable ids; the format the import takes",
      security: bearer,
      request: { params: SlugParam, query: z.object({ format: z.enum(["csv", "xlsx"]).optional() }) },
      responses: { 200: { description: "The file.", content: { "text/csv": { schema: z.string() }, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: z.string().openapi({ format: "binary" }) } } }, 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] },
    }),
    async (c) => {
      const plan = await loadPlanForManage(c.get("deps").db, c.get("actor"), c.req.valid("param").slug);
      return planFileResponse(c, plan, c.req.valid("query").format ?? "csv");
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/v1/plans/{slug}/file",
      tags: ["Plans"],
      summary: "Check a plan file (dry run: every change and every problem, nothing written) or, with apply and the dry run's digest, save exactly those changes in one transaction",
      security: bearer,
      request: { params: SlugParam, ...jsonBody(FileInput) },
      responses: { 200: jsonResponse(FileResult, "What the file changes, or changed; problems mean nothing was written."), ...errorResponses },
    }),
    async (c) => {
      const { db, now } = c.get("deps");
      const plan = await loadPlanForManage(db, c.get("actor"), c.req.valid("param").slug);
      const body = c.req.valid("json");
      const read = readPlanText(body.content);
      if (!read.ok) throw validationFailed([{ field: "content", key: `plans.file.error.${read.problem}`, params: { detail: read.detail ?? "" } }]);
      const t = c.get("t");
      const result = await importPlanLines(db, plan, read.lines, body.apply ? { digest: body.digest ?? "", by: importer(c, plan), now: now() } : null);
      return c.json({ ...result, problems: result.problems.map((p) => ({ line: p.line, column: p.column, code: p.key, message: t(p.key, p.params) })) }, 200);
    },
  );

  api.openapi(
    createRoute({ method: "get", path: "/v1/plans/{slug}/ideas", tags: ["Plans"], summary: "The plan's ideas: those decided on for everyone, and for its organisers also those waiting for review", request: { params: SlugParam }, responses: { 200: jsonResponse(z.array(IdeaJson), "The ideas."), 404: errorResponses[404] } }),
    async (c) => {
      const { db } = c.get("deps");
      const { plan, manages } = await loadPlanForRead(db, c.get("actor"), c.req.valid("param").slug);
      const ideas = await ideasOfPlan(db, plan.id, manages ? [...ideaReviewStatuses] : ["promoted", "attached", "declined"]);
      return c.json(ideas.map((i) => ({ id: i.id, title: i.title, body: i.body, origin: i.origin, votes: i.votes, status: i.status, actionId: i.actionId, declineReason: i.declineReason })), 200);
    },
  );

  api.use("/v1/plans/:slug/ideas", async (c, next) => (c.req.method === "POST" ? openFormLimit("plan-idea", 20)(c, next) : next()));
  api.openapi(
    createRoute({ method: "post", path: "/v1/plans/{slug}/ideas", tags: ["Plans"], summary: "Send an idea for the plan (anyone; counted per address with the form's)", request: { params: SlugParam, ...jsonBody(IdeaInput) }, responses: { 201: jsonResponse(IdeaJson, "The idea, waiting for review."), ...errorResponses } }),
    async (c) => {
      const { db, now } = c.get("deps");
      const { plan } = await loadPlanForRead(db, c.get("actor"), c.req.valid("param").slug);
      const body = c.req.valid("json");
      const idea = await submitIdea(db, plan, { title: body.title, body: body.body ?? null, name: body.name ?? null, email: body.email ?? null, wantsUpdates: body.wantsUpdates ?? false }, c.get("locale"), now());
      return c.json({ id: idea.id, title: idea.title, body: idea.body, origin: idea.origin, votes: idea.votes, status: idea.status, actionId: idea.actionId, declineReason: idea.declineReason }, 201);
    },
  );

  api.openapi(
    createRoute({ method: "post", path: "/v1/plans/{slug}/ideas/{id}/decision", tags: ["Plans"], summary: "Attach an idea to an action, or decline it with a reason (organisers); what the idea said is never changed", security: bearer, request: { params: ActionParams, ...jsonBody(DecisionInput) }, responses: { 204: { description: "Decided." }, ...errorResponses } }),
    async (c) => {
      const { db, now } = c.get("deps");
      const { slug, id } = c.req.valid("param");
      const plan = await loadPlanForManage(db, c.get("actor"), slug);
      if (!(await findIdea(db, plan.id, id))) throw notFound();
      const body = c.req.valid("json");
      if (body.decision === "decline") await declineIdea(db, plan, id, body.reason, now());
      else {
        const action = await findAction(db, plan.id, body.actionId);
        if (!action) throw validationFailed([{ field: "actionId", key: "plans.error.unknown" }]);
        await db.transaction((tx) => linkIdea(tx as never, plan, id, action, "attached", mailContext(c), now()));
      }
      return c.body(null, 204);
    },
  );
}
