/**
 * The prize in the JSON API: prizes and their years (the winner only once announced), a
 * nomination sent like the form's, and for the prize's admins the ranking and the decision.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Api } from "../api/openapi.js";
import { bearer, errorResponses, jsonBody, jsonResponse } from "../api/openapi.js";
import { loadPrizeFor, loadPrizeForAdmin } from "../auth/policy.js";
import type { AppContext } from "../http/env.js";
import { notFound, validationFailed } from "../http/errors.js";
import { openFormLimit } from "../http/middleware/rate-limit.js";
import { organisationNames } from "../plans/repository.js";
import { email, requiredText } from "../shared/fields.js";
import { criteriaOf, findRound, nominationsOf, partsOf, planOptionsOf, roundsOf, screenQuestionsOf, allPrizes, type Nomination, type Prize, type Round } from "./repository.js";
import { prizePhases, rankingMethods } from "./schema.js";
import { roundForVisitor, roundRanking, submitNomination } from "./service.js";
import { mailContext } from "../plans/routes/params.js";

export const PrizeParam = z.object({ slug: z.string().max(80).openapi({ param: { name: "slug", in: "path" } }) });
export const RoundParams = PrizeParam.extend({ year: z.coerce.number().int().min(2000).max(2100).openapi({ param: { name: "year", in: "path" } }) });
const NominationJson = z.object({ id: z.uuid(), title: z.string(), summary: z.string(), links: z.array(z.string()), organisations: z.array(z.string()), goals: z.array(z.string()), actions: z.array(z.object({ id: z.uuid(), ref: z.string(), title: z.string() })) }).openapi("PrizeNomination");
const RoundJson = z
  .object({
    year: z.number().int(),
    phase: z.enum(prizePhases),
    closesAt: z.string(),
    announceAt: z.string(),
    criteria: z.array(z.object({ title: z.string(), description: z.string().nullable(), share: z.number().openapi({ description: "The criterion's normalised weight, 0–1." }) })),
    eligibility: z.array(z.string()),
    winner: NominationJson.nullable().openapi({ description: "Null until the announcement, whatever has been decided." }),
    justification: z.string().nullable(),
    shortlist: z.array(NominationJson),
  })
  .openapi("PrizeRound");
const PrizeJson = z.object({ slug: z.string(), name: z.string(), description: z.string().nullable(), years: z.array(z.object({ year: z.number().int(), phase: z.enum(prizePhases), winner: z.string().nullable() })) }).openapi("Prize");
const RankingJson = z
  .object({
    ranking: z.enum(rankingMethods),
    rows: z.array(z.object({ nominationId: z.uuid(), title: z.string(), score: z.number().nullable(), reviews: z.number().int(), shortlisted: z.boolean() })),
    decision: z.object({ winnerId: z.uuid(), justification: z.string().nullable(), announceAt: z.string(), announced: z.boolean() }).nullable(),
  })
  .openapi("PrizeRanking");
const NominationInput = z
  .object({
    title: requiredText(200),
    summary: requiredText(6000),
    links: z.array(z.url({ protocol: /^https?$/, message: "validation.url" }).max(500)).max(5).optional(),
    ownWork: z.boolean().optional(),
    organisationIds: z.array(z.uuid({ message: "validation.uuid" })).min(1, { message: "prizes.error.organisation" }).max(3),
    goalIds: z.array(z.uuid({ message: "validation.uuid" })).max(20).optional(),
    actionIds: z.array(z.uuid({ message: "validation.uuid" })).max(3).optional(),
    nominatorName: requiredText(120),
    nominatorEmail: email,
  })
  .openapi("PrizeNominationInput");


/** A year of a prize the actor is an admin of (as the year's admin pages ask). */
export async function adminYear(c: AppContext, params: { slug: string; year: number }): Promise<{ prize: Prize; round: Round }> {
  const prize = await loadPrizeForAdmin(c.get("deps").db, c.get("actor"), params.slug);
  const round = await findRound(c.get("deps").db, prize.id, params.year);
  if (!round) throw notFound();
  return { prize, round };
}

async function roundOf(c: AppContext, prize: Prize, year: number): Promise<Round> {
  const round = await findRound(c.get("deps").db, prize.id, year);
  if (!round) throw notFound();
  return roundForVisitor(c.get("deps").db, round, mailContext(c), c.get("deps").now());
}

async function nominationsJson(c: AppContext, list: Nomination[]) {
  const parts = await partsOf(c.get("deps").db, list.map((n) => n.id));
  return list.map((n) => {
    const p = parts.get(n.id)!;
    return { id: n.id, title: n.title, summary: n.summary, links: n.links, organisations: p.organisations.map((o) => o.name), goals: p.goals.map((g) => g.title), actions: p.actions.map((a) => ({ id: a.id, ref: a.ref, title: a.title })) };
  });
}

