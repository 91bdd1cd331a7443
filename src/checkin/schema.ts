/**
 * The day itself: roles given per event (check-in staff, session moderators), each event's
 * signing key for tickets, check-in lists with their rules, and the check-ins made.
 * Part of the one schema (re-exported by src/db/schema.ts).
 */
import { sql } from "drizzle-orm";
import { boolean, check, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { events, people, programSessions, registrations } from "../db/schema.js";

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** Roles an organiser gives per event. Later modules add theirs (per network, prize, plan) the same way. */
export const eventRoleKinds = ["checkin", "moderator"] as const;
export type EventRoleKind = (typeof eventRoleKinds)[number];

export const eventRoles = pgTable(
  "event_roles",
  {
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    role: text("role").$type<EventRoleKind>().notNull(),
    grantedBy: uuid("granted_by").references(() => people.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.personId, t.role] }), index("event_roles_person_idx").on(t.personId), check("event_roles_role_check", sql`${t.role} in ('checkin','moderator')`)],
);

/**
 * One Ed25519 key pair per event. Tickets are signed with the private key, which never
 * leaves the server; scanners verify with the public key without a connection.
 */
export const eventKeys = pgTable("event_keys", {
  eventId: uuid("event_id")
    .primaryKey()
    .references(() => events.id, { onDelete: "cascade" }),
  /** SPKI DER, base64. */
  publicKey: text("public_key").notNull(),
  /** PKCS#8 DER, base64. */
  privateKey: text("private_key").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const checkinLists = pgTable(
  "checkin_lists",
  {
    id: uuid("id").primaryKey(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Who counts on this list: on site, remote, or both (null). */
    attendance: text("attendance").$type<"onsite" | "remote">(),
    /** A list for one session with seats: only those seated on it count. */
    sessionId: uuid("session_id").references(() => programSessions.id, { onDelete: "cascade" }),
    /** May a ticket be checked in again after its first check-in (leaving and coming back)? */
    allowReentry: boolean("allow_reentry").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("checkin_lists_event_name_idx").on(t.eventId, t.name)],
);

export const checkins = pgTable(
  "checkins",
  {
    id: uuid("id").primaryKey(),
    listId: uuid("list_id")
      .notNull()
      .references(() => checkinLists.id, { onDelete: "cascade" }),
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => registrations.id, { onDelete: "cascade" }),
    at: ts("at").notNull(),
    byPersonId: uuid("by_person_id").references(() => people.id, { onDelete: "set null" }),
    /** Chosen by the scanning page for each press: the same nonce twice is the same check-in (a slow network, a double press). */
    nonce: text("nonce").notNull(),
    /** Made by a scanner without a connection and uploaded later. */
    offline: boolean("offline").notNull().default(false),
    /**
     * An offline check-in of a ticket that was already checked in on a list without
     * re-entry (two stations without a connection, or one online): kept, and shown to the
     * organiser as a conflict, never merged away.
     */
    conflict: boolean("conflict").notNull().default(false),
  },
  (t) => [uniqueIndex("checkins_nonce_idx").on(t.listId, t.nonce), index("checkins_registration_idx").on(t.registrationId, t.listId)],
);
