import { dateTimeRange, longDate, clock, inputTime, shiftStockholmDays } from "../../i18n/format.js";
import { pick, capitalise } from "../../i18n/messages.js";
import type { FormState, Ui } from "../../http/ui.js";
import { Checkbox, ChoiceGroup, Csrf, ErrorSummary, Submit, TextField, fieldId } from "../../http/views/forms.js";
import { Layout } from "../../http/views/layout.js";
import { raw } from "hono/html";
import { SeatChoices, seatOptions } from "../../sessions/views/seats.js";
import type { Choice, SeatedSession } from "../../sessions/service.js";
import type { VisibleLinks } from "../../remote/service.js";
import { LinkBlock } from "../../remote/views/remote.js";
import type { EventWithSpace } from "../../events/repository.js";
import { eventPath, eventTitle } from "../../events/present.js";
import type { Organisation } from "../../organisations/repository.js";
import type { Space } from "../../spaces/repository.js";
import { LIMITS } from "../../shared/fields.js";
import type { Attendance } from "../../db/schema.js";
import { questionLabel, type QuestionForRules } from "../questions.js";
import type { Pool, RegistrationRow, Settings } from "../repository.js";
import { TableScroll } from "../../http/views/table.js";
import { answerText } from "../reports.js";

/**
 * A last moment, as people say it: a deadline at midnight is the end of the day before
 * ("till och med 1 oktober 2027"), any other one has its time ("till 2 oktober 2027 kl. 12.00").
 */
export const untilText = (ui: Ui, d: Date) =>
  inputTime(d) === "00:00" ? ui.t("reg.until.day", { date: longDate(shiftStockholmDays(d, -1), ui.locale) }) : ui.t("reg.until.time", { date: longDate(d, ui.locale), time: clock(d, ui.locale) });

export const deadlineText = (ui: Ui, d: Date) => (ui.locale === "sv" ? `${longDate(d, "sv")} kl. ${clock(d, "sv")}` : `${longDate(d, "en")} ${clock(d, "en")}`);

export function PrivacyNotice({ ui, settings, space }: { ui: Ui; settings: Settings; space: Pick<Space, "name" | "retentionDays" | "retentionAction"> }) {
  return (
    <section class="privacy" aria-labelledby="privacy-heading">
      <h2 class="ds-heading" data-size="xs" id="privacy-heading">{ui.t("reg.privacy")}</h2>
      <dl class="facts">
        <dt>{ui.t("reg.privacy.controller")}</dt>
        <dd>{settings.controller ?? space.name}</dd>
        <dt>{ui.t("reg.privacy.purpose")}</dt>
        <dd>{settings.purpose ?? ui.t("reg.privacy.defaultPurpose")}</dd>
        <dt>{ui.t("reg.privacy.basis")}</dt>
        <dd>{ui.t(`reg.basis.${settings.lawfulBasis}`)}</dd>
        <dt>{ui.t("reg.privacy.retention")}</dt>
        <dd>{ui.t("reg.privacy.retentionText", { action: ui.t(space.retentionAction === "delete" ? "reg.privacy.delete" : "reg.privacy.anonymise"), days: space.retentionDays })}</dd>
      </dl>
    </section>
  );
}

