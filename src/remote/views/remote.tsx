/** Remote participation: the organiser's links page, and what a confirmed participant sees. */
import type { FormState, Ui } from "../../http/ui.js";
import { Checkbox, Csrf, ErrorSummary, Submit, TextArea, TextField, scoped } from "../../http/views/forms.js";
import { Layout } from "../../http/views/layout.js";
import { clock, longDate, timeRange, weekday } from "../../i18n/format.js";
import { capitalise, pick } from "../../i18n/messages.js";
import { LIMITS } from "../../shared/fields.js";
import type { EventWithSpace } from "../../events/repository.js";
import { eventTitle } from "../../events/present.js";
import { EventAdminNav } from "../../events/views/event-nav.js";
import { currentLink, linkKind, type RemoteLink, type RemoteSettings, type VisibleLinks } from "../service.js";

type SessionLite = { id: string; titleSv: string; titleEn: string | null; startsAt: Date; endsAt: Date; room: string | null };

export function RemoteAdminPage(p: { ui: Ui; event: EventWithSpace; settings: RemoteSettings | null; links: RemoteLink[]; sessions: SessionLite[]; forms: Record<string, FormState> }) {
  const { ui, event } = p;
  const base = `/arrangor/evenemang/${event.id}/distans`;
  const opt = ` ${ui.t("common.optional")}`;
  const eventForm = scoped(p.forms.event!, "event");
  const published = p.settings?.publishedAt;
  return (
    <Layout ui={ui} title={`${ui.t("remote.adminTitle")}: ${event.titleSv}`} hasErrors={Object.values(p.forms).some((f) => Object.keys(f.errors).length > 0)} crumbs={[{ href: "/arrangor", label: ui.t("org.title") }, { href: `/arrangor/evenemang/${event.id}`, label: event.titleSv }, { label: ui.t("remote.adminTitle") }]}>
      <h1 class="ds-heading" data-size="lg">{`${ui.t("remote.adminTitle")}: ${event.titleSv}`}</h1>
      <EventAdminNav ui={ui} event={event} current="remote" />
      <p class="ds-paragraph">{ui.t("remote.adminLead")}</p>
      <div class={`ds-alert`} data-color={published ? "success" : "warning"}>
        <p class="ds-paragraph">{published ? ui.t("remote.published", { time: clock(published, ui.locale), date: longDate(published, ui.locale) }) : ui.t("remote.notPublished")}</p>
        <form method="post" action={`${base}/publicera`} class="inline-form">
          <Csrf ui={ui} />
          <input type="hidden" name="published" value={published ? "0" : "1"} />
          <button type="submit" class="ds-button" data-variant={published ? "secondary" : "primary"}>{ui.t(published ? "remote.unpublish" : "remote.publish")}</button>
        </form>
      </div>
      <h2 class="ds-heading" data-size="md">{ui.t("remote.eventLink")}</h2>
      <ErrorSummary ui={ui} form={eventForm} />
      <form method="post" action={base} class="stack" novalidate>
        <Csrf ui={ui} />
        <TextField form={eventForm} name="url" type="url" label={ui.t("remote.url") + opt} maxlength={LIMITS.shortText} />
        <TextField form={eventForm} name="dialIn" label={ui.t("remote.dialInField") + opt} maxlength={LIMITS.shortText} />
        <TextField form={eventForm} name="meetingId" label={ui.t("remote.meetingIdField") + opt} maxlength={LIMITS.shortText} />
        <Checkbox form={eventForm} name="showOnsite" label={ui.t("remote.showOnsite")} />
        <TextField form={eventForm} name="reminderMinutes" inputmode="numeric" label={ui.t("remote.reminderMinutes") + opt} hint={ui.t("remote.reminderHint")} width="short" />
        <Submit>{ui.t("remote.saveSettings")}</Submit>
      </form>
      {p.sessions.length > 0 && <h2 class="ds-heading" data-size="md">{ui.t("remote.sessionLinks")}</h2>}
      {p.sessions.map((s) => {
        const form = scoped(p.forms[s.id]!, `s-${s.id.slice(0, 8)}`);
        return (
          <section class="event-card" aria-labelledby={`rs-${s.id}`}>
            <h3 class="ds-heading" data-size="xs" id={`rs-${s.id}`}>{`${timeRange(s.startsAt, s.endsAt, ui.locale)} ${s.titleSv}`}</h3>
            <ErrorSummary ui={ui} form={form} />
            <form method="post" action={`${base}/pass/${s.id}`} class="stack" novalidate>
              <Csrf ui={ui} />
              <TextField form={form} name="url" type="url" label={ui.t("remote.url") + opt} maxlength={LIMITS.shortText} />
              <TextField form={form} name="dialIn" label={ui.t("remote.dialInField") + opt} maxlength={LIMITS.shortText} />
              <TextField form={form} name="meetingId" label={ui.t("remote.meetingIdField") + opt} maxlength={LIMITS.shortText} />
              <TextField form={form} name="speakerUrl" type="url" label={ui.t("remote.speakerUrl") + opt} maxlength={LIMITS.shortText} />
              <TextArea form={form} name="speakerNote" label={ui.t("remote.speakerNote") + opt} maxlength={LIMITS.longText} rows={2} />
              <Submit variant="secondary">{ui.t("remote.saveSessionLink", { session: s.titleSv })}</Submit>
            </form>
          </section>
        );
      })}
    </Layout>
  );
}

