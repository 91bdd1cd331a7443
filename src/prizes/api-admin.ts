/**
 * Running a prize year through the JSON API, as its admin pages do: the phase, screening,
 * the jury, the decision and the announcement; and a juror's own review. The same rules
 * and the same policy as the pages (service.ts, auth/policy.ts).
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Api } from "../api/openapi.js";
import { bearer, errorResponses, IdParam, jsonBody, jsonResponse } from "../api/openapi.js";
import { adminYear, RoundParams } from "./api.js";
import { loadPrizeFor, requireJuror } from "../auth/policy.js";
import { conflict, notFound, validationFailed } from "../http/errors.js";
import { email, optionalText, requiredText } from "../shared/fields.js";
import { criteriaOf, findNomination, findRound, saveReview, screenQuestionsOf } from "./repository.js";
import { SCORE_MAX } from "./schema.js";
import { announceNow, decide, inviteJuror, jurorsMayScore, manualPhases, mayReview, recordScreening, setPhase } from "./service.js";
import { mailContext } from "../plans/routes/params.js";

const NominationParams = RoundParams.extend(IdParam.shape);
const PhaseInput = z.object({ phase: z.enum(manualPhases as ["nomination", "screening", "judging", "deliberation"], { message: "validation.choose" }) }).openapi("PrizePhaseInput");
const ScreeningInput = z.object({ answers: z.record(z.uuid(), z.boolean()).openapi({ description: "Eligibility question id → yes (true) or no (false); every question answered." }), note: optionalText(1000) }).openapi("PrizeScreeningInput");
const JurorInput = z.object({ email, name: requiredText(120) }).openapi("PrizeJurorInput");
const DecisionInput = z.object({ winnerId: z.uuid({ message: "validation.uuid" }), justification: requiredText(4000) }).openapi("PrizeDecisionInput");
const ReviewInput = z.object({ scores: z.record(z.uuid(), z.number().int().min(0).max(SCORE_MAX)).openapi({ description: `Criterion id → 0–${SCORE_MAX}; the review counts once every criterion has one.` }), comment: optionalText(4000) }).openapi("PrizeReviewInput");
const ScreenedJson = z.object({ eligible: z.boolean(), reason: z.string().nullable() }).openapi("PrizeScreening");



export function registerPrizeAdminApi(api: Api) {
  api.openapi(
    createRoute({ method: "post", path: "/v1/prizes/{slug}/years/{year}/phase", tags: ["Prizes"], summary: "Move the year between nomination, screening, judging and deliberation (the prize's admins)", security: bearer, request: { params: RoundParams, ...jsonBody(PhaseInput) }, responses: { 204: { description: "Moved." }, ...errorResponses } }),
    async (c) => {
      const { round } = await adminYear(c, c.req.valid("param"));
      await setPhase(c.get("deps").db, round, c.req.valid("json").phase);
      return c.body(null, 204);
    },
  );

  api.openapi(
    createRoute({ method: "post", path: "/v1/prizes/{slug}/years/{year}/nominations/{id}/screening", tags: ["Prizes"], summary: "Screen a nomination against the eligibility criteria: a no sets it aside with the reason, kept (the prize's admins)", security: bearer, request: { params: NominationParams, ...jsonBody(ScreeningInput) }, responses: { 200: jsonResponse(ScreenedJson, "The outcome."), ...errorResponses } }),
    async (c) => {
      const { db } = c.get("deps");
      const params = c.req.valid("param");
      const { round } = await adminYear(c, params);
      const n = await findNomination(db, round.id, params.id);
      if (!n) throw notFound();
      const body = c.req.valid("json");
      const questions = await screenQuestionsOf(db, round.id);
      const missing = questions.filter((q) => typeof body.answers[q.id] !== "boolean");
      if (missing.length || Object.keys(body.answers).some((k) => !questions.some((q) => q.id === k))) throw validationFailed([{ field: "answers", key: "prizes.error.answer" }]);
      const reason = await recordScreening(db, n, questions, new Map(questions.map((q) => [q.id, body.answers[q.id]!])), body.note ?? null);
      return c.json({ eligible: reason === null, reason }, 200);
    },
  );

  api.openapi(
    createRoute({ method: "post", path: "/v1/prizes/{slug}/years/{year}/jurors", tags: ["Prizes"], summary: "Invite a juror by e-mail (the prize's admins); they state their organisations before seeing any nomination", security: bearer, request: { params: RoundParams, ...jsonBody(JurorInput) }, responses: { 201: { description: "Invited." }, ...errorResponses } }),
    async (c) => {
      const { db, now, config } = c.get("deps");
      const { prize, round } = await adminYear(c, c.req.valid("param"));
      if (!(await inviteJuror(db, prize, round, c.req.valid("json"), config.publicUrl, now()))) throw conflict("prizes.error.alreadyJuror", "email");
      return c.body(null, 201);
    },
  );

  api.openapi(
    createRoute({ method: "post", path: "/v1/prizes/{slug}/years/{year}/decision", tags: ["Prizes"], summary: "Record the deliberation's decision with its justification; sealed until the announcement (the prize's admins)", security: bearer, request: { params: RoundParams, ...jsonBody(DecisionInput) }, responses: { 204: { description: "Decided and sealed." }, ...errorResponses } }),
    async (c) => {
      const { db, now } = c.get("deps");
      const { round } = await adminYear(c, c.req.valid("param"));
      const body = c.req.valid("json");
      const winner = await findNomination(db, round.id, body.winnerId);
      if (!winner) throw validationFailed([{ field: "winnerId", key: "prizes.error.unknown" }]);
      await decide(db, round, winner, body.justification, now());
      return c.body(null, 204);
    },
  );

  api.openapi(
    createRoute({ method: "post", path: "/v1/prizes/{slug}/years/{year}/announcement", tags: ["Prizes"], summary: "Announce the decided winner now: the page, the gallery and the nominators' mails at once (the prize's admins)", security: bearer, request: { params: RoundParams }, responses: { 204: { description: "Announced." }, ...errorResponses } }),
    async (c) => {
      const { round } = await adminYear(c, c.req.valid("param"));
      await announceNow(c.get("deps").db, round, mailContext(c), c.get("deps").now());
      return c.body(null, 204);
    },
  );

  api.openapi(
    createRoute({ method: "put", path: "/v1/prizes/{slug}/years/{year}/nominations/{id}/review", tags: ["Prizes"], summary: "A juror's own review of a nomination they may judge (judging phase, organisations stated, no conflict)", security: bearer, request: { params: NominationParams, ...jsonBody(ReviewInput) }, responses: { 204: { description: "Saved." }, ...errorResponses } }),
    async (c) => {
      const { db, now } = c.get("deps");
      const params = c.req.valid("param");
      const { prize } = await loadPrizeFor(db, c.get("actor"), params.slug);
      const round = await findRound(db, prize.id, params.year);
      if (!round) throw notFound();
      const juror = await requireJuror(db, c.get("actor"), round);
      const n = await findNomination(db, round.id, params.id);
      if (!n) throw notFound();
      if (!jurorsMayScore(round)) throw conflict("prizes.error.notJudging");
      // A conflicted juror (or one who has not stated their organisations) learns nothing of the nomination: as if it did not exist.
      if (!(await mayReview(db, round, juror, n))) throw notFound();
      const body = c.req.valid("json");
      const criteria = await criteriaOf(db, round.id);
      if (Object.keys(body.scores).some((k) => !criteria.some((cr) => cr.id === k))) throw validationFailed([{ field: "scores", key: "prizes.error.unknown" }]);
      await saveReview(db, juror.id, n.id, Object.entries(body.scores).map(([criterionId, score]) => ({ criterionId, score })), body.comment ?? null, now());
      return c.body(null, 204);
    },
  );
}
