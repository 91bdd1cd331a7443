/** The public follow-up of plans, each action's page, and reporting on an action (its owners' reporters and the organisers). */
import { Hono } from "hono";
import { canReportOn, loadPlanForRead } from "../../auth/policy.js";
import type { AppContext, AppEnv } from "../../http/env.js";
import { setFlash } from "../../http/cookies.js";
import { forbidden, notFound, unauthenticated } from "../../http/errors.js";
import { readForm, submitForm } from "../../http/forms.js";
import { emptyForm, uiOf, type FormState } from "../../http/ui.js";
import { parseInput } from "../../http/validation.js";
import { allowFraming } from "../../http/middleware/security-headers.js";
import { loadActionDetails } from "../details.js";
import { filterActions, planFigures, type PlanTree } from "../progress.js";
import { ideasOfAction } from "../ideas.js";
import { mailContext } from "./params.js";
import { submitReport } from "../reporting.js";
import { actionsToReport, addMilestone, findAction, type Action, plansOfSpaces, publishedPlans, setMilestoneDone, statusesOf, type Plan } from "../repository.js";
import { MilestoneForm, planLabels, ReportForm } from "../schemas.js";
import { figuresAt, loadPlanTree } from "../tree.js";
import { ActionPage } from "../views/action.js";
import { idParam } from "../../http/params.js";
import { EmbedPage, ScreenPage } from "../views/embed.js";
import { PlanPage, PlansIndexPage, sinceDate, type PlanFilter, type SinceView } from "../views/public.js";
import { listSpacesOf } from "../../spaces/repository.js";
import { isoDate } from "../../i18n/format.js";

export const planRoutes = new Hono<AppEnv>();

planRoutes.get("/planer", async (c) => {
  const { db } = c.get("deps");
  const actor = c.get("actor");
  const published = await publishedPlans(db);
  const own = actor ? await plansOfSpaces(db, (await listSpacesOf(db, actor.personId)).map((s) => s.id)) : [];
  const plans = [...published, ...own.filter((p) => !p.published)];
  const mine = actor ? await actionsToReport(db, actor.personId) : [];
  return c.html(<PlansIndexPage ui={uiOf(c)} plans={plans} mine={mine} />);
});

/** What changed since the date: each current action whose figure or status differs from then, or that is new. */
async function sinceView(c: AppContext, tree: PlanTree, date: Date): Promise<SinceView> {
  const then = await figuresAt(c.get("deps").db, tree, date);
  const planThen = planFigures(tree, (a) => then.get(a.id)?.progress ?? null, (a) => then.get(a.id)?.statusId ?? a.statusId).plan.progress;
  const changes = tree.actions
    .filter((a) => !a.superseded && a.changedAt >= date)
    .map((a) => ({ action: a, then: then.get(a.id) ?? null, isNew: a.createdAt >= date && !a.carriedFromId }))
    .filter((x) => x.isNew || !x.then || x.then.progress !== x.action.progress || x.then.statusId !== x.action.statusId);
  return { date, planThen, changes };
}

planRoutes.get("/planer/:slug", async (c) => {
  const { db, config } = c.get("deps");
  const { plan, manages } = await loadPlanForRead(db, c.get("actor"), c.req.param("slug"));
  const tree = await loadPlanTree(db, plan);
  const figures = planFigures(tree);
  const owners = new Map(tree.actions.flatMap((a) => a.owners).map((o) => [o.id, o]));
  const q = (name: string) => (c.req.query(name) ?? "").slice(0, 40);
  const filter: PlanFilter = {
    focusAreaId: tree.focusAreas.some((fa) => fa.id === q("omrade")) ? q("omrade") : "",
    organisationId: owners.has(q("organisation")) ? q("organisation") : "",
    municipalityCode: [...owners.values()].some((o) => o.municipalityCode === q("kommun")) ? q("kommun") : "",
    since: "",
  };
  const date = sinceDate(q("sedan"));
  if (date) filter.since = isoDate(date);
  const shown = filterActions(tree, { focusAreaId: filter.focusAreaId || undefined, organisationId: filter.organisationId || undefined, municipalityCode: filter.municipalityCode || undefined });
  const sorted = [...owners.values()].sort((a, b) => a.name.localeCompare(b.name, "sv"));
  return c.html(
    <PlanPage
      ui={uiOf(c)}
      plan={plan}
      tree={tree}
      figures={figures}
      shown={shown}
      filter={filter}
      organisations={sorted}
      municipalities={sorted.filter((o) => o.municipalityCode).map((o) => ({ code: o.municipalityCode!, name: o.name }))}
      since={date ? await sinceView(c, tree, date) : null}
      manages={manages}
      publicUrl={config.publicUrl}
    />,
  );
});

