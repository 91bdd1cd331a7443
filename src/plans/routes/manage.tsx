/** The organiser's routes for a plan: create, shape the tree and its rules, years, actions, carry-over and reporters. */
import { Hono } from "hono";
import type { Db } from "../../db/client.js";
import { loadPlanForManage, requireSpaceManager, spacesManagedBy } from "../../auth/policy.js";
import type { AppContext, AppEnv } from "../../http/env.js";
import { setFlash } from "../../http/cookies.js";
import { notFound, validationFailed } from "../../http/errors.js";
import { readForm, readFormLists, submitForm } from "../../http/forms.js";
import { emptyForm, uiOf, type FieldLabels, type FormState } from "../../http/ui.js";
import { parseInput } from "../../http/validation.js";
import { findPersonByEmail } from "../../people/repository.js";
import { findSpaceById } from "../../spaces/repository.js";
import { planFigures } from "../progress.js";
import {
  actionPlansOf,
  addAction,
  addStatus,
  updateStatus,
  addActionPlan,
  addFocusArea,
  addGoal,
  carryOver,
  createPlan,
  findAction,
  findFocusArea,
  organisationNames,
  ownersAndGoalsOf,
  findPlanById,
  organisationChoices,
  reportersOf,
  grantReporter,
  linkChoices,
  linksOf,
  revokeReporter,
  statusesOf,
  updateAction,
  updateFocusArea,
  updateGoal,
  updatePlan,
  type Plan,
} from "../repository.js";
import { ActionForm, goalWeights, NewPlanForm, NewStatusForm, NodeForm, planLabels, PlanForm, ReporterForm, StatusForm, YearForm } from "../schemas.js";
import { loadPlanTree } from "../tree.js";
import { idParam, isUuid } from "../../http/params.js";
import { mailContext, yearParam } from "./params.js";
import { findIdea, linkIdea, type PlanIdea } from "../ideas.js";
import { ActionFormPage, ManagePlanPage, NewPlanPage, type Forms } from "../views/manage.js";

export const planManageRoutes = new Hono<AppEnv>();

const nodeLabels: FieldLabels = { ...planLabels, title: "field.title" };

const managedSpaces = (c: AppContext) => spacesManagedBy(c.get("deps").db, c.get("actor"));

planManageRoutes.get("/planer/ny", async (c) => {
  const spaces = await managedSpaces(c);
  const year = c.get("deps").now().getFullYear();
  return c.html(<NewPlanPage ui={uiOf(c)} spaces={spaces} form={emptyForm({ periodStart: String(year), periodEnd: String(year + 2), rule: "mean" })} />);
});

planManageRoutes.post("/planer/ny", async (c) => {
  const spaces = await managedSpaces(c);
  const values = await readForm(c);
  const { db } = c.get("deps");
  return submitForm(
    c,
    values,
    async () => {
      const { spaceId, ...input } = parseInput(NewPlanForm, values);
      if (!spaces.some((s) => s.id === spaceId)) throw validationFailed([{ field: "spaceId", key: "plans.error.unknown" }]);
      await requireSpaceManager(db, c.get("actor"), spaceId);
      const plan = await createPlan(db, spaceId, input);
      setFlash(c, c.get("t")("plans.created", { title: plan.title }));
      return c.redirect(`/planer/${plan.slug}/hantera`, 303);
    },
    (form) => <NewPlanPage ui={uiOf(c)} spaces={spaces} form={form} />,
    planLabels,
  );
});

const managed = (c: AppContext) => loadPlanForManage(c.get("deps").db, c.get("actor"), c.req.param("slug")!);

async function orgChoices(c: AppContext, plan: Plan) {
  const space = await findSpaceById(c.get("deps").db, plan.spaceId);
  return organisationChoices(c.get("deps").db, space?.regionCode ?? null);
}

async function manageView(c: AppContext, plan: Plan, forms: Forms = {}) {
  const { db } = c.get("deps");
  const [tree, actionPlans, reporters, organisations] = await Promise.all([loadPlanTree(db, plan), actionPlansOf(db, plan.id), reportersOf(db, plan.id), orgChoices(c, plan)]);
  return <ManagePlanPage ui={uiOf(c)} plan={plan} tree={tree} figures={planFigures(tree)} actionPlans={actionPlans} reporters={reporters} organisations={organisations} forms={forms} />;
}

