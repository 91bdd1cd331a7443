import type { FormState, Ui } from "../../http/ui.js";
import { Checkbox, Csrf, ErrorSummary, Select, Submit, TextArea, TextField } from "../../http/views/forms.js";
import { Layout } from "../../http/views/layout.js";
import type { EventWithSpace } from "../../events/repository.js";
import { eventPath, eventTitle } from "../../events/present.js";
import type { Organisation } from "../../organisations/repository.js";
import { LIMITS } from "../../shared/fields.js";
import type { Pool, RegistrationRow } from "../repository.js";
import { OrganisationSelect } from "./participant.js";
import { capitalise } from "../../i18n/messages.js";

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
            <Select form={form} name="attendance" label={ui.t("deleg.defaultAttendance")} options={pools.filter((p) => p.capacity > 0).map((p) => ({ value: p.attendance, label: ui.t(`reg.attendance.${p.attendance}`) }))} />
            <TextArea form={form} name="people" label={ui.t("deleg.people")} hint={ui.t("deleg.peopleHint")} rows={8} maxlength={50_000} required />
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
  /** A required question is still unanswered: the delegate answers on their own page. */
  answersMissing: boolean;
}

const active = (m: DelegationMember) => m.registration.status !== "cancelled" && m.registration.status !== "declined";

export function DelegationPage(p: { ui: Ui; event: EventWithSpace; members: DelegationMember[]; failed: { email: string; error: string }[]; replaceForms: Record<string, FormState>; delegationId: string; pools: Pool[]; addForm: FormState; canAdd: boolean }) {
  const { ui, event, members, failed, replaceForms, delegationId } = p;
  const title = ui.t("deleg.page", { event: eventTitle(event, ui.locale) });
  const base = `/delegation/${delegationId}`;
  const modes = p.pools.filter((pool) => pool.capacity > 0).map((pool) => ({ value: pool.attendance, label: ui.t(`reg.attendance.${pool.attendance}`) }));
  const missing = members.filter((m) => m.answersMissing).length;
  return (
    <Layout ui={ui} title={title} hasErrors={Object.keys(p.addForm.errors).length > 0 || Object.values(replaceForms).some((f) => Object.keys(f.errors).length > 0)} crumbs={[{ href: eventPath(event), label: eventTitle(event, ui.locale) }, { label: ui.t("deleg.mine") }]}>
      <h1 class="ds-heading" data-size="lg">{title}</h1>
      {failed.length > 0 && (
        <div class="ds-alert" data-color="warning" role="alert">
          <p class="ds-paragraph">{ui.t("deleg.failed")}:</p>
          <ul>{failed.map((f) => <li>{`${f.email}: ${f.error}`}</li>)}</ul>
        </div>
      )}
      {missing > 0 && <p class="ds-paragraph">{ui.t("deleg.answersMissing", { count: missing })}</p>}
      <div class="table-scroll" role="region" aria-label={ui.t("deleg.members")} tabindex={0}>
        <table class="ds-table">
          <caption class="visually-hidden">{ui.t("deleg.members")}</caption>
          <thead><tr><th scope="col">{capitalise(ui.t("field.name"))}</th><th scope="col">{capitalise(ui.t("reg.status"))}</th><th scope="col">{capitalise(ui.t("reg.attendance"))}</th><th scope="col">{ui.t("deleg.answers")}</th></tr></thead>
          <tbody>
            {members.map((m) => (
              <tr id={`m-${m.registration.id}`}>
                <td>{m.name ?? "–"}<br /><span class="meta">{m.email ?? ""}</span></td>
                <td>{ui.t(`reg.status.${m.registration.status}`)}{m.position !== null ? ` (${ui.t("reg.queueNumber", { position: m.position })})` : ""}</td>
                <td>
                  {active(m) && modes.length > 1 ? (
                    <form method="post" action={`${base}/deltagande/${m.registration.id}`} class="inline-form">
                      <Csrf ui={ui} />
                      <label class="ds-label visually-hidden" for={`f-attendance-${m.registration.id}`}>{ui.t("deleg.attendanceOf", { name: m.name ?? "–" })}</label>
                      <select class="ds-input" id={`f-attendance-${m.registration.id}`} name={`attendance-${m.registration.id}`}>
                        {modes.map((o) => <option value={o.value} selected={o.value === m.registration.attendance}>{o.label}</option>)}
                      </select>
                      <button type="submit" class="ds-button" data-variant="tertiary">{ui.t("deleg.changeAttendance")}</button>
                    </form>
                  ) : (
                    ui.t(`reg.attendance.${m.registration.attendance}`)
                  )}
                </td>
                <td>{active(m) ? (m.answersMissing ? ui.t("deleg.answersNotYet") : ui.t("deleg.answersDone")) : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {p.canAdd && (
        <section aria-labelledby="add-heading">
          <h2 class="ds-heading" data-size="sm" id="add-heading">{ui.t("deleg.add")}</h2>
          <ErrorSummary ui={ui} form={p.addForm} />
          <form method="post" action={`${base}/lagg-till`} class="stack" novalidate>
            <Csrf ui={ui} />
            {modes.length > 1 && <Select form={p.addForm} name="attendance" label={ui.t("deleg.defaultAttendance")} options={modes} />}
            <TextArea form={p.addForm} name="people" label={ui.t("deleg.people")} hint={ui.t("deleg.peopleHint")} rows={5} maxlength={50_000} required />
            <Submit variant="secondary">{ui.t("deleg.addSubmit")}</Submit>
          </form>
        </section>
      )}
      {members
        .filter(active)
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
