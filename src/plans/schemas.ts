/** What the plan forms accept (one schema per form; the labels name the fields in messages). */
import { z } from "@hono/zod-openapi";
import type { FieldLabels } from "../http/ui.js";
import { validationFailed } from "../http/errors.js";
import { checkbox, email, formDate, formWholeNumber, id, LIMITS, optionalEmail, optionalText, requiredText, slug } from "../shared/fields.js";
import { rollupRules } from "./rollup.js";

export const year = z
  .string()
  .trim()
  .regex(/^\d{4}$/, { message: "plans.error.year" })
  .transform(Number)
  .refine((y) => y >= 2000 && y <= 2100, { message: "plans.error.year" });
export const percent = formWholeNumber(0, 100, "plans.error.percent");
export const weight = formWholeNumber(0, 1000, "plans.error.weight").transform((w) => w ?? 1);
export const rule = z.enum(rollupRules, { message: "plans.error.unknown" });
export const optionalDate = z
  .union([z.literal(""), formDate])
  .optional()
  .transform((v) => (v ? v : null));

/** Addresses under /planer/ that are pages, not plans. */
const RESERVED_SLUGS = ["ny", "folj", "sluta-folja"];

export const PlanForm = z
  .object({
    title: requiredText(LIMITS.title),
    slug: slug.refine((v) => !RESERVED_SLUGS.includes(v), { message: "plans.error.slug_taken" }),
    vision: optionalText(LIMITS.longText).transform((v) => v ?? null),
    periodStart: year,
    periodEnd: year,
    published: checkbox,
    rule,
    manualProgress: percent,
  })
  .refine((p) => p.periodStart <= p.periodEnd, { path: ["periodEnd"], message: "plans.error.period" });

export const NewPlanForm = PlanForm.and(z.object({ spaceId: id }));

export const NodeForm = z.object({
  title: requiredText(LIMITS.title),
  description: optionalText(LIMITS.longText).transform((v) => v ?? null),
  rule,
  manualProgress: percent,
  weight,
});

export const YearForm = z.object({ year });

const ownerField = z
  .union([z.literal(""), id])
  .optional()
  .transform((v) => (v ? v : null));

/** An action's own fields, as its form and the plan file give them. */
export const ActionFields = z.object({
  ref: z.string().trim().min(1).max(20).regex(/^[\p{L}\p{N}.\-_ ]+$/u, { message: "validation.invalid" }),
  title: requiredText(LIMITS.title),
  description: optionalText(LIMITS.longText).transform((v) => v ?? null),
  contactName: optionalText(LIMITS.name).transform((v) => v ?? null),
  contactEmail: optionalEmail,
  startsOn: optionalDate,
  endsOn: optionalDate,
});

export const ActionForm = ActionFields.extend({
    statusId: id,
    owner1: ownerField,
    owner2: ownerField,
    owner3: ownerField,
  })
  .refine((a) => !a.startsOn || !a.endsOn || a.startsOn <= a.endsOn, { path: ["endsOn"], message: "plans.error.dates" })
  .refine((a) => a.owner1 || a.owner2 || a.owner3, { path: ["owner1"], message: "plans.error.noOwner" })
  .transform(({ owner1, owner2, owner3, ...a }) => ({ ...a, ownerIds: [...new Set([owner1, owner2, owner3].filter((o): o is string => o !== null))] }));

/** The goal weights of an action form: fields "goal.<id>", empty meaning "not linked". */
export function goalWeights(values: Record<string, string>, goalIds: readonly string[]): { goalId: string; weight: number }[] {
  const out: { goalId: string; weight: number }[] = [];
  const errors = [];
  for (const goalId of goalIds) {
    const raw = (values[`goal.${goalId}`] ?? "").trim();
    if (raw === "") continue;
    if (!/^\d{1,4}$/.test(raw) || Number(raw) > 1000) errors.push({ field: `goal.${goalId}`, key: "plans.error.weight" as const });
    else out.push({ goalId, weight: Number(raw) });
  }
  if (errors.length) throw validationFailed(errors);
  return out;
}

export const IDEA_TITLE_MAX = 200;
export const IDEA_BODY_MAX = 2000;

/** An idea sent in through the public form (or the API): a way to be reached only when given. */
export const IdeaForm = z.object({
  title: requiredText(IDEA_TITLE_MAX),
  body: optionalText(IDEA_BODY_MAX).transform((v) => v ?? null),
  name: optionalText(200).transform((v) => v ?? null),
  email: optionalEmail,
  wantsUpdates: checkbox,
});

export const ReportForm = z.object({
  statusId: id,
  progress: percent,
  comment: requiredText(1000),
});

export const ReporterForm = z.object({ email, organisationId: id });

/** A status of the space's own catalogue: its words, the figure it suggests, whether it means done, whether it counts. */
export const StatusForm = z.object({
  label: requiredText(60),
  labelEn: requiredText(60),
  suggestedProgress: percent,
  done: checkbox,
  counts: checkbox,
});
export const NewStatusForm = StatusForm.extend({ key: z.string().trim().regex(/^[a-z0-9-]{1,30}$/, { message: "plans.error.statusKey" }) });

export const MilestoneForm = z.object({ title: requiredText(LIMITS.title), dueOn: formDate });

/** How the plan forms' fields are named in messages. */
export const planLabels: FieldLabels = {
  title: "plans.field.title",
  slug: "plans.field.slug",
  vision: "plans.field.vision",
  periodStart: "plans.field.periodStart",
  periodEnd: "plans.field.periodEnd",
  rule: "plans.field.rule",
  manualProgress: "plans.field.manualProgress",
  weight: "plans.field.weight",
  description: "plans.field.description",
  ref: "plans.field.ref",
  contactName: "plans.field.contactName",
  contactEmail: "plans.field.contactEmail",
  statusId: "plans.field.status",
  startsOn: "plans.field.startsOn",
  endsOn: "plans.field.endsOn",
  owner1: "plans.field.organisation",
  owner2: "plans.field.organisation",
  owner3: "plans.field.organisation",
  year: "plans.field.year",
  progress: "plans.field.progress",
  comment: "plans.field.comment",
  email: "plans.field.email",
  organisationId: "plans.field.organisation",
  dueOn: "plans.field.dueOn",
  spaceId: "plans.field.space",
  goal: "plans.field.weight",
  key: "plans.status.key",
  events: "plans.field.events",
  session1: "plans.field.sessionAny",
  session2: "plans.field.sessionAny",
  session3: "plans.field.sessionAny",
  label: "plans.status.label",
  labelEn: "plans.status.labelEn",
  suggestedProgress: "plans.status.suggested",
};
