/** What the prize's forms and API take. */
import { z } from "zod";
import type { FieldLabels } from "../http/ui.js";
import { checkbox, email, formDate, formTime, formWholeNumber, id, optionalId, optionalText, requiredText, slug } from "../shared/fields.js";
import { prizePhases, rankingMethods, SCORE_MAX } from "./schema.js";

const lines = (max: number) =>
  optionalText(2000).transform((v) => [...new Set((v ?? "").split(/\r?\n/).map((l) => l.trim()).filter(Boolean))].slice(0, max));

export const NewPrizeForm = z.object({ spaceId: id, slug: slug.refine((v) => v !== "ny" && v !== "galleri", { message: "prizes.error.slugTaken" }), name: requiredText(120), description: optionalText(4000).transform((v) => v ?? null) });
export const RoundForm = z.object({
  year: formWholeNumber(2000, 2100, "prizes.error.year"),
  intro: optionalText(4000).transform((v) => v ?? null),
  closesOn: formDate,
  announceOn: formDate,
  announceTime: formTime,
  planId: optionalId,
  ranking: z.enum(rankingMethods, { message: "validation.choose" }),
});
export const AdminForm = z.object({ email });
export const PhaseForm = z.object({ phase: z.enum(prizePhases, { message: "validation.choose" }) });
export const CriterionForm = z.object({ title: requiredText(120), description: optionalText(1000).transform((v) => v ?? null), weight: formWholeNumber(0, 100, "prizes.error.weight").transform((w) => w ?? 1) });
export const WeightForm = z.object({ weight: formWholeNumber(0, 100, "prizes.error.weight").transform((w) => w ?? 1) });
export const ScreenQuestionForm = z.object({ text: requiredText(300) });
export const ScreenNoteForm = z.object({ note: optionalText(1000).transform((v) => v ?? null) });
export const JurorForm = z.object({ email, jurorName: requiredText(120) });
export const ConflictForm = z.object({ reason: requiredText(500) });
export const DecisionForm = z.object({ winnerId: id, justification: requiredText(4000) });
export const ReviewComment = z.object({ comment: optionalText(4000).transform((v) => v ?? null) });
export const scoreValue = z.string().trim().regex(new RegExp(`^[0-${SCORE_MAX}]$`), { message: "prizes.error.score" }).transform(Number);

const nominationFields = {
  title: requiredText(200),
  summary: requiredText(6000),
  links: lines(5).refine((ls) => ls.every((l) => /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(l) && URL.canParse(l)), { message: "validation.url" }),
  ownWork: checkbox,
  org1: optionalId,
  org2: optionalId,
  org3: optionalId,
  action1: optionalId,
  action2: optionalId,
  action3: optionalId,
};
const collect = <T extends Record<string, unknown>>(n: T & { org1: string | null; org2: string | null; org3: string | null; action1: string | null; action2: string | null; action3: string | null }) => {
  const { org1, org2, org3, action1, action2, action3, ...rest } = n;
  return { ...rest, organisationIds: [...new Set([org1, org2, org3].filter((o): o is string => !!o))], actionIds: [...new Set([action1, action2, action3].filter((o): o is string => !!o))] };
};
export const NominationEditForm = z
  .object(nominationFields)
  .transform(collect)
  .refine((n) => n.organisationIds.length > 0, { path: ["org1"], message: "prizes.error.organisation" });
export const NominationForm = z
  .object({ ...nominationFields, nominatorName: requiredText(120), nominatorEmail: email })
  .transform(collect)
  .refine((n) => n.organisationIds.length > 0, { path: ["org1"], message: "prizes.error.organisation" });

export const prizeLabels: FieldLabels = {
  spaceId: "prizes.field.space",
  slug: "prizes.field.slug",
  name: "prizes.field.name",
  description: "prizes.field.description",
  year: "prizes.field.year",
  intro: "prizes.field.intro",
  closesOn: "prizes.field.closesOn",
  announceOn: "prizes.field.announceOn",
  announceTime: "prizes.field.announceTime",
  planId: "prizes.field.plan",
  ranking: "prizes.field.ranking",
  email: "field.email",
  jurorName: "field.name",
  phase: "prizes.field.phase",
  title: "field.title",
  weight: "prizes.field.weight",
  text: "prizes.field.question",
  note: "prizes.field.note",
  reason: "prizes.field.reason",
  winnerId: "prizes.field.winner",
  justification: "prizes.field.justification",
  comment: "prizes.field.comment",
  summary: "prizes.field.summary",
  links: "prizes.field.links",
  org1: "prizes.field.organisation",
  org2: "prizes.field.organisation",
  org3: "prizes.field.organisation",
  action1: "prizes.field.action",
  action2: "prizes.field.action",
  action3: "prizes.field.action",
  nominatorName: "prizes.field.nominatorName",
  nominatorEmail: "prizes.field.nominatorEmail",
  goals: "prizes.field.goals",
};
