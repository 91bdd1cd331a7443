/**
 * What a network does beyond its rows, for the manage page and the API alike. A meeting is
 * an event of the network's space. A decision goes into the plan: it becomes a new action of one of the space's action
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
import { createEvent, publishEvent } from "../events/service.js";
import type { EventRow } from "../events/repository.js";
import { findSpaceById } from "../spaces/repository.js";
import { addMeeting, planChoicesOf, tieDecisionToAction, type Decision, type Network } from "./repository.js";

/** A meeting: an on-site event of the network's space in its region, published when asked; `end` names the end time's field in the messages. */
export async function holdMeeting(db: Db, network: Network, m: { title: string; startsAt: Date; endsAt: Date; venue: string | null; publish: boolean }, now: Date, end = "endsAt"): Promise<EventRow> {
  const space = await findSpaceById(db, network.spaceId);
  const event = await createEvent(db, { spaceId: network.spaceId, slug: null, title: m.title, venue: m.venue, format: "onsite", seriesId: null, regionCode: space?.regionCode ?? null, startsAt: m.startsAt, endsAt: m.endsAt }, { end });
  await addMeeting(db, network.id, event.id);
  if (m.publish) await publishEvent(db, event, now);
  return event;
}

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
