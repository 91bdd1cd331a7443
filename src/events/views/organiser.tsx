import { dateTimeRange, timeRange, longDate, weekday } from "../../i18n/format.js";
import { capitalise, pick } from "../../i18n/messages.js";
import type { FormState, Ui } from "../../http/ui.js";
import { ActionForm, Checkbox, Csrf, ErrorSummary, FileField, Select, Submit, TextArea, TextField, scoped } from "../../http/views/forms.js";
import { MAX_IMAGE_BYTES, filePath } from "../../files/repository.js";
import { Layout } from "../../http/views/layout.js";
import { sessionRoles, sessionTypes } from "../../db/schema.js";
import { LIMITS } from "../../shared/fields.js";
import type { Space } from "../../spaces/repository.js";
import type { PersonWithOrganisation } from "../../people/repository.js";
import type { ExhibitorRow, SessionWithPeople } from "../program-repository.js";
import type { ProgramWarning } from "../program-rules.js";
import type { EventWithSpace, Series } from "../repository.js";
import { eventTitle } from "../present.js";
import { StatusTag } from "./public.js";
import { EventFields } from "./event-form.js";
import { TableScroll } from "../../http/views/table.js";
import { EventAdminNav } from "./event-nav.js";
import type { EventFigures, ToDo } from "../../registration/event-figures.js";

const hasErrors = (...forms: FormState[]) => forms.some((f) => Object.keys(f.errors).length > 0 || !!f.message);

export function DashboardPage({ ui, spaces, form }: { ui: Ui; spaces: Space[]; form: FormState }) {
  return (
    <Layout ui={ui} title={ui.t("org.dashboard")} hasErrors={hasErrors(form)}>
      <h1 class="ds-heading" data-size="lg">{ui.t("org.dashboard")}</h1>
      {spaces.length === 0 ? (
        <p class="ds-paragraph">{ui.t("org.noSpaces")}</p>
      ) : (
        <ul class="event-list">
          {spaces.map((s) => (
            <li class="event-card">
              <h2 class="ds-heading" data-size="sm"><a class="ds-link" href={`/arrangor/${s.slug}`}>{s.name}</a></h2>
              {s.description && <p class="meta">{s.description}</p>}
            </li>
          ))}
        </ul>
      )}
      {ui.actor?.isPlatformAdmin && (
        <section>
          <h2 class="ds-heading" data-size="md">{ui.t("org.newSpace")}</h2>
          <ErrorSummary ui={ui} form={form} />
          <form method="post" action="/arrangor/ny" class="stack" novalidate>
            <Csrf ui={ui} />
            <TextField form={form} name="name" label={ui.t("field.spaceName")} required maxlength={LIMITS.name} />
            <TextField form={form} name="slug" label={`${ui.t("field.slug")} ${ui.t("common.optional")}`} hint={ui.t("org.slugHint")} maxlength={LIMITS.slug} />
            <TextArea form={form} name="description" label={`${ui.t("field.description")} ${ui.t("common.optional")}`} maxlength={2000} rows={3} />
            <TextField form={form} name="regionCode" label={`${ui.t("field.countyCode")} ${ui.t("common.optional")}`} hint="24" width="short" inputmode="numeric" />
            <Submit>{ui.t("common.create")}</Submit>
          </form>
        </section>
      )}
    </Layout>
  );
}

const todoPath: Record<ToDo, string> = { publish: "", open_registration: "/anmalan", registration_not_open_yet: "/anmalan", add_program: "/program", sessions_without_people: "/program" };

