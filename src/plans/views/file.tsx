/** The plan as a file: download it, import a changed one, and the dry run that shows every change and error first. */
import type { FormState, Ui } from "../../http/ui.js";
import { Layout } from "../../http/views/layout.js";
import { Csrf, ErrorSummary, FileField, Submit } from "../../http/views/forms.js";
import { TableScroll } from "../../http/views/table.js";
import type { MessageKey } from "../../i18n/messages.js";
import { KINDS, MAX_PLAN_FILE_BYTES } from "../file-format.js";
import type { Change, Problem } from "../file-check.js";
import type { Plan } from "../repository.js";

const crumbs = (ui: Ui, plan: Plan) => [
  { href: "/planer", label: ui.t("plans.title") },
  { href: `/planer/${plan.slug}`, label: plan.title },
  { href: `/planer/${plan.slug}/hantera`, label: ui.t("plans.manage") },
  { label: ui.t("plans.file.title") },
];

function UploadForm({ ui, plan, form }: { ui: Ui; plan: Plan; form: FormState }) {
  return (
    <form method="post" action={`/planer/${plan.slug}/hantera/fil`} enctype="multipart/form-data" class="stack" novalidate>
      <Csrf ui={ui} />
      <FileField form={form} name="file" label={ui.t("plans.file.field")} hint={ui.t("plans.file.fieldHint", { max: Math.round(MAX_PLAN_FILE_BYTES / 1024) })} accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
      <Submit>{ui.t("plans.file.check")}</Submit>
    </form>
  );
}

export function PlanFilePage({ ui, plan, form }: { ui: Ui; plan: Plan; form: FormState }) {
  const base = `/planer/${plan.slug}/hantera/fil`;
  return (
    <Layout ui={ui} title={`${ui.t("plans.file.title")}: ${plan.title}`} hasErrors={Object.keys(form.errors).length > 0} crumbs={crumbs(ui, plan)}>
      <h1 class="ds-heading" data-size="lg">{ui.t("plans.file.title")}: {plan.title}</h1>
      <ErrorSummary ui={ui} form={form} />
      <p class="ds-paragraph">{ui.t("plans.file.lead")}</p>
      <h2 class="ds-heading" data-size="md">{ui.t("plans.file.download")}</h2>
      <ul class="ds-list">
        <li><a class="ds-link" href={`${base}/${plan.slug}.csv`} download>{ui.t("plans.file.csv")}</a></li>
        <li><a class="ds-link" href={`${base}/${plan.slug}.xlsx`} download>{ui.t("plans.file.xlsx")}</a></li>
      </ul>
      <h2 class="ds-heading" data-size="md">{ui.t("plans.file.upload")}</h2>
      <UploadForm ui={ui} plan={plan} form={form} />
      <h2 class="ds-heading" data-size="md">{ui.t("plans.file.format")}</h2>
      <p class="ds-paragraph">{ui.t("plans.file.formatText")}</p>
    </Layout>
  );
}

export interface CheckView {
  fileName: string;
  problems: Problem[];
  changes: Change[];
  unchanged: number;
  digest: string;
  /** The file's lines as CSV, posted back with the approval. */
  content: string;
  /** Shown above the result (e.g. "the plan has changed since"). */
  notice?: string;
}

export function PlanFileCheckPage({ ui, plan, check, form }: { ui: Ui; plan: Plan; check: CheckView; form: FormState }) {
  const base = `/planer/${plan.slug}/hantera/fil`;
  const title = ui.t("plans.file.result", { name: check.fileName });
  const failed = check.problems.length > 0;
  return (
    <Layout ui={ui} title={title} hasErrors={failed} crumbs={crumbs(ui, plan)}>
      <h1 class="ds-heading" data-size="lg">{title}</h1>
      {check.notice && (
        <div class="ds-alert" data-color="warning" role="alert" tabindex={-1} data-autofocus>
          <p class="ds-paragraph">{check.notice}</p>
        </div>
      )}
      {failed ? (
        <>
          <div class="ds-error-summary" role="alert" tabindex={-1} data-autofocus aria-labelledby="file-problems">
            <h2 class="ds-heading" data-size="xs" id="file-problems">{ui.t("plans.file.problems", { count: check.problems.length })}</h2>
            <p class="ds-paragraph">{ui.t("plans.file.problemsLead")}</p>
          </div>
          <TableScroll label={ui.t("plans.file.problems", { count: check.problems.length })}>
            <table class="ds-table" data-zebra="true">
              <thead>
                <tr>
                  <th scope="col">{ui.t("plans.file.line")}</th>
                  <th scope="col">{ui.t("plans.file.column")}</th>
                  <th scope="col">{ui.t("plans.file.message")}</th>
                </tr>
              </thead>
              <tbody>
                {check.problems.map((p) => (
                  <tr>
                    <td>{p.line}</td>
                    <td>{p.column ?? ""}</td>
                    <td>{ui.t(p.key, p.params)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <h2 class="ds-heading" data-size="md">{ui.t("plans.file.upload")}</h2>
          <UploadForm ui={ui} plan={plan} form={form} />
        </>
      ) : (
        <>
          <h2 class="ds-heading" data-size="md">{check.changes.length ? ui.t("plans.file.changes", { count: check.changes.length }) : ui.t("plans.file.noChanges")}</h2>
          {check.unchanged > 0 && <p class="ds-paragraph">{ui.t("plans.file.unchanged", { count: check.unchanged })}</p>}
          {check.changes.length > 0 && (
            <TableScroll label={ui.t("plans.file.changes", { count: check.changes.length })}>
              <table class="ds-table" data-zebra="true">
                <thead>
                  <tr>
                    <th scope="col">{ui.t("plans.file.line")}</th>
                    <th scope="col">{ui.t("plans.file.change")}</th>
                  </tr>
                </thead>
                <tbody>
                  {check.changes.map((c) => (
                    <tr>
                      <td>{c.line}</td>
                      <td>
                        <strong>{ui.t(`plans.file.op.${c.op}` as MessageKey)}</strong> ({KINDS[c.kind]}): {c.label}
                        {c.fields.length > 0 && (
                          <ul class="ds-list">
                            {c.fields.map((f) => (
                              <li>{ui.t("plans.file.fromTo", { column: f.column, from: f.from, to: f.to })}</li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          <form method="post" action={`${base}/spara`} enctype="multipart/form-data" class="stack" novalidate>
            <Csrf ui={ui} />
            <input type="hidden" name="content" value={check.content} />
            <input type="hidden" name="digest" value={check.digest} />
            <input type="hidden" name="fileName" value={check.fileName} />
            {check.changes.length > 0 && <Submit>{ui.t("plans.file.apply")}</Submit>}
            <a class="ds-link" href={base}>{ui.t("plans.file.cancel")}</a>
          </form>
        </>
      )}
    </Layout>
  );
}
