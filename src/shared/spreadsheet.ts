/**
 * Lines of cells as the files organisers download, for every module's exports: CSV for
 * Swedish Excel and XLSX workbooks, dates in Stockholm time, formulas defused in both.
 */
import type { Context } from "hono";
import { localStamp, stockholmParts } from "../i18n/format.js";

export type Cell = string | number | Date;

/**
 * A spreadsheet has no time zones: a date cell holds the wall-clock time it shows. So the
 * Stockholm wall-clock time is written as if it were UTC, which is how ExcelJS turns a
 * JavaScript Date into Excel's serial number.
 */
const excelDate = (d: Date) => {
  const p = stockholmParts(d);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute));
};

/** Cells that a spreadsheet would run as a formula are prefixed (OWASP CSV injection). */
const defuse = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

/** RFC 4180 CSV with a UTF-8 BOM so Excel reads å, ä, ö correctly; semicolons for Swedish Excel; dates in Stockholm time. */
export function csvText(lines: Cell[][]): string {
  const quote = (cell: Cell) => `"${defuse(cell instanceof Date ? localStamp(cell) : String(cell)).replace(/"/g, '""')}"`;
  return "\uFEFF" + lines.map((line) => line.map(quote).join(";")).join("\r\n") + "\r\n";
}

/**
 * Sheets of lines of cells as one workbook, for every list an organiser exports: the first
 * line of each sheet is its heading (bold, frozen), dates in Stockholm time, cells a
 * spreadsheet would run as a formula prefixed, as in the CSV.
 */
export async function xlsxWorkbook(sheets: { name: string; lines: Cell[][] }[]): Promise<Buffer> {
  // Loaded when first needed: it takes half a second and some 20 MB that most runs never use.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Samverka";
  for (const { name, lines } of sheets) {
    const sheet = workbook.addWorksheet(name.replace(/[\\/?*[\]:]/g, " ").slice(0, 31) || "Samverka");
    for (const line of lines) sheet.addRow(line.map((cell) => (cell instanceof Date ? excelDate(cell) : typeof cell === "string" ? defuse(cell) : cell)));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: "frozen", ySplit: 1 }];
    sheet.columns.forEach((col, i) => {
      col.width = 20;
      if (lines.slice(1).some((row) => row[i] instanceof Date)) col.numFmt = "yyyy-mm-dd hh:mm";
    });
  }
  // Inline strings: a shared-strings table costs a fifth more time for little saved space in files this size.
  return Buffer.from(await workbook.xlsx.writeBuffer({ useSharedStrings: false }));
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * An organiser's list as a download: CSV (one file, the sheets one after the other with a
 * blank line between) or a workbook, named `<basename>.csv|.xlsx`, never kept by a cache.
 */
export async function spreadsheetDownload(c: Context, basename: string, sheets: { name: string; lines: Cell[][] }[], format: "csv" | "xlsx"): Promise<Response> {
  c.header("Content-Disposition", `attachment; filename="${basename}.${format}"`);
  c.header("Cache-Control", "private, no-store");
  if (format === "csv") return c.body(csvText(sheets.flatMap((sheet, i) => (i === 0 ? sheet.lines : [[], ...sheet.lines]))), 200, { "Content-Type": "text/csv; charset=utf-8" });
  return c.body(new Uint8Array(await xlsxWorkbook(sheets)), 200, { "Content-Type": XLSX_TYPE });
}
