/** The plan's ideas (review list, public form, decisions) and following an action by e-mail. */
import { Hono } from "hono";
import { z } from "zod";
import { loadPlanForManage, loadPlanForRead } from "../../auth/policy.js";
import { setFlash } from "../../http/cookies.js";
import type { AppContext, AppEnv } from "../../http/env.js";
import { notFound, validationFailed } from "../../http/errors.js";
import { readForm, submitForm } from "../../http/forms.js";
import { openFormLimit } from "../../http/middleware/rate-limit.js";
import { emptyForm, uiOf, type FieldLabels } from "../../http/ui.js";
import { parseInput } from "../../http/validation.js";
import { email, requiredText } from "../../shared/fields.js";
import { readLink } from "../../shared/signed-links.js";
import { confirmFollow, declineIdea, findIdea, ideasOfPlan, linkIdea, requestFollow, stopFollowing, submitIdea, takeInWallIdeas } from "../ideas.js";
import { actionPlansOf, findAction, type Plan } from "../repository.js";
import { loadPlanTree } from "../tree.js";
import { FollowLinkPage, IdeasPage, SendIdeaPage } from "../views/ideas.js";
import { IdeaForm } from "../schemas.js";
import type { Forms } from "../views/manage.js";
import { idParam } from "../../http/params.js";
import { mailContext } from "./params.js";
import { actionView } from "./public.js";

export const planIdeaRoutes = new Hono<AppEnv>();

const ideaLabels: FieldLabels = { title: "plans.ideas.field.title", body: "plans.ideas.field.body", name: "plans.ideas.field.name", email: "plans.ideas.field.email", reason: "plans.ideas.field.reason", actionId: "plans.ideas.field.action" };


async function ideasView(c: AppContext, forms: Forms = {}) {
  const { db } = c.get("deps");
  const { plan, manages } = await loadPlanForRead(db, c.get("actor"), c.req.param("slug")!);
  const [decided, tree] = await Promise.all([ideasOfPlan(db, plan.id, ["promoted", "attached", "declined"]), loadPlanTree(db, plan)]);
  const review = manages ? { ideas: await ideasOfPlan(db, plan.id, ["new"]), actionPlans: await actionPlansOf(db, plan.id), actions: tree.actions.filter((a) => !a.superseded), forms } : null;
  // An idea attached to an action that was carried over points at the action's latest incarnation.
  const byId = new Map(tree.actions.map((a) => [a.id, a]));
  const latest = new Map(tree.actions.filter((a) => a.carriedFromId).map((a) => [a.carriedFromId!, a]));
  const actionsById = new Map([...byId].map(([id, a]) => { let cur = a; for (let i = 0; latest.has(cur.id) && i < 50; i++) cur = latest.get(cur.id)!; return [id, cur]; }));
  return <IdeasPage ui={uiOf(c)} plan={plan} decided={decided} actionsById={actionsById} review={review} />;
}

planIdeaRoutes.get("/planer/:slug/ideer", async (c) => c.html(await ideasView(c)));

planIdeaRoutes.get("/planer/:slug/ideer/ny", async (c) => {
  const { plan } = await loadPlanForRead(c.get("deps").db, c.get("actor"), c.req.param("slug"));
  return c.html(<SendIdeaPage ui={uiOf(c)} plan={plan} form={emptyForm()} />);
});

planIdeaRoutes.post("/planer/:slug/ideer/ny", openFormLimit("plan-idea", 20), async (c) => {
  const { db, now } = c.get("deps");
  const { plan } = await loadPlanForRead(db, c.get("actor"), c.req.param("slug"));
  const values = await readForm(c);
  return submitForm(
    c,
    values,
    async () => {
      await submitIdea(db, plan, parseInput(IdeaForm, values), c.get("locale"), now());
      setFlash(c, c.get("t")("plans.ideas.sent"));
      return c.redirect(`/planer/${plan.slug}/ideer`, 303);
    },
    (form) => <SendIdeaPage ui={uiOf(c)} plan={plan} form={form} />,
    ideaLabels,
  );
});

