/**
 * Copying an event to next year takes its registration setup along: the settings (mode,
 * waiting list, offer time, cap per organisation, privacy notice), the places on site and
 * remote, and the questions with their options and conditions; every date moves by the
 * same number of days as the event. Nobody's registration is copied.
 */
import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { placePools, registrationQuestions, registrationSettings } from "../db/schema.js";
import type { EditionCopier } from "../events/service.js";

export const copyRegistrationSetup: EditionCopier = async (tx: Db, sourceId: string, copyId: string, shift: (d: Date) => Date) => {
  const [settings] = await tx.select().from(registrationSettings).where(eq(registrationSettings.eventId, sourceId));
  if (settings) {
    const move = (d: Date | null) => (d ? shift(d) : null);
    await tx.insert(registrationSettings).values({ ...settings, eventId: copyId, opensAt: move(settings.opensAt), closesAt: move(settings.closesAt), cancelUntil: move(settings.cancelUntil), updatedAt: new Date() });
  }
  const pools = await tx.select().from(placePools).where(eq(placePools.eventId, sourceId));
  if (pools.length) await tx.insert(placePools).values(pools.map((p) => ({ eventId: copyId, attendance: p.attendance, capacity: p.capacity, taken: 0, waiting: 0 })));
  const questions = await tx.select().from(registrationQuestions).where(eq(registrationQuestions.eventId, sourceId)).orderBy(asc(registrationQuestions.position));
  // New ids, and a condition points at the copy of the question it pointed at.
  const ids = new Map(questions.map((q) => [q.id, randomUUID()]));
  if (questions.length) {
    await tx.insert(registrationQuestions).values(questions.map((q) => ({ ...q, id: ids.get(q.id)!, eventId: copyId, showIfQuestionId: q.showIfQuestionId ? (ids.get(q.showIfQuestionId) ?? null) : null })));
  }
};
