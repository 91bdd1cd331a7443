/** Setting a prize up through the JSON API, as its admin pages do: the prize, a year, its criteria and its eligibility questions. */
import { createRoute, z } from "@hono/zod-openapi";
import type { Api } from "../api/openapi.js";
import { bearer, errorResponses, jsonBody, jsonResponse } from "../api/openapi.js";
import { loadPrizeForAdmin, requireSpaceManager } from "../auth/policy.js";
import { validationFailed } from "../http/errors.js";
import { plansOfSpaces } from "../plans/repository.js";
import { instant, optionalText, requiredText, slug } from "../shared/fields.js";
import { addCriterion, addRound, addScreenQuestion, createPrize } from "./repository.js";
import { rankingMethods } from "./schema.js";
import { adminYear, PrizeParam, RoundParams } from "./api.js";

const PrizeInput = z.object({ spaceId: z.uuid({ message: "validation.uuid" }), slug: slug.refine((v) => v !== "ny" && v !== "galleri", { message: "prizes.error.slugTaken" }), name: requiredText(120), description: optionalText(4000) }).openapi("PrizeInput");
const YearInput = z
  .object({ year: z.number().int().min(2000).max(2100), intro: optionalText(4000), closesAt: instant, announceAt: instant, planId: z.uuid({ message: "validation.uuid" }).optional(), ranking: z.enum(rankingMethods) })
  .refine((r) => r.announceAt > r.closesAt, { path: ["announceAt"], message: "prizes.error.announceBeforeClose" })
  .openapi("PrizeYearInput");
const CriterionInput = z.object({ title: requiredText(120), description: optionalText(1000), weight: z.number().int().min(0).max(100) }).openapi("PrizeCriterionInput");
const QuestionInput = z.object({ text: requiredText(300) }).openapi("PrizeEligibilityInput");


export function registerPrizeSetupApi(api: Api) {
  api.openapi(
    createRoute({ method: "post", path: "/v1/prizes", tags: ["Prizes"], summary: "Create a prize in a space you organise", security: bearer, request: jsonBody(PrizeInput), responses: { 201: jsonResponse(z.object({ slug: z.string() }).openapi("PrizeCreated"), "The prize."), ...errorResponses } }),
    async (c) => {
      const { db } = c.get("deps");
      const { spaceId, ...body } = c.req.valid("json");
      await requireSpaceManager(db, c.get("actor"), spaceId);
      const prize = await createPrize(db, spaceId, { slug: body.slug, name: body.name, description: body.description ?? null });
      return c.json({ slug: prize.slug }, 201);
    },
  );

  api.openapi(
    createRoute({ method: "post", path: "/v1/prizes/{slug}/years", tags: ["Prizes"], summary: "Open a year: its closing date, its announcement (the ceremony), the plan nominations refer to, mean or median (the prize's admins)", security: bearer, request: { params: PrizeParam, ...jsonBody(YearInput) }, responses: { 201: { description: "Created." }, ...errorResponses } }),
    async (c) => {
      const { db } = c.get("deps");
      const prize = await loadPrizeForAdmin(db, c.get("actor"), c.req.valid("param").slug);
      const body = c.req.valid("json");
      if (body.planId && !(await plansOfSpaces(db, [prize.spaceId])).some((p) => p.id === body.planId)) throw validationFailed([{ field: "planId", key: "prizes.error.unknown" }]);
      await addRound(db, prize.id, { year: body.year, intro: body.intro ?? null, closesAt: body.closesAt, announceAt: body.announceAt, planId: body.planId ?? null, ranking: body.ranking });
      return c.body(null, 201);
    },
  );

  api.openapi(
    createRoute({ method: "post", path: "/v1/prizes/{slug}/years/{year}/criteria", tags: ["Prizes"], summary: "Add a judging criterion with its weight (normalised against the others) (the prize's admins)", security: bearer, request: { params: RoundParams, ...jsonBody(CriterionInput) }, responses: { 201: { description: "Added." }, ...errorResponses } }),
    async (c) => {
      const { round } = await adminYear(c, c.req.valid("param"));
      const body = c.req.valid("json");
      await addCriterion(c.get("deps").db, round.id, { title: body.title, description: body.description ?? null, weight: body.weight });
      return c.body(null, 201);
    },
  );

  api.openapi(
    createRoute({ method: "post", path: "/v1/prizes/{slug}/years/{year}/eligibility", tags: ["Prizes"], summary: "Add an eligibility criterion as a yes/no question for the screener (the prize's admins)", security: bearer, request: { params: RoundParams, ...jsonBody(QuestionInput) }, responses: { 201: { description: "Added." }, ...errorResponses } }),
    async (c) => {
      const { round } = await adminYear(c, c.req.valid("param"));
      await addScreenQuestion(c.get("deps").db, round.id, c.req.valid("json").text);
      return c.body(null, 201);
    },
  );
}
