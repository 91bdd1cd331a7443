/** The page that offers an event's name badges: which sheet, with or without the ticket's QR. */
import type { Ui } from "../../http/ui.js";
import { Checkbox, Select } from "../../http/views/forms.js";
import { Layout } from "../../http/views/layout.js";
import type { EventWithSpace } from "../../events/repository.js";
import { EventAdminNav } from "../../events/views/event-nav.js";
import { badgeLayouts } from "../pdf.js";

export function BadgesPage({ ui, event, count }: { ui: Ui; event: EventWithSpace; count: number }) {
  const form = { values: { layout: "a4-10", qr: "on" }, errors: {}, id: "badges" };
  return (
    <Layout ui={ui} title={`${ui.t("badges.title")}: ${event.titleSv}`} crumbs={[{ href: "/arrangor", label: ui.t("org.title") }, { href: `/arrangor/evenemang/${event.id}`, label: event.titleSv }, { label: ui.t("badges.title") }]}>
      <h1 class="ds-heading" data-size="lg">{`${ui.t("badges.title")}: ${event.titleSv}`}</h1>
      <EventAdminNav ui={ui} event={event} current="badges" />
      <p class="ds-paragraph">{ui.t("badges.lead")}</p>
      <p class="ds-paragraph"><strong>{ui.t("badges.count", { count })}</strong></p>
      {/* A GET form: the PDF opens or downloads as the browser chooses, with or without scripts. */}
      <form method="get" action={`/arrangor/evenemang/${event.id}/namnbrickor.pdf`} class="stack">
        <Select form={form} name="layout" label={ui.t("badges.layout")} options={badgeLayouts.map((l) => ({ value: l, label: ui.t(`badges.layout.${l}`) }))} />
        <Checkbox form={form} name="qr" label={ui.t("badges.withQr")} />
        <button type="submit" class="ds-button" data-variant="primary">{ui.t("badges.download")}</button>
      </form>
    </Layout>
  );
}
