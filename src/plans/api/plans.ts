/** Plans in the JSON API: a plan's tree with every figure and the rule it is computed by. */
import { createRoute, z } from "@hono/zod-openapi";
import type { Api } from "../../api/openapi.js";
import { errorResponses, jsonResponse } from "../../api/openapi.js";
import { loadPlanForRead } from "../../auth/policy.js";
import { planFigures } from "../progress.js";
import { rollupRules, type Rollup } from "../rollup.js";
import { loadPlanTree } from "../tree.js";

const FigureJson = z
  .object({
    progress: z.number().min(0).max(100).nullable().openapi({ description: "0–100, exact; null when there is nothing to compute from." }),
    rule: z.enum(rollupRules),
    counted: z.number().int(),
    unreported: z.number().int().openapi({ description: "Children without a report, counted as 0 %." }),
    excluded: z.number().int().openapi({ description: "Children left out because their status does not count (e.g. cancelled)." }),
  })
  .openapi("PlanFigure");

const PlanTreeJson = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    title: z.string(),
    vision: z.string().nullable(),
    periodStart: z.number().int(),
    periodEnd: z.number().int(),
    figure: FigureJson,
    focusAreas: z.array(z.object({ id: z.uuid(), title: z.string(), weight: z.number().int(), figure: FigureJson, goals: z.array(z.object({ id: z.uuid(), title: z.string(), weight: z.number().int(), figure: FigureJson })) })),
    actions: z.array(
      z.object({
        id: z.uuid(),
        ref: z.string(),
        title: z.string(),
        year: z.number().int(),
        status: z.object({ key: z.string(), label: z.string(), labelEn: z.string() }),
        progress: z.number().int().nullable(),
        owners: z.array(z.object({ id: z.uuid(), name: z.string() })),
        goals: z.array(z.object({ goalId: z.uuid(), weight: z.number().int() })),
        changedAt: z.string(),
      }),
    ),
  })
  .openapi("PlanTree");

export const SlugParam = z.object({ slug: z.string().max(80).openapi({ param: { name: "slug", in: "path" } }) });
const figure = (r: Rollup) => ({ progress: r.progress, rule: r.rule, counted: r.counted, unreported: r.unreported, excluded: r.excluded });

export function registerPlanApi(api: Api) {
  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/plans/{slug}",
      tags: ["Plans"],
      summary: "A published plan (or one of your space's): focus areas, goals and current actions, each figure with its rule",
      request: { params: SlugParam },
      responses: { 200: jsonResponse(PlanTreeJson, "The plan."), 404: errorResponses[404] },
    }),
    async (c) => {
      const { db } = c.get("deps");
      const { plan } = await loadPlanForRead(db, c.get("actor"), c.req.valid("param").slug);
      const tree = await loadPlanTree(db, plan);
      const figures = planFigures(tree);
      const statuses = new Map(tree.statuses.map((s) => [s.id, s]));
      return c.json(
        {
          id: plan.id,
          slug: plan.slug,
          title: plan.title,
          vision: plan.vision,
          periodStart: plan.periodStart,
          periodEnd: plan.periodEnd,
          figure: figure(figures.plan),
          focusAreas: tree.focusAreas.map((fa) => ({ id: fa.id, title: fa.title, weight: fa.weight, figure: figure(figures.focusAreas.get(fa.id)!), goals: fa.goals.map((g) => ({ id: g.id, title: g.title, weight: g.weight, figure: figure(figures.goals.get(g.id)!) })) })),
          actions: tree.actions
            .filter((a) => !a.superseded)
            .map((a) => {
              const s = statuses.get(a.statusId)!;
              return { id: a.id, ref: a.ref, title: a.title, year: a.year, status: { key: s.key, label: s.label, labelEn: s.labelEn }, progress: a.progress, owners: a.owners.map((o) => ({ id: o.id, name: o.name })), goals: a.goals, changedAt: a.changedAt.toISOString() };
            }),
        },
        200,
      );
    },
  );
}
