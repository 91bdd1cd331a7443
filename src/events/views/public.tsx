import { countyName, loadRegister } from "../../organisations/register.js";
import { dateTimeRange, isoDate, isoWeek, longDate, timeRange, weekday } from "../../i18n/format.js";
import { capitalise, pick, type Locale } from "../../i18n/messages.js";
import type { Ui } from "../../http/ui.js";
import { NowAndNext, ScheduleGrid, isLive } from "./schedule.js";
import { Layout } from "../../http/views/layout.js";
import type { ExhibitorRow, SessionPersonView, SessionWithPeople } from "../program-repository.js";
import type { EventRow, EventWithSpace } from "../repository.js";
import type { Settings } from "../../registration/repository.js";
import type { Space } from "../../spaces/repository.js";
import { PrivacyNotice } from "../../registration/views/participant.js";
import { eventDescription, eventPath, eventTitle, paragraphs } from "../present.js";
import { filePath } from "../../files/repository.js";

export function StatusTag({ ui, status }: { ui: Ui; status: EventRow["status"] }) {
  return <span class={`tag status-${status}`}>{ui.t(`status.${status}`)}</span>;
}

export function EventCard({ ui, event, headingLevel = 3 }: { ui: Ui; event: EventWithSpace; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? "h2" : "h3";
  const region = countyName(event.regionCode);
  return (
    <li class="event-card">
      <H class="ds-heading" data-size="sm">
        <a class="ds-link" href={eventPath(event)}>{eventTitle(event, ui.locale)}</a>
      </H>
      <p class="meta">
        <time datetime={event.startsAt.toISOString()}>{dateTimeRange(event.startsAt, event.endsAt, ui.locale)}</time>
        {" · "}
        {ui.t("events.week", { week: isoWeek(event.startsAt) })}
      </p>
      <p class="meta">
        {[event.venue, region, ui.t(`format.${event.format}`), event.spaceName].filter(Boolean).join(" · ")}
      </p>
      {event.status !== "published" && <StatusTag ui={ui} status={event.status} />}
    </li>
  );
}

export function EventList({ ui, events, headingLevel }: { ui: Ui; events: EventWithSpace[]; headingLevel?: 2 | 3 }) {
  if (events.length === 0) return <p class="ds-paragraph">{ui.t("events.none")}</p>;
  return (
    <ul class="event-list">
      {events.map((e) => (
        <EventCard ui={ui} event={e} headingLevel={headingLevel} />
      ))}
    </ul>
  );
}

export function HomePage({ ui, upcoming }: { ui: Ui; upcoming: EventWithSpace[] }) {
  return (
    <Layout ui={ui} title={ui.t("home.title")}>
      <h1 class="ds-heading" data-size="xl">{ui.t("app.name")}</h1>
      <p class="ds-paragraph" data-size="lg">{ui.t("home.lead")}</p>
      <h2 class="ds-heading" data-size="md">{ui.t("home.upcoming")}</h2>
      <EventList ui={ui} events={upcoming} />
      <p class="ds-paragraph"><a class="ds-link" href="/evenemang">{ui.t("common.showAll")}</a></p>
    </Layout>
  );
}

export function EventListPage({ ui, events, when, region }: { ui: Ui; events: EventWithSpace[]; when: "upcoming" | "past"; region: string | null }) {
  const counties = loadRegister().counties;
  return (
    <Layout ui={ui} title={ui.t("events.title")}>
      <h1 class="ds-heading" data-size="lg">{ui.t("events.title")}</h1>
      <form method="get" action="/evenemang" class="row filter-form">
        <fieldset class="ds-fieldset">
          <legend class="ds-label">{ui.t("events.when")}</legend>
          <div class="row">
            {(["upcoming", "past"] as const).map((w) => (
              <div class="ds-field">
                <input class="ds-input" type="radio" id={`when-${w}`} name="when" value={w} checked={when === w} />
                <label class="ds-label" for={`when-${w}`}>{ui.t(w === "upcoming" ? "events.upcoming" : "events.past")}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <div class="ds-field">
          <label class="ds-label" for="f-region">{ui.t("events.byRegion")}</label>
          <select class="ds-input" id="f-region" name="region">
            <option value="">{ui.t("events.allRegions")}</option>
            {counties.map((c) => (
              <option value={c.countyCode} selected={region === c.countyCode}>{c.regionName}</option>
            ))}
          </select>
        </div>
        <button class="ds-button" type="submit" data-variant="secondary">{ui.t("events.filter")}</button>
      </form>
      <h2 class="ds-heading" data-size="md">
        {ui.t(when === "upcoming" ? "events.upcoming" : "events.past")}
        {region ? ` – ${counties.find((c) => c.countyCode === region)?.regionName ?? ""}` : ""}
      </h2>
      <p class="ds-paragraph" role="status">{ui.t("events.count", { count: events.length })}</p>
      <EventList ui={ui} events={events} />
    </Layout>
  );
}

export function NationalPage({ ui, events }: { ui: Ui; events: EventWithSpace[] }) {
  const bySpace = new Map<string, EventWithSpace[]>();
  for (const e of events) bySpace.set(e.spaceName, [...(bySpace.get(e.spaceName) ?? []), e]);
  return (
    <Layout ui={ui} title={ui.t("national.title")}>
      <h1 class="ds-heading" data-size="lg">{ui.t("national.title")}</h1>
      <p class="ds-paragraph">{ui.t("national.lead")}</p>
      {events.length === 0 && <p class="ds-paragraph">{ui.t("events.none")}</p>}
      {[...bySpace.entries()].map(([space, list]) => (
        <section>
          <h2 class="ds-heading" data-size="md">{space}</h2>
          <EventList ui={ui} events={list} />
        </section>
      ))}
    </Layout>
  );
}

function EventNav({ ui, event, current }: { ui: Ui; event: EventWithSpace; current: "about" | "program" | "schedule" | "speakers" }) {
  const items = [
    { key: "about", href: eventPath(event), label: ui.t("events.aboutEvent") },
    { key: "program", href: `${eventPath(event)}/program`, label: ui.t("events.program") },
    { key: "schedule", href: `${eventPath(event)}/schema`, label: ui.t("events.schedule") },
    { key: "speakers", href: `${eventPath(event)}/talare`, label: ui.t("events.speakers") },
    { key: "agenda", href: `${eventPath(event)}/min-agenda`, label: ui.t("agenda.nav") },
  ] as const;
  return (
    <nav aria-label={eventTitle(event, ui.locale)}>
      <ul class="nav-list event-nav">
        {items.map((i) => (
          <li>
            <a class="ds-link" href={i.href} aria-current={i.key === current ? "page" : undefined}>{i.label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function EventHeader({ ui, event, canManage }: { ui: Ui; event: EventWithSpace; canManage: boolean }) {
  return (
    <>
      {event.status === "cancelled" && (
        <div class="ds-alert" data-color="danger"><p class="ds-paragraph">{ui.t("events.cancelledNotice")}</p></div>
      )}
      {event.status === "draft" && (
        <div class="ds-alert" data-color="warning"><p class="ds-paragraph">{ui.t("org.draftNotice")}</p></div>
      )}
      {canManage && (
        <p class="ds-paragraph"><a class="ds-link" href={`/arrangor/evenemang/${event.id}`}>{ui.t("org.editEvent")}</a></p>
      )}
    </>
  );
}

export function EventPage(p: { ui: Ui; event: EventWithSpace; exhibitors: ExhibitorRow[]; editions: EventRow[]; canManage: boolean; registration: { open: boolean; message: string | null; settings: Settings; space: Space } | null; live: { sessions: SessionWithPeople[]; now: Date } | null }) {
  const { ui, event } = p;
  const title = eventTitle(event, ui.locale);
  const region = countyName(event.regionCode);
  return (
    <Layout ui={ui} title={title} crumbs={[{ href: "/evenemang", label: ui.t("events.title") }, { label: title }]}>
      <EventHeader ui={ui} event={event} canManage={p.canManage} />
      <h1 class="ds-heading" data-size="xl">{title}</h1>
      <EventNav ui={ui} event={event} current="about" />
      {p.live && <NowAndNext ui={ui} sessions={p.live.sessions} now={p.live.now} />}
      <dl class="facts">
        <dt>{ui.t("events.when")}</dt>
        <dd>
          <time datetime={event.startsAt.toISOString()}>{dateTimeRange(event.startsAt, event.endsAt, ui.locale)}</time>
          {` (${ui.t("events.week", { week: isoWeek(event.startsAt) })})`}
        </dd>
        {(event.venue || event.address) && (
          <>
            <dt>{ui.t("events.where")}</dt>
            <dd>{[event.venue, event.address, region].filter(Boolean).join(", ")}</dd>
          </>
        )}
        <dt>{ui.t("events.format")}</dt>
        <dd>{ui.t(`format.${event.format}`)}</dd>
        <dt>{ui.t("events.organiser")}</dt>
        <dd>{event.spaceName}</dd>
      </dl>
      {p.registration && (
        <div class="actions">
          {p.registration.open ? (
            <>
              <a class="ds-button" data-variant="primary" href={`${eventPath(event)}/anmalan`}>{ui.t("reg.cta")}</a>
              <a class="ds-link" href={`${eventPath(event)}/delegation`}>{ui.t("deleg.cta")}</a>
            </>
          ) : (
            <p class="ds-paragraph">{p.registration.message}</p>
          )}
        </div>
      )}
      {paragraphs(eventDescription(event, ui.locale)).map((text) => (
        <p class="ds-paragraph">{text}</p>
      ))}
      {p.exhibitors.length > 0 && (
        <section>
          <h2 class="ds-heading" data-size="md">{ui.t("events.exhibitors")}</h2>
          <ul class="exhibitor-list">
            {p.exhibitors.map((x) => (
              <li>
                {/* The logo says nothing the name beside it does not: it is decoration for a screen reader. */}
                {x.logoFileId && <img class="exhibitor-logo" src={filePath(x.logoFileId)} alt="" />}
                <div>
                  <strong>{x.name}</strong>
                  {x.booth && <span class="meta">{` · ${ui.t("field.booth")} ${x.booth}`}</span>}
                  {x.website && <><br /><a class="ds-link" href={x.website}>{ui.t("events.exhibitorSite", { name: x.name })}</a></>}
                  {x.descriptionSv && <p class="ds-paragraph">{pick(ui.locale, x.descriptionSv, x.descriptionEn)}</p>}
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      {p.registration && <PrivacyNotice ui={ui} settings={p.registration.settings} space={p.registration.space} />}
      {event.seriesName && p.editions.length > 1 && (
        <section>
          <h2 class="ds-heading" data-size="md">{ui.t("events.otherEditions")}</h2>
          <p class="ds-paragraph">{ui.t("events.series", { name: event.seriesName })}</p>
          <ul>
            {p.editions
              .filter((e) => e.id !== event.id)
              .map((e) => (
                <li><a class="ds-link" href={eventPath(e)}>{eventTitle(e, ui.locale)}</a> ({longDate(e.startsAt, ui.locale)})</li>
              ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}

function PersonLine({ ui, person }: { ui: Ui; person: SessionPersonView }) {
  const extra = [person.title, person.organisationName].filter(Boolean).join(", ");
  return (
    <li>
      {ui.t(`role.${person.role}`)}: <strong>{person.name}</strong>
      {extra && `, ${extra}`}
      {person.remote && ` (${ui.t("role.remote")})`}
    </li>
  );
}

export function SchedulePage(p: { ui: Ui; event: EventWithSpace; sessions: SessionWithPeople[]; canManage: boolean; now: Date }) {
  const { ui, event } = p;
  const title = eventTitle(event, ui.locale);
  return (
    <Layout ui={ui} title={ui.t("schedule.title", { event: title })} crumbs={[{ href: "/evenemang", label: ui.t("events.title") }, { href: eventPath(event), label: title }, { label: ui.t("events.schedule") }]}>
      <EventHeader ui={ui} event={event} canManage={p.canManage} />
      <h1 class="ds-heading" data-size="lg">{ui.t("schedule.title", { event: title })}</h1>
      <EventNav ui={ui} event={event} current="schedule" />
      {isLive(event, p.now) && <NowAndNext ui={ui} sessions={p.sessions} now={p.now} />}
      {p.sessions.length === 0 ? <p class="ds-paragraph">{ui.t("program.empty")}</p> : (
        <>
          <p class="ds-paragraph">{ui.t("schedule.lead")}</p>
          <ScheduleGrid ui={ui} sessions={p.sessions} />
        </>
      )}
    </Layout>
  );
}

export function ProgramPage(p: { ui: Ui; event: EventWithSpace; sessions: SessionWithPeople[]; track: string | null; canManage: boolean }) {
  const { ui, event } = p;
  const title = eventTitle(event, ui.locale);
  // A track is chosen by its Swedish name (the key) and shown in the reader's language.
  const trackNames = new Map(p.sessions.filter((s) => s.track).map((s) => [s.track!, pick(ui.locale, s.track!, s.trackEn)]));
  const tracks = [...trackNames.keys()].sort();
  const shown = p.track ? p.sessions.filter((s) => !s.track || s.track === p.track) : p.sessions;
  const days = new Map<string, SessionWithPeople[]>();
  for (const s of shown) days.set(isoDate(s.startsAt), [...(days.get(isoDate(s.startsAt)) ?? []), s]);
  return (
    <Layout ui={ui} title={ui.t("program.title", { event: title })} crumbs={[{ href: "/evenemang", label: ui.t("events.title") }, { href: eventPath(event), label: title }, { label: ui.t("events.program") }]}>
      <EventHeader ui={ui} event={event} canManage={p.canManage} />
      <h1 class="ds-heading" data-size="lg">{ui.t("program.title", { event: title })}</h1>
      <EventNav ui={ui} event={event} current="program" />
      {tracks.length > 1 && (
        <form method="get" class="row">
          <div class="ds-field">
            <label class="ds-label" for="f-track">{capitalise(ui.t("field.track"))}</label>
            <select class="ds-input" id="f-track" name="spar">
              <option value="">{ui.t("program.allTracks")}</option>
              {tracks.map((t) => <option value={t} selected={p.track === t}>{trackNames.get(t)}</option>)}
            </select>
          </div>
          <button class="ds-button" type="submit" data-variant="secondary">{ui.t("events.filter")}</button>
        </form>
      )}
      {shown.length === 0 && <p class="ds-paragraph">{ui.t("program.empty")}</p>}
      {[...days.entries()].map(([, list]) => (
        <section class="program-day">
          <h2 class="ds-heading" data-size="md">
            {`${weekday(list[0]!.startsAt, ui.locale)} ${longDate(list[0]!.startsAt, ui.locale)}`}
          </h2>
          {list.map((s) => (
            <article class="session">
              <p class="time">
                <time datetime={s.startsAt.toISOString()}>{timeRange(s.startsAt, s.endsAt, ui.locale)}</time>
              </p>
              <h3 class="ds-heading" data-size="xs">{pick(ui.locale, s.titleSv, s.titleEn)}</h3>
              <p class="meta">
                {[ui.t(`sessionType.${s.type}`), s.room && ui.t("program.room", { room: pick(ui.locale, s.room, s.roomEn) }), s.track && ui.t("program.track", { track: pick(ui.locale, s.track, s.trackEn) })].filter(Boolean).join(" · ")}
              </p>
              {s.descriptionSv && paragraphs(pick(ui.locale, s.descriptionSv, s.descriptionEn)).map((text) => <p class="ds-paragraph">{text}</p>)}
              {s.people.length > 0 && (
                <ul class="people-list">
                  {s.people.map((person) => <PersonLine ui={ui} person={person} />)}
                </ul>
              )}
            </article>
          ))}
        </section>
      ))}
    </Layout>
  );
}

export function SpeakersPage(p: { ui: Ui; event: EventWithSpace; sessions: SessionWithPeople[]; canManage: boolean }) {
  const { ui, event } = p;
  const title = eventTitle(event, ui.locale);
  const people = new Map<string, { person: SessionPersonView; sessions: SessionWithPeople[] }>();
  for (const s of p.sessions) {
    for (const person of s.people) {
      const entry = people.get(person.personId) ?? { person, sessions: [] };
      entry.sessions.push(s);
      people.set(person.personId, entry);
    }
  }
  const list = [...people.values()].sort((a, b) => a.person.name.localeCompare(b.person.name, "sv"));
  return (
    <Layout ui={ui} title={ui.t("speakers.title", { event: title })} crumbs={[{ href: "/evenemang", label: ui.t("events.title") }, { href: eventPath(event), label: title }, { label: ui.t("events.speakers") }]}>
      <EventHeader ui={ui} event={event} canManage={p.canManage} />
      <h1 class="ds-heading" data-size="lg">{ui.t("speakers.title", { event: title })}</h1>
      <EventNav ui={ui} event={event} current="speakers" />
      {list.length === 0 && <p class="ds-paragraph">{ui.t("speakers.empty")}</p>}
      {list.map(({ person, sessions }) => (
        <section class="speaker">
          <h2 class="ds-heading" data-size="sm">{person.name}</h2>
          {(person.title || person.organisationName) && (
            <p class="meta">{[person.title, person.organisationName].filter(Boolean).join(", ")}</p>
          )}
          {person.bio && <p class="ds-paragraph">{person.bio}</p>}
          <p class="ds-paragraph">{ui.t("speakers.sessions")}:</p>
          <ul>
            {sessions.map((s) => {
              const role = s.people.find((x) => x.personId === person.personId)!;
              return (
                <li>
                  {pick(ui.locale, s.titleSv, s.titleEn)} ({ui.t(`role.${role.role}`).toLowerCase()}
                  {role.remote ? `, ${ui.t("role.remote")}` : ""}), {timeRange(s.startsAt, s.endsAt, ui.locale)}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

export type { Locale };
