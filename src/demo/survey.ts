/** Demo content of the evaluation: last year's conference's survey, sent and answered by a dozen fictional participants. */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { surveyInvitations } from "../surveys/schema.js";
import { addQuestion, questionsOf, saveSurvey, submitResponse, surveyOfEvent } from "../surveys/service.js";

const ANSWERS: [number, string, string | null][] = [
  [5, "Från idé till handling", "Mer tid för frågor till panelen."],
  [4, "Digital strategi i länets kommuner", null],
  [4, "Från idé till handling", "Bra att idéerna följs upp i handlingsplanen."],
  [3, "E-tjänstesamverkan", "Ljudet i Sal A var svagt."],
  [5, "Att leda digital transformation", null],
  [4, "Från idé till handling", "Fler exempel från de minsta kommunerna."],
  [2, "E-tjänstesamverkan", "Svårt att följa på distans."],
  [4, "Digital strategi i länets kommuner", null],
  [5, "Att leda digital transformation", "Inspirerande föreläsning."],
  [4, "Från idé till handling", null],
  [3, "Digital strategi i länets kommuner", "Längre lunch."],
  [4, "Att leda digital transformation", null],
];

export async function seedSurvey(db: Db, eventId: string, eventTitle: string, today: string): Promise<void> {
  await saveSurvey(db, eventId, { title: `Vad tyckte du om ${eventTitle}?`, intro: "Det tar två minuter. Svaren hjälper oss att göra nästa konferens bättre.", minGroup: 5 });
  const survey = (await surveyOfEvent(db, eventId))!;
  await addQuestion(db, survey.id, { kind: "rating", text: "Hur nöjd är du med dagen som helhet?", options: [], required: true });
  await addQuestion(db, survey.id, { kind: "choice", text: "Vilket pass gav dig mest?", options: ["Att leda digital transformation", "Digital strategi i länets kommuner", "E-tjänstesamverkan", "Från idé till handling"], required: false });
  await addQuestion(db, survey.id, { kind: "text", text: "Vad ska vi göra bättre nästa gång?", options: [], required: false });
  const [rating, choice, text] = await questionsOf(db, survey.id);
  for (const [r, c, t] of ANSWERS) {
    // As if each had answered through their own link (the demo's participants are not real people).
    const id = randomUUID();
    await db.insert(surveyInvitations).values({ id, surveyId: survey.id });
    await submitResponse(db, id, survey.id, [
      { questionId: rating!.id, rating: r, choice: null, text: null },
      { questionId: choice!.id, rating: null, choice: c, text: null },
      { questionId: text!.id, rating: null, choice: null, text: t },
    ], today);
  }
  await db.execute(sql`update surveys set sent_at = now() where id = ${survey.id}`);
}