/** One event on the space's page: when, places taken and waiting, and what is left to do, each linked to where it is done. */
function EventOverview({ ui, event: e, figures: f }: { ui: Ui; event: EventWithSpace; figures: EventFigures | undefined }) {
  const base = `/arrangor/evenemang/${e.id}`;
  const when = !f ? "" : f.phase === "over" ? ui.t("org.over") : f.phase === "ongoing" ? ui.t("org.ongoing") : f.daysToGo === 0 ? ui.t("org.today") : ui.t("org.daysToGo", { days: f.daysToGo });
  const pool = (label: string, x: EventFigures["onsite"]) =>
    x && (
      <>
        <dt>{label}</dt>
        <dd>{ui.t("org.placesTaken", { taken: x.taken, capacity: x.capacity })}{x.waiting > 0 ? `, ${ui.t("org.waitingCount", { count: x.waiting })}` : ""}</dd>
      </>
    );
  return (
    <li class="event-card">
      <h3 class="ds-heading" data-size="sm"><a class="ds-link" href={base}>{e.titleSv}</a></h3>
      <p class="meta">{`${dateTimeRange(e.startsAt, e.endsAt, ui.locale)}${when ? ` · ${when}` : ""}`} <StatusTag ui={ui} status={e.status} /></p>
      {f && (
        <dl class="facts">
          {pool(ui.t("reg.attendance.onsite"), f.onsite)}
          {pool(ui.t("reg.attendance.remote"), f.remote)}
          <dt>{ui.t("org.program")}</dt>
          <dd>{ui.t("org.sessionCount", { count: f.sessions })}</dd>
          <dt>{ui.t("org.toDo")}</dt>
          <dd>
            {f.toDo.length === 0 ? ui.t("org.nothingToDo") : (
              <ul class="todo-list">
                {f.toDo.map((x) => <li><a class="ds-link" href={`${base}${todoPath[x.kind]}`}>{ui.t(`org.todo.${x.kind}`, { count: x.count ?? 0 })}</a></li>)}
              </ul>
            )}
          </dd>
        </dl>
      )}
    </li>
  );
}

export function SpacePage(p: { ui: Ui; space: Space; events: EventWithSpace[]; figures: Map<string, EventFigures>; members: { personId: string; name: string; email: string | null; sensitiveAccess: boolean }[]; form: FormState; retentionForm: FormState; canGrant: boolean }) {
  const { ui, space } = p;
  return (
    <Layout ui={ui} title={space.name} hasErrors={hasErrors(p.form)} crumbs={[{ href: "/arrangor", label: ui.t("org.title") }, { label: space.name }]}>
      <h1 class="ds-heading" data-size="lg">{space.name}</h1>
      <p class="actions"><a class="ds-button" data-variant="primary" href={`/arrangor/${space.slug}/nytt-evenemang`}>{ui.t("org.newEvent")}</a></p>
      <h2 class="ds-heading" data-size="md">{ui.t("org.events")}</h2>
      {p.events.length === 0 ? (
        <p class="ds-paragraph">{ui.t("common.none")}</p>
      ) : (
        <ul class="event-list">
          {p.events.map((e) => <EventOverview ui={ui} event={e} figures={p.figures.get(e.id)} />)}
        </ul>
      )}
      <h2 class="ds-heading" data-size="md">{ui.t("org.members")}</h2>
      <ul class="people-list">
        {p.members.map((m) => (
          <li>
            {m.name}{m.email ? ` (${m.email})` : ""}{m.sensitiveAccess ? ` – ${ui.t("regadm.sensitiveAccess").toLowerCase()}` : ""}{" "}
            {p.canGrant && (
              <ActionForm ui={ui} action={`/arrangor/${space.slug}/medlemmar/${m.personId}/kansliga`} label={`${ui.t(m.sensitiveAccess ? "regadm.revokeSensitive" : "regadm.grantSensitive")}: ${m.name}`} variant="tertiary" />
            )}
          </li>
        ))}
      </ul>
      <ErrorSummary ui={ui} form={p.form} />
      <form method="post" action={`/arrangor/${space.slug}/medlemmar`} class="stack" novalidate>
        <Csrf ui={ui} />
        <TextField form={p.form} name="email" type="email" label={ui.t("org.memberEmail")} required maxlength={LIMITS.email} />
        <Submit variant="secondary">{ui.t("org.addMember")}</Submit>
      </form>
      <h2 class="ds-heading" data-size="md" id="retention">{ui.t("regadm.retention")}</h2>
      <ErrorSummary ui={ui} form={p.retentionForm} />
      <form method="post" action={`/arrangor/${space.slug}/gallring`} class="stack" novalidate>
        <Csrf ui={ui} />
        <TextField form={p.retentionForm} name="retentionDays" label={ui.t("regadm.retentionDays")} inputmode="numeric" width="short" />
        <Select form={p.retentionForm} name="retentionAction" label={ui.t("regadm.retentionAction")} options={[{ value: "anonymise", label: capitalise(ui.t("reg.privacy.anonymise")) }, { value: "delete", label: capitalise(ui.t("reg.privacy.delete")) }]} />
        <Submit variant="secondary">{ui.t("common.save")}</Submit>
      </form>
    </Layout>
  );
}