planManageRoutes.get("/planer/:slug/hantera", async (c) => c.html(await manageView(c, await managed(c))));

/** A form of the manage page: on success back to the page with a message, on refusal the page again with that form's errors. */
async function manageForm(c: AppContext, scope: string, run: (plan: Plan, values: Record<string, string>) => Promise<string | void>, labels: FieldLabels = planLabels) {
  const plan = await managed(c);
  const values = await readForm(c);
  return submitForm(
    c,
    values,
    async () => {
      const message = await run(plan, values);
      setFlash(c, message ?? c.get("t")("common.saved"));
      // Only the plan's own form can change its address.
      const after = scope === "plan" ? ((await findPlanById(c.get("deps").db, plan.id)) ?? plan) : plan;
      return c.redirect(`/planer/${after.slug}/hantera`, 303);
    },
    (form: FormState) => manageView(c, plan, { [scope]: form }),
    labels,
  );
}

planManageRoutes.post("/planer/:slug/hantera/plan", (c) =>
  manageForm(c, "plan", (plan, values) => updatePlan(c.get("deps").db, plan.id, parseInput(PlanForm, values))),
);

planManageRoutes.post("/planer/:slug/hantera/omraden", (c) =>
  manageForm(c, "newarea", async (plan, values) => {
    await addFocusArea(c.get("deps").db, plan.id, parseInput(NodeForm, values));
    return c.get("t")("plans.manage.added");
  }, nodeLabels),
);

planManageRoutes.post("/planer/:slug/hantera/omraden/:fid", (c) => {
  const fid = idParam(c, "fid");
  return manageForm(c, `fa-${fid}`, (plan, values) => updateFocusArea(c.get("deps").db, plan.id, fid, parseInput(NodeForm, values)), nodeLabels);
});

planManageRoutes.post("/planer/:slug/hantera/omraden/:fid/mal", (c) => {
  const fid = idParam(c, "fid");
  return manageForm(c, `newgoal-${fid}`, async (plan, values) => {
    const { db } = c.get("deps");
    const area = await findFocusArea(db, plan.id, fid);
    if (!area) throw notFound();
    await addGoal(db, area, parseInput(NodeForm, values));
    return c.get("t")("plans.manage.added");
  }, nodeLabels);
});

planManageRoutes.post("/planer/:slug/hantera/mal/:gid", (c) => {
  const gid = idParam(c, "gid");
  return manageForm(c, `goal-${gid}`, (plan, values) => updateGoal(c.get("deps").db, plan.id, gid, parseInput(NodeForm, values)), nodeLabels);
});

planManageRoutes.post("/planer/:slug/hantera/ar", (c) =>
  manageForm(c, "year", async (plan, values) => {
    await addActionPlan(c.get("deps").db, plan, parseInput(YearForm, values).year);
    return c.get("t")("plans.manage.added");
  }),
);

planManageRoutes.post("/planer/:slug/hantera/ar/:year/overfor", async (c) => {
  const plan = await managed(c);
  const year = yearParam(c);
  const { db } = c.get("deps");
  if (!(await actionPlansOf(db, plan.id)).some((ap) => ap.year === year)) throw notFound();
  const { carried } = await carryOver(db, plan, year);
  setFlash(c, c.get("t")("plans.manage.carried", { count: carried, year: year + 1 }));
  return c.redirect(`/planer/${plan.slug}/hantera`, 303);
});

planManageRoutes.post("/planer/:slug/hantera/statusar", (c) =>
  manageForm(c, "newstatus", async (plan, values) => {
    await addStatus(c.get("deps").db, plan.spaceId, parseInput(NewStatusForm, values));
    return c.get("t")("plans.manage.added");
  }),
);

planManageRoutes.post("/planer/:slug/hantera/statusar/:sid", (c) => {
  const sid = idParam(c, "sid");
  return manageForm(c, `status-${sid}`, (plan, values) => updateStatus(c.get("deps").db, plan.spaceId, sid, parseInput(StatusForm, values)));
});

planManageRoutes.post("/planer/:slug/hantera/rapportorer", (c) =>
  manageForm(c, "reporter", async (plan, values) => {
    const { db } = c.get("deps");
    const input = parseInput(ReporterForm, values);
    const person = await findPersonByEmail(db, input.email);
    if (!person) throw validationFailed([{ field: "email", key: "plans.manage.noPerson" }]);
    const org = (await organisationNames(db, [input.organisationId])).get(input.organisationId);
    if (!org) throw validationFailed([{ field: "organisationId", key: "plans.error.unknown" }]);
    await grantReporter(db, plan.id, person.id, input.organisationId);
    return c.get("t")("plans.manage.reporterAdded", { name: person.name, organisation: org });
  }),
);

