import type { FormState, Ui } from "../../http/ui.js";
import { Checkbox, Csrf, ErrorSummary, Select, Submit, TextArea, TextField } from "../../http/views/forms.js";
import { Layout } from "../../http/views/layout.js";
import type { EventWithSpace } from "../../events/repository.js";
import { eventPath, eventTitle } from "../../events/present.js";
import type { Organisation } from "../../organisations/repository.js";
import { LIMITS } from "../../shared/fields.js";
import type { Pool, RegistrationRow } from "../repository.js";
import { OrganisationSelect } from "./participant.js";

export function DelegationFormPage({ ui, event, form, organisations, pools, blocker }: { ui: Ui; event: EventWithSpace; form: FormState; organisations: Organisation[]; pools: Pool[]; blocker: string | null }) {
  const title = ui.t("deleg.title", { event: eventTitle(event, ui.locale) });
  return (
    <Layout ui={ui} title={title} hasErrors={Object.keys(form.errors).length > 0} crumbs={[{ href: eventPath(event), label: eventTitle(event, ui.locale) }, { label: ui.t("deleg.cta") }]}>
      <h1 class="ds-heading" data-size="lg">{title}</h1>
      {blocker ? <div class="ds-alert" data-color="info"><p class="ds-paragraph">{blocker}</p></div> : (
        <>
          <p class="ds-paragraph">{ui.t("deleg.lead")}</p>
          <ErrorSummary ui={ui} form={form} />
          <form method="post" action={`${eventPath(event)}/delegation`} class="stack" novalidate>
            <Csrf ui={ui} />
            <OrganisationSelect ui={ui} form={form} organisations={organisations} />
            <Select form={form} name="attendance" label={ui.t("reg.attendance")} options={pools.filter((p) => p.capacity > 0).map((p) => ({ value: p.attendance, label: ui.t(`reg.attendance.${p.attendance}`) }))} />
            <TextArea form={form} name="people" label={ui.t("deleg.people")} hint="Anna Berg <anna.berg@umea.se>" rows={8} maxlength={50_000} required />
            <Checkbox form={form} name="includeMe" label={ui.t("deleg.includeMe")} />
            <Submit>{ui.t("deleg.submit")}</Submit>
          </form>
        </>
      )}
    </Layout>
  );
}

export interface DelegationMember {
  registration: RegistrationRow;
  name: string | null;
  email: string | null;
  position: number | null;
}

export function DelegationPage({ ui, event, members, failed, replaceForms, delegationId }: { ui: Ui; event: EventWithSpace; members: DelegationMember[]; failed: { email: string; error: string }[]; replaceForms: Record<string, FormState>; delegationId: string }) {
  const title = ui.t("deleg.page", { event: eventTitle(event, ui.locale) });
  const base = `/delegation/${delegationId}`;
  return (
    <Layout ui={ui} title={title} hasErrors={Object.values(replaceForms).some((f) => Object.keys(f.errors).length > 0)}>
      <h1 class="ds-heading" data-size="lg">{title}</h1>
      {failed.length > 0 && (
        <div class="ds-alert" data-color="warning" role="alert">
          <p class="ds-paragraph">{ui.t("deleg.failed")}:</p>
          <ul>{failed.map((f) => <li>{`${f.email}: ${f.error}`}</li>)}</ul>
        </div>
      )}
      <table class="ds-table">
        <thead><tr><th scope="col">{ui.t("field.name")}</th><th scope="col">{ui.t("reg.status")}</th><th scope="col">{ui.t("reg.attendance")}</th></tr></thead>
        <tbody>
          {members.map((m) => (
            <tr>
              <td>{m.name ?? "–"}<br /><span class="meta">{m.email ?? ""}</span></td>
              <td>{ui.t(`reg.status.${m.registration.status}`)}{m.position !== null ? ` (${m.position})` : ""}</td>
              <td>{ui.t(`reg.attendance.${m.registration.attendance}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {members
        .filter((m) => m.registration.status !== "cancelled" && m.registration.status !== "declined")
        .map((m) => {
          const form = replaceForms[m.registration.id] ?? { values: {}, errors: {} };
          return (
            <section>
              <h2 class="ds-heading" data-size="xs">{ui.t("deleg.replace", { name: m.name ?? "–" })}</h2>
              <ErrorSummary ui={ui} form={form} />
              <form method="post" action={`${base}/byt/${m.registration.id}`} class="row">
                <Csrf ui={ui} />
                <TextField form={prefix(form, m.registration.id)} name={`name-${m.registration.id}`} label={ui.t("deleg.replaceName")} maxlength={LIMITS.name} />
                <TextField form={prefix(form, m.registration.id)} name={`email-${m.registration.id}`} type="email" label={ui.t("deleg.replaceEmail")} maxlength={LIMITS.email} />
                <Submit variant="secondary">{ui.t("deleg.replace", { name: m.name ?? "–" })}</Submit>
              </form>
            </section>
          );
        })}
      <p class="ds-paragraph"><a class="ds-link" href={eventPath(event)}>{eventTitle(event, ui.locale)}</a></p>
    </Layout>
  );
}

/** Each replace form has its own field names (ids must be unique on the page). */
function prefix(form: FormState, id: string): FormState {
  const rename = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [`${k}-${id}`, v]));
  return { values: rename(form.values), errors: rename(form.errors) };
}