export function NewEventPage({ ui, space, form, series }: { ui: Ui; space: Space; form: FormState; series: Series[] }) {
  return (
    <Layout ui={ui} title={ui.t("org.newEvent")} hasErrors={hasErrors(form)} crumbs={[{ href: "/arrangor", label: ui.t("org.title") }, { href: `/arrangor/${space.slug}`, label: space.name }, { label: ui.t("org.newEvent") }]}>
      <h1 class="ds-heading" data-size="lg">{ui.t("org.newEvent")}</h1>
      <ErrorSummary ui={ui} form={form} />
      <form method="post" action={`/arrangor/${space.slug}/nytt-evenemang`} class="stack" novalidate>
        <Csrf ui={ui} />
        <EventFields ui={ui} form={form} series={series} />
        <Submit>{ui.t("common.create")}</Submit>
      </form>
    </Layout>
  );
}

const eventCrumbs = (ui: Ui, event: EventWithSpace, last?: string) => [
  { href: "/arrangor", label: ui.t("org.title") },
  { href: `/arrangor/${event.spaceSlug}`, label: event.spaceName },
  ...(last ? [{ href: `/arrangor/evenemang/${event.id}`, label: event.titleSv }, { label: last }] : [{ label: event.titleSv }]),
];

export function EditEventPage(p: { ui: Ui; event: EventWithSpace; form: FormState; series: Series[]; copyForm: FormState }) {
  const copyForm = scoped(p.copyForm, "copy");
  const { ui, event } = p;
  const base = `/arrangor/evenemang/${event.id}`;
  const cancelled = event.status === "cancelled";
  return (
    <Layout ui={ui} title={`${ui.t("org.editEvent")}: ${event.titleSv}`} hasErrors={hasErrors(p.form, p.copyForm)} crumbs={eventCrumbs(ui, event)}>
      <h1 class="ds-heading" data-size="lg">{event.titleSv}</h1>
      <p class="ds-paragraph"><StatusTag ui={ui} status={event.status} /> {dateTimeRange(event.startsAt, event.endsAt, ui.locale)}</p>
      <EventAdminNav ui={ui} event={event} current="event" />
      {!cancelled && (
        <div class="actions">
          {event.status === "draft" && <ActionForm ui={ui} action={`${base}/publicera`} label={ui.t("org.publish")} variant="primary" />}
          {event.status === "published" && <ActionForm ui={ui} action={`${base}/avpublicera`} label={ui.t("org.unpublish")} />}
          <ActionForm ui={ui} action={`${base}/stall-in`} label={ui.t("org.cancelEvent")} color="danger" confirm={ui.t("org.cancelConfirm", { event: event.titleSv })} />
        </div>
      )}
      {!cancelled && (
        <section>
          <h2 class="ds-heading" data-size="md">{ui.t("org.editEvent")}</h2>
          <ErrorSummary ui={ui} form={p.form} />
          <form method="post" action={base} class="stack" novalidate>
            <Csrf ui={ui} />
            <EventFields ui={ui} form={p.form} series={p.series} />
            <Submit>{ui.t("common.save")}</Submit>
          </form>
        </section>
      )}
      <section>
        <h2 class="ds-heading" data-size="md">{ui.t("org.copy")}</h2>
        <p class="ds-paragraph">{ui.t("org.copyLead")}</p>
        <ErrorSummary ui={ui} form={copyForm} />
        <form method="post" action={`${base}/kopiera`} class="stack" novalidate>
          <Csrf ui={ui} />
          <TextField form={copyForm} name="startDate" type="date" label={ui.t("org.copyStart")} required width="short" />
          <Submit variant="secondary">{ui.t("org.copy")}</Submit>
        </form>
      </section>
    </Layout>
  );
}

export function warningText(ui: Ui, w: ProgramWarning): string {
  return w.kind === "room_overlap"
    ? ui.t("org.warning.room", { room: w.room, a: w.titles[0], b: w.titles[1] })
    : ui.t("org.warning.person", { person: w.person, a: w.titles[0], b: w.titles[1] });
}

