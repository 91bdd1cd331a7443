/**
 * The one schema, written in Drizzle's pg-core dialect and shared by both drivers
 * (PGlite embedded, node-postgres for PostgreSQL). Migrations in ./migrations are
 * generated from it with `npm run db:generate`.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { bytea } from "./columns.js";


const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

// ── Organisations ─────────────────────────────────────────────────────────────
export const organisationKinds = [
  "region",
  "municipality",
  "state_agency",
  "academia",
  "company",
  "association",
  "other",
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export const organisations = pgTable(
  "organisations",
  {
    id: uuid("id").primaryKey(),
    name: text("name").notNull(),
    kind: text("kind").$type<OrganisationKind>().notNull(),
    /** SCB kommunkod, four digits; only for municipalities. */
    municipalityCode: varchar("municipality_code", { length: 4 }),
    /** SCB länskod, two digits; for regions, municipalities, and optional for others. */
    countyCode: varchar("county_code", { length: 2 }),
    /** Organisationsnummer, ten digits without hyphen. */
    orgNumber: varchar("org_number", { length: 10 }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("organisations_municipality_code_key").on(t.municipalityCode),
    uniqueIndex("organisations_org_number_key").on(t.orgNumber),
    uniqueIndex("organisations_region_county_key")
      .on(t.countyCode)
      .where(sql`kind = 'region'`),
    index("organisations_name_idx").on(sql`lower(${t.name})`),
    check(
      "organisations_kind_check",
      sql`${t.kind} in ('region','municipality','state_agency','academia','company','association','other')`,
    ),
  ],
);

