/** Choosing sessions with seats (the manage page's section) and the organiser's list of one session. */
import type { FormState, Ui } from "../../http/ui.js";
import { ChoiceGroup, Csrf, ErrorSummary } from "../../http/views/forms.js";
import { Layout } from "../../http/views/layout.js";
import { TableScroll } from "../../http/views/table.js";
import { capitalise, pick } from "../../i18n/messages.js";
import { localStamp, timeRange, weekday } from "../../i18n/format.js";
import type { EventWithSpace } from "../../events/repository.js";
import type { Choice, SeatedSession, SessionRow } from "../service.js";

function seatText(ui: Ui, s: SeatedSession, mine: Choice | undefined): string {
  if (mine?.status === "seated") return ui.t("seats.you.seated");
  if (mine?.status === "waiting") return ui.t("seats.you.waiting", { position: mine.position ?? 1 });
  const left = s.session.seats! - s.seated;
  return left > 0 && s.waiting === 0 ? ui.t("seats.left", { count: left }) : ui.t("seats.full");
}

/** Each session as a choice: when, what, where, and what choosing it means now. */
export function seatOptions(ui: Ui, sessions: SeatedSession[], choices: Choice[]) {
  return sessions.map((s) => ({
    value: s.session.id,
    label: `${capitalise(weekday(s.session.startsAt, ui.locale))} ${timeRange(s.session.startsAt, s.session.endsAt, ui.locale)}: ${pick(ui.locale, s.session.titleSv, s.session.titleEn)}${s.session.room ? ` (${pick(ui.locale, s.session.room, s.session.roomEn)})` : ""} – ${seatText(ui, s, choices.find((c) => c.sessionId === s.session.id))}`,
  }));
}

/**
 * The sessions with seats as checkboxes in time order, each saying what choosing it
 * means (seats left, or the waiting list) and what the person has now. Sent as a whole:
 * what is unticked is given up.
 */
export function SeatChoices(p: { ui: Ui; action: string; sessions: SeatedSession[]; choices: Choice[]; confirmed: boolean; form: FormState }) {
  const { ui } = p;
  if (p.sessions.length === 0) return null;
  const form: FormState = { ...p.form, id: "seats", values: { sessions: p.choices.map((c) => c.sessionId).join("\u001f"), ...p.form.values } };
  const options = seatOptions(ui, p.sessions, p.choices);
  return (
    <section aria-labelledby="seats-heading">
      <h2 class="ds-heading" data-size="sm" id="seats-heading">{ui.t("seats.title")}</h2>
      {!p.confirmed ? <p class="ds-paragraph">{ui.t("seats.onlyConfirmed")}</p> : (
        <>
          <ErrorSummary ui={ui} form={form} />
          <form method="post" action={p.action} class="stack" novalidate>
            <Csrf ui={ui} />
            {/* Sent with every form, so that unticking all gives everything up. */}
            <input type="hidden" name="sessions" value="" />
            <ChoiceGroup form={form} name="sessions" type="checkbox" legend={ui.t("seats.title")} hint={ui.t("seats.lead")} options={options} />
            <button type="submit" class="ds-button" data-variant="secondary">{ui.t("seats.choose")}</button>
          </form>
        </>
      )}
    </section>
  );
}

export function SessionSeatsPage(p: { ui: Ui; event: EventWithSpace; session: SessionRow; rows: { name: string; email: string | null; organisation: string | null; status: "seated" | "waiting"; chosenAt: Date }[] }) {
  const { ui, event, session } = p;
  const base = `/arrangor/evenemang/${event.id}/program/${session.id}`;
  const seated = p.rows.filter((r) => r.status === "seated").length;
  return (
    <Layout ui={ui} title={`${ui.t("seats.admin.list")}: ${session.titleSv}`} crumbs={[{ href: "/arrangor", label: ui.t("org.title") }, { href: `/arrangor/evenemang/${event.id}/program`, label: event.titleSv }, { href: base, label: session.titleSv }, { label: ui.t("seats.admin.list") }]}>
      <h1 class="ds-heading" data-size="lg">{`${ui.t("seats.admin.list")}: ${session.titleSv}`}</h1>
      <p class="ds-paragraph"><strong>{ui.t("seats.admin.counts", { seated, seats: session.seats ?? "–", waiting: p.rows.length - seated })}</strong></p>
      <p class="ds-paragraph"><a class="ds-link" href={`${base}/deltagare.csv`} download>{ui.t("seats.admin.export")}</a></p>
      {p.rows.length === 0 ? <p class="ds-paragraph">{ui.t("seats.admin.none")}</p> : (
        <TableScroll label={ui.t("seats.admin.list")}>
          <table class="ds-table">
            <thead><tr><th scope="col">{capitalise(ui.t("field.name"))}</th><th scope="col">{capitalise(ui.t("field.organisation"))}</th><th scope="col">{capitalise(ui.t("reg.status"))}</th><th scope="col">{ui.t("seats.admin.chosenAt")}</th></tr></thead>
            <tbody>
              {p.rows.map((r) => (
                <tr><td>{r.name}</td><td>{r.organisation ?? ""}</td><td>{ui.t(`seats.admin.status.${r.status}`)}</td><td>{localStamp(r.chosenAt)}</td></tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Layout>
  );
}