export function SessionFields({ ui, form }: { ui: Ui; form: FormState }) {
  const opt = ` ${ui.t("common.optional")}`;
  return (
    <>
      <Select form={form} name="type" label={ui.t("field.type")} options={sessionTypes.map((s) => ({ value: s, label: ui.t(`sessionType.${s}`) }))} />
      <TextField form={form} name="title" label={ui.t("field.titleSv")} required maxlength={LIMITS.title} />
      <TextField form={form} name="titleEn" label={ui.t("field.titleEn") + opt} maxlength={LIMITS.title} />
      <div class="row">
        <TextField form={form} name="date" type="date" label={ui.t("field.date")} required width="short" />
        <TextField form={form} name="startTime" type="time" label={ui.t("field.startTime")} required width="short" />
        <TextField form={form} name="endTime" type="time" label={ui.t("field.endTime")} required width="short" />
      </div>
      <div class="row">
        <TextField form={form} name="room" label={ui.t("field.room") + opt} maxlength={LIMITS.shortText} />
        <TextField form={form} name="roomEn" label={ui.t("field.roomEn") + opt} maxlength={LIMITS.shortText} />
      </div>
      <div class="row">
        <TextField form={form} name="track" label={ui.t("field.track") + opt} maxlength={LIMITS.shortText} />
        <TextField form={form} name="trackEn" label={ui.t("field.trackEn") + opt} maxlength={LIMITS.shortText} />
      </div>
      <TextField form={form} name="seats" inputmode="numeric" label={ui.t("field.seats") + opt} hint={ui.t("seats.admin.hint")} width="short" />
      <TextArea form={form} name="description" label={ui.t("field.descriptionSv") + opt} maxlength={LIMITS.longText} rows={3} />
      <TextArea form={form} name="descriptionEn" label={ui.t("field.descriptionEn") + opt} maxlength={LIMITS.longText} rows={3} />
    </>
  );
}