export function registerPrizeApi(api: Api) {
  api.openapi(
    createRoute({ method: "get", path: "/v1/prizes", tags: ["Prizes"], summary: "Every prize with its years; a year's winner only once announced", responses: { 200: jsonResponse(z.array(PrizeJson), "The prizes.") } }),
    async (c) => {
      const { db, now } = c.get("deps");
      const out = [];
      for (const p of await allPrizes(db)) {
        const years = [];
        for (const r of await roundsOf(db, p.id)) {
          const round = await roundForVisitor(db, r, mailContext(c), now());
          const winner = round.phase === "announced" ? (await nominationsOf(db, round.id)).find((n) => n.id === round.winnerId)?.title ?? null : null;
          years.push({ year: round.year, phase: round.phase, winner });
        }
        out.push({ slug: p.slug, name: p.name, description: p.description, years });
      }
      return c.json(out, 200);
    },
  );

  api.openapi(
    createRoute({ method: "get", path: "/v1/prizes/{slug}/years/{year}", tags: ["Prizes"], summary: "A prize's year: phase, dates, criteria with their shares, eligibility; the winner, justification and shortlist only once announced", request: { params: RoundParams }, responses: { 200: jsonResponse(RoundJson, "The year."), 404: errorResponses[404] } }),
    async (c) => {
      const { db } = c.get("deps");
      const params = c.req.valid("param");
      const { prize } = await loadPrizeFor(db, c.get("actor"), params.slug);
      const round = await roundOf(c, prize, params.year);
      const [criteria, questions] = await Promise.all([criteriaOf(db, round.id), screenQuestionsOf(db, round.id)]);
      const total = criteria.reduce((s, x) => s + x.weight, 0);
      const announced = round.phase === "announced";
      const shown = announced ? (await nominationsOf(db, round.id)).filter((n) => n.id === round.winnerId || (n.shortlisted && n.ineligibleReason === null)) : [];
      const json = await nominationsJson(c, shown);
      return c.json(
        {
          year: round.year,
          phase: round.phase,
          closesAt: round.closesAt.toISOString(),
          announceAt: round.announceAt.toISOString(),
          criteria: criteria.map((x) => ({ title: x.title, description: x.description, share: total > 0 ? x.weight / total : 0 })),
          eligibility: questions.map((q) => q.text),
          winner: json.find((n) => n.id === round.winnerId) ?? null,
          justification: announced ? round.justification : null,
          shortlist: json.filter((n) => n.id !== round.winnerId),
        },
        200,
      );
    },
  );

  api.use("/v1/prizes/:slug/years/:year/nominations", async (c, next) => (c.req.method === "POST" ? openFormLimit("prize-nomination", 20)(c, next) : next()));
  api.openapi(
    createRoute({ method: "post", path: "/v1/prizes/{slug}/years/{year}/nominations", tags: ["Prizes"], summary: "Nominate work while the call is open (anyone; counted per address with the form's); the nominator is mailed a link to change it", request: { params: RoundParams, ...jsonBody(NominationInput) }, responses: { 201: { description: "Received; the confirmation is on its way." }, ...errorResponses } }),
    async (c) => {
      const { db, now } = c.get("deps");
      const params = c.req.valid("param");
      const { prize } = await loadPrizeFor(db, c.get("actor"), params.slug);
      const round = await roundOf(c, prize, params.year);
      const body = c.req.valid("json");
      const plan = await planOptionsOf(db, round.planId);
      const goalIds = [...new Set(body.goalIds ?? [])];
      const actionIds = [...new Set(body.actionIds ?? [])];
      const organisationIds = [...new Set(body.organisationIds)];
      if ((await organisationNames(db, organisationIds)).size !== organisationIds.length) throw validationFailed([{ field: "organisationIds", key: "prizes.error.unknown" }]);
      if (!goalIds.every((g) => plan.goals.some((x) => x.id === g))) throw validationFailed([{ field: "goalIds", key: "prizes.error.unknown" }]);
      if (!actionIds.every((a) => plan.actions.some((x) => x.id === a))) throw validationFailed([{ field: "actionIds", key: "prizes.error.unknown" }]);
      await submitNomination(db, prize, round, { title: body.title, summary: body.summary, links: body.links ?? [], ownWork: body.ownWork ?? false, nominatorName: body.nominatorName, nominatorEmail: body.nominatorEmail, organisationIds, goalIds, actionIds }, c.get("locale"), mailContext(c), now());
      return c.body(null, 201);
    },
  );

  api.openapi(
    createRoute({ method: "get", path: "/v1/prizes/{slug}/years/{year}/ranking", tags: ["Prizes"], summary: "The jury's ranking and, sealed to everyone else until the announcement, the decision (the prize's admins)", security: bearer, request: { params: RoundParams }, responses: { 200: jsonResponse(RankingJson, "The ranking."), ...errorResponses } }),
    async (c) => {
      const { db } = c.get("deps");
      const params = c.req.valid("param");
      const prize = await loadPrizeForAdmin(db, c.get("actor"), params.slug);
      const round = await roundOf(c, prize, params.year);
      const [ranking, nominations] = await Promise.all([roundRanking(db, round), nominationsOf(db, round.id)]);
      const byId = new Map(nominations.map((n) => [n.id, n]));
      c.header("Cache-Control", "private, no-store");
      return c.json(
        {
          ranking: round.ranking,
          rows: ranking.map((r) => ({ nominationId: r.nominationId, title: byId.get(r.nominationId)!.title, score: r.score, reviews: r.reviews, shortlisted: byId.get(r.nominationId)!.shortlisted })),
          decision: round.winnerId ? { winnerId: round.winnerId, justification: round.justification, announceAt: round.announceAt.toISOString(), announced: round.phase === "announced" } : null,
        },
        200,
      );
    },
  );
}
