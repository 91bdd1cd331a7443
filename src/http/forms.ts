import type { Child } from "hono/jsx";
import type { AppContext } from "./env.js";
import { AppError } from "./errors.js";
import { formStateFromError, uiOf, type FieldLabels, type FormState } from "./ui.js";

/** The posted form's text fields (files are ignored). CSRF middleware has parsed it already. */
export async function readForm(c: AppContext): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === "string" && k !== "_csrf") values[k] = v;
  }
  return values;
}

/**
 * The posted form's text fields, a field sent several times (a group of checkboxes) kept
 * joined by U+001F, as ChoiceGroup and FormState hold it.
 */
export async function readFormLists(c: AppContext): Promise<Record<string, string>> {
  const body = await c.req.parseBody({ all: true });
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === "_csrf") continue;
    values[k] = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string").join("\u001f");
  }
  return values;
}

/** A file sent in a multipart form, or null when none was chosen (an empty file input). */
export async function readUpload(c: AppContext, name: string): Promise<Buffer | null> {
  const value = (await c.req.parseBody())[name];
  if (typeof value === "string" || !value || value.size === 0) return null;
  return Buffer.from(await value.arrayBuffer());
}

/**
 * Runs a form action; when the input is rejected (422) or conflicts (409), shows the
 * same form again with the person's values and the messages, and nothing is changed.
 */
export async function submitForm(
  c: AppContext,
  values: Record<string, string>,
  run: () => Promise<Response>,
  render: (form: FormState) => Child | Promise<Child>,
  labels: FieldLabels = {},
): Promise<Response> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AppError && (err.status === 422 || err.status === 409)) {
      const form = formStateFromError(uiOf(c).t, values, err, labels);
      return c.html((await render(form)) as string, err.status);
    }
    throw err;
  }
}

/** Only same-site relative paths, so "tillbaka" cannot become an open redirect. */
export function safeReturnPath(value: string | undefined, fallback = "/"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value.slice(0, 500);
}
