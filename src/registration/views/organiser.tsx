import type { FormState, Ui } from "../../http/ui.js";
import { ActionForm, Checkbox, ChoiceGroup, Csrf, ErrorSummary, Select, Submit, TextArea, TextField } from "../../http/views/forms.js";
import { Layout } from "../../http/views/layout.js";
import { capitalise, pick } from "../../i18n/messages.js";
import type { EventWithSpace } from "../../events/repository.js";
import type { Organisation } from "../../organisations/repository.js";
import { lawfulBases, organisationKinds, questionKinds, registrationStatuses } from "../../db/schema.js";
import { loadRegister } from "../../organisations/register.js";
import { LIMITS } from "../../shared/fields.js";
import { missingRequired, questionLabel, type QuestionForRules } from "../questions.js";
import type { Pool, RegistrationListItem, RegistrationRow } from "../repository.js";
import { localStamp } from "../../i18n/format.js";
import { answerText, type Catering, type PlaceCount, type Totals } from "../reports.js";
import { OrganisationSelect } from "./participant.js";
import { allowedAttendance } from "../settings.js";
import { TableScroll } from "../../http/views/table.js";
import { EventAdminNav } from "../../events/views/event-nav.js";

const hasErrors = (...forms: FormState[]) => forms.some((f) => Object.keys(f.errors).length > 0 || !!f.message);

const crumbs = (ui: Ui, event: EventWithSpace, last: string) => [
  { href: "/arrangor", label: ui.t("org.title") },
  { href: `/arrangor/${event.spaceSlug}`, label: event.spaceName },
  { href: `/arrangor/evenemang/${event.id}`, label: event.titleSv },
  { label: last },
];

