/** Organisers' questions: create, change, reorder and remove, with conditions checked against the same event. */
import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { registrationQuestions, registrations } from "../db/schema.js";
import { fieldError, notFound } from "../http/errors.js";
import type { Question } from "./repository.js";
import type { QuestionInput } from "./schemas.js";

export async function createQuestion(db: Db, eventId: string, q: QuestionInput): Promise<string> {
  const choice = q.kind === "single_choice" || q.kind === "multiple_choice";
  if (choice && q.options.length < 2) throw fieldError("options", "reg.error.options_min");
  if (new Set(q.options.map((o) => o.value)).size !== q.options.length) throw fieldError("options", "validation.invalid");
  if (q.showIfQuestionId) {
    const [parent] = await db.select().from(registrationQuestions).where(and(eq(registrationQuestions.id, q.showIfQuestionId), eq(registrationQuestions.eventId, eventId)));
    if (!parent || !q.showIfValue) throw fieldError("showIfQuestionId", "validation.invalid");
  }
  const id = randomUUID();
  await db.insert(registrationQuestions).values({
    id,
    eventId,
    position: q.position,
    kind: q.kind,
    labelSv: q.label,
    labelEn: q.labelEn,
    options: choice ? q.options.map((o) => ({ value: o.value, sv: o.sv, en: o.en ?? null })) : [],
    required: q.required,
    sensitive: q.sensitive,
    showIfQuestionId: q.showIfQuestionId,
    showIfValue: q.showIfValue,
  });
  return id;
}

export async function deleteQuestion(db: Db, eventId: string, questionId: string): Promise<void> {
  const rows = await db.delete(registrationQuestions).where(and(eq(registrationQuestions.id, questionId), eq(registrationQuestions.eventId, eventId))).returning({ id: registrationQuestions.id });
  if (rows.length === 0) throw notFound();
}

/**
 * What may change after a question is made: its wording, its options, whether it must be
 * answered and whether it is health data. Its kind stays, and so do the values of the
 * options it keeps, so the answers already given keep their meaning.
 */
export interface QuestionChange {
  label: string;
  labelEn: string | null;
  /**
   * Choice questions only: the options in order. One with a `value` is that existing
   * option, reworded; one without is new. An option left out is removed, unless someone
   * chose it or another question is shown only for it.
   */
  options: { value?: string | undefined; sv: string; en?: string | null | undefined }[];
  required: boolean;
  sensitive: boolean;
  /** A new place in the form (positions sort the questions). */
  position: number;
}

/**
 * Changes what `change` names and keeps the rest, reading the question under a row lock,
 * so two organisers saving at once never mix their versions. Returns the question as saved.
 */
export async function updateQuestion(db: Db, eventId: string, questionId: string, change: Partial<QuestionChange>): Promise<Question> {
  return db.transaction(async (tx) => {
    const [q] = await tx.select().from(registrationQuestions).where(and(eq(registrationQuestions.id, questionId), eq(registrationQuestions.eventId, eventId))).for("update");
    if (!q) throw notFound();
    const choice = q.kind === "single_choice" || q.kind === "multiple_choice";
    const options = choice && change.options ? await changedOptions(tx, q, change.options) : q.options;
    const sensitive = change.sensitive ?? q.sensitive;
    if (sensitive !== q.sensitive) await moveAnswers(tx, q, sensitive);
    const [saved] = await tx
      .update(registrationQuestions)
      .set({
        labelSv: change.label ?? q.labelSv,
        labelEn: change.labelEn === undefined ? q.labelEn : change.labelEn,
        options,
        required: change.required ?? q.required,
        sensitive,
        position: change.position ?? q.position,
      })
      .where(eq(registrationQuestions.id, q.id))
      .returning();
    return saved!;
  });
}

async function changedOptions(tx: Db, q: Question, wanted: QuestionChange["options"]): Promise<Question["options"]> {
  if (wanted.length < 2) throw fieldError("options", "reg.error.options_min");
  const byValue = new Map(q.options.map((o) => [o.value, o]));
  if (wanted.some((o) => o.value !== undefined && !byValue.has(o.value))) throw fieldError("options", "validation.invalid");
  if (new Set(wanted.map((o) => o.sv)).size !== wanted.length) throw fieldError("options", "reg.error.options_twice");
  const used = new Set(q.options.map((o) => o.value));
  let n = q.options.length;
  const fresh = () => {
    while (used.has(`o${++n}`));
    used.add(`o${n}`);
    return `o${n}`;
  };
  const options = wanted.map((o) => {
    const old = o.value === undefined ? undefined : byValue.get(o.value);
    return { value: old?.value ?? fresh(), sv: o.sv, en: o.en === undefined ? (old?.en ?? null) : o.en };
  });
  if (new Set(options.map((o) => o.value)).size !== options.length) throw fieldError("options", "validation.invalid");
  for (const gone of q.options.filter((o) => !options.some((k) => k.value === o.value))) {
    if (await optionInUse(tx, q, gone.value)) throw fieldError("options", "reg.error.option_in_use", { option: gone.sv });
  }
  return options;
}

/** Whether someone chose the option, or another question is shown only for it. */
async function optionInUse(tx: Db, q: Question, value: string): Promise<boolean> {
  const [condition] = await tx
    .select({ id: registrationQuestions.id })
    .from(registrationQuestions)
    .where(and(eq(registrationQuestions.showIfQuestionId, q.id), eq(registrationQuestions.showIfValue, value)))
    .limit(1);
  if (condition) return true;
  // A JSON array contains a string it holds, and a string contains itself: one test for both kinds.
  const column = q.sensitive ? registrations.sensitiveAnswers : registrations.answers;
  const [chosen] = await tx
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.eventId, q.eventId), sql`(${column} -> ${q.id}::text) @> to_jsonb(${value}::text)`))
    .limit(1);
  return Boolean(chosen);
}

/** Health data is kept apart: when a question becomes (or stops being) health data, its answers move. */
async function moveAnswers(tx: Db, q: Question, toSensitive: boolean): Promise<void> {
  const [from, to] = toSensitive ? ["answers", "sensitive_answers"] : ["sensitive_answers", "answers"];
  await tx.execute(
    sql`update registrations set ${sql.raw(to!)} = ${sql.raw(to!)} || jsonb_build_object(${q.id}::text, ${sql.raw(from!)} -> ${q.id}::text), ${sql.raw(from!)} = ${sql.raw(from!)} - ${q.id}::text where event_id = ${q.eventId} and ${sql.raw(from!)} -> ${q.id}::text is not null`,
  );
}

/** Moves a question one place up (-1) or down (+1) in the form; at either end nothing moves. */
export async function moveQuestion(db: Db, eventId: string, questionId: string, step: -1 | 1): Promise<void> {
  await db.transaction(async (tx) => {
    const all = await tx
      .select({ id: registrationQuestions.id })
      .from(registrationQuestions)
      .where(eq(registrationQuestions.eventId, eventId))
      .orderBy(asc(registrationQuestions.position), asc(registrationQuestions.id))
      .for("update");
    const i = all.findIndex((q) => q.id === questionId);
    if (i < 0) throw notFound();
    const j = i + step;
    if (j < 0 || j >= all.length) return;
    [all[i], all[j]] = [all[j]!, all[i]!];
    // Positions are written afresh as 1…n, so questions made with equal positions get an order too.
    for (const [k, q] of all.entries()) await tx.update(registrationQuestions).set({ position: k + 1 }).where(eq(registrationQuestions.id, q.id));
  });
}
