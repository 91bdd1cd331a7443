/**
 * Registration tables: settings and place pools per event, organiser questions,
 * registrations (one per person and event), delegations, invitations, the mail outbox
 * and the retention log. Part of the one schema (re-exported by src/db/schema.ts).
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { events, organisations, people, spaces } from "../db/schema.js";

const ts = (name: string) => timestamp(name, { withTimezone: true });
/** The owning event. `events` is read lazily: this module and db/schema.ts import each other. */
const eventIdColumn = () =>
  uuid("event_id")
    .notNull()
    .references(() => events.id, { onDelete: "cascade" });

export const registrationModes = ["open", "approval", "invitation"] as const;
export type RegistrationMode = (typeof registrationModes)[number];
export const waitlistModes = ["auto", "offer"] as const;
export type WaitlistMode = (typeof waitlistModes)[number];
export const lawfulBases = ["public_task", "legitimate_interest", "contract", "legal_obligation", "consent"] as const;
export type LawfulBasis = (typeof lawfulBases)[number];

export const registrationSettings = pgTable("registration_settings", {
  eventId: uuid("event_id")
    .primaryKey()
    .references(() => events.id, { onDelete: "cascade" }),
  opensAt: ts("opens_at"),
  closesAt: ts("closes_at"),
  mode: text("mode").$type<RegistrationMode>().notNull().default("open"),
  waitlistMode: text("waitlist_mode").$type<WaitlistMode>().notNull().default("auto"),
  /** How long a waiting-list offer stands before it passes on. */
  offerHours: integer("offer_hours").notNull().default(48),
  /** Participants can cancel themselves until then; null: until the event starts. */
  cancelUntil: ts("cancel_until"),
  maxPerOrganisation: integer("max_per_organisation"),
  /** Privacy notice: who is responsible, why, on what legal ground. */
  controller: text("controller"),
  purpose: text("purpose"),
  lawfulBasis: text("lawful_basis").$type<LawfulBasis>().notNull().default("public_task"),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const attendanceModes = ["onsite", "remote"] as const;
export type Attendance = (typeof attendanceModes)[number];

/** One row per event and attendance mode; the row is the lock that keeps capacity. */
export const placePools = pgTable(
  "place_pools",
  {
    eventId: eventIdColumn(),
    attendance: text("attendance").$type<Attendance>().notNull(),
    capacity: integer("capacity").notNull(),
    /** Confirmed registrations plus open offers. */
    taken: integer("taken").notNull().default(0),
    /** Registrations on the waiting list, kept by a trigger on registrations (sql/waiting_count.sql). */
    waiting: integer("waiting").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.attendance] }),
    check("place_pools_capacity_check", sql`${t.capacity} >= 0 and ${t.taken} >= 0`),
  ],
);

export const questionKinds = ["short_text", "long_text", "single_choice", "multiple_choice", "yes_no"] as const;
export type QuestionKind = (typeof questionKinds)[number];
export interface QuestionOption {
  value: string;
  sv: string;
  en?: string | null;
}

export const registrationQuestions = pgTable(
  "registration_questions",
  {
    id: uuid("id").primaryKey(),
    eventId: eventIdColumn(),
    position: integer("position").notNull().default(0),
    kind: text("kind").$type<QuestionKind>().notNull(),
    labelSv: text("label_sv").notNull(),
    labelEn: text("label_en"),
    options: jsonb("options").$type<QuestionOption[]>().notNull().default([]),
    required: boolean("required").notNull().default(false),
    /** Health data (diet, allergies, access needs): restricted, counted for caterers, purged after the event. */
    sensitive: boolean("sensitive").notNull().default(false),
    showIfQuestionId: uuid("show_if_question_id"),
    showIfValue: text("show_if_value"),
  },
  (t) => [index("registration_questions_event_idx").on(t.eventId, t.position)],
);

export const registrationStatuses = ["pending_approval", "confirmed", "waitlisted", "offered", "declined", "cancelled"] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

/** Arrival order on the waiting list, shared by all events (only the order matters). */
export const waitlistSequence = pgSequence("registration_waitlist_seq");

