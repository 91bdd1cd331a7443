/** A plan's figures for other sites (iframe) and for the big screen at the next conference. */
import type { Ui } from "../../http/ui.js";
import { Layout } from "../../http/views/layout.js";
import type { Figures, PlanTree } from "../progress.js";
import type { Plan } from "../repository.js";
import { percentText } from "./figure.js";
import { PlanSummary, SinceSection, type SinceView } from "./public.js";

/** Without the site's header and menus: it lives inside another site's page. Links open Samverka in a new tab. */
export function EmbedPage({ ui, plan, tree, figures }: { ui: Ui; plan: Plan; tree: PlanTree; figures: Figures }) {
  return (
    <html lang={ui.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{plan.title}</title>
        <link rel="stylesheet" href="/assets/ds.css" />
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body class="plan-embed">
        <main id="main" class="container">
          <h1 class="ds-heading" data-size="md">{plan.title}</h1>
          <p class="ds-paragraph">{ui.t("plans.period", { from: plan.periodStart, to: plan.periodEnd })}</p>
          <PlanSummary ui={ui} plan={plan} tree={tree} figures={figures} />
          <p class="ds-paragraph" data-size="sm">{ui.t("plans.rule.missingIsZero")}</p>
          <p class="ds-paragraph">
            <a class="ds-link" href={`/planer/${plan.slug}`} target="_blank" rel="noopener">{ui.t("plans.publicPage")}</a>
          </p>
        </main>
      </body>
    </html>
  );
}

export function ScreenPage({ ui, plan, tree, figures, since }: { ui: Ui; plan: Plan; tree: PlanTree; figures: Figures; since: SinceView | null }) {
  return (
    <Layout ui={ui} title={ui.t("plans.screenTitle", { title: plan.title })}>
      <div class="plan-screen">
        <h1 class="ds-heading" data-size="lg">{ui.t("plans.screenTitle", { title: plan.title })}</h1>
        {since ? <SinceSection ui={ui} slug={plan.slug} tree={tree} since={since} figures={figures} /> : <p class="ds-paragraph">{percentText(ui, figures.plan.progress)}</p>}
        <PlanSummary ui={ui} plan={plan} tree={tree} figures={figures} />
      </div>
    </Layout>
  );
}
