/**
 * What organisers see of registrations: totals per municipality and region, catering
 * counts without names, a timeline, and exports (CSV, XLSX) of exactly the filtered list.
 * Health data appears only for those with the right to see it.
 */
import ExcelJS from "exceljs";
import { isoDate } from "../i18n/format.js";
import { capitalise, type Translate, type Locale } from "../i18n/messages.js";
import { countyName } from "../organisations/register.js";
import { cateringCounts, questionLabel, type QuestionForRules } from "./questions.js";
import type { RegistrationListItem } from "./repository.js";

export interface Totals {
  byStatus: Record<string, number>;
  byMunicipality: { code: string; name: string; count: number }[];
  byRegion: { code: string; name: string; count: number }[];
  timeline: { date: string; count: number; cumulative: number }[];
}

const active = (r: RegistrationListItem) => r.status === "confirmed" || r.status === "offered" || r.status === "waitlisted" || r.status === "pending_approval";

export function totals(rows: RegistrationListItem[]): Totals {
  const byStatus: Record<string, number> = {};
  const muni = new Map<string, { code: string; name: string; count: number }>();
  const region = new Map<string, { code: string; name: string; count: number }>();
  const days = new Map<string, number>();
  for (const r of rows) {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    if (!active(r)) continue;
    if (r.municipalityCode) {
      const m = muni.get(r.municipalityCode) ?? { code: r.municipalityCode, name: r.organisationName ?? r.municipalityCode, count: 0 };
      m.count++;
      muni.set(r.municipalityCode, m);
    }
    if (r.countyCode) {
      const g = region.get(r.countyCode) ?? { code: r.countyCode, name: countyName(r.countyCode) ?? r.countyCode, count: 0 };
      g.count++;
      region.set(r.countyCode, g);
    }
    const day = isoDate(r.createdAt);
    days.set(day, (days.get(day) ?? 0) + 1);
  }
  let cumulative = 0;
  const timeline = [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, count]) => ({ date, count, cumulative: (cumulative += count) }));
  const byCount = (a: { count: number; name: string }, b: { count: number; name: string }) => b.count - a.count || a.name.localeCompare(b.name, "sv");
  return { byStatus, byMunicipality: [...muni.values()].sort(byCount), byRegion: [...region.values()].sort(byCount), timeline };
}

export function catering(questions: QuestionForRules[], rows: RegistrationListItem[]) {
  return cateringCounts(questions, rows.filter((r) => r.status === "confirmed"));
}

export interface ExportOptions {
  t: Translate;
  locale: Locale;
  questions: QuestionForRules[];
  includeSensitive: boolean;
}

function table(rows: RegistrationListItem[], o: ExportOptions): string[][] {
  const questions = o.questions.filter((q) => !q.sensitive || o.includeSensitive);
  const header = [
    o.t("field.name"),
    o.t("field.email"),
    o.t("field.organisation"),
    o.t("field.kind"),
    o.locale === "sv" ? "Kommunkod" : "Municipality code",
    o.locale === "sv" ? "Länskod" : "County code",
    o.t("reg.attendance"),
    o.t("reg.status"),
    o.locale === "sv" ? "Plats i kön" : "Queue position",
    o.locale === "sv" ? "Anmäld" : "Registered",
    ...questions.map((q) => questionLabel(q, o.locale)),
  ];
  const queue = rows.filter((r) => r.status === "waitlisted").sort((a, b) => (a.waitlistSeq ?? 0) - (b.waitlistSeq ?? 0));
  const body = rows.map((r) => [
    r.name ?? "",
    r.email ?? "",
    r.organisationName ?? "",
    r.organisationKind ? o.t(`kind.${r.organisationKind}`) : "",
    r.municipalityCode ?? "",
    r.countyCode ?? "",
    o.t(`reg.attendance.${r.attendance}`),
    o.t(`reg.status.${r.status}`),
    r.status === "waitlisted" ? String(queue.indexOf(r) + 1) : "",
    r.createdAt.toISOString(),
    ...questions.map((q) => {
      const a = (q.sensitive ? r.sensitiveAnswers : r.answers)[q.id];
      const values = a === undefined ? [] : Array.isArray(a) ? a : [a];
      return values.map((v) => (q.kind === "yes_no" ? o.t(v === "yes" ? "reg.yes" : "reg.no") : (q.options.find((x) => x.value === v)?.sv ?? v))).join(", ");
    }),
  ]);
  return [header.map(capitalise), ...body];
}

/** Cells that a spreadsheet would run as a formula are prefixed (OWASP CSV injection). */
const defuse = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

/** RFC 4180 CSV with a UTF-8 BOM so Excel reads å, ä, ö correctly; semicolons for Swedish Excel. */
export function toCsv(rows: RegistrationListItem[], o: ExportOptions): string {
  const quote = (cell: string) => `"${defuse(cell).replace(/"/g, '""')}"`;
  return "\uFEFF" + table(rows, o).map((line) => line.map(quote).join(";")).join("\r\n") + "\r\n";
}

export async function toXlsx(rows: RegistrationListItem[], o: ExportOptions, sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Samverka";
  const sheet = workbook.addWorksheet(sheetName.replace(/[\\/?*[\]:]/g, " ").slice(0, 31) || "Anmälningar");
  const data = table(rows, o);
  for (const line of data) sheet.addRow(line.map(defuse));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  sheet.columns.forEach((col) => {
    col.width = 20;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
