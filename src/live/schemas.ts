/** What participants and moderators may send to a live room (forms and API alike). */
import { z } from "@hono/zod-openapi";
import { checkbox, formWholeNumber, noPersonnummer, optionalText, requiredText } from "../shared/fields.js";
import { moderationModes, pollKinds } from "./schema.js";
import { tagsOf } from "./ideas.js";
import { NAME_MAX, QUESTION_MAX } from "./views/participant.js";

export const AskForm = z.object({
  text: requiredText(QUESTION_MAX),
  name: optionalText(NAME_MAX).transform((v) => v ?? null),
});

export const SettingsForm = z.object({
  moderation: z.enum(moderationModes, { message: "validation.invalid" }),
  requireRegistration: checkbox,
  questionsOpen: checkbox,
  screenPaused: checkbox,
  hideCount: checkbox,
  ideasOpen: checkbox,
});

/** Options typed one per line; blank lines are dropped. */
const optionLines = z
  .string()
  .max(1200)
  .refine(noPersonnummer.check, noPersonnummer.message)
  .optional()
  .transform((v) => (v ?? "").split(/\r?\n/).map((l) => l.trim()).filter(Boolean));

export const PollForm = z
  .object({
    kind: z.enum(pollKinds, { message: "validation.invalid" }),
    question: requiredText(QUESTION_MAX),
    options: optionLines,
    scaleMax: formWholeNumber(2, 10, "live.error.scale"),
    allowChange: checkbox,
  })
  .superRefine((v, ctx) => {
    const needsOptions = v.kind === "single" || v.kind === "multiple" || v.kind === "ranking";
    if (needsOptions && (v.options.length < 2 || v.options.length > 10 || v.options.some((o) => o.length > 120)))
      ctx.addIssue({ code: "custom", path: ["options"], message: "live.error.options" });
  })
  .transform((v) => ({ ...v, options: v.kind === "single" || v.kind === "multiple" || v.kind === "ranking" ? v.options : [] }));

export const IdeaForm = z.object({
  title: requiredText(150),
  body: optionalText(1000).transform((v) => v ?? null),
  tags: optionalText(200).transform((v) => tagsOf(v ?? "")),
  name: optionalText(NAME_MAX).transform((v) => v ?? null),
});

export const CommentForm = z.object({
  text: requiredText(QUESTION_MAX),
  name: optionalText(NAME_MAX).transform((v) => v ?? null),
});