planManageRoutes.post("/planer/:slug/hantera/rapportorer/ta-bort", async (c) => {
  const plan = await managed(c);
  const values = await readForm(c);
  if (!isUuid(values.personId ?? "") || !isUuid(values.organisationId ?? "")) throw notFound();
  await revokeReporter(c.get("deps").db, plan.id, values.personId!, values.organisationId!);
  setFlash(c, c.get("t")("plans.manage.reporterRemoved"));
  return c.redirect(`/planer/${plan.slug}/hantera`, 303);
});

/** The action form's values as the form holds them. */
async function actionValues(c: AppContext, planId: string, actionId: string): Promise<Record<string, string>> {
  const { db } = c.get("deps");
  const a = await findAction(db, planId, actionId);
  if (!a) throw notFound();
  const [{ ownerIds, goals }, links] = await Promise.all([ownersAndGoalsOf(db, a.id), linksOf(db, a.id)]);
  return {
    ref: a.ref,
    title: a.title,
    description: a.description ?? "",
    contactName: a.contactName ?? "",
    contactEmail: a.contactEmail ?? "",
    statusId: a.statusId,
    startsOn: a.startsOn ?? "",
    endsOn: a.endsOn ?? "",
    ...Object.fromEntries(ownerIds.map((id, i) => [`owner${i + 1}`, id])),
    ...Object.fromEntries(goals.map((g) => [`goal.${g.goalId}`, String(g.weight)])),
    events: links.eventIds.join("\u001f"),
    ...Object.fromEntries(links.sessionIds.slice(0, 3).map((id, i) => [`session${i + 1}`, id])),
    networks: links.networkIds.join("\u001f"),
  };
}

async function actionFormView(c: AppContext, plan: Plan, year: number, action: string, form: FormState, editing: boolean, fromIdea?: string) {
  const { db } = c.get("deps");
  const [statuses, tree, organisations, links] = await Promise.all([statusesOf(db, plan.spaceId), loadPlanTree(db, plan), orgChoices(c, plan), linkChoices(db, plan.spaceId)]);
  return <ActionFormPage ui={uiOf(c)} plan={plan} year={year} action={action} form={form} statuses={statuses} tree={tree} organisations={organisations} links={links} editing={editing} fromIdea={fromIdea} />;
}

/** The action's fields, checked against the plan: its statuses, goals and organisations. */
async function readAction(c: AppContext, plan: Plan, values: Record<string, string>) {
  const { db } = c.get("deps");
  const tree = await loadPlanTree(db, plan);
  const goalIds = tree.focusAreas.flatMap((fa) => fa.goals.map((g) => g.id));
  let input;
  let goals;
  const errors = [];
  try {
    input = parseInput(ActionForm, values);
  } catch (err) {
    errors.push(err);
  }
  try {
    goals = goalWeights(values, goalIds);
  } catch (err) {
    errors.push(err);
  }
  if (errors.length) throw validationFailed(errors.flatMap((e) => (e as { fields?: never[] }).fields ?? []));
  if (!tree.statuses.some((s) => s.id === input!.statusId)) throw validationFailed([{ field: "statusId", key: "plans.error.unknown" }]);
  const known = await organisationNames(db, input!.ownerIds);
  if (known.size !== input!.ownerIds.length) throw validationFailed([{ field: "owner1", key: "plans.error.unknown" }]);
  return { ...input!, goals: goals!, ...(await readLinks(db, plan, values)) };
}

/** The events and owning networks (groups of boxes) and sessions (up to three lists) the action belongs to: only the space's own. */
async function readLinks(db: Db, plan: Plan, values: Record<string, string>) {
  const choices = await linkChoices(db, plan.spaceId);
  const eventIds = [...new Set((values.events ?? "").split("\u001f").filter(Boolean))];
  const sessionIds = [...new Set(["session1", "session2", "session3"].map((k) => values[k] ?? "").filter(Boolean))];
  const networkIds = [...new Set((values.networks ?? "").split("\u001f").filter(Boolean))];
  const errors = [
    ...(eventIds.every((id) => choices.events.some((e) => e.id === id)) ? [] : [{ field: "events", key: "plans.error.unknown" as const }]),
    ...(networkIds.every((id) => choices.networks.some((n) => n.id === id)) ? [] : [{ field: "networks", key: "plans.error.unknown" as const }]),
    ...["session1", "session2", "session3"].filter((k) => values[k] && !choices.sessions.some((s) => s.id === values[k])).map((field) => ({ field, key: "plans.error.unknown" as const })),
  ];
  if (errors.length) throw validationFailed(errors);
  return { eventIds, sessionIds, networkIds };
}

