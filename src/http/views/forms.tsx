/**
 * Form building blocks on Designsystemet's CSS: every input has a visible label, hints
 * and errors are tied to it with aria-describedby, and a failed submit starts with an
 * error summary that links to each field (GOV.UK/Designsystemet error pattern).
 */
import type { Child } from "hono/jsx";
import type { FormState, Ui } from "../ui.js";
import { capitalise } from "../../i18n/messages.js";

/**
 * The element id for a field; answers to questions are posted as "q.<id>", so their errors
 * point there. A page with several forms names each one after the first (FormState.id), so
 * that no two fields share an id and every label moves its own form's field.
 */
export const fieldId = (name: string, form?: Pick<FormState, "id">) => `f-${form?.id ? `${form.id}-` : ""}${name.replace(/^answers\./, "q.")}`;

/** The same form state, named for a second form on the page (its fields get their own ids). */
export const scoped = (form: FormState, id: string): FormState => ({ ...form, id });

export function Csrf({ ui }: { ui: Ui }) {
  return <input type="hidden" name="_csrf" value={ui.csrf} />;
}

export function ErrorSummary({ ui, form }: { ui: Ui; form: FormState }) {
  const entries = Object.entries(form.errors);
  if (entries.length === 0 && !form.message) return null;
  return (
    <div class="ds-error-summary" role="alert" tabindex={-1} data-autofocus aria-labelledby={fieldId("error-summary", form)}>
      <h2 class="ds-heading" data-size="xs" id={fieldId("error-summary", form)}>
        {form.message ?? ui.t("error.summary")}
      </h2>
      {entries.length > 0 && (
        <ul class="ds-list">
          {entries.map(([name, message]) => (
            <li>
              <a class="ds-link" href={`#${fieldId(name, form)}`}>{message}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface FieldProps {
  form: FormState;
  name: string;
  label: string;
  hint?: string;
  type?: "text" | "email" | "date" | "time" | "url" | "search";
  required?: boolean;
  autocomplete?: string;
  maxlength?: number;
  inputmode?: "numeric" | "text";
  list?: string;
  width?: "short" | "full";
}

function describedBy(id: string, hint?: string, error?: string) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function FieldMessages({ id, hint, error }: { id: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {hint && (
        <p class="ds-paragraph field-hint" data-size="sm" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="ds-validation-message" data-color="danger" id={`${id}-error`}>
          {error}
        </p>
      )}
    </>
  );
}

/** Label, hint and error around one control, tied together for screen readers. */
function FieldShell({ p, children, short }: { p: FieldProps; children: Child; short?: boolean }) {
  const id = fieldId(p.name, p.form);
  return (
    <div class={`ds-field${short ? " field-short" : ""}`}>
      <label class="ds-label" for={id}>
        {capitalise(p.label)}
      </label>
      <FieldMessages id={id} hint={p.hint} error={p.form.errors[p.name]} />
      {children}
    </div>
  );
}

/** The attributes every control shares: id, name, validity and its descriptions. */
function controlProps(p: FieldProps) {
  const error = p.form.errors[p.name];
  const id = fieldId(p.name, p.form);
  return {
    class: "ds-input",
    id,
    name: p.name,
    required: p.required,
    "aria-invalid": error ? ("true" as const) : undefined,
    "aria-describedby": describedBy(id, p.hint, error),
  };
}

export function TextField(p: FieldProps) {
  return (
    <FieldShell p={p} short={p.width === "short"}>
      <input
        {...controlProps(p)}
        type={p.type ?? "text"}
        value={p.form.values[p.name] ?? ""}
        autocomplete={p.autocomplete}
        maxlength={p.maxlength}
        inputmode={p.inputmode}
        list={p.list}
      />
    </FieldShell>
  );
}

export function TextArea(p: Omit<FieldProps, "type"> & { rows?: number }) {
  return (
    <FieldShell p={p}>
      <textarea {...controlProps(p)} rows={p.rows ?? 5} maxlength={p.maxlength}>
        {p.form.values[p.name] ?? ""}
      </textarea>
    </FieldShell>
  );
}

export function Select(p: FieldProps & { options: { value: string; label: string }[] }) {
  const current = p.form.values[p.name] ?? "";
  return (
    <FieldShell p={p}>
      <select {...controlProps(p)}>
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function Checkbox({ form, name, label }: { form: FormState; name: string; label: string }) {
  const checked = ["on", "true"].includes(form.values[name] ?? "");
  const error = form.errors[name];
  const id = fieldId(name, form);
  return (
    <div class="ds-field">
      <FieldMessages id={id} error={error} />
      <input class="ds-input" type="checkbox" id={id} name={name} checked={checked} aria-invalid={error ? "true" : undefined} aria-describedby={describedBy(id, undefined, error)} />
      <label class="ds-label" for={id}>
        {capitalise(label)}
      </label>
    </div>
  );
}

/** A file to upload, with its label, hint and error tied to it; the form must be multipart. */
export function FileField(p: { form: FormState; name: string; label: string; hint?: string; accept: string }) {
  const id = fieldId(p.name, p.form);
  const error = p.form.errors[p.name];
  return (
    <div class="ds-field">
      <label class="ds-label" for={id}>{capitalise(p.label)}</label>
      <FieldMessages id={id} hint={p.hint} error={error} />
      <input class="ds-input" type="file" id={id} name={p.name} accept={p.accept} aria-invalid={error ? "true" : undefined} aria-describedby={describedBy(id, p.hint, error)} />
    </div>
  );
}

/**
 * Radio buttons or checkboxes under one legend. The first box carries the field's id, so
 * that the error summary's link moves focus to it (a fieldset cannot take focus).
 * Multiple values of a checkbox group are held joined by U+001F in form.values.
 */
export function ChoiceGroup(p: {
  form: FormState;
  name: string;
  legend: string;
  type?: "radio" | "checkbox";
  options: { value: string; label: string }[];
  hint?: string;
  /** The value chosen when the form has none yet (radios). */
  preselect?: string;
  attrs?: Record<string, string>;
}) {
  const id = fieldId(p.name, p.form);
  const error = p.form.errors[p.name] ?? p.form.errors[p.name.replace(/^q\./, "answers.")];
  const raw = p.form.values[p.name];
  const chosen = raw === undefined ? (p.preselect === undefined ? [] : [p.preselect]) : raw.split("\u001f");
  return (
    <fieldset class="ds-fieldset" id={`${id}-group`} aria-describedby={describedBy(id, p.hint, error)} {...(p.attrs ?? {})}>
      <legend class="ds-label">{capitalise(p.legend)}</legend>
      <FieldMessages id={id} hint={p.hint} error={error} />
      {p.options.map((o, i) => (
        <div class="ds-field">
          <input class="ds-input" type={p.type ?? "radio"} id={i === 0 ? id : `${id}-${i}`} name={p.name} value={o.value} checked={chosen.includes(o.value)} aria-invalid={error ? "true" : undefined} />
          <label class="ds-label" for={i === 0 ? id : `${id}-${i}`}>
            {o.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

export function Submit({ children, variant }: { children: Child; variant?: "primary" | "secondary" | "tertiary" }) {
  return (
    <button type="submit" class="ds-button" data-variant={variant ?? "primary"}>
      {children}
    </button>
  );
}

/** A one-button form for an action (publish, delete…), with CSRF token. */
export function ActionForm({ ui, action, label, variant, confirm, color }: { ui: Ui; action: string; label: string; variant?: "primary" | "secondary" | "tertiary"; confirm?: string; color?: "danger" }) {
  return (
    <form method="post" action={action} class="inline-form" data-confirm={confirm}>
      <Csrf ui={ui} />
      <button type="submit" class="ds-button" data-variant={variant ?? "secondary"} data-color={color}>
        {capitalise(label)}
      </button>
    </form>
  );
}
