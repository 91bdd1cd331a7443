/**
 * Networks and councils of a space: thematic networks, a strategy council, working groups.
 * Members are people with their organisation, a position from the space's own list and a
 * term; a member whose term has ended is kept as history. Meetings are events of the space
 * (with program, invitations and registration as any event); their minutes and documents
 * are files of the archive's store; their decisions can become or update actions of the
 * plan. Part of the one schema (re-exported by src/db/schema.ts).
 */
import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { events, organisations, people, planActions, spaces, storedFiles } from "../db/schema.js";

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const networkKinds = ["network", "council", "group"] as const;
export type NetworkKind = (typeof networkKinds)[number];
export const documentKinds = ["minutes", "document"] as const;
export type DocumentKind = (typeof documentKinds)[number];

export const networks = pgTable(
  "networks",
  {
    id: uuid("id").primaryKey(),
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    /** The public address: /natverk/<slug>. */
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    kind: text("kind").$type<NetworkKind>().notNull().default("network"),
    description: text("description"),
    contactName: text("contact_name"),
    contactEmail: text("contact_email"),
    /** Everybody may see who the members are (otherwise only members and managers). */
    membersPublic: boolean("members_public").notNull().default(false),
    /** Everybody may read the meetings' minutes and documents (otherwise only members and managers). */
    documentsPublic: boolean("documents_public").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("networks_space_idx").on(t.spaceId), check("networks_kind_check", sql`${t.kind} in ('network','council','group')`)],
);

/** The space's own list of positions (ordförande, vice ordförande, sekreterare, ledamot, adjungerad to begin with). */
export const networkPositions = pgTable(
  "network_positions",
  {
    id: uuid("id").primaryKey(),
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    label: text("label").notNull(),
    labelEn: text("label_en").notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [uniqueIndex("network_positions_space_key").on(t.spaceId, t.key)],
);

/** One term of one person in one network: a new term (or position) is a new row, the old one kept as history. */
export const networkMembers = pgTable(
  "network_members",
  {
    id: uuid("id").primaryKey(),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id").references(() => organisations.id),
    positionId: uuid("position_id")
      .notNull()
      .references(() => networkPositions.id),
    fromOn: date("from_on").notNull(),
    /** The last day of the term; null while it runs without an end. */
    toOn: date("to_on"),
    /** May manage the network (members, meetings, documents, decisions) without being an organiser of the space. */
    manages: boolean("manages").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("network_members_network_idx").on(t.networkId, t.fromOn),
    index("network_members_person_idx").on(t.personId),
    check("network_members_term_check", sql`${t.toOn} is null or ${t.fromOn} <= ${t.toOn}`),
  ],
);

/** A meeting is an event of the network's space. */
export const networkMeetings = pgTable(
  "network_meetings",
  {
    eventId: uuid("event_id")
      .primaryKey()
      .references(() => events.id, { onDelete: "cascade" }),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("network_meetings_network_idx").on(t.networkId)],
);

export const networkDocuments = pgTable(
  "network_documents",
  {
    id: uuid("id").primaryKey(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => networkMeetings.eventId, { onDelete: "cascade" }),
    fileId: uuid("file_id")
      .notNull()
      .references(() => storedFiles.id),
    kind: text("kind").$type<DocumentKind>().notNull(),
    title: text("title").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("network_documents_event_idx").on(t.eventId), uniqueIndex("network_documents_file_key").on(t.fileId), check("network_documents_kind_check", sql`${t.kind} in ('minutes','document')`)],
);

/**
 * A decision of a network, at a meeting or by correspondence. It may have become an action
 * of the plan or updated one (the action then links back to the network, see plan_action_links).
 */
export const networkDecisions = pgTable(
  "network_decisions",
  {
    id: uuid("id").primaryKey(),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    eventId: uuid("event_id").references(() => networkMeetings.eventId, { onDelete: "set null" }),
    /** The paragraph, e.g. "§ 4". */
    ref: text("ref"),
    text: text("text").notNull(),
    decidedOn: date("decided_on").notNull(),
    actionId: uuid("action_id").references(() => planActions.id, { onDelete: "set null" }),
    /** What the decision did to its action: made it, or updated it. */
    actionRole: text("action_role").$type<"created" | "updated">(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("network_decisions_network_idx").on(t.networkId, t.decidedOn),
    index("network_decisions_action_idx").on(t.actionId),
    check("network_decisions_role_check", sql`${t.actionRole} is null or ${t.actionRole} in ('created','updated')`),
  ],
);
