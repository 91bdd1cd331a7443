/**
 * Where personnummer are stored already: names, titles, descriptions, answers and mails
 * written before free text refused them (src/shared/personnummer.ts). A report for
 * platform admins, so that the data can be corrected or erased; it shows where, never the
 * number itself.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { looksLikePersonnummer, maskPersonnummer } from "../shared/personnummer.js";

/** Every free-text column that people fill in, by table; jsonb columns are read as their text. */
export const FREE_TEXT_COLUMNS: Record<string, string[]> = {
  people: ["name", "title", "bio"],
  organisations: ["name"],
  spaces: ["name", "description"],
  event_series: ["name"],
  events: ["title_sv", "title_en", "description_sv", "description_en", "venue", "address"],
  program_sessions: ["title_sv", "title_en", "description_sv", "description_en", "room", "track"],
  exhibitors: ["name", "description_sv", "description_en", "booth"],
  registration_questions: ["label_sv", "label_en", "options"],
  registrations: ["answers", "sensitive_answers"],
  invitations: ["name"],
  registration_settings: ["controller", "purpose"],
  api_tokens: ["name"],
  outbox: ["subject", "text_body"],
};

/** The key that names a row: most tables have an id; settings are per event. */
const KEY: Record<string, string> = { registration_settings: "event_id" };

export interface Finding {
  table: string;
  column: string;
  rowId: string;
  /** The text around it with the number's digits hidden. */
  excerpt: string;
}

export const REPORT_LIMIT = 1000;

/** Scans every free-text column; the database picks rows with ten digits in a row or so, the shared rule decides. */
export async function findStoredPersonnummer(db: Db): Promise<{ findings: Finding[]; complete: boolean }> {
  const findings: Finding[] = [];
  for (const [table, columns] of Object.entries(FREE_TEXT_COLUMNS)) {
    for (const column of columns) {
      const key = KEY[table] ?? "id";
      const rows = (await db.execute(
        sql`select ${sql.identifier(key)}::text as id, ${sql.identifier(column)}::text as value from ${sql.identifier(table)} where ${sql.identifier(column)}::text ~ '[0-9]{6}[-+ ]?[0-9]{4}' limit ${REPORT_LIMIT * 2}`,
      )) as unknown as { rows: { id: string; value: string }[] };
      for (const row of rows.rows) {
        if (!looksLikePersonnummer(row.value)) continue;
        findings.push({ table, column, rowId: row.id, excerpt: excerptOf(row.value) });
        if (findings.length >= REPORT_LIMIT) return { findings, complete: false };
      }
    }
  }
  return { findings, complete: true };
}

function excerptOf(text: string): string {
  const masked = maskPersonnummer(text);
  const at = masked.indexOf("•");
  const start = Math.max(0, at - 40);
  return `${start > 0 ? "…" : ""}${masked.slice(start, at + 60)}${at + 60 < masked.length ? "…" : ""}`;
}