const managed = (c: AppContext) => loadPlanForManage(c.get("deps").db, c.get("actor"), c.req.param("slug")!);

planIdeaRoutes.post("/planer/:slug/ideer/hamta", async (c) => {
  const plan = await managed(c);
  const count = await takeInWallIdeas(c.get("deps").db, plan, c.get("deps").now());
  setFlash(c, c.get("t")("plans.ideas.takenIn", { count }));
  return c.redirect(`/planer/${plan.slug}/ideer`, 303);
});

/** A decision on one idea of the review list; refused input shows the list again with that idea's form. */
async function decide(c: AppContext, kind: "attach" | "decline", run: (plan: Plan, ideaId: string, values: Record<string, string>) => Promise<string>) {
  const plan = await managed(c);
  const ideaId = idParam(c, "id");
  if (!(await findIdea(c.get("deps").db, plan.id, ideaId))) throw notFound();
  const values = await readForm(c);
  return submitForm(
    c,
    values,
    async () => {
      setFlash(c, await run(plan, ideaId, values));
      return c.redirect(`/planer/${plan.slug}/ideer`, 303);
    },
    (form) => ideasView(c, { [`${kind}-${ideaId}`]: form }),
    ideaLabels,
  );
}

planIdeaRoutes.post("/planer/:slug/ideer/:id/koppla", (c) =>
  decide(c, "attach", async (plan, ideaId, values) => {
    const { db, now } = c.get("deps");
    const { actionId } = parseInput(z.object({ actionId: z.uuid({ message: "validation.choose" }) }), values);
    const action = await findAction(db, plan.id, actionId);
    if (!action) throw validationFailed([{ field: "actionId", key: "plans.error.unknown" }]);
    await db.transaction((tx) => linkIdea(tx as never, plan, ideaId, action, "attached", mailContext(c), now()));
    return c.get("t")("plans.ideas.attachedDone");
  }),
);

planIdeaRoutes.post("/planer/:slug/ideer/:id/avsla", (c) =>
  decide(c, "decline", async (plan, ideaId, values) => {
    const { reason } = parseInput(z.object({ reason: requiredText(500) }), values);
    await declineIdea(c.get("deps").db, plan, ideaId, reason, c.get("deps").now());
    return c.get("t")("plans.ideas.declinedDone");
  }),
);

planIdeaRoutes.post("/planer/:slug/atgarder/:id/folj", openFormLimit("plan-follow", 20), async (c) => {
  const { db, now } = c.get("deps");
  const { plan } = await loadPlanForRead(db, c.get("actor"), c.req.param("slug"));
  const action = await findAction(db, plan.id, idParam(c, "id"));
  if (!action) throw notFound();
  const values = await readForm(c);
  return submitForm(
    c,
    values,
    async () => {
      const input = parseInput(z.object({ email }), values);
      await requestFollow(db, plan, action, input.email, c.get("locale"), mailContext(c), now());
      setFlash(c, c.get("t")("plans.followAsked"));
      return c.redirect(`/planer/${plan.slug}/atgarder/${action.id}`, 303);
    },
    (form) => actionView(c, { follow: form }),
    ideaLabels,
  );
});

for (const [path, kind] of [["folj", "confirm"], ["sluta-folja", "stop"]] as const) {
  planIdeaRoutes.get(`/planer/${path}/:token`, (c) => {
    const token = c.req.param("token");
    const bad = readLink(c.get("deps").linkKey, "follow", token) === null;
    return c.html(<FollowLinkPage ui={uiOf(c)} kind={kind} token={token} done={false} bad={bad} />, bad ? 404 : 200);
  });
  planIdeaRoutes.post(`/planer/${path}/:token`, async (c) => {
    const { db, now, linkKey } = c.get("deps");
    const token = c.req.param("token");
    const id = readLink(linkKey, "follow", token);
    let ok = id !== null;
    if (id && kind === "confirm") ok = await confirmFollow(db, id, now());
    if (id && kind === "stop") await stopFollowing(db, id);
    return c.html(<FollowLinkPage ui={uiOf(c)} kind={kind} token={token} done={ok} bad={!ok} />, ok ? 200 : 404);
  });
}