/** A small page of the plan's figures for an iframe on the region's own website. */
planRoutes.get("/planer/:slug/inbaddning", async (c) => {
  const { db } = c.get("deps");
  const { plan } = await loadPlanForRead(db, c.get("actor"), c.req.param("slug"));
  if (!plan.published) throw notFound();
  allowFraming(c);
  const tree = await loadPlanTree(db, plan);
  return c.html(<EmbedPage ui={uiOf(c)} plan={plan} tree={tree} figures={planFigures(tree)} />);
});

/** "What happened since last time", for the big screen at the next conference. */
planRoutes.get("/planer/:slug/skarm", async (c) => {
  const { db } = c.get("deps");
  const { plan } = await loadPlanForRead(db, c.get("actor"), c.req.param("slug"));
  const tree = await loadPlanTree(db, plan);
  const date = sinceDate(c.req.query("sedan")?.slice(0, 10));
  return c.html(<ScreenPage ui={uiOf(c)} plan={plan} tree={tree} figures={planFigures(tree)} since={date ? await sinceView(c, tree, date) : null} />);
});

export async function actionView(c: AppContext, forms: { report?: FormState; milestone?: FormState; follow?: FormState } = {}) {
  const { db } = c.get("deps");
  const actor = c.get("actor");
  const { plan, manages } = await loadPlanForRead(db, actor, c.req.param("slug")!);
  const d = await loadActionDetails(db, plan, idParam(c, "id"));
  if (!d) throw notFound();
  const canReport = await canReportOn(db, actor, plan, d.action);
  const statuses = await statusesOf(db, plan.spaceId);
  const report = forms.report ?? emptyForm({ statusId: d.action.statusId });
  const ideas = await ideasOfAction(db, d.action.id);
  return <ActionPage ui={uiOf(c)} plan={plan} d={d} statuses={statuses} canReport={canReport} manages={manages} report={report} milestone={forms.milestone ?? emptyForm()} follow={forms.follow ?? emptyForm()} ideas={ideas} />;
}

planRoutes.get("/planer/:slug/atgarder/:id", async (c) => c.html(await actionView(c)));

/** The plan and action of the path, when the actor may report on it (401 for nobody, 403 for others). */
async function reportable(c: AppContext): Promise<{ plan: Plan; action: Action; actionId: string }> {
  const { db } = c.get("deps");
  const actor = c.get("actor");
  const { plan } = await loadPlanForRead(db, actor, c.req.param("slug")!);
  const action = await findAction(db, plan.id, idParam(c, "id"));
  if (!action) throw notFound();
  if (!(await canReportOn(db, actor, plan, action))) throw actor ? forbidden() : unauthenticated();
  return { plan, action, actionId: action.id };
}

planRoutes.post("/planer/:slug/atgarder/:id/rapport", async (c) => {
  const { plan, action, actionId } = await reportable(c);
  const { db, now } = c.get("deps");
  const values = await readForm(c);
  return submitForm(
    c,
    values,
    async () => {
      const input = parseInput(ReportForm, values);
      await submitReport(db, plan, action, c.get("actor")!, { status: { id: input.statusId }, progress: input.progress, comment: input.comment, field: "statusId" }, c.get("locale"), mailContext(c), now());
      setFlash(c, c.get("t")("plans.reported"));
      return c.redirect(`/planer/${plan.slug}/atgarder/${actionId}`, 303);
    },
    (form) => actionView(c, { report: form }),
    planLabels,
  );
});

planRoutes.post("/planer/:slug/atgarder/:id/delmal", async (c) => {
  const { plan, actionId } = await reportable(c);
  const values = await readForm(c);
  return submitForm(
    c,
    values,
    async () => {
      await addMilestone(c.get("deps").db, actionId, parseInput(MilestoneForm, values));
      setFlash(c, c.get("t")("plans.milestoneAdded"));
      return c.redirect(`/planer/${plan.slug}/atgarder/${actionId}`, 303);
    },
    (form) => actionView(c, { milestone: form }),
    { ...planLabels, title: "plans.field.milestone" },
  );
});

planRoutes.post("/planer/:slug/atgarder/:id/delmal/:mid/klart", async (c) => {
  const { plan, actionId } = await reportable(c);
  const { db, now } = c.get("deps");
  const mid = idParam(c, "mid");
  await setMilestoneDone(db, actionId, mid, isoDate(now()));
  setFlash(c, c.get("t")("plans.milestoneMarked"));
  return c.redirect(`/planer/${plan.slug}/atgarder/${actionId}`, 303);
});
