/**
 * What organisers see of registrations: totals per municipality and region, catering
 * counts without names, a timeline, and exports (CSV, XLSX) of exactly the filtered list.
 * Health data appears only for those with the right to see it.
 */
import { capitalise, pick, type Translate, type Locale } from "../i18n/messages.js";
import { csvText, xlsxWorkbook, type Cell } from "../shared/spreadsheet.js";
import { countyName, municipalityName } from "../organisations/register.js";
import { questionLabel, type QuestionForRules } from "./questions.js";
import type { Db } from "../db/client.js";
import { countRegistrationGroups, countSensitiveAnswers, type RegistrationFilter, type RegistrationGroup, type RegistrationListItem } from "./repository.js";

/** Per municipality or region: confirmed, and not yet (on the waiting list, offered, awaiting approval). */
export interface PlaceCount {
  code: string;
  name: string;
  confirmed: number;
  waiting: number;
  /** Both together. */
  count: number;
}

export interface Totals {
  byStatus: Record<string, number>;
  byMunicipality: PlaceCount[];
  byRegion: PlaceCount[];
  timeline: { date: string; count: number; cumulative: number }[];
}

const activeStatuses = new Set<string>(["confirmed", "offered", "waitlisted", "pending_approval"]);

/** Totals from the database's counts (countRegistrationGroups): every status; places, regions and days of active registrations. */
export function totals(groups: RegistrationGroup[]): Totals {
  const byStatus: Record<string, number> = {};
  const muni = new Map<string, PlaceCount>();
  const region = new Map<string, PlaceCount>();
  const days = new Map<string, number>();
  const add = (map: Map<string, PlaceCount>, code: string, name: string, g: RegistrationGroup) => {
    const x = map.get(code) ?? { code, name, confirmed: 0, waiting: 0, count: 0 };
    if (g.status === "confirmed") x.confirmed += g.n;
    else x.waiting += g.n;
    x.count += g.n;
    map.set(code, x);
  };
  for (const g of groups) {
    byStatus[g.status] = (byStatus[g.status] ?? 0) + g.n;
    if (!activeStatuses.has(g.status)) continue;
    if (g.municipalityCode) add(muni, g.municipalityCode, municipalityName(g.municipalityCode) ?? g.municipalityCode, g);
    if (g.countyCode) add(region, g.countyCode, countyName(g.countyCode) ?? g.countyCode, g);
    days.set(g.day, (days.get(g.day) ?? 0) + g.n);
  }
  let cumulative = 0;
  const timeline = [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, count]) => ({ date, count, cumulative: (cumulative += count) }));
  const byCount = (a: PlaceCount, b: PlaceCount) => b.confirmed - a.confirmed || b.count - a.count || a.name.localeCompare(b.name, "sv");
  return { byStatus, byMunicipality: [...muni.values()].sort(byCount), byRegion: [...region.values()].sort(byCount), timeline };
}

export type Catering = ReturnType<typeof catering>;

/**
 * Counts for caterers from the database's counts (countSensitiveAnswers): per health
 * question, of those confirmed on site; a choice per option, a free text as the texts
 * given with how many gave each, never with names.
 */
export function catering(questions: QuestionForRules[], counts: { questionId: string; value: string | null; n: number }[]) {
  return questions
    .filter((q) => q.sensitive)
    .map((q) => {
      const mine = counts.filter((c) => c.questionId === q.id);
      const answered = mine.find((c) => c.value === null)?.n ?? 0;
      const freeText = q.kind === "short_text" || q.kind === "long_text";
      const chose = (value: string) => (freeText ? 0 : (mine.find((c) => c.value === value)?.n ?? 0));
      const texts = freeText ? mine.filter((c) => c.value !== null && c.value !== "").map((c) => ({ text: c.value!, count: c.n })).sort((a, b) => b.count - a.count || a.text.localeCompare(b.text, "sv")) : [];
      return { question: q, answered, options: q.options.map((o) => ({ option: o, count: chose(o.value) })), yes: chose("yes"), no: chose("no"), texts };
    });
}

/** Totals and catering counts of every registration the filter matches (not just one page), counted by the database. */
export async function summarise(db: Db, eventId: string, filter: RegistrationFilter, questions: QuestionForRules[]) {
  const [groups, answers] = await Promise.all([countRegistrationGroups(db, eventId, filter), questions.some((q) => q.sensitive) ? countSensitiveAnswers(db, eventId, filter) : []]);
  const t = totals(groups);
  return { count: Object.values(t.byStatus).reduce((a, b) => a + b, 0), totals: t, catering: catering(questions, answers) };
}

export interface ExportOptions {
  t: Translate;
  locale: Locale;
  questions: QuestionForRules[];
  includeSensitive: boolean;
  /** When each registration was first checked in (attendance on the day). */
  checkedIn?: Map<string, Date>;
}

/** A cell: text, a number, or a moment (written in Stockholm time). */

/** One answer as words: the options' labels in the reader's language, joined. */
export function answerText(q: QuestionForRules, a: string | string[] | undefined, t: Translate, locale: Locale): string {
  const values = a === undefined ? [] : Array.isArray(a) ? a : [a];
  return values.map((v) => (q.kind === "yes_no" ? t(v === "yes" ? "reg.yes" : "reg.no") : (pickOption(q, v, locale) ?? v))).join(", ");
}

const pickOption = (q: QuestionForRules, v: string, locale: Locale) => {
  const o = q.options.find((x) => x.value === v);
  return o ? pick(locale, o.sv, o.en) : undefined;
};

function table(rows: RegistrationListItem[], o: ExportOptions): Cell[][] {
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
    o.t("regadm.checkedIn"),
    ...questions.map((q) => questionLabel(q, o.locale)),
  ];
  const body = rows.map((r) => [
    r.name ?? "",
    r.email ?? "",
    r.organisationName ?? "",
    r.organisationKind ? o.t(`kind.${r.organisationKind}`) : "",
    r.municipalityCode ?? "",
    r.countyCode ?? "",
    o.t(`reg.attendance.${r.attendance}`),
    o.t(`reg.status.${r.status}`),
    r.position === null ? "" : r.position,
    r.createdAt,
    o.checkedIn?.get(r.id) ?? "",
    ...questions.map((q) => answerText(q, (q.sensitive ? r.sensitiveAnswers : r.answers)[q.id], o.t, o.locale)),
  ]);
  return [header.map(capitalise), ...body];
}

/** The registration list as CSV (src/shared/spreadsheet.ts says how). */
export function toCsv(rows: RegistrationListItem[], o: ExportOptions): string {
  return csvText(table(rows, o));
}

export async function toXlsx(rows: RegistrationListItem[], o: ExportOptions, sheetName: string): Promise<Buffer> {
  return xlsxWorkbook([{ name: sheetName || "Anmälningar", lines: table(rows, o) }]);
}

