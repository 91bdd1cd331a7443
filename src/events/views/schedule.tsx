/**
 * The program as people read it on the day: a timetable grid with parallel sessions side
 * by side in a column per room (pretalx's schedule is the anchor), and "Nu och snart".
 * The grid is a real table: a row per time slot, headed by its time, each session a cell
 * spanning its slots and naming its own time, so that a screen reader reading row by row
 * hears what is on when and where. On a phone it collapses into a list (app.css).
 */
import type { Ui } from "../../http/ui.js";
import { TableScroll } from "../../http/views/table.js";
import { clock, isoDate, longDate, timeRange, weekday } from "../../i18n/format.js";
import { capitalise, pick } from "../../i18n/messages.js";
import type { SessionWithPeople } from "../program-repository.js";

type Session = SessionWithPeople;

interface Column {
  key: string;
  label: string;
  sessions: Session[];
}

/** Columns per room, in the order rooms first appear; a session that overlaps another in its room gets a column of its own. */
function columnsOf(ui: Ui, sessions: Session[]): Column[] {
  const columns: Column[] = [];
  for (const s of sessions) {
    const room = s.room ? pick(ui.locale, s.room, s.roomEn) : ui.t("schedule.noRoom");
    let n = 1;
    for (;;) {
      const key = `${s.room ?? ""}#${n}`;
      let col = columns.find((c) => c.key === key);
      if (!col) {
        col = { key, label: n === 1 ? room : `${room} (${n})`, sessions: [] };
        columns.push(col);
      }
      if (!col.sessions.some((o) => o.startsAt < s.endsAt && s.startsAt < o.endsAt)) {
        col.sessions.push(s);
        break;
      }
      n++;
    }
  }
  return columns;
}

function SessionCell({ ui, s, rows, room }: { ui: Ui; s: Session; rows: number; room: string }) {
  return (
    <td rowspan={rows > 1 ? rows : undefined} class={`schedule-session type-${s.type}`} data-room={room}>
      <p class="time"><time datetime={s.startsAt.toISOString()}>{timeRange(s.startsAt, s.endsAt, ui.locale)}</time></p>
      <p class="schedule-title">{pick(ui.locale, s.titleSv, s.titleEn)}</p>
      <p class="meta">{[ui.t(`sessionType.${s.type}`), s.people.map((p) => p.name).join(", ")].filter(Boolean).join(" · ")}</p>
    </td>
  );
}

/** One day's grid. */
export function ScheduleDay({ ui, sessions }: { ui: Ui; sessions: Session[] }) {
  const columns = columnsOf(ui, sessions);
  const bounds = [...new Set(sessions.flatMap((s) => [s.startsAt.getTime(), s.endsAt.getTime()]))].sort((a, b) => a - b);
  const slot = (t: Date) => bounds.indexOf(t.getTime());
  const day = sessions[0]!.startsAt;
  const caption = ui.t("schedule.caption", { day: `${weekday(day, ui.locale)} ${longDate(day, ui.locale)}` });
  return (
    <TableScroll label={caption}>
      <table class="ds-table schedule">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{ui.t("schedule.time")}</th>
            {columns.map((c) => <th scope="col">{c.label}</th>)}
          </tr>
        </thead>
        <tbody>
          {bounds.slice(0, -1).map((from, r) => {
            const cells = columns.map((c) => {
              const starting = c.sessions.find((s) => slot(s.startsAt) === r);
              if (starting) return <SessionCell ui={ui} s={starting} rows={slot(starting.endsAt) - r} room={c.label} />;
              if (c.sessions.some((s) => slot(s.startsAt) < r && slot(s.endsAt) > r)) return null;
              return <td class="schedule-empty"></td>;
            });
            return (
              <tr>
                <th scope="row">{timeRange(new Date(from), new Date(bounds[r + 1]!), ui.locale)}</th>
                {cells}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The sessions by day (Stockholm dates), each day a grid. */
export function ScheduleGrid({ ui, sessions }: { ui: Ui; sessions: Session[] }) {
  const days = new Map<string, Session[]>();
  for (const s of sessions) days.set(isoDate(s.startsAt), [...(days.get(isoDate(s.startsAt)) ?? []), s]);
  return <>{[...days.values()].map((list) => <section class="program-day"><ScheduleDay ui={ui} sessions={list} /></section>)}</>;
}

/** Whether "Nu och snart" belongs on the event's pages: from an hour before the start to the end. */
export const isLive = (event: { startsAt: Date; endsAt: Date }, now: Date) => now.getTime() >= event.startsAt.getTime() - 3600_000 && now < event.endsAt;

/** What is on now, and what starts next, in each room. */
export function nowAndNext(sessions: Session[], now: Date) {
  const rooms = [...new Set(sessions.map((s) => s.room ?? ""))];
  return rooms
    .map((room) => {
      const here = sessions.filter((s) => (s.room ?? "") === room);
      return { room, now: here.filter((s) => s.startsAt <= now && now < s.endsAt), next: here.find((s) => s.startsAt > now) ?? null };
    })
    .filter((r) => r.now.length > 0 || r.next);
}

export function NowAndNext({ ui, sessions, now }: { ui: Ui; sessions: Session[]; now: Date }) {
  const rooms = nowAndNext(sessions, now);
  if (rooms.length === 0) return null;
  const line = (s: Session) => `${timeRange(s.startsAt, s.endsAt, ui.locale)} ${pick(ui.locale, s.titleSv, s.titleEn)}`;
  return (
    <section class="now-next" aria-labelledby="now-next-heading">
      <h2 class="ds-heading" data-size="md" id="now-next-heading">{ui.t("schedule.nowNext", { time: clock(now, ui.locale) })}</h2>
      <ul class="event-list">
        {rooms.map((r) => {
          const first = r.now[0] ?? r.next!;
          return (
            <li class="event-card">
              <h3 class="ds-heading" data-size="xs">{first.room ? capitalise(pick(ui.locale, first.room, first.roomEn)) : ui.t("schedule.noRoom")}</h3>
              {r.now.map((s) => <p class="ds-paragraph"><strong>{ui.t("schedule.now")}</strong> {line(s)}</p>)}
              {r.next && <p class="ds-paragraph"><strong>{ui.t("schedule.next")}</strong> {line(r.next)}</p>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
