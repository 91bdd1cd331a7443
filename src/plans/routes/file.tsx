/** The organiser's plan file: download as CSV or XLSX; import with a dry run first, then save exactly what was shown. */
import { Hono } from "hono";
import { loadPlanForManage } from "../../auth/policy.js";
import { setFlash } from "../../http/cookies.js";
import type { AppContext, AppEnv } from "../../http/env.js";
import { AppError } from "../../http/errors.js";
import { readForm } from "../../http/forms.js";
import { emptyForm, uiOf } from "../../http/ui.js";
import type { MessageKey, Params } from "../../i18n/messages.js";
import { pick } from "../../i18n/messages.js";
import { notifyFollowers } from "../ideas.js";
import { MAX_PLAN_FILE_BYTES, planCsv, planXlsx, readPlanFile, readPlanText, type Line, type ReadResult } from "../file-format.js";
import { exportLines, importPlanLines, loadPlanState, type Importer } from "../file-transfer.js";
import type { Plan } from "../repository.js";
import { PlanFileCheckPage, PlanFilePage } from "../views/file.js";
import { mailContext } from "./params.js";

export const planFileRoutes = new Hono<AppEnv>();

const managed = (c: AppContext) => loadPlanForManage(c.get("deps").db, c.get("actor"), c.req.param("slug")!);

planFileRoutes.get("/planer/:slug/hantera/fil", async (c) => c.html(<PlanFilePage ui={uiOf(c)} plan={await managed(c)} form={emptyForm()} />));

/** The plan file as a download, for the page and the API. */
export async function planFileResponse(c: AppContext, plan: Plan, format: "csv" | "xlsx"): Promise<Response> {
  const lines = exportLines(await loadPlanState(c.get("deps").db, plan));
  c.header("Content-Disposition", `attachment; filename="${plan.slug}.${format}"`);
  c.header("Cache-Control", "no-store");
  if (format === "csv") return c.body(planCsv(lines), 200, { "Content-Type": "text/csv; charset=utf-8" });
  return c.body(new Uint8Array(await planXlsx(lines, c.get("t")("plans.file.sheet"))), 200, { "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
}

planFileRoutes.get("/planer/:slug/hantera/fil/:file{[a-z0-9-]+\\.(csv|xlsx)}", async (c) => planFileResponse(c, await managed(c), c.req.param("file").endsWith(".xlsx") ? "xlsx" : "csv"));

/** A file that cannot be read at all: the upload form again with the reason at the field. */
function unreadable(c: AppContext, plan: Plan, key: MessageKey, params?: Params) {
  const form = { values: {}, errors: { file: c.get("t")(key, params) } };
  return c.html(<PlanFileCheckPage ui={uiOf(c)} plan={plan} check={{ fileName: "", problems: [{ line: 1, column: null, key, ...(params ? { params } : {}) }], changes: [], unchanged: 0, digest: "", content: "" }} form={form} />, 422);
}

/** Who imports (named in the reports a file makes), and how the actions' followers are told. */
export function importer(c: AppContext, plan: Plan): Importer {
  const actor = c.get("actor")!;
  const { now } = c.get("deps");
  return {
    personId: actor.personId,
    name: actor.name,
    reportComment: c.get("t")("plans.file.reportComment"),
    notify: (tx, action, report) => notifyFollowers(tx, plan, action, { progress: report.progress, status: pick(c.get("locale"), report.status.label, report.status.labelEn), comment: report.comment }, mailContext(c), now()),
  };
}

const readProblem = (r: Exclude<ReadResult, { ok: true }>) => ({ key: `plans.file.error.${r.problem}` as MessageKey, params: { detail: r.detail ?? "" } });

async function showCheck(c: AppContext, plan: Plan, fileName: string, lines: Line[], notice?: string) {
  const result = await importPlanLines(c.get("deps").db, plan, lines, null);
  const check = { fileName, ...result, content: result.problems.length ? "" : planCsv(lines), ...(notice ? { notice } : {}) };
  return c.html(<PlanFileCheckPage ui={uiOf(c)} plan={plan} check={check} form={emptyForm()} />, result.problems.length ? 422 : 200);
}

planFileRoutes.post("/planer/:slug/hantera/fil", async (c) => {
  const plan = await managed(c);
  const file = (await c.req.parseBody())["file"];
  if (typeof file === "string" || !file || file.size === 0) return unreadable(c, plan, "plans.file.error.none");
  if (file.size > MAX_PLAN_FILE_BYTES) return unreadable(c, plan, "plans.file.error.tooLarge", { max: Math.round(MAX_PLAN_FILE_BYTES / 1024) });
  const read = await readPlanFile(Buffer.from(await file.arrayBuffer()));
  if (!read.ok) return unreadable(c, plan, readProblem(read).key, readProblem(read).params);
  return showCheck(c, plan, file.name.slice(0, 200), read.lines);
});

planFileRoutes.post("/planer/:slug/hantera/fil/spara", async (c) => {
  const plan = await managed(c);
  const values = await readForm(c);
  const fileName = (values.fileName ?? "").slice(0, 200);
  const read = readPlanText(values.content ?? "");
  if (!read.ok) return unreadable(c, plan, readProblem(read).key, readProblem(read).params);
  const { db, now } = c.get("deps");
  const t = c.get("t");
  try {
    const result = await importPlanLines(db, plan, read.lines, { digest: values.digest ?? "", by: importer(c, plan), now: now() });
    if (!result.applied) return showCheck(c, plan, fileName, read.lines);
    setFlash(c, t("plans.file.applied", { count: result.changes.length }));
    return c.redirect(`/planer/${plan.slug}/hantera`, 303);
  } catch (err) {
    if (!(err instanceof AppError) || err.status !== 409) throw err;
    const page = await showCheck(c, plan, fileName, read.lines, t("plans.file.stale"));
    return new Response(page.body, { status: 409, headers: page.headers });
  }
});
