/** Organisers' questions: create and remove, with conditions checked against the same event. */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { registrationQuestions } from "../db/schema.js";
import { fieldError, notFound } from "../http/errors.js";
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