export function RegistrationSettingsPage(p: { ui: Ui; event: EventWithSpace; form: FormState; questionForm: FormState; inviteForm: FormState; questions: QuestionForRules[]; pools: Pool[]; invitationCount: number }) {
  const { ui, event } = p;
  const opt = ` ${ui.t("common.optional")}`;
  const base = `/arrangor/evenemang/${event.id}/anmalan`;
  const allowed = allowedAttendance(event.format);
  return (
    <Layout ui={ui} title={`${ui.t("regadm.settings")}: ${event.titleSv}`} hasErrors={hasErrors(p.form, p.questionForm, p.inviteForm)} crumbs={crumbs(ui, event, ui.t("regadm.settings"))}>
      <h1 class="ds-heading" data-size="lg">{`${ui.t("regadm.settings")}: ${event.titleSv}`}</h1>
      <EventAdminNav ui={ui} event={event} current="settings" />
      {p.pools.map((pool) => <p class="ds-paragraph">{`${ui.t(`reg.attendance.${pool.attendance}`)}: ${ui.t("regadm.places", { taken: pool.taken, capacity: pool.capacity })}`}</p>)}
      <ErrorSummary ui={ui} form={p.form} />
      <form method="post" action={base} class="stack" novalidate>
        <Csrf ui={ui} />
        <div class="row">
          {allowed.includes("onsite") && <TextField form={p.form} name="placesOnsite" label={ui.t("regadm.placesOnsite")} inputmode="numeric" width="short" />}
          {allowed.includes("remote") && <TextField form={p.form} name="placesRemote" label={ui.t("regadm.placesRemote")} inputmode="numeric" width="short" />}
        </div>
        <ChoiceGroup form={p.form} name="mode" legend={ui.t("regadm.mode")} preselect="open" options={(["open", "approval", "invitation"] as const).map((m) => ({ value: m, label: ui.t(`regadm.mode.${m}`) }))} />
        <ChoiceGroup form={p.form} name="waitlistMode" legend={ui.t("regadm.waitlist")} preselect="auto" options={(["auto", "offer"] as const).map((m) => ({ value: m, label: ui.t(`regadm.waitlist.${m}`) }))} />
        <TextField form={p.form} name="offerHours" label={ui.t("regadm.offerHours")} inputmode="numeric" width="short" />
        <div class="row">
          <TextField form={p.form} name="opensDate" type="date" label={ui.t("regadm.opens") + opt} width="short" />
          <TextField form={p.form} name="closesDate" type="date" label={ui.t("regadm.closes") + opt} width="short" />
          <TextField form={p.form} name="cancelUntilDate" type="date" label={ui.t("regadm.cancelUntil") + opt} width="short" />
        </div>
        <TextField form={p.form} name="maxPerOrganisation" label={ui.t("regadm.maxPerOrg") + opt} inputmode="numeric" width="short" />
        <TextField form={p.form} name="controller" label={ui.t("regadm.controller") + opt} hint={event.spaceName} maxlength={LIMITS.shortText} />
        <TextArea form={p.form} name="purpose" label={ui.t("regadm.purpose") + opt} hint={ui.t("reg.privacy.defaultPurpose")} maxlength={2000} rows={2} />
        <Select form={p.form} name="lawfulBasis" label={ui.t("regadm.basis")} options={lawfulBases.map((b) => ({ value: b, label: ui.t(`reg.basis.${b}`) }))} />
        <Submit>{ui.t("common.save")}</Submit>
      </form>

      <h2 class="ds-heading" data-size="md" id="questions">{ui.t("regadm.questions")}</h2>
      {p.questions.length > 0 && <p class="ds-paragraph"><a class="ds-link" href={`/arrangor/evenemang/${event.id}/anmalan/engelska`}>{ui.t("regadm.englishLink")}</a></p>}
      {p.questions.length === 0 ? <p class="ds-paragraph">{ui.t("common.none")}</p> : (
        <ul class="people-list">
          {p.questions.map((q, i) => {
            const label = questionLabel(q, ui.locale);
            return (
              // After a move, the page opens at the moved question with focus on it.
              <li id={`q-${q.id}`} tabindex={-1}>
                {`${label} (${ui.t(`regadm.kind.${q.kind}`)}${q.required ? `, ${ui.t("regadm.required").toLowerCase()}` : ""}${q.sensitive ? `, ${ui.t("regadm.sensitive").toLowerCase()}` : ""}) `}
                <a class="ds-link" href={`${base}/fragor/${q.id}`}>{ui.t("regadm.editNamed", { question: label })}</a>{" "}
                {i > 0 && <ActionForm ui={ui} action={`${base}/fragor/${q.id}/flytta-upp`} label={ui.t("regadm.moveUp", { question: label })} variant="tertiary" />}
                {i < p.questions.length - 1 && <ActionForm ui={ui} action={`${base}/fragor/${q.id}/flytta-ned`} label={ui.t("regadm.moveDown", { question: label })} variant="tertiary" />}
                <ActionForm ui={ui} action={`${base}/fragor/${q.id}/ta-bort`} label={`${ui.t("common.delete")} ${label}`} variant="tertiary" />
              </li>
            );
          })}
        </ul>
      )}
      <ErrorSummary ui={ui} form={p.questionForm} />
      <form method="post" action={`${base}/fragor`} class="stack" novalidate>
        <Csrf ui={ui} />
        <TextField form={p.questionForm} name="label" label={ui.t("regadm.questionLabel")} required maxlength={300} />
        <Select form={p.questionForm} name="kind" label={ui.t("regadm.questionKind")} options={questionKinds.map((k) => ({ value: k, label: ui.t(`regadm.kind.${k}`) }))} />
        <TextArea form={p.questionForm} name="options" label={ui.t("regadm.options") + opt} rows={3} maxlength={5000} />
        <Checkbox form={p.questionForm} name="required" label={ui.t("regadm.required")} />
        <Checkbox form={p.questionForm} name="sensitive" label={ui.t("regadm.sensitive")} />
        <Select form={p.questionForm} name="showIfQuestionId" label={ui.t("regadm.showIf") + opt} options={[{ value: "", label: "–" }, ...p.questions.map((q) => ({ value: q.id, label: questionLabel(q, ui.locale) }))]} />
        <TextField form={p.questionForm} name="showIfValue" label={ui.t("regadm.showIfValue") + opt} hint={ui.t("regadm.showIfValueHint")} maxlength={60} />
        <Submit variant="secondary">{ui.t("regadm.addQuestion")}</Submit>
      </form>

      <h2 class="ds-heading" data-size="md" id="invitations">{ui.t("regadm.invitations")}</h2>
      <p class="ds-paragraph">{ui.t("regadm.invited", { count: p.invitationCount })}</p>
      <ErrorSummary ui={ui} form={p.inviteForm} />
      <form method="post" action={`${base}/inbjudningar`} class="stack" novalidate>
        <Csrf ui={ui} />
        <TextArea form={p.inviteForm} name="invitees" label={ui.t("regadm.inviteList")} rows={5} maxlength={100_000} />
        <Submit variant="secondary">{ui.t("regadm.invite")}</Submit>
      </form>
    </Layout>
  );
}

