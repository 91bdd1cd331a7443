/** A participant's own agenda: their sessions first, then the whole program with a star button each (no-JS forms). */
import type { Ui } from "../../http/ui.js";
import { Csrf } from "../../http/views/forms.js";
import { Layout } from "../../http/views/layout.js";
import { longDate, timeRange, weekday } from "../../i18n/format.js";
import { capitalise, pick } from "../../i18n/messages.js";
import type { EventWithSpace } from "../../events/repository.js";
import { eventPath, eventTitle } from "../../events/present.js";
import type { SessionWithPeople } from "../../events/program-repository.js";
import type { AgendaMark } from "../agenda.js";

type Session = SessionWithPeople;

const when = (ui: Ui, s: Session) => `${capitalise(weekday(s.startsAt, ui.locale))} ${longDate(s.startsAt, ui.locale)}, ${timeRange(s.startsAt, s.endsAt, ui.locale)}`;
const where = (ui: Ui, s: Session) => (s.room ? ` · ${pick(ui.locale, s.room, s.roomEn)}` : "");

export function AgendaPage({ ui, event, sessions, marks }: { ui: Ui; event: EventWithSpace; sessions: Session[]; marks: AgendaMark[] }) {
  const title = eventTitle(event, ui.locale);
  const action = `${eventPath(event)}/min-agenda`;
  const mark = (s: Session) => marks.find((m) => m.sessionId === s.id);
  const mine = sessions.filter((s) => mark(s));
  const name = (s: Session) => pick(ui.locale, s.titleSv, s.titleEn);
  const clashWith = (s: Session) => mine.find((o) => o.id !== s.id && o.startsAt < s.endsAt && s.startsAt < o.endsAt);
  const button = (s: Session, star: boolean) => (
    <form method="post" action={action} class="inline-form">
      <Csrf ui={ui} />
      <input type="hidden" name="sessionId" value={s.id} />
      <input type="hidden" name="star" value={star ? "1" : "0"} />
      <button type="submit" class="ds-button" data-variant={star ? "secondary" : "tertiary"} data-size="sm">{ui.t(star ? "agenda.star" : "agenda.unstar", { session: name(s) })}</button>
    </form>
  );
  return (
    <Layout ui={ui} title={ui.t("agenda.title", { event: title })} crumbs={[{ href: "/evenemang", label: ui.t("events.title") }, { href: eventPath(event), label: title }, { label: ui.t("agenda.nav") }]}>
      <h1 class="ds-heading" data-size="lg">{ui.t("agenda.title", { event: title })}</h1>
      <p class="ds-paragraph">{ui.t("agenda.lead")}</p>
      <h2 class="ds-heading" data-size="md">{ui.t("agenda.mine")}</h2>
      {mine.length === 0 ? <p class="ds-paragraph">{ui.t("agenda.none")}</p> : (
        <ul class="event-list">
          {mine.map((s) => {
            const other = clashWith(s);
            return (
              <li class="event-card">
                <h3 class="ds-heading" data-size="xs">{name(s)}</h3>
                <p class="meta">{when(ui, s) + where(ui, s)}</p>
                {other && <p class="ds-paragraph">{ui.t("agenda.clash", { other: name(other) })}</p>}
                {mark(s)!.seated ? <p class="ds-paragraph">{ui.t("agenda.seated")}</p> : button(s, false)}
              </li>
            );
          })}
        </ul>
      )}
      <h2 class="ds-heading" data-size="md">{ui.t("agenda.all")}</h2>
      <ul class="event-list">
        {sessions.filter((s) => !mark(s)).map((s) => (
          <li class="event-card">
            <h3 class="ds-heading" data-size="xs">{name(s)}</h3>
            <p class="meta">{when(ui, s) + where(ui, s)}</p>
            {button(s, true)}
          </li>
        ))}
      </ul>
    </Layout>
  );
}
