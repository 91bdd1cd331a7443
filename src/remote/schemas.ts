/** What an organiser may enter for remote links (forms and API alike). */
import { z } from "@hono/zod-openapi";
import { LIMITS, checkbox, formWholeNumber, optionalText, optionalUrl } from "../shared/fields.js";

const clean = (v: string | null | undefined) => v ?? null;

export const LinkForm = z.object({
  url: optionalUrl.transform(clean),
  dialIn: optionalText(LIMITS.shortText).transform(clean),
  meetingId: optionalText(LIMITS.shortText).transform(clean),
  speakerUrl: optionalUrl.transform(clean),
  speakerNote: optionalText(LIMITS.longText).transform(clean),
});

/** The event's own link and the settings of all its links, in one form. */
export const EventLinkForm = LinkForm.extend({
  showOnsite: checkbox,
  reminderMinutes: formWholeNumber(5, 1440, "remote.error.minutes"),
});

export const LinkJson = z
  .strictObject({
    sessionId: z.uuid().nullable().openapi({ description: "null: the whole event's link." }),
    url: z.string().nullable(),
    dialIn: z.string().nullable(),
    meetingId: z.string().nullable(),
    speakerUrl: z.string().nullable().optional(),
    speakerNote: z.string().nullable().optional(),
  })
  .openapi("RemoteLink");
