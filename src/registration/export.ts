/** One export for the organiser page and the API: exactly the filtered registrations, as CSV or XLSX. */
import { canSeeSensitive } from "../auth/policy.js";
import type { EventRow } from "../events/repository.js";
import type { Actor, Deps } from "../http/env.js";
import type { Locale, Translate } from "../i18n/messages.js";
import { toCsv, toXlsx } from "./reports.js";
import { firstCheckins } from "../checkin/service.js";
import { listQuestions, listRegistrations, type RegistrationFilter } from "./repository.js";

export interface ExportFile {
  body: string | Uint8Array<ArrayBuffer>;
  contentType: string;
  filename: string;
}

export async function exportRegistrations(
  deps: Deps,
  actor: Actor | null,
  event: EventRow,
  filter: RegistrationFilter,
  format: "csv" | "xlsx",
  t: Translate,
  locale: Locale,
): Promise<ExportFile> {
  const rows = await listRegistrations(deps.db, event.id, filter);
  const options = { t, locale, questions: await listQuestions(deps.db, event.id), includeSensitive: await canSeeSensitive(deps.db, actor, event.spaceId), checkedIn: await firstCheckins(deps.db, rows.map((r) => r.id)) };
  const name = `anmalningar-${event.slug}`;
  return format === "xlsx"
    ? { body: new Uint8Array(await toXlsx(rows, options, event.titleSv)), contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename: `${name}.xlsx` }
    : { body: toCsv(rows, options), contentType: "text/csv; charset=utf-8", filename: `${name}.csv` };
}