/** One link as people use it: a button-like link naming the kind of meeting, then dial-in and id. */
export function LinkBlock({ ui, link }: { ui: Ui; link: RemoteLink }) {
  return (
    <div class="remote-link">
      {link.url && <p class="ds-paragraph"><a class="ds-link" href={link.url} rel="noopener noreferrer">{ui.t("remote.open", { kind: ui.t(`remote.kind.${linkKind(link.url)}`) })}</a></p>}
      {link.dialIn && <p class="ds-paragraph">{ui.t("remote.dialIn", { value: link.dialIn })}</p>}
      {link.meetingId && <p class="ds-paragraph">{ui.t("remote.meetingId", { value: link.meetingId })}</p>}
    </div>
  );
}

/** The "Delta på distans" page: the link to use now, then the whole program, each session with its own link or the event's. */
/** Where a remote participant takes part live: the event's room and each session's, through the manage link (which lets them into a room that requires registration). */
export interface RemoteLive {
  href: string;
  sessions: Map<string, { href: string; code: string }>;
}

export function RemotePage({ ui, event, links, program, now, live }: { ui: Ui; event: EventWithSpace; links: VisibleLinks | null; program: SessionLite[]; now: Date; live: RemoteLive | null }) {
  const title = eventTitle(event, ui.locale);
  const current = links && currentLink(links, now);
  const liveSection = live && (
    <section aria-labelledby="remote-live">
      <h2 class="ds-heading" data-size="md" id="remote-live">{ui.t("remote.live")}</h2>
      <p class="ds-paragraph">{ui.t("remote.liveLead")}</p>
      <p class="ds-paragraph"><a class="ds-link" href={live.href}>{ui.t("remote.liveWhole")}</a></p>
    </section>
  );
  return (
    <Layout ui={ui} title={`${ui.t("remote.title")}: ${title}`}>
      <h1 class="ds-heading" data-size="lg">{`${ui.t("remote.title")}: ${title}`}</h1>
      {!links || !current ? (
        <>
          <p class="ds-paragraph">{ui.t("remote.none")}</p>
          {liveSection}
        </>
      ) : (
        <>
          <section aria-labelledby="remote-now">
            <h2 class="ds-heading" data-size="md" id="remote-now">{current.session ? ui.t("remote.now", { session: pick(ui.locale, current.session.titleSv, current.session.titleEn) }) : ui.t("remote.whole")}</h2>
            <LinkBlock ui={ui} link={current.link} />
          </section>
          {liveSection}
          <section aria-labelledby="remote-program">
            <h2 class="ds-heading" data-size="md" id="remote-program">{ui.t("remote.program")}</h2>
            <ul class="event-list">
              {program.map((session) => {
                const own = links.sessions.find((x) => x.session.id === session.id)?.link;
                return (
                  <li class="event-card">
                    <h3 class="ds-heading" data-size="xs">{`${capitalise(weekday(session.startsAt, ui.locale))} ${timeRange(session.startsAt, session.endsAt, ui.locale)}: ${pick(ui.locale, session.titleSv, session.titleEn)}`}</h3>
                    {own ? <LinkBlock ui={ui} link={own} /> : <p class="meta">{ui.t(links.event ? "remote.viaEvent" : "remote.onsiteOnly")}</p>}
                    {live?.sessions.get(session.id) && (
                      <p class="ds-paragraph"><a class="ds-link" href={live.sessions.get(session.id)!.href}>{ui.t("remote.liveSession", { code: live.sessions.get(session.id)!.code })}</a></p>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        </>
      )}
    </Layout>
  );
}