// ── People and accounts ───────────────────────────────────────────────────────
export const people = pgTable(
  "people",
  {
    id: uuid("id").primaryKey(),
    name: text("name").notNull(),
    /** Lower-cased. Optional: a speaker can be listed before they have an account. */
    email: text("email"),
    organisationId: uuid("organisation_id").references(() => organisations.id),
    title: text("title"),
    bio: text("bio"),
    isPlatformAdmin: boolean("is_platform_admin").notNull().default(false),
    locale: varchar("locale", { length: 2 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("people_email_key").on(t.email),
    index("people_name_idx").on(sql`lower(${t.name})`),
  ],
);

export const loginTokens = pgTable("login_tokens", {
  id: uuid("id").primaryKey(),
  personId: uuid("person_id")
    .notNull()
    .references(() => people.id, { onDelete: "cascade" }),
  tokenHash: varchar("token_hash", { length: 64 }).notNull().unique(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  createdAt: createdAt(),
});

export const authSessions = pgTable("auth_sessions", {
  id: uuid("id").primaryKey(),
  personId: uuid("person_id")
    .notNull()
    .references(() => people.id, { onDelete: "cascade" }),
  tokenHash: varchar("token_hash", { length: 64 }).notNull().unique(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  createdAt: createdAt(),
});

export const apiTokens = pgTable("api_tokens", {
  id: uuid("id").primaryKey(),
  personId: uuid("person_id")
    .notNull()
    .references(() => people.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  tokenHash: varchar("token_hash", { length: 64 }).notNull().unique(),
  createdAt: createdAt(),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});

// ── Organiser spaces ──────────────────────────────────────────────────────────
export const spaces = pgTable("spaces", {
  id: uuid("id").primaryKey(),
  slug: varchar("slug", { length: 80 }).notNull().unique(),
  name: text("name").notNull(),
  description: text("description"),
  /** Länskod of the region the space belongs to; null for national networks. */
  regionCode: varchar("region_code", { length: 2 }),
  /** Archives act: each organiser decides how long registrations are kept after an event. */
  retentionDays: integer("retention_days").notNull().default(365),
  retentionAction: text("retention_action").$type<"anonymise" | "delete">().notNull().default("anonymise"),
  createdAt: createdAt(),
});

export const spaceRoles = ["organiser"] as const;
export type SpaceRole = (typeof spaceRoles)[number];

export const spaceMembers = pgTable(
  "space_members",
  {
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    role: text("role").$type<SpaceRole>().notNull().default("organiser"),
    /** May see health data (diet, allergies, access needs) in registrations. */
    sensitiveAccess: boolean("sensitive_access").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.spaceId, t.personId] }), index("space_members_person_idx").on(t.personId)],
);

// ── Events ────────────────────────────────────────────────────────────────────
export const eventSeries = pgTable(
  "event_series",
  {
    id: uuid("id").primaryKey(),
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    slug: varchar("slug", { length: 80 }).notNull(),
    name: text("name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("event_series_space_slug_key").on(t.spaceId, t.slug)],
);

export const eventFormats = ["onsite", "hybrid", "digital"] as const;
export type EventFormat = (typeof eventFormats)[number];
export const eventStatuses = ["draft", "published", "cancelled"] as const;
export type EventStatus = (typeof eventStatuses)[number];

export const events = pgTable(
  "events",
  {
    id: uuid("id").primaryKey(),
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    seriesId: uuid("series_id").references(() => eventSeries.id, { onDelete: "set null" }),
    slug: varchar("slug", { length: 100 }).notNull().unique(),
    titleSv: text("title_sv").notNull(),
    titleEn: text("title_en"),
    descriptionSv: text("description_sv"),
    descriptionEn: text("description_en"),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    venue: text("venue"),
    address: text("address"),
    format: text("format").$type<EventFormat>().notNull().default("onsite"),
    status: text("status").$type<EventStatus>().notNull().default("draft"),
    /** Länskod; defaults to the space's region. Used for "events by region". */
    regionCode: varchar("region_code", { length: 2 }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    /**
     * Goes up whenever the event, its registration settings or its questions change
     * (triggers, src/registration/sql/setup_version.sql), so a setup kept in memory can be checked by the
     * database in the very statement that registers (registration/setup-cache.ts).
     */
    setupVersion: bigint("setup_version", { mode: "number" }).notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("events_status_starts_idx").on(t.status, t.startsAt),
    index("events_space_idx").on(t.spaceId, t.startsAt),
    index("events_series_idx").on(t.seriesId),
    check("events_time_order_check", sql`${t.endsAt} > ${t.startsAt}`),
    check("events_format_check", sql`${t.format} in ('onsite','hybrid','digital')`),
    check("events_status_check", sql`${t.status} in ('draft','published','cancelled')`),
  ],
);

/** The owning event; rows go with it when the event is deleted. */
export const eventIdColumn = () =>
  uuid("event_id")
    .notNull()
    .references(() => events.id, { onDelete: "cascade" });

export const sessionTypes = [
  "keynote",
  "panel",
  "seminar",
  "workshop",
  "break",
  "mingle",
  "exhibition",
] as const;
export type SessionType = (typeof sessionTypes)[number];

export const programSessions = pgTable(
  "program_sessions",
  {
    id: uuid("id").primaryKey(),
    eventId: eventIdColumn(),
    type: text("type").$type<SessionType>().notNull(),
    titleSv: text("title_sv").notNull(),
    titleEn: text("title_en"),
    descriptionSv: text("description_sv"),
    descriptionEn: text("description_en"),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    room: text("room"),
    roomEn: text("room_en"),
    track: text("track"),
    trackEn: text("track_en"),
    /** Seats a participant chooses (a workshop, a seminar with a room's limit); null: open to all, nothing to choose. */
    seats: integer("seats"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("program_sessions_event_idx").on(t.eventId, t.startsAt),
    check("program_sessions_seats_check", sql`${t.seats} is null or ${t.seats} >= 1`),
    check("program_sessions_time_order_check", sql`${t.endsAt} > ${t.startsAt}`),
    check(
      "program_sessions_type_check",
      sql`${t.type} in ('keynote','panel','seminar','workshop','break','mingle','exhibition')`,
    ),
  ],
);

export const sessionRoles = ["speaker", "moderator", "panellist"] as const;
export type SessionRole = (typeof sessionRoles)[number];

export const sessionPeople = pgTable(
  "session_people",
  {
    sessionId: uuid("session_id")
      .notNull()
      .references(() => programSessions.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    role: text("role").$type<SessionRole>().notNull(),
    /** Takes part over a link rather than in the room. */
    remote: boolean("remote").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.personId] }),
    index("session_people_person_idx").on(t.personId),
    check("session_people_role_check", sql`${t.role} in ('speaker','moderator','panellist')`),
  ],
);

export const exhibitors = pgTable(
  "exhibitors",
  {
    id: uuid("id").primaryKey(),
    eventId: eventIdColumn(),
    name: text("name").notNull(),
    descriptionSv: text("description_sv"),
    descriptionEn: text("description_en"),
    booth: text("booth"),
    organisationId: uuid("organisation_id").references(() => organisations.id),
    website: text("website"),
    logoFileId: uuid("logo_file_id").references(() => files.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("exhibitors_event_idx").on(t.eventId)],
);

// ── Files ─────────────────────────────────────────────────────────────────────
/**
 * Uploaded files (exhibitors' logos, and later modules' images), kept in the database so
 * that every app instance serves the same ones with PostgreSQL as the only shared service.
 * A file is never changed: a new upload is a new row, so it can be cached for ever.
 */
export const files = pgTable("files", {
  id: uuid("id").primaryKey(),
  contentType: text("content_type").notNull(),
  size: integer("size").notNull(),
  sha256: text("sha256").notNull(),
  bytes: bytea("bytes").notNull(),
  createdAt: createdAt(),
});

// ── Rate limits ───────────────────────────────────────────────────────────────
/**
 * One fixed window per key, shared by every app instance on PostgreSQL
 * (src/http/rate-limit-store.ts). UNLOGGED (set in its migration; drizzle cannot say
 * it): no write-ahead log, so counting a request costs no disk flush, and after a crash
 * the table starts empty, which for rate limits is harmless.
 */
export const rateLimitWindows = pgTable("rate_limit_windows", {
  key: text("key").primaryKey(),
  count: integer("count").notNull(),
  resetAt: timestamp("reset_at", { withTimezone: true }).notNull(),
});

export * from "../registration/schema.js";
export * from "../checkin/schema.js";
export * from "../sessions/schema.js";
export * from "../remote/schema.js";
export * from "../live/schema.js";
export * from "../plans/schema.js";
export * from "../archive/schema.js";
export * from "../surveys/schema.js";
export * from "../networks/schema.js";
export * from "../prizes/schema.js";
