import { z } from "@hono/zod-openapi";
import { organisationKinds } from "../db/schema.js";
import { LIMITS, optionalCountyCode, requiredText, searchQuery } from "../shared/fields.js";
import { isValidOrgNumber, normaliseOrgNumber } from "./org-number.js";

/** Kinds a person may add; regions and municipalities come only from SCB's register. */
export const addableKinds = ["state_agency", "academia", "company", "association", "other"] as const;

export const OrganisationInput = z
  .object({
    name: requiredText(LIMITS.name).openapi({ example: "Myndigheten för digital förvaltning" }),
    kind: z.enum(addableKinds),
    orgNumber: z
      .string()
      .trim()
      .max(20)
      .nullish()
      .transform((v) => (v ? normaliseOrgNumber(v) : null))
      .refine((v) => v === null || isValidOrgNumber(v), { message: "validation.org_number" })
      .openapi({ example: "202100-6545", description: "Ten digits, Luhn check digit; hyphen optional." }),
    countyCode: optionalCountyCode.openapi({ description: "Two-digit SCB länskod, when the organisation belongs to one county." }),
  })
  .openapi("OrganisationInput");
export type OrganisationInput = z.output<typeof OrganisationInput>;

export const OrganisationSearch = z.object({
  q: searchQuery.openapi({ description: "Name, kommunkod, länskod or organisation number." }),
  kind: z.enum(organisationKinds).optional(),
});

export const Organisation = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(organisationKinds),
    municipalityCode: z.string().nullable(),
    countyCode: z.string().nullable(),
    orgNumber: z.string().nullable(),
  })
  .openapi("Organisation");