export function ProgramAdminPage(p: { ui: Ui; event: EventWithSpace; sessions: SessionWithPeople[]; warnings: ProgramWarning[]; form: FormState }) {
  const { ui, event } = p;
  const base = `/arrangor/evenemang/${event.id}/program`;
  return (
    <Layout ui={ui} title={`${ui.t("org.program")}: ${event.titleSv}`} hasErrors={hasErrors(p.form)} crumbs={eventCrumbs(ui, event, ui.t("org.program"))}>
      <h1 class="ds-heading" data-size="lg">{`${ui.t("org.program")}: ${event.titleSv}`}</h1>
      <EventAdminNav ui={ui} event={event} current="program" />
      {p.warnings.length > 0 && (
        <div class="ds-alert" data-color="warning">
          <h2 class="ds-heading" data-size="xs">{ui.t("org.warnings")}</h2>
          <ul>{p.warnings.map((w) => <li>{warningText(ui, w)}</li>)}</ul>
        </div>
      )}
      {p.sessions.length === 0 ? (
        <p class="ds-paragraph">{ui.t("program.empty")}</p>
      ) : (
        <TableScroll label={ui.t("org.program")}>
          <table class="ds-table">
            <thead><tr><th scope="col">{capitalise(ui.t("events.when"))}</th><th scope="col">{capitalise(ui.t("field.eventTitle"))}</th><th scope="col">{capitalise(ui.t("field.room"))}</th><th scope="col">{ui.t("org.people")}</th></tr></thead>
            <tbody>
              {p.sessions.map((s) => (
                <tr>
                  <td>{`${capitalise(weekday(s.startsAt, ui.locale))} ${longDate(s.startsAt, ui.locale)}, ${timeRange(s.startsAt, s.endsAt, ui.locale)}`}</td>
                  <td><a class="ds-link" href={`${base}/${s.id}`}>{s.titleSv}</a> <span class="meta">({ui.t(`sessionType.${s.type}`)})</span></td>
                  <td>{s.room ?? ""}</td>
                  <td>{s.people.map((x) => `${x.name} (${ui.t(`role.${x.role}`).toLowerCase()}${x.remote ? `, ${ui.t("role.remote")}` : ""})`).join("; ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {event.status !== "cancelled" && (
        <section>
          <h2 class="ds-heading" data-size="md" id="add-session">{ui.t("org.addSession")}</h2>
          <ErrorSummary ui={ui} form={p.form} />
          <form method="post" action={base} class="stack" novalidate>
            <Csrf ui={ui} />
            <SessionFields ui={ui} form={p.form} />
            <Submit>{ui.t("org.addSession")}</Submit>
          </form>
        </section>
      )}
    </Layout>
  );
}

export function SessionEditPage(p: { ui: Ui; event: EventWithSpace; session: SessionWithPeople; people: PersonWithOrganisation[]; form: FormState; personForm: FormState; newPersonForm: FormState }) {
  const personForm = scoped(p.personForm, "person");
  const newPersonForm = scoped(p.newPersonForm, "new-person");
  const { ui, event, session } = p;
  const base = `/arrangor/evenemang/${event.id}/program/${session.id}`;
  return (
    <Layout ui={ui} title={`${ui.t("org.editSession")}: ${session.titleSv}`} hasErrors={hasErrors(p.form, p.personForm, p.newPersonForm)} crumbs={eventCrumbs(ui, event, session.titleSv)}>
      <h1 class="ds-heading" data-size="lg">{`${ui.t("org.editSession")}: ${session.titleSv}`}</h1>
      <p class="ds-paragraph"><a class="ds-link" href={`/arrangor/evenemang/${event.id}/program`}>{ui.t("common.back")}</a></p>
      {session.seats !== null && <p class="ds-paragraph"><a class="ds-link" href={`${base}/deltagare`}>{ui.t("seats.admin.list")}</a></p>}
      <ErrorSummary ui={ui} form={p.form} />
      <form method="post" action={base} class="stack" novalidate>
        <Csrf ui={ui} />
        <SessionFields ui={ui} form={p.form} />
        <Submit>{ui.t("common.save")}</Submit>
      </form>
      <div class="actions">
        <ActionForm ui={ui} action={`${base}/ta-bort`} label={ui.t("common.delete")} color="danger" confirm={`${ui.t("common.delete")}: ${session.titleSv}?`} />
      </div>

      <h2 class="ds-heading" data-size="md" id="people">{ui.t("org.people")}</h2>
      {session.people.length === 0 ? <p class="ds-paragraph">{ui.t("common.none")}</p> : (
        <ul class="people-list">
          {session.people.map((x) => (
            <li>
              {`${x.name} – ${ui.t(`role.${x.role}`)}${x.remote ? ` (${ui.t("role.remote")})` : ""} `}
              <form method="post" action={`${base}/personer/${x.personId}/ta-bort`} class="inline-form">
                <Csrf ui={ui} />
                <button type="submit" class="ds-button" data-variant="tertiary" data-size="sm">{`${ui.t("common.delete")} ${x.name}`}</button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <h3 class="ds-heading" data-size="sm">{ui.t("org.addPerson")}</h3>
      <ErrorSummary ui={ui} form={personForm} />
      <form method="post" action={`${base}/personer`} class="stack" novalidate>
        <Csrf ui={ui} />
        <Select form={personForm} name="personId" label={ui.t("field.person")} options={[{ value: "", label: "–" }, ...p.people.map((x) => ({ value: x.id, label: `${x.name}${x.organisationName ? `, ${x.organisationName}` : ""}` }))]} />
        <Select form={personForm} name="role" label={ui.t("field.role")} options={sessionRoles.map((r) => ({ value: r, label: ui.t(`role.${r}`) }))} />
        <Checkbox form={personForm} name="remote" label={ui.t("field.remote")} />
        <Submit variant="secondary">{ui.t("org.addPerson")}</Submit>
      </form>
      <h3 class="ds-heading" data-size="sm">{ui.t("org.newPersonLead")}</h3>
      <ErrorSummary ui={ui} form={newPersonForm} />
      <form method="post" action={`${base}/ny-person`} class="stack" novalidate>
        <Csrf ui={ui} />
        <TextField form={newPersonForm} name="name" label={ui.t("field.name")} required maxlength={LIMITS.name} />
        <TextField form={newPersonForm} name="title" label={`${ui.t("field.jobTitle")} ${ui.t("common.optional")}`} maxlength={LIMITS.title} />
        <TextField form={newPersonForm} name="email" type="email" label={`${ui.t("field.email")} ${ui.t("common.optional")}`} maxlength={LIMITS.email} />
        <Select form={newPersonForm} name="role" label={ui.t("field.role")} options={sessionRoles.map((r) => ({ value: r, label: ui.t(`role.${r}`) }))} />
        <Checkbox form={newPersonForm} name="remote" label={ui.t("field.remote")} />
        <Submit variant="secondary">{ui.t("org.addPerson")}</Submit>
      </form>
    </Layout>
  );
}

/** What an exhibitor is: the same fields when adding one and when changing it. */
function ExhibitorFields({ ui, form }: { ui: Ui; form: FormState }) {
  const opt = ` ${ui.t("common.optional")}`;
  return (
    <>
      <TextField form={form} name="name" label={ui.t("field.name")} required maxlength={LIMITS.name} />
      <TextField form={form} name="booth" label={ui.t("field.booth") + opt} maxlength={LIMITS.shortText} width="short" />
      <TextField form={form} name="website" type="url" label={ui.t("field.website") + opt} hint={ui.t("org.websiteHint")} maxlength={LIMITS.shortText} autocomplete="url" />
      <TextArea form={form} name="description" label={ui.t("field.descriptionSv") + opt} maxlength={LIMITS.longText} rows={3} />
      <TextArea form={form} name="descriptionEn" label={ui.t("field.descriptionEn") + opt} maxlength={LIMITS.longText} rows={3} />
      <FileField form={form} name="logo" label={ui.t("field.logo") + opt} hint={ui.t("org.logoHint", { max: Math.round(MAX_IMAGE_BYTES / 1024) })} accept="image/png,image/jpeg,image/webp" />
    </>
  );
}

export function ExhibitorsPage(p: { ui: Ui; event: EventWithSpace; exhibitors: ExhibitorRow[]; form: FormState }) {
  const { ui, event } = p;
  const base = `/arrangor/evenemang/${event.id}/utstallare`;
  return (
    <Layout ui={ui} title={`${ui.t("org.exhibitors")}: ${event.titleSv}`} hasErrors={hasErrors(p.form)} crumbs={eventCrumbs(ui, event, ui.t("org.exhibitors"))}>
      <h1 class="ds-heading" data-size="lg">{`${ui.t("org.exhibitors")}: ${event.titleSv}`}</h1>
      <EventAdminNav ui={ui} event={event} current="exhibitors" />
      {p.exhibitors.length === 0 ? <p class="ds-paragraph">{ui.t("common.none")}</p> : (
        <ul class="exhibitor-list">
          {p.exhibitors.map((x) => (
            <li>
              {x.logoFileId && <img class="exhibitor-logo" src={filePath(x.logoFileId)} alt="" />}
              <div>
                <strong>{x.name}</strong>{x.booth ? ` – ${ui.t("field.booth")} ${x.booth}` : ""}
                {x.website && <><br /><a class="ds-link" href={x.website}>{x.website}</a></>}
                <div class="actions">
                  <a class="ds-link" href={`${base}/${x.id}`}>{`${ui.t("common.edit")} ${x.name}`}</a>
                  <form method="post" action={`${base}/${x.id}/ta-bort`} class="inline-form">
                    <Csrf ui={ui} />
                    <button type="submit" class="ds-button" data-variant="tertiary" data-size="sm">{`${ui.t("common.delete")} ${x.name}`}</button>
                  </form>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
      {event.status !== "cancelled" && (
        <section>
          <h2 class="ds-heading" data-size="md">{ui.t("org.addExhibitor")}</h2>
          <ErrorSummary ui={ui} form={p.form} />
          <form method="post" action={base} class="stack" enctype="multipart/form-data" novalidate>
            <Csrf ui={ui} />
            <ExhibitorFields ui={ui} form={p.form} />
            <Submit>{ui.t("org.addExhibitor")}</Submit>
          </form>
        </section>
      )}
    </Layout>
  );
}

/** One exhibitor's details and logo, changed in one form. */
export function ExhibitorEditPage({ ui, event, exhibitor: x, form }: { ui: Ui; event: EventWithSpace; exhibitor: ExhibitorRow; form: FormState }) {
  const list = `/arrangor/evenemang/${event.id}/utstallare`;
  const title = `${ui.t("org.editExhibitor")}: ${x.name}`;
  return (
    <Layout ui={ui} title={title} hasErrors={hasErrors(form)} crumbs={[...eventCrumbs(ui, event, ui.t("org.exhibitors")).slice(0, -1), { href: list, label: ui.t("org.exhibitors") }, { label: x.name }]}>
      <h1 class="ds-heading" data-size="lg">{title}</h1>
      <EventAdminNav ui={ui} event={event} current="exhibitors" />
      <ErrorSummary ui={ui} form={form} />
      {x.logoFileId && <p><img class="exhibitor-logo" src={filePath(x.logoFileId)} alt={ui.t("org.currentLogo", { name: x.name })} /></p>}
      <form method="post" action={`${list}/${x.id}`} class="stack" enctype="multipart/form-data" novalidate>
        <Csrf ui={ui} />
        <ExhibitorFields ui={ui} form={form} />
        {x.logoFileId && <Checkbox form={form} name="removeLogo" label={ui.t("org.removeLogo")} />}
        <Submit>{ui.t("common.save")}</Submit>
      </form>
      <p class="ds-paragraph"><a class="ds-link" href={list}>{ui.t("common.back")}</a></p>
    </Layout>
  );
}

export { eventTitle, longDate, pick };
