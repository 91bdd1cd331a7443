import type { OrganisationKind } from "../db/schema.js";
import type { FormState, Ui } from "../http/ui.js";
import { Layout } from "../http/views/layout.js";
import { Csrf, ErrorSummary, Select, Submit, TextField } from "../http/views/forms.js";
import { LIMITS } from "../shared/fields.js";
import { loadRegister, REGISTER_SOURCE } from "./register.js";
import { formatOrgNumber } from "./org-number.js";
import type { Organisation } from "./repository.js";
import { addableKinds } from "./schemas.js";
import { organisationKinds } from "../db/schema.js";
import { TableScroll } from "../http/views/table.js";
import { capitalise } from "../i18n/messages.js";

export function OrganisationsPage({ ui, q, kind, results }: { ui: Ui; q: string; kind: OrganisationKind | ""; results: Organisation[] }) {
  return (
    <Layout ui={ui} title={ui.t("orgs.title")}>
      <h1 class="ds-heading" data-size="lg">{ui.t("orgs.title")}</h1>
      <p class="ds-paragraph">{ui.t("orgs.lead")}</p>
      <form method="get" action="/organisationer" role="search" class="row">
        <div class="ds-field">
          <label class="ds-label" for="f-q">{ui.t("orgs.search")}</label>
          <input class="ds-input" id="f-q" name="q" type="search" value={q} maxlength={LIMITS.search} />
        </div>
        <div class="ds-field">
          <label class="ds-label" for="f-kind">{ui.t("orgs.kind")}</label>
          <select class="ds-input" id="f-kind" name="kind">
            <option value="">–</option>
            {organisationKinds.map((k) => <option value={k} selected={kind === k}>{ui.t(`kind.${k}`)}</option>)}
          </select>
        </div>
        <button class="ds-button" type="submit">{ui.t("common.search")}</button>
      </form>
      <p class="ds-paragraph" role="status">{ui.t("orgs.results", { count: results.length })}</p>
      <TableScroll label={ui.t("orgs.title")}>
        <table class="ds-table" data-zebra="true">
          <thead>
            <tr>
              <th scope="col">{capitalise(ui.t("field.name"))}</th>
              <th scope="col">{ui.t("orgs.kind")}</th>
              <th scope="col">{ui.t("orgs.code")}</th>
              <th scope="col">{ui.t("orgs.orgNumber")}</th>
            </tr>
          </thead>
          <tbody>
            {results.map((o) => (
              <tr>
                <td>{o.name}</td>
                <td>{ui.t(`kind.${o.kind}`)}</td>
                <td>{o.municipalityCode ?? o.countyCode ?? ""}</td>
                <td>{o.orgNumber ? formatOrgNumber(o.orgNumber) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p class="ds-paragraph" data-size="sm">{ui.t("orgs.source", { source: REGISTER_SOURCE })}</p>
      {ui.actor && <p class="ds-paragraph"><a class="ds-link" href="/organisationer/ny">{ui.t("orgs.add")}</a></p>}
    </Layout>
  );
}

export function AddOrganisationPage({ ui, form }: { ui: Ui; form: FormState }) {
  const counties = loadRegister().counties;
  return (
    <Layout ui={ui} title={ui.t("orgs.add")} hasErrors={Object.keys(form.errors).length > 0} crumbs={[{ href: "/organisationer", label: ui.t("orgs.title") }, { label: ui.t("orgs.add") }]}>
      <h1 class="ds-heading" data-size="lg">{ui.t("orgs.add")}</h1>
      <ErrorSummary ui={ui} form={form} />
      <p class="ds-paragraph">{ui.t("orgs.addLead")}</p>
      <form method="post" action="/organisationer/ny" class="stack" novalidate>
        <Csrf ui={ui} />
        <TextField form={form} name="name" label={ui.t("field.name")} required maxlength={LIMITS.name} autocomplete="organization" />
        <Select form={form} name="kind" label={ui.t("field.kind")} options={addableKinds.map((k) => ({ value: k, label: ui.t(`kind.${k}`) }))} />
        <TextField form={form} name="orgNumber" label={`${ui.t("orgs.orgNumber")} ${ui.t("common.optional")}`} hint="212000-0142" inputmode="numeric" maxlength={20} width="short" />
        <Select form={form} name="countyCode" label={`${ui.t("field.countyCode")} ${ui.t("common.optional")}`} options={[{ value: "", label: "–" }, ...counties.map((c) => ({ value: c.countyCode, label: `${c.countyName} (${c.countyCode})` }))]} />
        <Submit>{ui.t("common.create")}</Submit>
      </form>
    </Layout>
  );
}
