/**
 * Every text of the application, put together from the shared texts here and each
 * module's own (`src/<module>/texts/sv.ts` and `en.ts`). A new module adds its two files
 * to the lists below; a key defined twice is refused by a test (texts.test.ts).
 */
import { en as adminEn } from "../admin/texts/en.js";
import { en as archiveEn } from "../archive/texts/en.js";
import { en as surveysEn } from "../surveys/texts/en.js";
import { en as networksEn } from "../networks/texts/en.js";
import { sv as networksSv } from "../networks/texts/sv.js";
import { en as prizesEn } from "../prizes/texts/en.js";
import { sv as prizesSv } from "../prizes/texts/sv.js";
import { sv as surveysSv } from "../surveys/texts/sv.js";
import { sv as archiveSv } from "../archive/texts/sv.js";
import { sv as adminSv } from "../admin/texts/sv.js";
import { en as authEn } from "../auth/texts/en.js";
import { sv as authSv } from "../auth/texts/sv.js";
import { en as checkinEn } from "../checkin/texts/en.js";
import { sv as checkinSv } from "../checkin/texts/sv.js";
import { en as eventsEn } from "../events/texts/en.js";
import { sv as eventsSv } from "../events/texts/sv.js";
import { en as liveEn } from "../live/texts/en.js";
import { sv as liveSv } from "../live/texts/sv.js";
import { en as plansEn } from "../plans/texts/en.js";
import { sv as plansSv } from "../plans/texts/sv.js";
import { en as organisationsEn } from "../organisations/texts/en.js";
import { sv as organisationsSv } from "../organisations/texts/sv.js";
import { en as peopleEn } from "../people/texts/en.js";
import { sv as peopleSv } from "../people/texts/sv.js";
import { en as registrationEn } from "../registration/texts/en.js";
import { sv as registrationSv } from "../registration/texts/sv.js";
import { en as remoteEn } from "../remote/texts/en.js";
import { sv as remoteSv } from "../remote/texts/sv.js";
import { en as sessionsEn } from "../sessions/texts/en.js";
import { sv as sessionsSv } from "../sessions/texts/sv.js";
import { en as sharedEn } from "./en.js";
import { sv as sharedSv } from "./sv.js";

/** Each part's Swedish and English texts, by where they live (for the duplicate check). */
export const textParts = {
  shared: { sv: sharedSv, en: sharedEn },
  admin: { sv: adminSv, en: adminEn },
  auth: { sv: authSv, en: authEn },
  checkin: { sv: checkinSv, en: checkinEn },
  events: { sv: eventsSv, en: eventsEn },
  organisations: { sv: organisationsSv, en: organisationsEn },
  people: { sv: peopleSv, en: peopleEn },
  registration: { sv: registrationSv, en: registrationEn },
  sessions: { sv: sessionsSv, en: sessionsEn },
  remote: { sv: remoteSv, en: remoteEn },
  live: { sv: liveSv, en: liveEn },
  plans: { sv: plansSv, en: plansEn },
  archive: { sv: archiveSv, en: archiveEn },
  surveys: { sv: surveysSv, en: surveysEn },
  networks: { sv: networksSv, en: networksEn },
  prizes: { sv: prizesSv, en: prizesEn },
} as const;

export const svTexts = { ...sharedSv, ...adminSv, ...authSv, ...checkinSv, ...eventsSv, ...organisationsSv, ...peopleSv, ...registrationSv, ...sessionsSv, ...remoteSv, ...liveSv, ...plansSv, ...archiveSv, ...surveysSv, ...networksSv, ...prizesSv } as const;
export type MessageKey = keyof typeof svTexts;
export const enTexts: Record<MessageKey, string> = { ...sharedEn, ...adminEn, ...authEn, ...checkinEn, ...eventsEn, ...organisationsEn, ...peopleEn, ...registrationEn, ...sessionsEn, ...remoteEn, ...liveEn, ...plansEn, ...archiveEn, ...surveysEn, ...networksEn, ...prizesEn };
