/**
 * A plan as one sheet: one line per plan, focus area, goal, action and milestone, each with
 * its stable id, so the same file is exported, edited in Excel and imported again. The CSV
 * and the XLSX hold exactly the same lines. The columns and words are Swedish in both
 * languages, so a file means the same whoever exports it (README: "The plan file").
 */
import { parse as parseCsvText } from "csv-parse/sync";
import { plainXlsx } from "../shared/plain-xlsx.js";
import { csvText, type Cell } from "../shared/spreadsheet.js";
import type { RollupRule } from "./rollup.js";

export const COLUMNS = ["typ", "id", "förälder", "ref", "år", "titel", "beskrivning", "regel", "manuellt", "vikt", "status", "framsteg", "ägare", "mål", "start", "slut", "kontakt", "e-post", "fortsätter från", "klar den"] as const;
export type Column = (typeof COLUMNS)[number];
export type Line = Partial<Record<Column, string>> & { line: number };

export const KINDS = { plan: "plan", focusArea: "fokusområde", goal: "mål", action: "åtgärd", milestone: "milstolpe" } as const;
export type Kind = keyof typeof KINDS;
const KIND_OF_WORD = new Map<string, Kind>(Object.entries(KINDS).map(([k, w]) => [w, k as Kind]));
export const kindOfWord = (word: string | undefined): Kind | undefined => KIND_OF_WORD.get((word ?? "").trim().toLowerCase());

/** The rules in words; the API's keys (mean, weighted, done, manual) are read too. */
export const RULE_WORDS: Record<RollupRule, string> = { mean: "medel", weighted: "viktat", done: "andel klara", manual: "manuellt" };
const RULE_OF_WORD = new Map<string, RollupRule>(Object.entries(RULE_WORDS).flatMap(([rule, word]) => [[word, rule as RollupRule], [rule, rule as RollupRule]]));
export const ruleOfWord = (word: string | undefined): RollupRule | undefined => RULE_OF_WORD.get((word ?? "").trim().toLowerCase());

/** Lists in a cell (owners, goals) are separated by a vertical bar; a goal may carry its weight after a colon: "id:2". */
export const LIST_SEPARATOR = " | ";
export const splitList = (cell: string | undefined) =>
  (cell ?? "")
    .split("|")
    .map((s) => s.trim())
    .filter(Boolean);

/** A key for a new line that other lines of the same file refer to (e.g. "ny-1"); not an id of ours. */
export const isNewKey = (s: string) => /^[\p{L}\p{N}_\-.]{1,40}$/u.test(s) && !/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(s);

export const MAX_FILE_LINES = 5000;
/** The largest file taken; the whole form must stay under the server's body limit (256 kB). */
export const MAX_PLAN_FILE_BYTES = 200 * 1024;

export function toCells(lines: Line[]): Cell[][] {
  return [[...COLUMNS], ...lines.map((l) => COLUMNS.map((c) => l[c] ?? ""))];
}

export const planCsv = (lines: Line[]) => csvText(toCells(lines));
/** The same lines as a workbook, written directly (src/shared/plain-xlsx.ts: ExcelJS took ten times as long). */
export const planXlsx = async (lines: Line[], sheetName: string) => plainXlsx(sheetName, toCells(lines).map((row) => row.map(String)));

export type ReadResult = { ok: true; lines: Line[] } | { ok: false; problem: "type" | "encoding" | "empty" | "columns" | "too_many" | "broken"; detail?: string };

const isZip = (bytes: Buffer) => bytes.length > 4 && bytes.readUInt32LE(0) === 0x04034b50;

/** The lines of an uploaded plan file: CSV (UTF-8 or Windows-1252, ; , or tab) or XLSX, told apart by their bytes. */
export async function readPlanFile(bytes: Buffer): Promise<ReadResult> {
  let rows: string[][];
  if (isZip(bytes)) {
    const sheet = await xlsxRows(bytes);
    if (!sheet.ok) return sheet;
    rows = sheet.rows;
  } else {
    if (bytes.includes(0)) return { ok: false, problem: "type" };
    const text = decodeText(bytes);
    if (text === null) return { ok: false, problem: "encoding" };
    const parsed = csvRows(text);
    if (!parsed.ok) return parsed;
    rows = parsed.rows;
  }
  return linesOf(rows);
}

