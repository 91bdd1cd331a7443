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

/** The label of a field, by the first part of its name; null when the field has none (then it is named as it is). */
export function fieldLabelKey(field: string): MessageKey | null {
  const key = `field.${field.split(".")[0]}`;
  return isMessageKey(key) ? key : null;
}

/** What was given at the issue's path: `absent` when nothing (or null) was. */
function givenAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const part of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

const TYPE_KEYS: Record<string, MessageKey> = {
  string: "validation.type_text",
  number: "validation.number",
  int: "validation.number",
  bigint: "validation.number",
  boolean: "validation.type_boolean",
  array: "validation.type_list",
  tuple: "validation.type_list",
  object: "validation.type_object",
  record: "validation.type_object",
  map: "validation.type_object",
};

/**
 * One issue as a field error. `input` is what was sent: a value that is there but of the
 * wrong kind is told so ("ska vara text"), only a missing one is asked for ("Fyll i").
 * (Zod 4 keeps the input out of its issues unless asked, so it is looked up here.)
 * `from`: a form offers its choices, so a wrong one is "Välj …"; the API lists the values.
 */
export function issueToFieldError(issue: z.core.$ZodIssue, input?: unknown, from: "form" | "api" = "api"): FieldError {
  const field = issue.path.map(String).join(".") || "body";
  const given = input === undefined ? undefined : givenAt(input, issue.path);
  // An empty form field counts as not given.
  const absent = input === undefined ? /received (undefined|null)$/.test(issue.message) : given === undefined || given === null || given === "";
  if (issue.code === "invalid_type" && absent) return { field, key: "validation.required" };
  if (isMessageKey(issue.message)) return { field, key: issue.message };
  switch (issue.code) {
    case "invalid_type":
      return { field, key: TYPE_KEYS[issue.expected] ?? "validation.invalid" };
    case "too_big":
      return issue.origin === "string" ? { field, key: "validation.too_long", params: { max: Number(issue.maximum) } } : { field, key: "validation.invalid" };
    case "too_small":
      if (issue.origin !== "string") return { field, key: "validation.invalid" };
      return Number(issue.minimum) <= 1 ? { field, key: "validation.required" } : { field, key: "validation.too_short", params: { min: Number(issue.minimum) } };
    case "invalid_format":
      if (issue.format === "email") return { field, key: "validation.email" };
      if (issue.format === "uuid") return { field, key: "validation.uuid" };
      if (issue.format === "datetime") return { field, key: "validation.datetime" };
      return { field, key: "validation.invalid" };
    case "invalid_value":
      // A form offers the choices; the API is told which values there are.
      return absent || from === "form" ? { field, key: "validation.choose" } : { field, key: "validation.one_of", params: { values: issue.values.map(String).join(", ") } };
    case "invalid_union": {
      // Several shapes were allowed (text or a list, an id or nothing): the kind that was sent is wrong.
      if (absent) return { field, key: "validation.required" };
      const branches = issue.errors.flat();
      const accepted = branches.flatMap((i) => (i.code === "invalid_type" ? [i.expected] : i.code === "invalid_value" ? i.values.map((v) => typeof v) : []));
      const sent = Array.isArray(given) ? "array" : typeof given;
      const kindAccepted = accepted.length < branches.length || accepted.includes(sent) || (sent === "object" && accepted.includes("record"));
      const expected = accepted.find((k) => TYPE_KEYS[k]);
      return !kindAccepted && expected ? { field, key: TYPE_KEYS[expected]! } : { field, key: "validation.invalid" };
    }
    case "unrecognized_keys":
      return { field: issue.keys[0] ?? field, key: "validation.unknown_field" };
    default:
      return { field, key: "validation.invalid" };
  }
}

/** Parses a form's fields or throws a 422 AppError listing every problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationFailed(result.error.issues.map((i) => issueToFieldError(i, input, "form")));
}