function QuestionField({ ui, q, form }: { ui: Ui; q: QuestionForRules; form: FormState }) {
  const name = `q.${q.id}`;
  const label = `${questionLabel(q, ui.locale)}${q.required ? "" : ` ${ui.t("common.optional")}`}`;
  const error = form.errors[`answers.${q.id}`] ?? form.errors[name];
  const errorId = `${fieldId(name)}-error`;
  const hintId = `${fieldId(name)}-hint`;
  const described = [q.sensitive ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  const value = form.values[name] ?? "";
  const condition: Record<string, string> = q.showIfQuestionId ? { "data-show-if": `q.${q.showIfQuestionId}`, "data-show-value": q.showIfValue ?? "" } : {};
  const messages = (
    <>
      {q.sensitive && <p class="ds-paragraph field-hint" data-size="sm" id={hintId}>{ui.t("reg.sensitiveNote")}</p>}
      {error && <p class="ds-validation-message" data-color="danger" id={errorId}>{error}</p>}
    </>
  );
  if (q.kind === "short_text" || q.kind === "long_text") {
    return (
      <div class="ds-field" {...condition}>
        <label class="ds-label" for={fieldId(name)}>{label}</label>
        {messages}
        {q.kind === "short_text" ? (
          <input class="ds-input" id={fieldId(name)} name={name} value={value} maxlength={200} aria-invalid={error ? "true" : undefined} aria-describedby={described} />
        ) : (
          <textarea class="ds-input" id={fieldId(name)} name={name} rows={3} maxlength={2000} aria-invalid={error ? "true" : undefined} aria-describedby={described}>{value}</textarea>
        )}
      </div>
    );
  }
  const options = q.kind === "yes_no" ? [{ value: "yes", sv: ui.t("reg.yes"), en: ui.t("reg.yes") }, { value: "no", sv: ui.t("reg.no"), en: ui.t("reg.no") }] : q.options;
  return (
    <ChoiceGroup
      form={form}
      name={name}
      legend={label}
      type={q.kind === "multiple_choice" ? "checkbox" : "radio"}
      options={options.map((o) => ({ value: o.value, label: pick(ui.locale, o.sv, o.en) }))}
      {...(q.sensitive ? { hint: ui.t("reg.sensitiveNote") } : {})}
      attrs={condition}
    />
  );
}

export function OrganisationSelect({ ui, form, organisations }: { ui: Ui; form: FormState; organisations: Organisation[] }) {
  const current = form.values.organisationId ?? "";
  const groups = [
    { label: ui.locale === "sv" ? "Kommuner" : "Municipalities", items: organisations.filter((o) => o.kind === "municipality") },
    { label: ui.locale === "sv" ? "Regioner" : "Regions", items: organisations.filter((o) => o.kind === "region") },
    { label: ui.locale === "sv" ? "Övriga" : "Others", items: organisations.filter((o) => o.kind !== "municipality" && o.kind !== "region") },
  ];
  const error = form.errors.organisationId;
  const id = fieldId("organisationId", form);
  return (
    <div class="ds-field">
      <label class="ds-label" for={id}>{ui.t("reg.organisation")}</label>
      <p class="ds-paragraph field-hint" data-size="sm" id={`${id}-hint`}>{ui.t("reg.organisationHint")}</p>
      {error && <p class="ds-validation-message" data-color="danger" id={`${id}-error`}>{error}</p>}
      <select class="ds-input" id={id} name="organisationId" aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`} aria-invalid={error ? "true" : undefined}>
        <option value="">–</option>
        {groups.map((g) => (
          <optgroup label={g.label}>
            {g.items.map((o) => (
              <option value={o.id} selected={o.id === current}>{`${o.name}${o.municipalityCode ? ` (${o.municipalityCode})` : o.kind === "region" ? ` (${o.countyCode})` : ""}`}</option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

export interface RegistrationFormProps {
  ui: Ui;
  event: EventWithSpace;
  space: Space;
  settings: Settings;
  pools: Pool[];
  questions: QuestionForRules[];
  organisations: Organisation[];
  form: FormState;
  blocker: string | null;
  invitationToken: string | null;
  /** Sessions with seats, to choose at once (seated if the place at the event is confirmed). */
  seatSessions: SeatedSession[];
}

export function RegistrationFormPage(p: RegistrationFormProps) {
  const { ui, event, form } = p;
  const title = eventTitle(event, ui.locale);
  const pools = p.pools.filter((x) => x.capacity > 0);
  const heading = ui.t("reg.formTitle", { event: title });
  return (
    <Layout ui={ui} title={heading} hasErrors={Object.keys(form.errors).length > 0} crumbs={[{ href: "/evenemang", label: ui.t("events.title") }, { href: eventPath(event), label: title }, { label: ui.t("reg.title") }]}>
      <h1 class="ds-heading" data-size="lg">{heading}</h1>
      <p class="ds-paragraph">{dateTimeRange(event.startsAt, event.endsAt, ui.locale)}</p>
      {p.blocker ? (
        <div class="ds-alert" data-color="info"><p class="ds-paragraph">{p.blocker}</p></div>
      ) : (
        <>
          <ErrorSummary ui={ui} form={form} />
          <form method="post" action={`${eventPath(event)}/anmalan`} class="stack" novalidate>
            <Csrf ui={ui} />
            {p.invitationToken && <input type="hidden" name="invitationToken" value={p.invitationToken} />}
            {ui.actor ? (
              <p class="ds-paragraph">{ui.t("reg.you", { name: ui.actor.name, email: ui.actor.email ?? "" })} <a class="ds-link" href="/profil">{ui.t("reg.profileHint")}</a></p>
            ) : (
              <>
                <p class="ds-paragraph"><a class="ds-link" href={`/logga-in?tillbaka=${encodeURIComponent(`${eventPath(event)}/anmalan`)}`}>{ui.t("reg.loginHint")}</a></p>
                <TextField form={form} name="name" label={ui.t("field.name")} required autocomplete="name" maxlength={LIMITS.name} />
                <TextField form={form} name="email" type="email" label={ui.t("field.email")} required autocomplete="email" maxlength={LIMITS.email} />
              </>
            )}
            <OrganisationSelect ui={ui} form={form} organisations={p.organisations} />
            <TextField form={form} name="organisationName" label={`${ui.t("reg.organisationOther")} ${ui.t("common.optional")}`} autocomplete="organization" maxlength={LIMITS.name} />
            {pools.length > 1 ? (
              <ChoiceGroup
                form={form}
                name="attendance"
                legend={ui.t("reg.attendance")}
                preselect={(pools.find((pool) => pool.taken < pool.capacity) ?? pools[0]!).attendance}
                options={pools.map((pool) => ({
                  value: pool.attendance,
                  label: `${ui.t(`reg.attendance.${pool.attendance}`)} (${pool.taken < pool.capacity ? ui.t("reg.placesLeft", { count: pool.capacity - pool.taken }) : ui.t("reg.full")})`,
                }))}
              />
            ) : (
              pools[0] && <input type="hidden" name="attendance" value={pools[0].attendance} />
            )}
            {p.questions.map((q) => <QuestionField ui={ui} q={q} form={form} />)}
            {p.seatSessions.length > 0 && <ChoiceGroup form={form} name="sessions" type="checkbox" legend={ui.t("seats.title")} hint={ui.t("seats.atRegistration")} options={seatOptions(ui, p.seatSessions, [])} />}
            <PrivacyNotice ui={ui} settings={p.settings} space={p.space} />
            <Submit>{ui.t("reg.submit")}</Submit>
          </form>
        </>
      )}
    </Layout>
  );
}

/** What a registration holds, as its owner sees it: when, how, and each answer given. */
function RegistrationFacts({ ui, event, registration: r, questions }: { ui: Ui; event: EventWithSpace; registration: RegistrationRow; questions: QuestionForRules[] }) {
  const given = { ...r.answers, ...r.sensitiveAnswers } as Record<string, string | string[]>;
  return (
    <dl class="facts">
      <dt>{ui.t("reg.when")}</dt>
      <dd>{dateTimeRange(event.startsAt, event.endsAt, ui.locale)}</dd>
      <dt>{ui.t("reg.attendanceChosen")}</dt>
      <dd>{ui.t(`reg.attendance.${r.attendance}`)}</dd>
      {questions.filter((q) => given[q.id] !== undefined && given[q.id] !== "").map((q) => (
        <>
          <dt>{questionLabel(q, ui.locale)}</dt>
          <dd>{answerText(q, given[q.id], ui.t, ui.locale)}</dd>
        </>
      ))}
    </dl>
  );
}

export function RegistrationResultPage(p: { ui: Ui; event: EventWithSpace; registration: RegistrationRow; position: number | null; manageUrl: string | null; created: boolean; email: string | null; questions: QuestionForRules[]; pools: Pool[] }) {
  const { ui, event, registration, position, manageUrl, created, email } = p;
  const title = eventTitle(event, ui.locale);
  const attendance = ui.t(`reg.attendance.${registration.attendance}`).toLowerCase();
  // Waiting for one kind of place while the other has room: say so, and that it can be switched.
  const other = p.pools.find((x) => x.attendance !== registration.attendance && x.capacity > 0 && x.taken < x.capacity);
  const message = !created
    ? ui.t("reg.result.existing", { event: title })
    : registration.status === "waitlisted"
      ? ui.t("reg.result.waitlisted", { attendance, position: position ?? "?" })
      : registration.status === "pending_approval"
        ? ui.t("reg.result.pending_approval")
        : ui.t("reg.result.confirmed", { event: title });
  const managePath = manageUrl ? new URL(manageUrl).pathname : null;
  return (
    <Layout ui={ui} title={ui.t("reg.title")}>
      <h1 class="ds-heading" data-size="lg">{ui.t(`reg.status.${registration.status}`)}</h1>
      <div class="ds-alert" data-color={registration.status === "confirmed" ? "success" : "info"} role="status" tabindex={-1} data-autofocus>
        <p class="ds-paragraph">{message}</p>
        {created && registration.status === "waitlisted" && other && <p class="ds-paragraph">{ui.t("reg.result.otherFree", { attendance: ui.t(`reg.attendance.${other.attendance}`).toLowerCase(), count: other.capacity - other.taken })}</p>}
        {created && email && <p class="ds-paragraph">{ui.t("reg.result.mail", { email })}</p>}
      </div>
      {created && (
        <section aria-labelledby="registered-heading">
          <h2 class="ds-heading" data-size="sm" id="registered-heading">{ui.t("reg.result.what", { event: title })}</h2>
          <RegistrationFacts ui={ui} event={event} registration={registration} questions={p.questions} />
        </section>
      )}
      {managePath && <p class="ds-paragraph"><a class="ds-link" href={managePath}>{ui.t("reg.result.manage")}</a></p>}
      {managePath && registration.status === "confirmed" && <p class="ds-paragraph"><a class="ds-link" href={`${managePath}/kalender.ics`} download>{ui.t("reg.result.calendar")}</a></p>}
      <p class="ds-paragraph"><a class="ds-link" href={eventPath(event)}>{title}</a></p>
    </Layout>
  );
}

export interface ManagePageProps {
  questions: QuestionForRules[];
  answersForm: FormState;
  ui: Ui;
  token: string;
  event: EventWithSpace;
  registration: RegistrationRow;
  position: number | null;
  pools: Pool[];
  canCancel: boolean;
  cancelDeadline: Date;
  /** A confirmed registration's ticket: its signed code and that code as an SVG QR code. */
  ticket: { code: string; svg: string } | null;
  /** The event's sessions with seats and this registration's choices (none: no section). */
  seats: { sessions: SeatedSession[]; choices: Choice[]; form: FormState };
  /** The remote links this registration may see (published, confirmed, remote or shown to all). */
  remote: VisibleLinks | null;
}

export function ManagePage(p: ManagePageProps) {
  const { ui, event, registration: r } = p;
  const base = `/anmalan/${p.token}`;
  const title = eventTitle(event, ui.locale);
  const active = r.status !== "cancelled" && r.status !== "declined";
  const otherPools = p.pools.filter((x) => x.capacity > 0 && x.attendance !== r.attendance);
  return (
    <Layout ui={ui} title={ui.t("reg.manage.title", { event: title })}>
      <h1 class="ds-heading" data-size="lg">{ui.t("reg.manage.title", { event: title })}</h1>
      <dl class="facts">
        <dt>{ui.t("reg.status")}</dt>
        <dd><strong>{ui.t(`reg.status.${r.status}`)}</strong>{` (${ui.t(`reg.attendance.${r.attendance}`)})`}</dd>
        <dt>{ui.t("reg.when")}</dt>
        <dd>{dateTimeRange(event.startsAt, event.endsAt, ui.locale)}</dd>
      </dl>
      {p.position !== null && <p class="ds-paragraph">{ui.t("reg.manage.position", { position: p.position })}</p>}
      {r.status === "confirmed" && <p class="ds-paragraph"><a class="ds-link" href={`${base}/kalender.ics`} download>{ui.t("reg.result.calendar")}</a></p>}
      {p.ticket && (
        <section aria-labelledby="ticket-heading">
          <h2 class="ds-heading" data-size="sm" id="ticket-heading">{ui.t("checkin.ticket")}</h2>
          <p class="ds-paragraph">{ui.t("checkin.ticketLead")}</p>
          {/* The SVG is made by the QR library from the signed code alone: no text of anyone's in it. */}
          <div class="ticket-qr" role="img" aria-label={ui.t("checkin.qrAlt", { event: title })}>{raw(p.ticket.svg)}</div>
          <p class="ds-paragraph">{ui.t("checkin.ticketCode")}</p>
          <p class="ticket-code">{p.ticket.code}</p>
          <p class="ds-paragraph"><a class="ds-link" href={`${base}/biljett.pdf`} download>{ui.t("checkin.ticketPdf")}</a></p>
        </section>
      )}
      {p.remote && (
        <section aria-labelledby="remote-heading">
          <h2 class="ds-heading" data-size="sm" id="remote-heading">{ui.t("remote.title")}</h2>
          {p.remote.event && <LinkBlock ui={ui} link={p.remote.event} />}
          <p class="ds-paragraph"><a class="ds-link" href={`${base}/distans`}>{ui.t("remote.pageLink")}</a></p>
        </section>
      )}
      {active && <SeatChoices ui={ui} action={`${base}/pass`} sessions={p.seats.sessions} choices={p.seats.choices} confirmed={r.status === "confirmed"} form={p.seats.form} />}
      {r.status === "offered" && r.offerExpiresAt && (
        <div class="ds-alert" data-color="info">
          <p class="ds-paragraph">{ui.t("reg.manage.offer", { deadline: deadlineText(ui, r.offerExpiresAt) })}</p>
          <div class="actions">
            <form method="post" action={`${base}/acceptera`} class="inline-form"><Csrf ui={ui} /><button type="submit" class="ds-button" data-variant="primary">{ui.t("reg.manage.accept")}</button></form>
            <form method="post" action={`${base}/avsta`} class="inline-form"><Csrf ui={ui} /><button type="submit" class="ds-button" data-variant="secondary">{ui.t("reg.manage.decline")}</button></form>
          </div>
        </div>
      )}
      {active && otherPools.length > 0 && (r.status === "confirmed" || r.status === "waitlisted" || r.status === "pending_approval") && (
        <section>
          <h2 class="ds-heading" data-size="sm">{ui.t("reg.manage.change")}</h2>
          <form method="post" action={`${base}/andra`} class="stack">
            <Csrf ui={ui} />
            {otherPools.map((pool) => (
              <input type="hidden" name="attendance" value={pool.attendance} />
            ))}
            <Submit variant="secondary">{ui.t(`reg.manage.switch.${otherPools[0]!.attendance as Attendance}`)}</Submit>
          </form>
        </section>
      )}
      {active && p.questions.length > 0 && (
        <section>
          <h2 class="ds-heading" data-size="sm">{ui.t("reg.manage.answers")}</h2>
          <ErrorSummary ui={ui} form={p.answersForm} />
          <form method="post" action={`${base}/svar`} class="stack" novalidate>
            <Csrf ui={ui} />
            {p.questions.map((q) => <QuestionField ui={ui} q={q} form={p.answersForm} />)}
            <Submit variant="secondary">{ui.t("common.save")}</Submit>
          </form>
        </section>
      )}
      {active && (
        <section>
          {p.canCancel ? (
            <>
              <p class="ds-paragraph">{ui.t("reg.manage.cancelUntil", { deadline: untilText(ui, p.cancelDeadline) })}</p>
              <form method="post" action={`${base}/avboka`} data-confirm={ui.t("reg.manage.cancelConfirm")}>
                <Csrf ui={ui} />
                <button type="submit" class="ds-button" data-variant="secondary" data-color="danger">{ui.t(r.status === "waitlisted" ? "reg.manage.leaveQueue" : "reg.manage.cancel")}</button>
              </form>
            </>
          ) : (
            <p class="ds-paragraph">{ui.t("reg.error.cancel_deadline")}</p>
          )}
        </section>
      )}
      <p class="ds-paragraph"><a class="ds-link" href={eventPath(event)}>{title}</a></p>
    </Layout>
  );
}

/** A part the person has in an event: a session's role (with their own link when they join remotely) or an exhibitor's booth. */
export interface ProgramPart {
  text: string;
  link: { speakerUrl: string | null; speakerNote: string | null } | null;
}

export function MyRegistrationsPage({ ui, items, delegations, tasks, program }: { ui: Ui; items: { event: EventWithSpace; registration: RegistrationRow; managePath: string; position: number | null; remote: boolean; ticketSvg: string | null }[]; delegations: { id: string; event: EventWithSpace }[]; tasks: { eventId: string; title: string }[]; program: ProgramPart[] }) {
  return (
    <Layout ui={ui} title={ui.t("reg.mine.title")}>
      <h1 class="ds-heading" data-size="lg">{ui.t("reg.mine.title")}</h1>
      {items.length === 0 ? <p class="ds-paragraph">{ui.t("reg.mine.none")}</p> : (
        <TableScroll label={ui.t("reg.mine.title")}>
          <table class="ds-table">
            <thead><tr><th scope="col">{capitalise(ui.t("field.eventTitle"))}</th><th scope="col">{capitalise(ui.t("reg.when"))}</th><th scope="col">{capitalise(ui.t("reg.status"))}</th></tr></thead>
            <tbody>
              {items.map((i) => (
                <tr>
                  <td><a class="ds-link" href={i.managePath}>{eventTitle(i.event, ui.locale)}</a></td>
                  <td>{dateTimeRange(i.event.startsAt, i.event.endsAt, ui.locale)}</td>
                  <td>
                    {ui.t(`reg.status.${i.registration.status}`)}
                    {i.position !== null ? ` (${i.position})` : ""}
                    {i.registration.status === "confirmed" && <>{" · "}<a class="ds-link" href={`${i.managePath}#ticket-heading`}>{ui.t("checkin.showTicket", { event: eventTitle(i.event, ui.locale) })}</a></>}
                    {i.remote && <>{" · "}<a class="ds-link" href={`${i.managePath}/distans`}>{ui.t("remote.mine", { event: eventTitle(i.event, ui.locale) })}</a></>}
                    {i.ticketSvg && (
                      // The QR code at hand at the entrance, folded away until asked for (made from the signed code alone).
                      <details class="ticket-details">
                        <summary>{ui.t("checkin.qrFor", { event: eventTitle(i.event, ui.locale) })}</summary>
                        <div class="ticket-qr" role="img" aria-label={ui.t("checkin.qrAlt", { event: eventTitle(i.event, ui.locale) })}>{raw(i.ticketSvg)}</div>
                      </details>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {delegations.length > 0 && (
        <section>
          <h2 class="ds-heading" data-size="md">{ui.t("deleg.mine")}</h2>
          <ul>{delegations.map((d) => <li><a class="ds-link" href={`/delegation/${d.id}`}>{eventTitle(d.event, ui.locale)}</a></li>)}</ul>
        </section>
      )}
      {program.length > 0 && (
        <section aria-labelledby="program-parts">
          <h2 class="ds-heading" data-size="md" id="program-parts">{ui.t("remote.speakerTitle")}</h2>
          <ul class="event-list">
            {program.map((x) => (
              <li class="event-card">
                <p class="ds-paragraph">{x.text}</p>
                {x.link?.speakerUrl && <p class="ds-paragraph">{ui.t("remote.speakerOwnLink")}<a class="ds-link" href={x.link.speakerUrl} rel="noopener noreferrer">{x.link.speakerUrl}</a></p>}
                {x.link?.speakerNote && <p class="ds-paragraph">{x.link.speakerNote}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {tasks.length > 0 && (
        <section>
          <h2 class="ds-heading" data-size="md">{ui.t("roles.mine")}</h2>
          <ul>{tasks.map((x) => <li><a class="ds-link" href={`/arrangor/evenemang/${x.eventId}/incheckning`}>{ui.t("roles.openCheckin", { event: x.title })}</a></li>)}</ul>
        </section>
      )}
      <p class="ds-paragraph"><a class="ds-link" href="/mina-anmalningar/mina-uppgifter.json" download>{ui.t("reg.mine.download")}</a></p>
      <p class="ds-paragraph"><a class="ds-link" href="/mina-anmalningar/radera">{ui.t("reg.mine.erase")}</a></p>
    </Layout>
  );
}

/** What erasing does, and the form that does it (or why it cannot be done yet). */
export function ErasePage({ ui, form, blocker }: { ui: Ui; form: FormState; blocker: string | null }) {
  const download = <a class="ds-link" href="/mina-anmalningar/mina-uppgifter.json" download>{ui.t("reg.mine.download")}</a>;
  return (
    <Layout ui={ui} title={ui.t("erase.title")} hasErrors={Object.keys(form.errors).length > 0}>
      <ErrorSummary ui={ui} form={form} />
      <h1 class="ds-heading" data-size="lg">{ui.t("erase.title")}</h1>
      <p class="ds-paragraph">{ui.t("erase.intro")}</p>
      <h2 class="ds-heading" data-size="sm">{ui.t("erase.effects")}</h2>
      <ul class="ds-list">
        <li>{ui.t("erase.effect.upcoming")}</li>
        <li>{ui.t("erase.effect.past")}</li>
        <li>{ui.t("erase.effect.program")}</li>
        <li>{ui.t("erase.effect.account")}</li>
      </ul>
      <p class="ds-paragraph">{ui.t("erase.keep")} {download}</p>
      {blocker ? (
        <div class="ds-alert" data-color="warning" role="status">
          <p class="ds-paragraph">{blocker}</p>
        </div>
      ) : (
        <form method="post" action="/mina-anmalningar/radera" novalidate>
          <Csrf ui={ui} />
          <Checkbox form={form} name="confirm" label={ui.t("erase.confirm")} />
          <button type="submit" class="ds-button" data-variant="primary" data-color="danger">{ui.t("erase.submit")}</button>
        </form>
      )}
    </Layout>
  );
}