/** Reads text posted back by the dry run's confirmation (always the CSV this module wrote). */
export function readPlanText(text: string): ReadResult {
  const parsed = csvRows(text);
  return parsed.ok ? linesOf(parsed.rows) : parsed;
}

function decodeText(bytes: Buffer): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Excel's "CSV (semikolonavgränsad)" is written in Windows-1252.
    const text = new TextDecoder("windows-1252").decode(bytes);
    return /[\u0080-\u009f]/.test(text) ? null : text;
  }
}

function csvRows(text: string): { ok: true; rows: string[][] } | { ok: false; problem: "broken"; detail: string } {
  const first = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const delimiter = [";", "\t", ","].map((d) => ({ d, n: first.split(d).length })).sort((a, b) => b.n - a.n)[0]!.d;
  return parseCsv(text, delimiter);
}

function parseCsv(text: string, delimiter: string): { ok: true; rows: string[][] } | { ok: false; problem: "broken"; detail: string } {
  try {
    const rows = parseCsvText(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, to_line: MAX_FILE_LINES + 2 }) as string[][];
    return { ok: true, rows };
  } catch (err) {
    return { ok: false, problem: "broken", detail: err instanceof Error ? err.message.slice(0, 200) : "" };
  }
}
/** An uploaded workbook unpacks to at most this much (a "zip bomb" is refused before ExcelJS opens it). */
const MAX_UNPACKED_BYTES = 20 * 1024 * 1024;

async function xlsxRows(bytes: Buffer): Promise<{ ok: true; rows: string[][] } | { ok: false; problem: "type" | "too_many" | "broken"; detail?: string }> {
  const unpacked = zipUnpackedSize(bytes);
  if (unpacked === null) return { ok: false, problem: "type" };
  if (unpacked > MAX_UNPACKED_BYTES) return { ok: false, problem: "too_many" };
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { ok: false, problem: "type" };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, problem: "broken" };
  if (sheet.rowCount > MAX_FILE_LINES + 1) return { ok: false, problem: "too_many" };
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let i = 1; i <= Math.min(row.cellCount, COLUMNS.length + 5); i++) cells.push(cellText(row.getCell(i).value));
    rows.push(cells);
  });
  return { ok: true, rows };
}

/** A cell as the text it shows: dates as yyyy-mm-dd (a workbook's dates are wall-clock times written as UTC). */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: string };
    if (v.richText) return v.richText.map((r) => r.text).join("");
    if ("result" in v) return cellText(v.result);
    if (typeof v.text === "string") return v.text;
    return "";
  }
  return String(value);
}

/** The sum of a zip's entries' unpacked sizes from its central directory, or null when it is not a zip. */
function zipUnpackedSize(bytes: Buffer): number | null {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > bytes.length) return null;
  const entries = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return null;
    total += bytes.readUInt32LE(at + 24);
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return total;
}

/** Lines by column name (the heading line names them, in any order); a leading ' that defused a formula is taken off. */
function linesOf(rows: string[][]): ReadResult {
  const [heading, ...body] = rows;
  if (!heading || body.length === 0) return { ok: false, problem: "empty" };
  if (body.length > MAX_FILE_LINES) return { ok: false, problem: "too_many" };
  const names = heading.map((h) => h.trim().toLowerCase());
  const missing = ["typ", "id", "titel"].filter((c) => !names.includes(c));
  const unknown = names.filter((n) => n && !(COLUMNS as readonly string[]).includes(n));
  if (missing.length || unknown.length) return { ok: false, problem: "columns", detail: [...missing, ...unknown].join(", ") };
  const lines = body.map((cells, i) => {
    const line: Line = { line: i + 2 };
    names.forEach((name, j) => {
      const raw = (cells[j] ?? "").trim();
      if (name && raw) line[name as Column] = /^'[=+\-@\t\r]/.test(raw) ? raw.slice(1) : raw;
    });
    return line;
  });
  return { ok: true, lines: lines.filter((l) => Object.keys(l).length > 1) };
}
