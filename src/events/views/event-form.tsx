import { eventFormats } from "../../db/schema.js";
import type { FormState, Ui } from "../../http/ui.js";
import { Checkbox, Csrf, Select, Submit, TextArea, TextField } from "../../http/views/forms.js";
import { loadRegister } from "../../organisations/register.js";
import { LIMITS } from "../../shared/fields.js";
import type { Series } from "../repository.js";

/** The event form, used both to create and to edit. */
export function EventFields({ ui, form, series }: { ui: Ui; form: FormState; series: Series[] }) {
  const opt = ` ${ui.t("common.optional")}`;
  return (
    <>
      <TextField form={form} name="title" label={ui.t("field.titleSv")} required maxlength={LIMITS.title} />
      <TextField form={form} name="titleEn" label={ui.t("field.titleEn") + opt} maxlength={LIMITS.title} />
      <TextArea form={form} name="description" label={ui.t("field.descriptionSv") + opt} maxlength={LIMITS.longText} />
      <TextArea form={form} name="descriptionEn" label={ui.t("field.descriptionEn") + opt} maxlength={LIMITS.longText} />
      <fieldset class="ds-fieldset">
        <legend class="ds-label">{ui.t("events.when")}</legend>
        <p class="ds-paragraph field-hint" data-size="sm">{ui.t("org.timesHint")}</p>
        <div class="row">
          <TextField form={form} name="startDate" type="date" label={ui.t("field.startDate")} required width="short" />
          <TextField form={form} name="startTime" type="time" label={ui.t("field.startTime")} required width="short" />
          <TextField form={form} name="endDate" type="date" label={ui.t("field.endDate")} required width="short" />
          <TextField form={form} name="endTime" type="time" label={ui.t("field.endTime")} required width="short" />
        </div>
      </fieldset>
      <TextField form={form} name="venue" label={ui.t("field.venue") + opt} maxlength={LIMITS.shortText} />
      <TextField form={form} name="address" label={ui.t("field.address") + opt} maxlength={LIMITS.shortText} autocomplete="street-address" />
      <Select form={form} name="format" label={ui.t("field.format")} options={eventFormats.map((f) => ({ value: f, label: ui.t(`format.${f}`) }))} />
      <Select
        form={form}
        name="regionCode"
        label={ui.t("field.region") + opt}
        options={[{ value: "", label: "–" }, ...loadRegister().counties.map((c) => ({ value: c.countyCode, label: c.regionName }))]}
      />
      <Select
        form={form}
        name="seriesId"
        label={ui.t("field.series") + opt}
        options={[{ value: "", label: ui.t("org.seriesNone") }, ...series.map((s) => ({ value: s.id, label: s.name }))]}
      />
      <TextField form={form} name="seriesName" label={ui.t("org.seriesNew") + opt} maxlength={LIMITS.name} />
      <TextField form={form} name="slug" label={ui.t("field.slug") + opt} hint={ui.t("org.slugHint")} maxlength={LIMITS.slug} />
    </>
  );
}

export { Checkbox, Csrf, Submit };
