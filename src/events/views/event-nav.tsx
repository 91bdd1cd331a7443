/**
 * The one sub-menu of every page about an event, for its organisers: the same links in
 * the same order on the event, program, exhibitor and registration pages, with the page
 * one is on marked (aria-current) so that sighted and screen-reader users know where they are.
 */
import type { Ui } from "../../http/ui.js";
import type { EventWithSpace } from "../repository.js";
import { eventPath } from "../present.js";

export type EventPage = "event" | "program" | "exhibitors" | "settings" | "registrations" | "checkin" | "badges" | "remote" | "live" | "archive" | "survey" | "roles";

export function EventAdminNav({ ui, event, current }: { ui: Ui; event: EventWithSpace; current: EventPage }) {
  const base = `/arrangor/evenemang/${event.id}`;
  const pages: [EventPage, string, string][] = [
    ["event", base, ui.t("org.editEvent")],
    ["program", `${base}/program`, ui.t("org.program")],
    ["exhibitors", `${base}/utstallare`, ui.t("org.exhibitors")],
    ["settings", `${base}/anmalan`, ui.t("regadm.settings")],
    ["registrations", `${base}/anmalningar`, ui.t("regadm.nav")],
    ["checkin", `${base}/incheckning`, ui.t("checkin.title")],
    ["badges", `${base}/namnbrickor`, ui.t("badges.title")],
    ["remote", `${base}/distans`, ui.t("remote.adminTitle")],
    ["live", `${base}/live`, ui.t("live.title")],
    ["archive", `${base}/arkiv`, ui.t("archive.nav")],
    ["survey", `${base}/utvardering`, ui.t("survey.nav")],
    ["roles", `${base}/roller`, ui.t("roles.title")],
  ];
  return (
    <nav aria-label={ui.t("org.eventPages")}>
      <ul class="nav-list event-nav">
        {pages.map(([page, href, label]) => (
          <li><a class="ds-link" href={href} aria-current={page === current ? "page" : undefined}>{label}</a></li>
        ))}
        <li><a class="ds-link" href={eventPath(event)}>{ui.t("org.viewPublic")}</a></li>
      </ul>
    </nav>
  );
}