/** "Make it a new action" on the review list: the chosen year's form, filled in from the idea. */
planManageRoutes.get("/planer/:slug/hantera/ny-atgard", async (c) => {
  const plan = await managed(c);
  const year = c.req.query("year") ?? "";
  const idea = c.req.query("ide") ?? "";
  if (!/^\d{4}$/.test(year) || !isUuid(idea)) throw notFound();
  return c.redirect(`/planer/${plan.slug}/hantera/ar/${year}/ny-atgard?ide=${idea}`, 303);
});

/** The idea a new action is made from (?ide= or the form's ideaId), when it is in the plan's review list. */
async function ideaToPromote(c: AppContext, plan: Plan, id: string | undefined): Promise<PlanIdea | null> {
  if (!id) return null;
  if (!isUuid(id)) throw validationFailed([{ field: "ideaId", key: "plans.error.unknown" }]);
  const idea = await findIdea(c.get("deps").db, plan.id, id);
  if (!idea) throw notFound();
  return idea;
}

planManageRoutes.get("/planer/:slug/hantera/ar/:year/ny-atgard", async (c) => {
  const plan = await managed(c);
  const year = yearParam(c);
  const statuses = await statusesOf(c.get("deps").db, plan.spaceId);
  const idea = await ideaToPromote(c, plan, c.req.query("ide"));
  const values = { statusId: statuses[0]?.id ?? "", ...(idea ? { title: idea.title, description: idea.body ?? "", ideaId: idea.id } : {}) };
  return c.html(await actionFormView(c, plan, year, c.req.path, emptyForm(values), false, idea?.title));
});

planManageRoutes.post("/planer/:slug/hantera/ar/:year/ny-atgard", async (c) => {
  const plan = await managed(c);
  const year = yearParam(c);
  const { db } = c.get("deps");
  const ap = (await actionPlansOf(db, plan.id)).find((x) => x.year === year);
  if (!ap) throw notFound();
  const values = await readFormLists(c);
  const idea = await ideaToPromote(c, plan, values.ideaId || undefined);
  return submitForm(
    c,
    values,
    async () => {
      const now = c.get("deps").now();
      // The action and the idea's link to it are kept together, or neither.
      const action = await addAction(db, ap, await readAction(c, plan, values), now, idea ? (tx, a) => linkIdea(tx, plan, idea.id, a, "promoted", mailContext(c), now) : undefined);
      setFlash(c, c.get("t")(idea ? "plans.ideas.promoted" : "plans.manage.added"));
      return c.redirect(`/planer/${plan.slug}/atgarder/${action.id}`, 303);
    },
    (form) => actionFormView(c, plan, year, c.req.path, form, false, idea?.title),
    nodeLabels,
  );
});

planManageRoutes.get("/planer/:slug/atgarder/:id/redigera", async (c) => {
  const plan = await managed(c);
  const id = idParam(c, "id");
  return c.html(await actionFormView(c, plan, 0, c.req.path, emptyForm(await actionValues(c, plan.id, id)), true));
});

planManageRoutes.post("/planer/:slug/atgarder/:id/redigera", async (c) => {
  const plan = await managed(c);
  const id = idParam(c, "id");
  const { db } = c.get("deps");
  const current = await findAction(db, plan.id, id);
  if (!current) throw notFound();
  const values = { ...(await readFormLists(c)), statusId: current.statusId };
  return submitForm(
    c,
    values,
    async () => {
      const { statusId: _status, ...input } = await readAction(c, plan, values);
      await updateAction(db, id, input);
      setFlash(c, c.get("t")("common.saved"));
      return c.redirect(`/planer/${plan.slug}/atgarder/${id}`, 303);
    },
    (form) => actionFormView(c, plan, 0, c.req.path, form, true),
    nodeLabels,
  );
});
