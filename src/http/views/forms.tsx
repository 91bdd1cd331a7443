/**
 * Form building blocks on Designsystemet's CSS: every input has a visible label, hints
 * and errors are tied to it with aria-describedby, and a failed submit starts with an
 * error summary that links to each field (GOV.UK/Designsystemet error pattern).
 */
import type { Child } from "hono/jsx";
import type { FormState, Ui } from "../ui.js";
import { capitalise } from "../../i18n/messages.js";

/** The element id for a field; answers to questions are posted as "q.<id>", so their errors point there. */
export const fieldId = (name: string) => `f-${name.replace(/^answers\./, "q.")}`;

export function Csrf({ ui }: { ui: Ui }) {
  return <input type="hidden" name="_csrf" value={ui.csrf} />;
}

export function ErrorSummary({ ui, form }: { ui: Ui; form: FormState }) {
  const entries = Object.entries(form.errors);
  if (entries.length === 0 && !form.message) return null;
  return (
    <div class="ds-error-summary" role="alert" tabindex={-1} data-autofocus aria-labelledby="error-summary-heading">
      <h2 class="ds-heading" data-size="xs" id="error-summary-heading">
        {form.message ?? ui.t("error.summary")}
      </h2>
      {entries.length > 0 && (
        <ul class="ds-list">
          {entries.map(([name, message]) => (
            <li>
              <a class="ds-link" href={`#${fieldId(name)}`}>{message}</a>
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

function describedBy(name: string, hint?: string, error?: string) {
  const ids = [hint ? `${fieldId(name)}-hint` : null, error ? `${fieldId(name)}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function FieldMessages({ name, hint, error }: { name: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {hint && (
        <p class="ds-paragraph field-hint" data-size="sm" id={`${fieldId(name)}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="ds-validation-message" data-color="danger" id={`${fieldId(name)}-error`}>
          {error}
        </p>
      )}
    </>
  );
}

/** Label, hint and error around one control, tied together for screen readers. */
function FieldShell({ p, children, short }: { p: FieldProps; children: Child; short?: boolean }) {
  return (
    <div class={`ds-field${short ? " field-short" : ""}`}>
      <label class="ds-label" for={fieldId(p.name)}>
        {capitalise(p.label)}
      </label>
      <FieldMessages name={p.name} hint={p.hint} error={p.form.errors[p.name]} />
      {children}
    </div>
  );
}

/** The attributes every control shares: id, name, validity and its descriptions. */
function controlProps(p: FieldProps) {
  const error = p.form.errors[p.name];
  return {
    class: "ds-input",
    id: fieldId(p.name),
    name: p.name,
    required: p.required,
    "aria-invalid": error ? ("true" as const) : undefined,
    "aria-describedby": describedBy(p.name, p.hint, error),
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
  return (
    <div class="ds-field">
      <FieldMessages name={name} error={error} />
      <input
        class="ds-input"
        type="checkbox"
        id={fieldId(name)}
        name={name}
        checked={checked}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(name, undefined, error)}
      />
      <label class="ds-label" for={fieldId(name)}>
        {capitalise(label)}
      </label>
    </div>
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
