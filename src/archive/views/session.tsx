/** One session in the archive as the public sees it: the player or the link, whether it is captioned, its materials. */
import type { Ui } from "../../http/ui.js";
import { oneDecimal } from "../../i18n/format.js";
import { pick, type MessageKey } from "../../i18n/messages.js";
import type { ArchiveSession } from "../repository.js";

const PROVIDERS: Record<string, string> = { youtube: "YouTube", vimeo: "Vimeo", screen9: "Screen9", qbrick: "Qbrick", kaltura: "Kaltura", link: "" };
const TYPE_NAMES: Record<string, string> = {
  "application/pdf": "PDF",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
  "application/vnd.oasis.opendocument.text": "OpenDocument",
  "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument",
  "application/vnd.oasis.opendocument.presentation": "OpenDocument",
  "application/msword": "Word",
  "application/vnd.ms-excel": "Excel",
  "application/vnd.ms-powerpoint": "PowerPoint",
};

export const sizeText = (ui: Ui, bytes: number) => (bytes < 1024 * 1024 ? ui.t("archive.size.kb", { n: Math.max(1, Math.round(bytes / 1024)) }) : ui.t("archive.size.mb", { n: oneDecimal(bytes / 1024 / 1024, ui.locale) }));
export const fileHref = (fileId: string, filename: string) => `/arkiv/filer/${fileId}/${encodeURIComponent(filename)}`;

export function CaptionsNote({ ui, s }: { ui: Ui; s: ArchiveSession }) {
  const r = s.recording;
  if (!r) return null;
  return (
    <p class="ds-paragraph archive-captions" data-captions={r.captions}>
      {ui.t(`archive.captions.${r.captions}` as MessageKey)}
      {r.captions === "file" && r.captionsFileId && (
        <>
          {" "}
          <a class="ds-link" href={fileHref(r.captionsFileId, "textning.vtt")}>{ui.t("archive.captionsDownload")}</a>
        </>
      )}
    </p>
  );
}

export function ArchiveItem({ ui, s, showEvent }: { ui: Ui; s: ArchiveSession; showEvent: boolean }) {
  const title = pick(ui.locale, s.title, s.titleEn);
  const r = s.recording;
  return (
    <article class="archive-item" aria-labelledby={`s-${s.id}`}>
      <h3 class="ds-heading" data-size="xs" id={`s-${s.id}`}>{title}</h3>
      {showEvent && (
        <p class="ds-paragraph" data-size="sm">
          <a class="ds-link" href={`/evenemang/${s.eventSlug}/inspelningar`}>{pick(ui.locale, s.eventTitle, s.eventTitleEn)}</a>
        </p>
      )}
      {s.speakers.length > 0 && <p class="ds-paragraph" data-size="sm">{ui.t("archive.speakers", { names: [...s.speakers, ...s.organisations.map((o) => `(${o})`)].join(", ") })}</p>}
      {s.track && <p class="ds-paragraph" data-size="sm">{ui.t("archive.theme", { track: s.track })}</p>}
      {r?.embedUrl && (
        <div class="archive-player">
          <iframe src={r.embedUrl} title={ui.t("archive.player", { title })} loading="lazy" allow="fullscreen; picture-in-picture" referrerpolicy="strict-origin-when-cross-origin"></iframe>
        </div>
      )}
      {r && (
        <p class="ds-paragraph">
          <a class="ds-link" href={r.url} rel="noopener noreferrer">{ui.t("archive.watch", { provider: PROVIDERS[r.provider] || new URL(r.url).hostname })}</a>
        </p>
      )}
      <CaptionsNote ui={ui} s={s} />
      {s.materials.length > 0 && (
        <ul class="ds-list" aria-label={`${ui.t("archive.materials")}: ${title}`}>
          {s.materials.map((m) => (
            <li><a class="ds-link" href={fileHref(m.fileId, m.filename)} download>{ui.t("archive.download", { title: m.title, type: TYPE_NAMES[m.contentType] ?? m.contentType, size: sizeText(ui, m.size) })}</a></li>
          ))}
        </ul>
      )}
    </article>
  );
}
