/** The public archive: search across years and regions, and one event's recordings. */
import type { FormState, Ui } from "../../http/ui.js";
import { Layout } from "../../http/views/layout.js";
import { Select, Submit, TextField } from "../../http/views/forms.js";
import { pick } from "../../i18n/messages.js";
import type { ArchiveSession } from "../repository.js";
import { ArchiveItem } from "./session.js";

export function ArchiveSearchPage({ ui, form, results, years, regions }: { ui: Ui; form: FormState; results: ArchiveSession[]; years: number[]; regions: { code: string; name: string }[] }) {
  return (
    <Layout ui={ui} title={ui.t("archive.title")} crumbs={[{ label: ui.t("archive.title") }]}>
      <h1 class="ds-heading" data-size="lg">{ui.t("archive.title")}</h1>
      <p class="ds-paragraph">{ui.t("archive.lead")}</p>
      <form method="get" action="/arkiv" class="stack" role="search" aria-label={ui.t("archive.search")}>
        <TextField form={form} name="q" label={ui.t("archive.field.q")} maxlength={100} type="search" />
        <Select form={form} name="ar" label={ui.t("archive.field.year")} options={[{ value: "", label: ui.t("archive.anyYear") }, ...years.map((y) => ({ value: String(y), label: String(y) }))]} />
        <Select form={form} name="lan" label={ui.t("archive.field.region")} options={[{ value: "", label: ui.t("archive.anyRegion") }, ...regions.map((r) => ({ value: r.code, label: r.name }))]} />
        <Submit>{ui.t("archive.doSearch")}</Submit>
      </form>
      <h2 class="ds-heading" data-size="md" id="archive-results">{ui.t("archive.results", { count: results.length })}</h2>
      {results.length === 0 ? <p class="ds-paragraph">{ui.t("archive.none")}</p> : results.map((s) => <ArchiveItem ui={ui} s={s} showEvent />)}
    </Layout>
  );
}

export function EventArchivePage({ ui, event, sessions }: { ui: Ui; event: { slug: string; titleSv: string; titleEn: string | null }; sessions: ArchiveSession[] }) {
  const title = ui.t("archive.eventTitle", { event: pick(ui.locale, event.titleSv, event.titleEn) });
  return (
    <Layout ui={ui} title={title} crumbs={[{ href: "/arkiv", label: ui.t("archive.title") }, { href: `/evenemang/${event.slug}`, label: pick(ui.locale, event.titleSv, event.titleEn) }, { label: ui.t("archive.nav") }]}>
      <h1 class="ds-heading" data-size="lg">{title}</h1>
      {sessions.length === 0 ? <p class="ds-paragraph">{ui.t("archive.noneEvent")}</p> : sessions.map((s) => <ArchiveItem ui={ui} s={s} showEvent={false} />)}
    </Layout>
  );
}

/** The accessibility statement's part on recorded media: how many recordings lack captions, and which, as they are now. */
export function CaptionsStatement({ ui, report }: { ui: Ui; report: { total: number; lacking: { title: string; eventTitle: string; eventSlug: string }[] } }) {
  return (
    <section class="stack" aria-labelledby="a11y-captions">
      <h2 class="ds-heading" data-size="md" id="a11y-captions">{ui.t("archive.a11y.heading")}</h2>
      {report.total === 0 ? (
        <p class="ds-paragraph">{ui.t("archive.a11y.none")}</p>
      ) : report.lacking.length === 0 ? (
        <p class="ds-paragraph">{ui.t("archive.a11y.all", { total: report.total })}</p>
      ) : (
        <>
          <p class="ds-paragraph">{ui.t("archive.a11y.some", { lacking: report.lacking.length, total: report.total })}</p>
          <ul class="ds-list">
            {report.lacking.map((l) => (
              <li><a class="ds-link" href={`/evenemang/${l.eventSlug}/inspelningar`}>{l.eventTitle}</a>: {l.title}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
