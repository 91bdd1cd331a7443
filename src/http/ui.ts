import type { Actor, AppContext } from "./env.js";
import { capitalise, type Locale, type MessageKey, type Translate } from "../i18n/messages.js";
import type { AppError, FieldError } from "./errors.js";
import { fieldLabelKey } from "./validation.js";

/** What a view needs to know about the request. */
export interface Ui {
  t: Translate;
  locale: Locale;
  path: string;
  actor: Actor | null;
  csrf: string;
  flash: string | null;
}

export function uiOf(c: AppContext): Ui {
  const url = new URL(c.req.url);
  return {
    t: c.get("t"),
    locale: c.get("locale"),
    path: url.pathname + url.search,
    actor: c.get("actor"),
    csrf: c.get("csrfToken"),
    flash: c.get("flash"),
  };
}

/** Field name → label key, where a form's names differ from the defaults. */
export type FieldLabels = Record<string, MessageKey>;

export function fieldMessage(t: Translate, e: FieldError, labels: FieldLabels = {}): string {
  const labelKey = labels[e.field] ?? labels[e.field.split(".")[0]!] ?? fieldLabelKey(e.field);
  const field = e.key === "validation.unknown_field" ? e.field : labelKey ? t(labelKey) : t("field.named", { name: e.field });
  return capitalise(t(e.key, { field, ...(e.params ?? {}) }));
}

export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
  /** A form-level message, e.g. for a conflict. */
  message?: string;
  /** Names a second or later form on a page, so that its fields' ids differ from the first's. */
  id?: string;
}

export const emptyForm = (values: Record<string, string> = {}): FormState => ({ values, errors: {} });

/** The form's own values and the errors of a failed attempt, ready to show again. */
export function formStateFromError(t: Translate, values: Record<string, unknown>, err: AppError, labels: FieldLabels = {}): FormState {
  const errors: Record<string, string> = {};
  // Keyed by the whole path: flat form fields are their own path, and answers keep one
  // message per question ("answers.<question id>").
  // Every problem at once: several for one field (lines of a list) are told one after the other.
  for (const e of err.fields) {
    const message = fieldMessage(t, e, labels);
    const before = errors[e.field];
    if (before === undefined) errors[e.field] = message;
    else if (!before.split(" ").includes(message)) errors[e.field] = `${before} ${message}`;
  }
  const plain: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (typeof v === "string" && k !== "_csrf") plain[k] = v;
  return {
    values: plain,
    errors,
    ...(err.fields.length === 0 ? { message: t(err.messageKey) } : {}),
  };
}
