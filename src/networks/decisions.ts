/**
 * A network's decision into the plan: it becomes a new action of one of the space's action
 * plans (owned by the network, made in the same transaction as the link both ways), or it
 * updates an action with a progress report that says so (and the network owns it too).
 * For the manage page and the API alike; `field` names the input in the messages.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { actionPlans } from "../db/schema.js";
import type { Actor } from "../http/env.js";
import { validationFailed } from "../http/errors.js";
import type { Locale } from "../i18n/messages.js";
import type { MailContext } from "../plans/ideas.js";
import { addAction, findAction, findPlanById, statusesOf, type Action } from "../plans/repository.js";
import { submitReport } from "../plans/reporting.js";
import { planChoicesOf, tieDecisionToAction, type Decision, type Network } from "./repository.js";

export async function decisionToAction(db: Db, network: Network, decision: Decision, input: { actionPlanId: string; ref: string; title: string }, now: Date): Promise<Action> {
  if (decision.actionId) throw validationFailed([{ field: "actionPlanId", key: "networks.error.alreadyTied" }]);
  const [year] = await db.select().from(actionPlans).where(eq(actionPlans.id, input.actionPlanId));
  const plan = year ? await findPlanById(db, year.planId) : undefined;
  if (!year || !plan || plan.spaceId !== network.spaceId) throw validationFailed([{ field: "actionPlanId", key: "networks.error.unknown" }]);
  const [first] = await statusesOf(db, plan.spaceId);
  if (!first) throw validationFailed([{ field: "actionPlanId", key: "networks.error.noStatuses" }]);
  return addAction(db, year, { ref: input.ref, title: input.title, description: decision.text, contactName: null, contactEmail: null, statusId: first.id, startsOn: null, endsOn: null, ownerIds: [], goals: [], networkIds: [network.id] }, now, (tx, a) => tieDecisionToAction(tx, decision, a.id, "created"));
}

export async function decisionUpdatesAction(
  db: Db,
  network: Network,
  decision: Decision,
  input: { actionId: string; status: { id: string } | { key: string }; progress: number | null; comment: string; field: string },
  actor: Actor,
  locale: Locale,
  m: MailContext,
  now: Date,
): Promise<Action> {
  if (decision.actionId) throw validationFailed([{ field: "actionId", key: "networks.error.alreadyTied" }]);
  const choice = (await planChoicesOf(db, network.spaceId)).actions.find((a) => a.id === input.actionId);
  const plan = choice ? await findPlanById(db, choice.planId) : undefined;
  const action = plan ? await findAction(db, plan.id, input.actionId) : undefined;
  if (!plan || !action) throw validationFailed([{ field: "actionId", key: "networks.error.unknown" }]);
  await submitReport(db, plan, action, actor, { status: input.status, progress: input.progress ?? action.progress, comment: input.comment, field: input.field }, locale, m, now);
  await db.transaction((tx) => tieDecisionToAction(tx as unknown as Db, decision, action.id, "updated"));
  return action;
}
