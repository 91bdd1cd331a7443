/** Inputs for registering and for the organiser's registration settings, shared by form, API and OpenAPI. */
import { z } from "@hono/zod-openapi";
import { attendanceModes, lawfulBases, organisationKinds, questionKinds, registrationModes, registrationStatuses, waitlistModes } from "../db/schema.js";
import { LIMITS, email, instant, optionalId, optionalText, requiredText } from "../shared/fields.js";

const answerValue = z.union([z.string().max(5000), z.array(z.string().max(200)).max(50)]);

export const RegistrationInput = z
  .strictObject({
    name: optionalText(LIMITS.name).openapi({ description: "Needed unless the caller is logged in (taken from the profile)." }),
    email: email.optional().openapi({ description: "Needed unless logged in. One registration per e-mail and event." }),
    organisationId: optionalId.openapi({ description: "From GET /api/v1/organisations (municipalities and regions by name or code)." }),
    organisationName: optionalText(LIMITS.name).openapi({ description: "When the organisation is not in the register; it is added." }),
    attendance: z.enum(attendanceModes).default("onsite"),
    answers: z.record(z.string().max(64), answerValue).default({}).openapi({ description: "Question id → answer (string; array for multiple choice; \"yes\"/\"no\")." }),
    invitationToken: z.string().max(200).optional().openapi({ description: "From the personal invitation link, for invitation-only events." }),
  })
  .openapi("RegistrationInput");
export type RegistrationInput = z.output<typeof RegistrationInput>;

export const RegistrationResult = z
  .object({
    id: z.uuid(),
    status: z.enum(registrationStatuses),
    attendance: z.enum(attendanceModes),
    position: z.number().int().nullable().optional().openapi({ description: "Place in the waiting list (1 = next)." }),
    offerExpiresAt: z.string().nullable().optional(),
    manageUrl: z.string().nullable().openapi({ description: "Secret link to view, change or cancel. Null when an existing registration is returned to an anonymous caller: the link is e-mailed again instead." }),
    ticket: z.string().nullable().optional().openapi({ description: "A confirmed registration's ticket code (signed, no personal data; shown as a QR code), given with the manage link." }),
  })
  .openapi("RegistrationResult");

export const RegistrationSettingsInput = {
  placesOnsite: z.number().int().min(0).max(100_000).nullish().openapi({ description: "Places on site; 0 or null: none." }),
  placesRemote: z.number().int().min(0).max(100_000).nullish().openapi({ description: "Remote places; 0 or null: none." }),
  registrationMode: z.enum(registrationModes).optional(),
  waitlistMode: z.enum(waitlistModes).optional().openapi({ description: "auto: the first in line is confirmed at once; offer: offered with a deadline." }),
  offerHours: z.number().int().min(1).max(24 * 14).optional(),
  registrationOpensAt: instant.nullish(),
  registrationClosesAt: instant.nullish(),
  cancelUntil: instant.nullish(),
  maxPerOrganisation: z.number().int().min(1).max(10_000).nullish(),
  privacyController: optionalText(LIMITS.shortText),
  privacyPurpose: optionalText(2000),
  lawfulBasis: z.enum(lawfulBases).optional(),
};

export const QuestionInput = z
  .strictObject({
    kind: z.enum(questionKinds),
    label: requiredText(300),
    labelEn: optionalText(300),
    options: z.array(z.strictObject({ value: z.string().trim().min(1).max(60), sv: requiredText(200), en: optionalText(200) })).max(50).default([]),
    required: z.boolean().default(false),
    sensitive: z.boolean().default(false).openapi({ description: "Health data (diet, allergies, access needs): restricted, counted for caterers, purged after the event." }),
    showIfQuestionId: optionalId,
    showIfValue: optionalText(60),
    position: z.number().int().min(0).max(1000).default(0),
  })
  .openapi("QuestionInput");
export type QuestionInput = z.output<typeof QuestionInput>;

export const QuestionChangeInput = z
  .strictObject({
    label: requiredText(300).optional(),
    labelEn: optionalText(300),
    options: z
      .array(z.strictObject({ value: z.string().trim().min(1).max(60).optional(), sv: requiredText(200), en: optionalText(200) }))
      .max(50)
      .optional()
      .openapi({ description: "Choice questions: every option in order. Give an existing option's `value` to keep (and reword) it; leave `value` out for a new one. An option left out is removed, unless someone chose it." }),
    required: z.boolean().optional(),
    sensitive: z.boolean().optional().openapi({ description: "Answers already given move with the question." }),
    position: z.number().int().min(0).max(1000).optional(),
  })
  .openapi("QuestionChangeInput");
export type QuestionChangeInput = z.output<typeof QuestionChangeInput>;

export const RegistrationFilterQuery = z.object({
  q: z.string().trim().max(100).optional(),
  status: z.enum(registrationStatuses).optional(),
  attendance: z.enum(attendanceModes).optional(),
  organisationKind: z.enum(organisationKinds).optional(),
  municipality: z.string().regex(/^\d{4}$/, { message: "validation.municipality_code" }).optional(),
  region: z.string().regex(/^\d{2}$/, { message: "validation.county_code" }).optional(),
});
export type RegistrationFilterQuery = z.output<typeof RegistrationFilterQuery>;

/** One page of a list: at most `limit` items from `offset`. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