export interface RegistrationsPageProps {
  ui: Ui;
  event: EventWithSpace;
  rows: RegistrationListItem[];
  /** When each row's person was first checked in (attendance), if they were. */
  checkedIn: Map<string, Date>;
  filter: Record<string, string>;
  /** Which page of how many matches (rows is that page). */
  page: { number: number; size: number; total: number };
  totals: Totals;
  catering: Catering;
  questions: QuestionForRules[];
  showSensitive: boolean;
  pools: Pool[];
  organisations: Organisation[];
  addForm: FormState;
  exportQuery: string;
}

export function RegistrationsPage(p: RegistrationsPageProps) {
  const { ui, event } = p;
  const base = `/arrangor/evenemang/${event.id}/anmalningar`;
  const counties = loadRegister().counties;
  const first = (p.page.number - 1) * p.page.size + 1;
  const pageHref = (n: number) => `${base}?${new URLSearchParams({ ...p.filter, sida: String(n) }).toString()}`;
  // Choices read well in a column (free text is in the export); health data only with the right to see it.
  const answerColumns = p.questions.filter((q) => (q.sensitive ? p.showSensitive : q.kind !== "short_text" && q.kind !== "long_text"));
  // A delegate answers the required questions on their own page; the organiser sees who has not yet.
  const requiredQuestions = p.questions.some((q) => q.required);
  const filterSelect = (name: string, label: string, options: { value: string; label: string }[]) => (
    <div class="ds-field">
      <label class="ds-label" for={`f-filter-${name}`}>{capitalise(label)}</label>
      <select class="ds-input" id={`f-filter-${name}`} name={name}>
        <option value="">{ui.t("regadm.all")}</option>
        {options.map((o) => <option value={o.value} selected={p.filter[name] === o.value}>{o.label}</option>)}
      </select>
    </div>
  );
  return (
    <Layout ui={ui} title={`${ui.t("regadm.nav")}: ${event.titleSv}`} hasErrors={hasErrors(p.addForm)} crumbs={crumbs(ui, event, ui.t("regadm.nav"))}>
      <h1 class="ds-heading" data-size="lg">{`${ui.t("regadm.nav")}: ${event.titleSv}`}</h1>
      <EventAdminNav ui={ui} event={event} current="registrations" />
      {p.pools.map((pool) => <p class="ds-paragraph">{`${ui.t(`reg.attendance.${pool.attendance}`)}: ${ui.t("regadm.places", { taken: pool.taken, capacity: pool.capacity })}`}</p>)}
      <form method="get" action={base} class="row" role="search">
        <div class="ds-field">
          <label class="ds-label" for="f-filter-q">{capitalise(ui.t("regadm.search"))}</label>
          <input class="ds-input" id="f-filter-q" name="q" type="search" value={p.filter.q ?? ""} maxlength={100} />
        </div>
        {filterSelect("status", ui.t("reg.status"), registrationStatuses.map((s) => ({ value: s, label: ui.t(`reg.status.${s}`) })))}
        {filterSelect("attendance", ui.t("reg.attendance"), (["onsite", "remote"] as const).map((a) => ({ value: a, label: ui.t(`reg.attendance.${a}`) })))}
        {filterSelect("organisationKind", ui.t("field.kind"), organisationKinds.map((k) => ({ value: k, label: ui.t(`kind.${k}`) })))}
        {filterSelect("region", ui.t("field.region"), counties.map((c) => ({ value: c.countyCode, label: c.regionName })))}
        <div class="ds-field">
          <label class="ds-label" for="f-filter-municipality">{ui.locale === "sv" ? "Kommunkod" : "Municipality code"}</label>
          <input class="ds-input field-short" id="f-filter-municipality" name="municipality" value={p.filter.municipality ?? ""} inputmode="numeric" maxlength={4} />
        </div>
        <button type="submit" class="ds-button" data-variant="secondary">{ui.t("regadm.filter")}</button>
      </form>
      <p class="ds-paragraph" role="status">
        {ui.t("regadm.count", { count: p.page.total })}
        {p.page.total > p.page.size ? ` ${ui.t("regadm.showing", { from: first, to: first + p.rows.length - 1 })}` : ""}
      </p>
      <p class="actions">
        <a class="ds-link" href={`${base}/export.csv${p.exportQuery}`}>{ui.t("regadm.exportCsv")}</a>
        <a class="ds-link" href={`${base}/export.xlsx${p.exportQuery}`}>{ui.t("regadm.exportXlsx")}</a>
      </p>
      <div class="table-scroll" role="region" aria-label={ui.t("regadm.list")} tabindex={0}>
        <table class="ds-table">
          <thead>
            <tr>
              <th scope="col">{capitalise(ui.t("field.name"))}</th>
              <th scope="col">{capitalise(ui.t("field.organisation"))}</th>
              <th scope="col">{capitalise(ui.t("reg.attendance"))}</th>
              <th scope="col">{capitalise(ui.t("reg.status"))}</th>
              {requiredQuestions && <th scope="col">{capitalise(ui.t("regadm.requiredAnswers"))}</th>}
              <th scope="col">{ui.locale === "sv" ? "Anmäld" : "Registered"}</th>
              <th scope="col">{ui.t("regadm.checkedIn")}</th>
              {answerColumns.map((q) => <th scope="col">{questionLabel(q, ui.locale)}</th>)}
              <th scope="col"><span class="visually-hidden">{ui.t("common.edit")}</span></th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => {
              const other = r.attendance === "onsite" ? "remote" : "onsite";
              const canMove = p.pools.some((x) => x.attendance === other && x.capacity > 0) && (r.status === "confirmed" || r.status === "waitlisted");
              const who = r.name ?? "–";
              return (
                <tr>
                  <td>{who}<br /><span class="meta">{r.email ?? ""}</span></td>
                  <td>{r.organisationName ?? ""}{r.municipalityCode ? ` (${r.municipalityCode})` : ""}</td>
                  <td>{ui.t(`reg.attendance.${r.attendance}`)}</td>
                  <td>{ui.t(`reg.status.${r.status}`)}{r.position !== null ? ` (${r.position})` : ""}</td>
                  {requiredQuestions && <td>{r.status === "cancelled" || r.status === "declined" ? "–" : missingRequired(p.questions, r).length > 0 ? ui.t("regadm.answersMissing") : ui.t("regadm.answersGiven")}</td>}
                  <td>{localStamp(r.createdAt)}</td>
                  <td>{p.checkedIn.has(r.id) ? localStamp(p.checkedIn.get(r.id)!) : ""}</td>
                  {answerColumns.map((q) => <td>{answerText(q, (q.sensitive ? r.sensitiveAnswers : r.answers)[q.id], ui.t, ui.locale)}</td>)}
                  <td class="row-actions">
                    {r.status === "pending_approval" && <ActionForm ui={ui} action={`${base}/${r.id}/godkann`} label={`${ui.t("regadm.approve")} ${who}`} variant="primary" />}
                    {r.status === "pending_approval" && <ActionForm ui={ui} action={`${base}/${r.id}/avsla`} label={`${ui.t("regadm.decline")} ${who}`} />}
                    {canMove && <ActionForm ui={ui} action={`${base}/${r.id}/flytta`} label={`${ui.t("regadm.move", { attendance: ui.t(`reg.attendance.${other}`).toLowerCase() })}: ${who}`} variant="tertiary" />}
                    {r.status !== "cancelled" && r.status !== "declined" && <a class="ds-button" data-variant="tertiary" data-color="danger" href={`${base}/${r.id}/avboka`}>{`${ui.t("regadm.cancel")} ${who}`}</a>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {p.page.total > p.page.size && (
        <nav aria-label={ui.t("regadm.pages")} class="actions">
          {p.page.number > 1 && <a class="ds-link" href={pageHref(p.page.number - 1)}>{ui.t("regadm.previousPage")}</a>}
          {first + p.rows.length - 1 < p.page.total && <a class="ds-link" href={pageHref(p.page.number + 1)}>{ui.t("regadm.nextPage")}</a>}
        </nav>
      )}

      <h2 class="ds-heading" data-size="md">{ui.t("regadm.addPerson")}</h2>
      <ErrorSummary ui={ui} form={p.addForm} />
      <form method="post" action={base} class="stack" novalidate>
        <Csrf ui={ui} />
        <TextField form={p.addForm} name="name" label={ui.t("field.name")} required maxlength={LIMITS.name} />
        <TextField form={p.addForm} name="email" type="email" label={ui.t("field.email")} required maxlength={LIMITS.email} />
        <OrganisationSelect ui={ui} form={p.addForm} organisations={p.organisations} />
        <Select form={p.addForm} name="attendance" label={ui.t("reg.attendance")} options={p.pools.filter((x) => x.capacity > 0).map((x) => ({ value: x.attendance, label: ui.t(`reg.attendance.${x.attendance}`) }))} />
        <Submit variant="secondary">{ui.t("regadm.addPerson")}</Submit>
      </form>

      <h2 class="ds-heading" data-size="md">{ui.t("regadm.totals")}</h2>
      <div class="row totals">
        <PlaceTable ui={ui} caption={ui.t("regadm.byRegion")} heading={capitalise(ui.t("field.region"))} rows={p.totals.byRegion} named={(x) => x.name} />
        <PlaceTable ui={ui} caption={ui.t("regadm.byMunicipality")} heading={ui.t("kind.municipality")} rows={p.totals.byMunicipality} named={(x) => `${x.name} (${x.code})`} />
        <TableScroll label={ui.t("regadm.timeline")}>
          <table class="ds-table">
            <caption>{ui.t("regadm.timeline")}</caption>
            <thead><tr><th scope="col">{capitalise(ui.t("regadm.day"))}</th><th scope="col">{capitalise(ui.t("regadm.thatDay"))}</th><th scope="col">{capitalise(ui.t("regadm.soFar"))}</th></tr></thead>
            <tbody>{p.totals.timeline.map((x) => <tr><td>{x.date}</td><td>{x.count}</td><td>{x.cumulative}</td></tr>)}</tbody>
          </table>
        </TableScroll>
      </div>
      {p.catering.length > 0 && (
        <section aria-labelledby="catering-heading">
          <h2 class="ds-heading" data-size="md" id="catering-heading">{ui.t("regadm.catering")}</h2>
          <p class="ds-paragraph">{ui.t("regadm.cateringLead")}</p>
          {p.catering.map((c) => (
            <TableScroll label={questionLabel(c.question, ui.locale)}>
              <table class="ds-table">
                <caption>{`${questionLabel(c.question, ui.locale)} (${ui.t("regadm.answeredBy", { count: c.answered })})`}</caption>
                <thead><tr><th scope="col">{capitalise(ui.t("regadm.answer"))}</th><th scope="col">{capitalise(ui.t("regadm.number"))}</th></tr></thead>
                <tbody>
                  {c.question.kind === "yes_no" ? (
                    <>
                      <tr><td>{ui.t("reg.yes")}</td><td>{c.yes}</td></tr>
                      <tr><td>{ui.t("reg.no")}</td><td>{c.no}</td></tr>
                    </>
                  ) : c.question.options.length > 0 ? (
                    c.options.map((o) => <tr><td>{pick(ui.locale, o.option.sv, o.option.en)}</td><td>{o.count}</td></tr>)
                  ) : c.texts.length > 0 ? (
                    c.texts.map((x) => <tr><td>{x.text}</td><td>{x.count}</td></tr>)
                  ) : (
                    <tr><td colspan={2}>{ui.t("common.none")}</td></tr>
                  )}
                </tbody>
              </table>
            </TableScroll>
          ))}
        </section>
      )}
    </Layout>
  );
}

/** Confirmed and not yet confirmed, per region or municipality. */
function PlaceTable({ ui, caption, heading, rows, named }: { ui: Ui; caption: string; heading: string; rows: PlaceCount[]; named: (x: PlaceCount) => string }) {
  return (
    <TableScroll label={caption}>
      <table class="ds-table">
        <caption>{caption}</caption>
        <thead><tr><th scope="col">{heading}</th><th scope="col">{capitalise(ui.t("regadm.confirmedCount"))}</th><th scope="col">{capitalise(ui.t("regadm.waitingCount"))}</th></tr></thead>
        <tbody>{rows.map((x) => <tr><td>{named(x)}</td><td>{x.confirmed}</td><td>{x.waiting}</td></tr>)}</tbody>
      </table>
    </TableScroll>
  );
}

/** Every English wording of the registration form on one page: each question and each of its options. */
export function EnglishWordingPage({ ui, event, questions, form }: { ui: Ui; event: EventWithSpace; questions: QuestionForRules[]; form: FormState }) {
  const base = `/arrangor/evenemang/${event.id}/anmalan`;
  const title = ui.t("regadm.englishTitle");
  return (
    <Layout ui={ui} title={`${title}: ${event.titleSv}`} hasErrors={hasErrors(form)} crumbs={[...crumbs(ui, event, ui.t("regadm.settings")).slice(0, -1), { href: base, label: ui.t("regadm.settings") }, { label: title }]}>
      <h1 class="ds-heading" data-size="lg">{`${title}: ${event.titleSv}`}</h1>
      <EventAdminNav ui={ui} event={event} current="settings" />
      <p class="ds-paragraph">{ui.t("regadm.englishLead")}</p>
      <ErrorSummary ui={ui} form={form} />
      <form method="post" action={`${base}/engelska`} class="stack" novalidate>
        <Csrf ui={ui} />
        {questions.map((q, i) => (
          <fieldset class="ds-fieldset">
            <legend class="ds-label">{`${i + 1}. ${q.labelSv}`}</legend>
            <TextField form={form} name={`labelEn.${q.id}`} label={ui.t("regadm.questionInEnglish")} maxlength={300} />
            {q.options.map((o) => (
              <TextField form={form} name={`optEn.${q.id}.${o.value}`} label={ui.t("regadm.optionInEnglish", { option: o.sv })} maxlength={200} />
            ))}
          </fieldset>
        ))}
        <Submit>{ui.t("common.save")}</Submit>
      </form>
      <p class="ds-paragraph"><a class="ds-link" href={`${base}#questions`}>{ui.t("common.back")}</a></p>
    </Layout>
  );
}

/** Asks before cancelling someone's registration, and says what becomes of the place. */
export function CancelRegistrationPage(p: { ui: Ui; event: EventWithSpace; registration: RegistrationRow; name: string; next: string | null; waitlistMode: "auto" | "offer"; offerHours: number }) {
  const { ui, event, registration: r, name } = p;
  const list = `/arrangor/evenemang/${event.id}/anmalningar`;
  const attendance = ui.t(`reg.attendance.${r.attendance}`).toLowerCase();
  const title = ui.t("regadm.cancelTitle", { name });
  const holds = r.status === "confirmed" || r.status === "offered";
  const place = !holds ? null : p.next === null ? ui.t("regadm.cancelFreesPlace") : p.waitlistMode === "offer" ? ui.t("regadm.cancelOffersNext", { next: p.next, hours: p.offerHours }) : ui.t("regadm.cancelGivesNext", { next: p.next });
  return (
    <Layout ui={ui} title={title} crumbs={[...crumbs(ui, event, ui.t("regadm.nav")).slice(0, -1), { href: list, label: ui.t("regadm.nav") }, { label: ui.t("regadm.cancel") }]}>
      <h1 class="ds-heading" data-size="lg">{title}</h1>
      <p class="ds-paragraph">{ui.t(`regadm.cancelNow.${r.status as "confirmed" | "offered" | "waitlisted" | "pending_approval"}`, { name, attendance })}</p>
      {place && <p class="ds-paragraph">{place}</p>}
      <p class="ds-paragraph">{ui.t("regadm.cancelMail", { name })}</p>
      <form method="post" action={`${list}/${r.id}/avboka`} class="actions">
        <Csrf ui={ui} />
        <button type="submit" class="ds-button" data-variant="primary" data-color="danger">{ui.t("regadm.cancelYes", { name })}</button>
        <a class="ds-link" href={list}>{ui.t("regadm.cancelNo")}</a>
      </form>
    </Layout>
  );
}

/** One question's wording, options, and whether it must be answered or is health data. */
export function QuestionEditPage({ ui, event, question, form }: { ui: Ui; event: EventWithSpace; question: QuestionForRules; form: FormState }) {
  const base = `/arrangor/evenemang/${event.id}/anmalan`;
  const opt = ` ${ui.t("common.optional")}`;
  const choice = question.kind === "single_choice" || question.kind === "multiple_choice";
  const title = ui.t("regadm.editQuestion");
  return (
    <Layout ui={ui} title={`${title}: ${question.labelSv}`} hasErrors={hasErrors(form)} crumbs={[...crumbs(ui, event, ui.t("regadm.settings")).slice(0, -1), { href: `${base}#questions`, label: ui.t("regadm.settings") }, { label: title }]}>
      <ErrorSummary ui={ui} form={form} />
      <h1 class="ds-heading" data-size="lg">{`${title}: ${question.labelSv}`}</h1>
      <form method="post" action={`${base}/fragor/${question.id}`} class="stack" novalidate>
        <Csrf ui={ui} />
        <TextField form={form} name="label" label={ui.t("regadm.questionLabel")} maxlength={300} />
        <TextField form={form} name="labelEn" label={ui.t("regadm.questionLabelEn") + opt} maxlength={300} />
        <p class="ds-paragraph">{ui.t("regadm.kindFixed", { kind: ui.t(`regadm.kind.${question.kind}`) })}</p>
        {choice && (
          <fieldset class="ds-fieldset" id="f-options">
            <legend class="ds-label">{capitalise(ui.t("regadm.options").split(",")[0]!)}</legend>
            {form.errors.options && <p class="ds-validation-message" data-color="danger">{form.errors.options}</p>}
            {question.options.map((o, i) => (
              <div class="row">
                <TextField form={form} name={`opt.${o.value}`} label={ui.t("regadm.optionN", { n: i + 1 })} maxlength={200} />
                <Checkbox form={form} name={`remove.${o.value}`} label={ui.t("regadm.removeOption", { n: i + 1 })} />
              </div>
            ))}
            <TextArea form={form} name="newOptions" label={ui.t("regadm.newOptions") + opt} rows={3} maxlength={5000} />
          </fieldset>
        )}
        <Checkbox form={form} name="required" label={ui.t("regadm.required")} />
        <Checkbox form={form} name="sensitive" label={`${ui.t("regadm.sensitive")}. ${ui.t("regadm.sensitiveMoves")}`} />
        <Submit>{ui.t("common.save")}</Submit>
      </form>
      <p class="ds-paragraph"><a class="ds-link" href={`${base}#questions`}>{ui.t("common.back")}</a></p>
    </Layout>
  );
}
