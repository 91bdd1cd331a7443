/** What the live views share: a poll's results (bars, table, ranked words), a question, the update controls. */
import type { Ui } from "../../http/ui.js";
import { capitalise } from "../../i18n/messages.js";
import { TableScroll } from "../../http/views/table.js";
import type { LivePoll, LiveQuestion } from "../service.js";
import type { Tally } from "../tally.js";

const percent = (share: number, locale: string) => new Intl.NumberFormat(locale === "sv" ? "sv-SE" : "en-GB", { style: "percent", maximumFractionDigits: 0 }).format(share);

/**
 * A poll's results: a bar chart for the eye (hidden from screen readers, who get the table
 * with the same figures), and for a word cloud the words sized by count beside the same
 * words as a ranked list, which is what a screen reader reads.
 */
export function Results({ ui, poll, tally, large }: { ui: Ui; poll: LivePoll; tally: Tally; large?: boolean }) {
  const most = Math.max(1, ...tally.rows.map((r) => r.count));
  const countLabel = poll.kind === "ranking" ? ui.t("live.points") : ui.t("live.count");
  const rowLabel = poll.kind === "words" ? ui.t("live.word") : ui.t("live.option");
  const shown = tally.rows.slice(0, poll.kind === "words" ? 30 : tally.rows.length);
  return (
    <div class={`live-results${large ? " live-results-large" : ""}`}>
      <p class="ds-paragraph">{ui.t("live.answeredCount", { n: String(tally.answered) })}</p>
      {tally.mean !== null && <p class="ds-paragraph">{ui.t("live.mean", { mean: tally.mean.toFixed(1).replace(".", ui.locale === "sv" ? "," : ".") })}</p>}
      {poll.kind === "words" ? (
        <>
          <p class="live-cloud" aria-hidden="true">
            {shown.map((r) => (
              <span class={`live-word w${Math.max(1, Math.ceil((r.count / most) * 5))}`}>{r.label}</span>
            ))}
          </p>
          <h3 class="ds-heading" data-size="2xs">{ui.t("live.wordRanked")}</h3>
          <ol class="ds-list live-ranked">
            {shown.map((r) => (
              <li>{`${r.label} (${r.count})`}</li>
            ))}
          </ol>
        </>
      ) : (
        <>
          <svg class="live-bars" aria-hidden="true" viewBox={`0 0 100 ${shown.length * 12}`} preserveAspectRatio="none" role="presentation">
            {shown.map((r, i) => (
              <rect x="0" y={String(i * 12 + 2)} width={String(Math.max(0.5, (r.count / most) * 100))} height="8" class="live-bar" />
            ))}
          </svg>
          <TableScroll label={`${ui.t("live.results")}: ${poll.question}`}>
          <table class="ds-table live-table" data-size="sm">
            <caption class="visually-hidden">{`${ui.t("live.results")}: ${poll.question}`}</caption>
            <thead>
              <tr>
                <th scope="col">{capitalise(rowLabel)}</th>
                <th scope="col" class="num">{capitalise(countLabel)}</th>
                <th scope="col" class="num">{capitalise(ui.t("live.share"))}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr>
                  <th scope="row">{r.label}</th>
                  <td class="num">{String(r.count)}</td>
                  <td class="num">{percent(r.share, ui.locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </TableScroll>
        </>
      )}
    </div>
  );
}

export function Asker({ ui, q }: { ui: Ui; q: LiveQuestion }) {
  return <span class="live-asker">{q.displayName ?? ui.t("live.anonymous")}</span>;
}

/**
 * The controls of a page that updates itself: a pause button (WCAG 2.2.2; shown by
 * live.js, which alone updates the page) and a polite status line that says what changed,
 * once per update and never per vote. Without JavaScript neither is shown: the page is
 * as it was served, and reloading it shows what is new.
 */
/** The stream's controls; `parts` names the address of a part that live.js reads alone when only that kind of thing changed. */
export function LiveControls({ ui, stream, parts = {} }: { ui: Ui; stream: string; parts?: { polls?: string } }) {
  return (
    <div class="live-controls" data-live-stream={stream} data-live-part-polls={parts.polls} data-text-pause={ui.t("live.pause")} data-text-resume={ui.t("live.resume")} data-text-paused={ui.t("live.pausedNote")}>
      <button type="button" class="ds-button" data-variant="tertiary" data-live-pause hidden aria-pressed="false">
        {ui.t("live.pause")}
      </button>
      <p class="ds-paragraph live-status" role="status" data-size="sm"></p>
    </div>
  );
}
