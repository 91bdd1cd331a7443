/**
 * Seats in sessions: a confirmed participant's choice of a session that has seats, seated
 * or waiting in order. Part of the one schema (re-exported by src/db/schema.ts).
 */
import { sql } from "drizzle-orm";
import { bigserial, check, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { people, programSessions, registrations } from "../db/schema.js";

export const sessionChoices = pgTable(
  "session_choices",
  {
    sessionId: uuid("session_id")
      .notNull()
      .references(() => programSessions.id, { onDelete: "cascade" }),
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => registrations.id, { onDelete: "cascade" }),
    status: text("status").$type<"seated" | "waiting">().notNull(),
    /** Order of choosing: the waiting list is promoted by it. */
    seq: bigserial("seq", { mode: "number" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.registrationId] }),
    index("session_choices_session_idx").on(t.sessionId, t.status, t.seq),
    index("session_choices_registration_idx").on(t.registrationId),
    check("session_choices_status_check", sql`${t.status} in ('seated','waiting')`),
  ],
);

/** A person's own agenda: sessions they starred (seated ones are on it without a star). */
export const agendaStars = pgTable(
  "agenda_stars",
  {
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => programSessions.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.sessionId] }), index("agenda_stars_session_idx").on(t.sessionId)],
);
