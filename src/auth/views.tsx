import type { FormState, Ui } from "../http/ui.js";
import { Layout } from "../http/views/layout.js";
import { Csrf, ErrorSummary, Select, Submit, TextArea, TextField } from "../http/views/forms.js";
import { LIMITS } from "../shared/fields.js";
import type { Organisation } from "../organisations/repository.js";
import { TableScroll } from "../http/views/table.js";
import { capitalise } from "../i18n/messages.js";

export function LoginPage({ ui, form, returnTo }: { ui: Ui; form: FormState; returnTo: string }) {
  return (
    <Layout ui={ui} title={ui.t("login.title")} hasErrors={Object.keys(form.errors).length > 0}>
      <h1 class="ds-heading" data-size="lg">{ui.t("login.title")}</h1>
      <ErrorSummary ui={ui} form={form} />
      <p class="ds-paragraph">{ui.t("login.lead")}</p>
      <form method="post" action="/logga-in" class="stack" novalidate>
        <Csrf ui={ui} />
        <input type="hidden" name="tillbaka" value={returnTo} />
        <TextField form={form} name="email" type="email" label={ui.t("field.email")} required autocomplete="email" maxlength={LIMITS.email} />
        <TextField form={form} name="name" label={`${ui.t("login.name")} ${ui.t("common.optional")}`} hint={ui.t("login.nameHint")} autocomplete="name" maxlength={LIMITS.name} />
        <Submit>{ui.t("login.send")}</Submit>
      </form>
    </Layout>
  );
}

export function LoginSentPage({ ui, email, minutes }: { ui: Ui; email: string; minutes: number }) {
  return (
    <Layout ui={ui} title={ui.t("login.sent.title")}>
      <h1 class="ds-heading" data-size="lg">{ui.t("login.sent.title")}</h1>
      <p class="ds-paragraph" role="status">{ui.t("login.sent.body", { email, minutes })}</p>
    </Layout>
  );
}

export function ConfirmLoginPage({ ui, token, returnTo, usable }: { ui: Ui; token: string; returnTo: string; usable: boolean }) {
  return (
    <Layout ui={ui} title={ui.t("login.confirm.title")}>
      <h1 class="ds-heading" data-size="lg">{ui.t("login.confirm.title")}</h1>
      {usable ? (
        <>
          <p class="ds-paragraph">{ui.t("login.confirm.body")}</p>
          <form method="post" action="/logga-in/bekrafta">
            <Csrf ui={ui} />
            <input type="hidden" name="token" value={token} />
            <input type="hidden" name="tillbaka" value={returnTo} />
            <Submit>{ui.t("login.confirm.button")}</Submit>
          </form>
        </>
      ) : (
        <div class="ds-alert" data-color="warning" role="alert">
          <p class="ds-paragraph">{ui.t("error.token_invalid")}</p>
          <p class="ds-paragraph"><a class="ds-link" href="/logga-in">{ui.t("login.title")}</a></p>
        </div>
      )}
    </Layout>
  );
}

export interface TokenListItem {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export function ProfilePage(p: { ui: Ui; form: FormState; organisations: Organisation[]; tokens: TokenListItem[]; newToken?: string; tokenForm: FormState }) {
  const { ui, form } = p;
  return (
    <Layout ui={ui} title={ui.t("profile.title")} hasErrors={Object.keys(form.errors).length + Object.keys(p.tokenForm.errors).length > 0}>
      <h1 class="ds-heading" data-size="lg">{ui.t("profile.title")}</h1>
      <ErrorSummary ui={ui} form={form} />
      <p class="ds-paragraph">{ui.t("profile.lead")}</p>
      <form method="post" action="/profil" class="stack" novalidate>
        <Csrf ui={ui} />
        <TextField form={form} name="name" label={ui.t("login.name")} required autocomplete="name" maxlength={LIMITS.name} />
        <Select
          form={form}
          name="organisationId"
          label={ui.t("field.organisation")}
          options={[{ value: "", label: "–" }, ...p.organisations.map((o) => ({ value: o.id, label: `${o.name} (${ui.t(`kind.${o.kind}`)}${o.municipalityCode ? ` ${o.municipalityCode}` : ""})` }))]}
        />
        <TextField form={form} name="title" label={`${ui.t("field.jobTitle")} ${ui.t("common.optional")}`} autocomplete="organization-title" maxlength={LIMITS.title} />
        <TextArea form={form} name="bio" label={`${ui.t("field.bio")} ${ui.t("common.optional")}`} maxlength={2000} rows={3} />
        <Submit>{ui.t("common.save")}</Submit>
      </form>

      <h2 class="ds-heading" data-size="md" id="api-tokens">{ui.t("profile.tokens")}</h2>
      <p class="ds-paragraph">{ui.t("profile.tokensLead")}</p>
      {p.newToken && (
        <div class="ds-alert" data-color="success" role="status" tabindex={-1} data-autofocus>
          <p class="ds-paragraph">{ui.t("profile.tokenCreated")}</p>
          <p class="token">{p.newToken}</p>
        </div>
      )}
      <ErrorSummary ui={ui} form={p.tokenForm} />
      {p.tokens.length > 0 && (
        <TableScroll label={ui.t("profile.tokens")}>
          <table class="ds-table">
            <thead><tr><th scope="col">{capitalise(ui.t("field.tokenName"))}</th><th scope="col">{capitalise(ui.t("field.status"))}</th><th scope="col"><span class="visually-hidden">{ui.t("profile.revoke")}</span></th></tr></thead>
            <tbody>
              {p.tokens.map((tok) => (
                <tr>
                  <td>{tok.name}</td>
                  <td>{tok.revokedAt ? ui.t("profile.revoked") : tok.createdAt.toISOString().slice(0, 10)}</td>
                  <td>
                    {!tok.revokedAt && (
                      <form method="post" action={`/profil/api-nycklar/${tok.id}/aterkalla`} class="inline-form">
                        <Csrf ui={ui} />
                        <button type="submit" class="ds-button" data-variant="tertiary" aria-label={`${ui.t("profile.revoke")} ${tok.name}`}>{ui.t("profile.revoke")}</button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <form method="post" action="/profil/api-nycklar" class="stack" novalidate>
        <Csrf ui={ui} />
        <TextField form={p.tokenForm} name="tokenName" label={ui.t("field.tokenName")} required maxlength={100} />
        <Submit variant="secondary">{ui.t("profile.newToken")}</Submit>
      </form>
    </Layout>
  );
}
