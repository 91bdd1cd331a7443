/** The space's own catalogue of statuses on the plan's manage page: each one's words and meaning, and a new one. */
import { emptyForm, type FormState, type Ui } from "../../http/ui.js";
import { Checkbox, Csrf, scoped, Submit, TextField } from "../../http/views/forms.js";
import { pick, type MessageKey } from "../../i18n/messages.js";
import type { TreeStatus as Status } from "../progress.js";
import type { Forms } from "./manage.js";

const meaning = (ui: Ui, s: Status) =>
  [s.done && ui.t("plans.status.meaning.done"), !s.counts && ui.t("plans.status.meaning.excluded"), s.suggestedProgress === null ? ui.t("plans.status.meaning.free") : ui.t("plans.status.meaning.suggests", { p: s.suggestedProgress })].filter(Boolean).join(", ");

const statusValues = (s: Status) => ({ label: s.label, labelEn: s.labelEn, suggestedProgress: s.suggestedProgress === null ? "" : String(s.suggestedProgress), done: s.done ? "on" : "", counts: s.counts ? "on" : "" });

function StatusFields({ ui, form }: { ui: Ui; form: FormState }) {
  const label = (key: MessageKey) => ui.t(key);
  return (
    <>
      <TextField form={form} name="label" label={label("plans.status.label")} required maxlength={60} />
      <TextField form={form} name="labelEn" label={label("plans.status.labelEn")} required maxlength={60} />
      <TextField form={form} name="suggestedProgress" label={`${label("plans.status.suggested")} ${ui.t("common.optional")}`} hint={label("plans.status.suggestedHint")} inputmode="numeric" maxlength={3} width="short" />
      <Checkbox form={form} name="done" label={label("plans.status.done")} />
      <Checkbox form={form} name="counts" label={label("plans.status.counts")} />
    </>
  );
}

export function StatusSection({ ui, base, statuses, forms }: { ui: Ui; base: string; statuses: Status[]; forms: Forms }) {
  const form = (scope: string, defaults: Record<string, string>) => scoped(forms[scope] ?? emptyForm(defaults), scope);
  return (
    <section aria-labelledby="m-statuses">
      <h2 class="ds-heading" data-size="md" id="m-statuses">{ui.t("plans.status.title")}</h2>
      <p class="ds-paragraph">{ui.t("plans.status.lead")}</p>
      <ul class="ds-list">
        {statuses.map((s) => (
          <li>
            {ui.t("plans.status.summary", { label: pick(ui.locale, s.label, s.labelEn), key: s.key, meaning: meaning(ui, s) })}
            <details open={!!forms[`status-${s.id}`]}>
              <summary>{ui.t("plans.status.edit", { label: pick(ui.locale, s.label, s.labelEn) })}</summary>
              <form method="post" action={`${base}/statusar/${s.id}`} class="stack" novalidate>
                <Csrf ui={ui} />
                <StatusFields ui={ui} form={form(`status-${s.id}`, statusValues(s))} />
                <Submit>{ui.t("common.save")}</Submit>
              </form>
            </details>
          </li>
        ))}
      </ul>
      <details open={!!forms.newstatus}>
        <summary>{ui.t("plans.status.add")}</summary>
        <form method="post" action={`${base}/statusar`} class="stack" novalidate>
          <Csrf ui={ui} />
          <TextField form={form("newstatus", { counts: "on" })} name="key" label={ui.t("plans.status.key")} hint={ui.t("plans.status.keyHint")} required maxlength={30} width="short" />
          <StatusFields ui={ui} form={form("newstatus", { counts: "on" })} />
          <Submit variant="secondary">{ui.t("plans.status.add")}</Submit>
        </form>
      </details>
    </section>
  );
}
