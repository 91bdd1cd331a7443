/**
 * Remote participation: the event's stream or meeting link and each session's own, with
 * dial-in and meeting id, and for speakers who join over a link their own link and
 * instructions. Nothing here is public: it is shown to confirmed participants only, and
 * only once the organiser has published it. Part of the one schema (re-exported by src/db/schema.ts).
 */
import { sql } from "drizzle-orm";
import { boolean, check, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { events, programSessions, registrations } from "../db/schema.js";

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** One row per event: what applies to all its links. */
export const remoteSettings = pgTable(
  "remote_settings",
  {
    eventId: uuid("event_id")
      .primaryKey()
      .references(() => events.id, { onDelete: "cascade" }),
    /** On-site participants see the links too (to follow a session they cannot get into). */
    showOnsite: boolean("show_onsite").notNull().default(false),
    /** Minutes before the start that the reminder with the link goes out; null: no reminder. */
    reminderMinutes: integer("reminder_minutes").default(30),
    /** Until then nobody but the organisers sees a link, and no mail carries one. */
    publishedAt: ts("published_at"),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [check("remote_settings_reminder_check", sql`${t.reminderMinutes} is null or ${t.reminderMinutes} between 5 and 1440`)],
);

/** A link: the event's (session null) or one session's. */
export const remoteLinks = pgTable(
  "remote_links",
  {
    id: uuid("id").primaryKey(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    sessionId: uuid("session_id").references(() => programSessions.id, { onDelete: "cascade" }),
    url: text("url"),
    dialIn: text("dial_in"),
    meetingId: text("meeting_id"),
    /** For the session's speakers and moderators who join over a link: their own way in. */
    speakerUrl: text("speaker_url"),
    speakerNote: text("speaker_note"),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("remote_links_event_session_idx").on(t.eventId, sql`coalesce(${t.sessionId}, '00000000-0000-0000-0000-000000000000'::uuid)`)],
);

/** Who has had the reminder with the link: claimed once per registration, whichever instance sends it. */
export const remoteReminders = pgTable(
  "remote_reminders",
  {
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => registrations.id, { onDelete: "cascade" }),
    sentAt: ts("sent_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.registrationId] })],
);
