/**
 * Running a prize year through the JSON API, as its admin pages do: the phase, screening,
 * the jury, the decision and the announcement; and a juror's own review. The same rules
 * and the same policy as the pages (service.ts, auth/policy.ts).
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Api } from "../api/openapi.js";
import { bearer, errorResponses, jsonBody, jsonResponse } from "../api/openapi.js";
import { loadPrizeFor, loadPrizeForAdmin, requireJuror } from "../auth/policy.js";
import type { Db } from "../db/client.js";
import type { AppContext } from "../http/env.js";
import { conflict, notFound, validationFailed } from "../http/errors.js";
import { translator, type Locale } from "../i18n/messages.js";
import { enqueueMail } from "../mail/outbox.js";
import { findOrCreatePersonByEmail } from "../people/repository.js";
import { email, optionalText, requiredText } from "../shared/fields.js";
import { addJuror, criteriaOf, findNomination, findRound, jurorOf, saveReview, saveScreening, screenQuestionsOf, type Prize, type Round } from "./repository.js";
import { SCORE_MAX } from "./schema.js";
import { announceNow, decide, jurorsMayScore, manualPhases, mayReview, screeningReason, setPhase, type MailContext } from "./service.js";

const uuidParam = (name: string) => z.uuid({ message: "validation.uuid" }).openapi({ param: { name, in: "path" } });
const RoundParams = z.object({ slug: z.string().max(80).openapi({ param: { name: "slug", in: "path" } }), year: z.coerce.number().int().min(2000).max(2100).openapi({ param: { name: "year", in: "path" } }) });
const NominationParams = RoundParams.extend({ id: uuidParam("id") });
const PhaseInput = z.object({ phase: z.enum(manualPhases as ["nomination", "screening", "judging", "deliberation"], { message: "validation.choose" }) }).openapi("PrizePhaseInput");
const ScreeningInput = z.object({ answers: z.record(z.uuid(), z.boolean()).openapi({ description: "Eligibility question id → yes (true) or no (false); every question answered." }), note: optionalText(1000) }).openapi("PrizeScreeningInput");
const JurorInput = z.object({ email, name: requiredText(120) }).openapi("PrizeJurorInput");
const DecisionInput = z.object({ winnerId: z.uuid({ message: "validation.uuid" }), justification: requiredText(4000) }).openapi("PrizeDecisionInput");
const ReviewInput = z.object({ scores: z.record(z.uuid(), z.number().int().min(0).max(SCORE_MAX)).openapi({ description: `Criterion id → 0–${SCORE_MAX}; the review counts once every criterion has one.` }), comment: optionalText(4000) }).openapi("PrizeReviewInput");
const ScreenedJson = z.object({ eligible: z.boolean(), reason: z.string().nullable() }).openapi("PrizeScreening");

const mailOf = (c: AppContext): MailContext => ({ publicUrl: c.get("deps").config.publicUrl, linkKey: c.get("deps").linkKey });

async function adminRound(c: AppContext, params: { slug: string; year: number }): Promise<{ prize: Prize; round: Round }> {
  const prize = await loadPrizeForAdmin(c.get("deps").db, c.get("actor"), params.slug);
  const round = await findRound(c.get("deps").db, prize.id, params.year);
  if (!round) throw notFound();
  return { prize, round };
}

export function registerPrizeAdminApi(api: Api) {
  api.openapi(
    createRoute({ method: "post", path: "/v1/prizes/{slug}/years/{year}/phase", tags: ["Prizes"], summary: "Move the year between nomination, screening, judging and deliberation (the prize's admins)", security: bearer, request: { params: RoundParams, ...jsonBody(PhaseInput) }, responses: { 204: { description: "Moved." }, ...errorResponses } }),
    async (c) => {
      const { round } = await adminRound(c, c.req.valid("param"));
      await setPhase(c.get("deps").db, round, c.req.valid("json").phase);
      return c.body(null, 204);
    },
  );

  api.openapi(
    createRoute({ method: "post", path: "/v1/prizes/{slug}/years/{year}/nominations/{id}/screening", tags: ["Prizes"], summary: "Screen a nomination against the eligibility criteria: a no sets it aside with the reason, kept (the prize's admins)", security: bearer, request: { params: NominationParams, ...jsonBody(ScreeningInput) }, responses: { 200: jsonResponse(ScreenedJson, "The outcome."), ...errorResponses } }),
    async (c) => {
      const { db } = c.get("deps");
      const params = c.req.valid("param");
      const { round } = await adminRound(c, params);
      const n = await findNomination(db, round.id, params.id);
      if (!n) throw notFound();
      const body = c.req.valid("json");
      const questions = await screenQuestionsOf(db, round.id);
      const missing = questions.filter((q) => typeof body.answers[q.id] !== "boolean");
      if (missing.length || Object.keys(body.answers).some((k) => !questions.some((q) => q.id === k))) throw validationFailed([{ field: "answers", key: "prizes.error.answer" }]);
      const answers = new Map(questions.map((q) => [q.id, body.answers[q.id]!]));
      const reason = screeningReason(questions, answers, [...answers.values()].some((v) => !v) ? (body.note ?? null) : null);
      await saveScreening(db, n.id, [...answers].map(([questionId, answer]) => ({ questionId, answer })), reason);
      return c.json({ eligible: reason === null, reason }, 200);
    },
  );

  api.openapi(
    createRoute({ method: "post", path: "/v1/prizes/{slug}/years/{year}/jurors", tags: ["Prizes"], summary: "Invite a juror by e-mail (the prize's admins); they state their organisations before seeing any nomination", security: bearer, request: { params: RoundParams, ...jsonBody(JurorInput) }, responses: { 201: { description: "Invited." }, ...errorResponses } }),
    async (c) => {
      const { db, now, config } = c.get("deps");
      const { prize, round } = await adminRound(c, c.req.valid("param"));
      const j = c.req.valid("json");
      const person = await findOrCreatePersonByEmail(db, j.email, j.name);
      if (await jurorOf(db, round.id, person.id)) throw conflict("prizes.error.alreadyJuror", "email");
      const locale: Locale = person.locale === "en" ? "en" : "sv";
      const params = { prize: prize.name, year: round.year, url: `${config.publicUrl}/pris/${prize.slug}/${round.year}/jury` };
      await db.transaction(async (tx) => {
        await addJuror(tx as unknown as Db, round.id, person.id);
        const t = translator(locale);
        await enqueueMail(tx as unknown as Db, { to: j.email, locale, subject: t("prizes.mail.juror.subject", params), text: t("prizes.mail.juror.text", params) }, now());
      });
      return c.body(null, 201);
    },
  );

  api.openapi(
    createRoute({ method: "post", path: "/v1/prizes/{slug}/years/{year}/decision", tags: ["Prizes"], summary: "Record the deliberation's decision with its justification; sealed until the announcement (the prize's admins)", security: bearer, request: { params: RoundParams, ...jsonBody(DecisionInput) }, responses: { 204: { description: "Decided and sealed." }, ...errorResponses } }),
    async (c) => {
      const { db, now } = c.get("deps");
      const { round } = await adminRound(c, c.req.valid("param"));
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
      const { round } = await adminRound(c, c.req.valid("param"));
      await announceNow(c.get("deps").db, round, mailOf(c), c.get("deps").now());
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