export const delegations = pgTable("delegations", {
  id: uuid("id").primaryKey(),
  eventId: eventIdColumn(),
  contactPersonId: uuid("contact_person_id")
    .notNull()
    .references(() => people.id),
  organisationId: uuid("organisation_id").references(() => organisations.id),
  manageVersion: integer("manage_version").notNull().default(1),
  createdAt: ts("created_at").notNull().defaultNow(),
});

/** Instance-wide values made once at first start, e.g. the key for signed links when SECRET_KEY is unset. */
export const instanceSettings = pgTable("instance_settings", {
  key: varchar("key", { length: 64 }).primaryKey(),
  value: text("value").notNull(),
});

export const registrations = pgTable(
  "registrations",
  {
    id: uuid("id").primaryKey(),
    eventId: eventIdColumn(),
    /** Null once anonymised under the space's retention rule. */
    personId: uuid("person_id").references(() => people.id, { onDelete: "set null" }),
    organisationId: uuid("organisation_id").references(() => organisations.id),
    attendance: text("attendance").$type<Attendance>().notNull(),
    status: text("status").$type<RegistrationStatus>().notNull(),
    waitlistSeq: bigint("waitlist_seq", { mode: "number" }),
    offerExpiresAt: ts("offer_expires_at"),
    /** Manage links are HMACs of the id and this version; raising it revokes old links. */
    manageVersion: integer("manage_version").notNull().default(1),
    answers: jsonb("answers").$type<Record<string, string | string[]>>().notNull().default({}),
    sensitiveAnswers: jsonb("sensitive_answers").$type<Record<string, string | string[]>>().notNull().default({}),
    delegationId: uuid("delegation_id").references(() => delegations.id, { onDelete: "set null" }),
    /** SEQUENCE of the calendar invite last sent (RFC 5545 §3.8.7.4). */
    /** Raised when the ticket must change (another kind of place): an older ticket's code is then refused. */
    ticketVersion: integer("ticket_version").notNull().default(1),
    icsSequence: integer("ics_sequence").notNull().default(0),
    reminderSentAt: ts("reminder_sent_at"),
    anonymisedAt: ts("anonymised_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    confirmedAt: ts("confirmed_at"),
    cancelledAt: ts("cancelled_at"),
  },
  (t) => [
    uniqueIndex("registrations_event_person_key").on(t.eventId, t.personId),
    index("registrations_event_status_idx").on(t.eventId, t.attendance, t.status, t.waitlistSeq),
    index("registrations_person_idx").on(t.personId),
    index("registrations_org_idx").on(t.eventId, t.organisationId),
    check("registrations_attendance_check", sql`${t.attendance} in ('onsite','remote')`),
    check(
      "registrations_status_check",
      sql`${t.status} in ('pending_approval','confirmed','waitlisted','offered','declined','cancelled')`,
    ),
  ],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey(),
    eventId: eventIdColumn(),
    email: text("email").notNull(),
    name: text("name"),
    registrationId: uuid("registration_id").references(() => registrations.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    remindedAt: ts("reminded_at"),
  },
  (t) => [uniqueIndex("invitations_event_email_key").on(t.eventId, t.email)],
);

export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    /** An iCalendar object and its METHOD (REQUEST or CANCEL), sent as text/calendar. */
    ics: text("ics"),
    icsMethod: varchar("ics_method", { length: 10 }),
    status: text("status").$type<"pending" | "sending" | "sent" | "failed">().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    lockedUntil: ts("locked_until"),
    lastError: text("last_error"),
    registrationId: uuid("registration_id"),
    /**
     * Carry the registration's ticket (its QR code as an image, and the code as text), made
     * when the mail is sent: a ticket changed or revoked in between is never sent stale.
     */
    withTicket: boolean("with_ticket").notNull().default(false),
    /** The language the mail is written in, for what is added when it is sent. */
    locale: varchar("locale", { length: 2 }),
    createdAt: ts("created_at").notNull().defaultNow(),
    sentAt: ts("sent_at"),
  },
  (t) => [index("outbox_pending_idx").on(t.status, t.nextAttemptAt)],
);

export const retentionLog = pgTable("retention_log", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  spaceId: uuid("space_id").references(() => spaces.id, { onDelete: "set null" }),
  eventId: uuid("event_id"),
  action: text("action").notNull(),
  count: integer("count").notNull(),
  ranAt: ts("ran_at").notNull().defaultNow(),
});
