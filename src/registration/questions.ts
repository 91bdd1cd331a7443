/**
 * Organiser-defined questions: which are shown (a question may depend on another's
 * answer), and whether the answers are valid. Plain functions over plain data.
 * Sensitive answers (health data) are kept apart so they can be restricted and purged.
 */
import type { QuestionKind, QuestionOption } from "../db/schema.js";
import { validationFailed, type FieldError } from "../http/errors.js";
import { pick, type Locale } from "../i18n/messages.js";
import { looksLikePersonnummer } from "../shared/personnummer.js";

export interface QuestionForRules {
  id: string;
  kind: QuestionKind;
  labelSv: string;
  labelEn: string | null;
  options: QuestionOption[];
  required: boolean;
  sensitive: boolean;
  showIfQuestionId: string | null;
  showIfValue: string | null;
}

export type Answer = string | string[];
export type Answers = Record<string, Answer>;

export const ANSWER_LIMITS: Record<QuestionKind, number> = {
  short_text: 200,
  long_text: 2000,
  single_choice: 100,
  multiple_choice: 100,
  yes_no: 3,
};

const asList = (a: Answer | undefined): string[] => (a === undefined ? [] : Array.isArray(a) ? a : [a]);

/** A question is shown when it has no condition, or its condition's answer includes the value. */
export function isVisible(q: QuestionForRules, answers: Answers, all: QuestionForRules[]): boolean {
  if (!q.showIfQuestionId) return true;
  const parent = all.find((x) => x.id === q.showIfQuestionId);
  if (!parent || !isVisible(parent, answers, all)) return false;
  return asList(answers[parent.id]).includes(q.showIfValue ?? "");
}

export function questionLabel(q: QuestionForRules, locale: Locale) {
  return pick(locale, q.labelSv, q.labelEn);
}

/**
 * Checks raw answers (from a form or JSON) against the questions. Returns the answers to
 * keep, split into ordinary and sensitive; unknown and hidden questions are dropped.
 */
export function validateAnswers(questions: QuestionForRules[], raw: Record<string, unknown>, locale: Locale): { answers: Answers; sensitiveAnswers: Answers } {
  const errors: FieldError[] = [];
  const clean: Answers = {};
  for (const q of questions) {
    const value = raw[q.id];
    const field = `answers.${q.id}`;
    const question = questionLabel(q, locale);
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)) continue;
    const options = q.options.map((o) => o.value);
    if (q.kind === "multiple_choice") {
      const list = Array.isArray(value) ? value : [value];
      if (list.length > 50 || !list.every((v) => typeof v === "string" && options.includes(v))) {
        errors.push({ field, key: "reg.error.answer", params: { question } });
        continue;
      }
      clean[q.id] = [...new Set(list as string[])];
      continue;
    }
    if (typeof value !== "string") {
      errors.push({ field, key: "reg.error.answer", params: { question } });
      continue;
    }
    const text = value.trim();
    if ((q.kind === "single_choice" && !options.includes(text)) || (q.kind === "yes_no" && text !== "yes" && text !== "no")) {
      errors.push({ field, key: "reg.error.answer", params: { question } });
      continue;
    }
    if (text.length > ANSWER_LIMITS[q.kind]) {
      errors.push({ field, key: "validation.too_long", params: { max: ANSWER_LIMITS[q.kind], field: question } });
      continue;
    }
    if ((q.kind === "short_text" || q.kind === "long_text") && looksLikePersonnummer(text)) {
      errors.push({ field, key: "reg.error.personnummer" });
      continue;
    }
    if (text) clean[q.id] = text;
  }
  const answers: Answers = {};
  const sensitiveAnswers: Answers = {};
  for (const q of questions) {
    if (!isVisible(q, clean, questions)) continue;
    const a = clean[q.id];
    if (a === undefined) {
      if (q.required && !errors.some((e) => e.field === `answers.${q.id}`)) {
        errors.push({ field: `answers.${q.id}`, key: "reg.error.answer_required", params: { question: questionLabel(q, locale) } });
      }
      continue;
    }
    (q.sensitive ? sensitiveAnswers : answers)[q.id] = a;
  }
  if (errors.length) throw validationFailed(errors);
  return { answers, sensitiveAnswers };
}

/**
 * The required questions a registration has not answered (among those shown to it): a
 * delegate registered by a contact answers on their own page, and the organiser and the
 * contact see who has not yet.
 */
export function missingRequired(questions: QuestionForRules[], r: { answers: Answers; sensitiveAnswers: Answers }): QuestionForRules[] {
  const all: Answers = { ...r.answers, ...r.sensitiveAnswers };
  return questions.filter((q) => q.required && isVisible(q, all, questions) && asList(all[q.id]).length === 0);
}
