/** A node's figure with the rule it is computed by, written out beside it so anyone can check it. */
import type { Ui } from "../../http/ui.js";
import type { MessageKey } from "../../i18n/messages.js";
import { shownPercent, type Rollup } from "../rollup.js";

export function ruleText(ui: Ui, r: Rollup): string {
  const parts = [ui.t(`plans.rule.explain.${r.rule}` as MessageKey, { n: r.counted })];
  if (r.rule !== "manual" && r.unreported > 0) parts.push(ui.t("plans.rule.unreported", { n: r.unreported }));
  if (r.rule !== "manual" && r.excluded > 0) parts.push(ui.t("plans.rule.excluded", { n: r.excluded }));
  return parts.join(" ");
}

export const percentText = (ui: Ui, p: number | null) => (p === null ? ui.t("plans.rule.noFigure") : ui.t("plans.progress", { p: shownPercent(p)! }));

export function Figure({ ui, r, title, size }: { ui: Ui; r: Rollup; title: string; size?: "lg" }) {
  const p = shownPercent(r.progress);
  return (
    <div class="plan-figure" data-size={size}>
      <span class="plan-figure-value">{percentText(ui, r.progress)}</span>
      {p !== null && <progress max={100} value={p} aria-label={ui.t("plans.progressLabel", { title, p })}></progress>}
      <span class="plan-rule">{ruleText(ui, r)}</span>
    </div>
  );
}

/** An action's own figure (its latest report), as a bar and a number. */
export function ActionProgress({ ui, progress, title }: { ui: Ui; progress: number | null; title: string }) {
  return (
    <span class="plan-action-progress">
      {progress !== null && <progress max={100} value={progress} aria-label={ui.t("plans.progressLabel", { title, p: progress })}></progress>}
      <span>{percentText(ui, progress)}</span>
    </span>
  );
}
