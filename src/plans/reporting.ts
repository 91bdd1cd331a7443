/** A progress report as the form and the API take it: the status's suggested figure when none is given, and the action's followers told. */
import type { Db } from "../db/client.js";
import { validationFailed } from "../http/errors.js";
import type { Actor } from "../http/env.js";
import { pick, type Locale } from "../i18n/messages.js";
import { notifyFollowers, type MailContext } from "./ideas.js";
import { reportProgress, statusesOf, type Action, type Plan, type Status } from "./repository.js";

/** `status` by id (the form) or by key (the API); `field` names it in the messages. */
export async function submitReport(
  db: Db,
  plan: Plan,
  action: Action,
  actor: Actor,
  input: { status: { id: string } | { key: string }; progress: number | null; comment: string; field: string },
  locale: Locale,
  m: MailContext,
  now: Date,
): Promise<{ status: Status; progress: number }> {
  const status = (await statusesOf(db, plan.spaceId)).find((s) => ("id" in input.status ? s.id === input.status.id : s.key === input.status.key));
  if (!status) throw validationFailed([{ field: input.field, key: "plans.error.unknown" }]);
  const progress = input.progress ?? status.suggestedProgress;
  if (progress === null) throw validationFailed([{ field: "progress", key: "validation.required" }]);
  const statusName = pick(locale, status.label, status.labelEn);
  await reportProgress(db, action.id, { personId: actor.personId, reporterName: actor.name, statusId: status.id, progress, comment: input.comment }, now, (tx) =>
    notifyFollowers(tx, plan, action, { progress, status: statusName, comment: input.comment }, m, now),
  );
  return { status, progress };
}
