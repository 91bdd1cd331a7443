/** The platform admin's pages. */
import { Hono } from "hono";
import { requirePlatformAdmin } from "../../auth/policy.js";
import type { AppEnv } from "../../http/env.js";
import { uiOf, type Ui } from "../../http/ui.js";
import { Layout } from "../../http/views/layout.js";
import { findStoredPersonnummer, REPORT_LIMIT, type Finding } from "../personnummer-report.js";

export const adminRoutes = new Hono<AppEnv>();

adminRoutes.get("/arrangor/admin/personnummer", async (c) => {
  requirePlatformAdmin(c.get("actor"));
  const report = await findStoredPersonnummer(c.get("deps").db);
  return c.html(<PersonnummerReportPage ui={uiOf(c)} findings={report.findings} complete={report.complete} />);
});

function PersonnummerReportPage({ ui, findings, complete }: { ui: Ui; findings: Finding[]; complete: boolean }) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t("admin.pnr.title")} crumbs={[{ href: "/arrangor", label: t("org.title") }, { label: t("admin.pnr.title") }]}>
      <h1 class="ds-heading" data-size="lg">{t("admin.pnr.title")}</h1>
      <p class="ds-paragraph">{t("admin.pnr.lead")}</p>
      {findings.length === 0 ? (
        <p class="ds-paragraph" role="status">{t("admin.pnr.none")}</p>
      ) : (
        <>
          <p class="ds-paragraph" role="status">{t("admin.pnr.count", { count: findings.length })}{complete ? "" : ` ${t("admin.pnr.more", { count: REPORT_LIMIT })}`}</p>
          <div class="table-scroll" role="region" aria-label={t("admin.pnr.title")} tabindex={0}>
            <table class="ds-table" data-zebra="true">
              <thead>
                <tr>
                  <th scope="col">{t("admin.pnr.table")}</th>
                  <th scope="col">{t("admin.pnr.column")}</th>
                  <th scope="col">{t("admin.pnr.row")}</th>
                  <th scope="col">{t("admin.pnr.excerpt")}</th>
                </tr>
              </thead>
              <tbody>
                {findings.map((f) => (
                  <tr>
                    <td>{f.table}</td>
                    <td>{f.column}</td>
                    <td><code>{f.rowId}</code></td>
                    <td>{f.excerpt}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Layout>
  );
}
