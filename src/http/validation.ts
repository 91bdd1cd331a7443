/**
 * Turns Zod issues into field errors with message keys, so that forms and the API give
 * the same clear message in the person's language. Schemas signal their own rules by
 * using a message key ("validation.org_number") as the issue message.
 */
import type { z } from "zod";
import type { MessageKey } from "../i18n/messages.js";
import { svTexts } from "../i18n/catalog.js";
import { validationFailed, type FieldError } from "./errors.js";

function isMessageKey(s: string): s is MessageKey {
  return Object.prototype.hasOwnProperty.call(svTexts, s);
}

export function fieldLabelKey(field: string): MessageKey {
  const key = `field.${field.split(".")[0]}`;
  return isMessageKey(key) ? key : "field.description";
}

export function issueToFieldError(issue: z.core.$ZodIssue): FieldError {
  const field = issue.path.map(String).join(".") || "body";
  const missing = issue.code === "invalid_type" && (issue.input === undefined || issue.input === null);
  if (missing) return { field, key: "validation.required" };
  if (isMessageKey(issue.message)) return { field, key: issue.message };
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined || issue.input === null) return { field, key: "validation.required" };
      if (issue.expected === "number" || issue.expected === "int") return { field, key: "validation.number" };
      return { field, key: "validation.invalid" };
    case "too_big":
      return { field, key: "validation.too_long", params: { max: Number(issue.maximum) } };
    case "too_small":
      return Number(issue.minimum) <= 1 && issue.origin === "string"
        ? { field, key: "validation.required" }
        : { field, key: "validation.too_short", params: { min: Number(issue.minimum) } };
    case "invalid_format":
      if (issue.format === "email") return { field, key: "validation.email" };
      if (issue.format === "uuid") return { field, key: "validation.uuid" };
      if (issue.format === "datetime") return { field, key: "validation.datetime" };
      return { field, key: "validation.invalid" };
    case "invalid_value":
      return { field, key: "validation.choose" };
    case "unrecognized_keys":
      return { field: issue.keys[0] ?? field, key: "validation.unknown_field" };
    default:
      return { field, key: "validation.invalid" };
  }
}

/** Parses or throws a 422 AppError listing every problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationFailed(result.error.issues.map(issueToFieldError));
}
