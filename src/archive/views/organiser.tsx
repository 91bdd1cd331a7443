/** The organiser's archive page of an event: per session its recording, captions and materials; which recordings lack captions. */
import type { Config } from "../../config.js";
import type { EventWithSpace } from "../../events/repository.js";
import { EventAdminNav } from "../../events/views/event-nav.js";
import { emptyForm, type FormState, type Ui } from "../../http/ui.js";
import { Checkbox, Csrf, ErrorSummary, FileField, scoped, Submit, TextField } from "../../http/views/forms.js";
import { Layout } from "../../http/views/layout.js";
import type { ArchiveSession } from "../repository.js";
import { MAX_CAPTION_BYTES } from "../captions.js";
import { CaptionsNote, sizeText } from "./session.js";

export const maxMaterialBytes = (config: Config) => config.ARCHIVE_MAX_FILE_MB * 1024 * 1024;
export const MATERIAL_ACCEPT = ".pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.doc,.xls,.ppt";

export function ManageArchivePage({ ui, event, sessions, forms, maxBytes }: { ui: Ui; event: EventWithSpace; sessions: ArchiveSession[]; forms: Record<string, FormState>; maxBytes: number }) {
  const base = `/arrangor/evenemang/${event.id}/arkiv`;
  const form = (scope: string, values: Record<string, string> = {}) => scoped(forms[scope] ?? emptyForm(values), scope);
  const lacking = sessions.filter((s) => s.recording?.captions === "none");
  const recorded = sessions.filter((s) => s.recording);
  const hasErrors = Object.values(forms).some((f) => Object.keys(f.errors).length > 0);
  return (
    <Layout ui={ui} title={`${ui.t("archive.manage.title")}: ${event.titleSv}`} hasErrors={hasErrors} crumbs={[{ href: "/arrangor", label: ui.t("org.title") }, { href: `/arrangor/evenemang/${event.id}`, label: event.titleSv }, { label: ui.t("archive.nav") }]}>
      <h1 class="ds-heading" data-size="lg">{`${ui.t("archive.manage.title")}: ${event.titleSv}`}</h1>
      <EventAdminNav ui={ui} event={event} current="archive" />
      {Object.entries(forms).map(([scope, f]) => <ErrorSummary ui={ui} form={scoped(f, scope)} />)}
      <p class="ds-paragraph">{ui.t("archive.manage.lead")}</p>
      {recorded.length > 0 &&
        (lacking.length > 0 ? (
          <div class="ds-alert" data-color="warning">
            <p class="ds-paragraph">{ui.t("archive.manage.lacking", { count: lacking.length })}</p>
            <ul class="ds-list">
              {lacking.map((s) => (
                <li><a class="ds-link" href={`#s-${s.id}`}>{s.title}</a></li>
              ))}
            </ul>
          </div>
        ) : (
          <p class="ds-paragraph">{ui.t("archive.manage.allCaptioned")}</p>
        ))}
      {sessions.map((s) => (
        <section class="archive-item" aria-labelledby={`s-${s.id}`}>
          <h2 class="ds-heading" data-size="sm" id={`s-${s.id}`} tabindex={-1}>{s.title}</h2>
          <form method="post" action={`${base}/${s.id}/inspelning`} class="stack" novalidate>
            <Csrf ui={ui} />
            <TextField form={form(`rec-${s.id}`, { url: s.recording?.url ?? "", platformCaptions: s.recording?.captions === "platform" ? "on" : "" })} name="url" label={ui.t("archive.field.url")} hint={ui.t("archive.field.urlHint")} type="url" maxlength={2000} />
            <Checkbox form={form(`rec-${s.id}`, { platformCaptions: s.recording?.captions === "platform" ? "on" : "" })} name="platformCaptions" label={ui.t("archive.field.platformCaptions")} />
            <Submit variant="secondary">{ui.t("archive.saveRecording")}</Submit>
          </form>
          <CaptionsNote ui={ui} s={s} />
          {s.recording && (
            <form method="post" action={`${base}/${s.id}/textning`} enctype="multipart/form-data" class="stack" novalidate>
              <Csrf ui={ui} />
              <FileField form={form(`vtt-${s.id}`)} name="file" label={ui.t("archive.field.captions")} hint={ui.t("archive.field.captionsHint", { max: MAX_CAPTION_BYTES })} accept=".vtt,text/vtt" />
              <Submit variant="secondary">{ui.t("archive.uploadCaptions")}</Submit>
            </form>
          )}
          {s.materials.length > 0 && (
            <ul class="ds-list">
              {s.materials.map((m) => (
                <li>
                  {m.title} ({m.filename}, {sizeText(ui, m.size)}){" "}
                  <form method="post" action={`${base}/material/${m.id}/ta-bort`} class="inline-form">
                    <Csrf ui={ui} />
                    <button type="submit" class="ds-button" data-variant="tertiary">{ui.t("archive.removeMaterial", { title: m.title })}</button>
                  </form>
                </li>
              ))}
            </ul>
          )}
          <form method="post" action={`${base}/${s.id}/material`} enctype="multipart/form-data" class="stack" novalidate>
            <Csrf ui={ui} />
            <TextField form={form(`mat-${s.id}`)} name="title" label={ui.t("archive.field.title")} required maxlength={200} />
            <FileField form={form(`mat-${s.id}`)} name="file" label={ui.t("archive.field.material")} hint={ui.t("archive.field.materialHint", { max: maxBytes / 1024 / 1024 })} accept={MATERIAL_ACCEPT} />
            <Submit variant="secondary">{ui.t("archive.uploadMaterial")}</Submit>
          </form>
        </section>
      ))}
    </Layout>
  );
}
