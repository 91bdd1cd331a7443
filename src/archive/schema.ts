/**
 * The archive: each session's recording (an address on the organiser's video platform,
 * embedded when the platform is on the allow-list), its captions and its materials, and
 * the files themselves, stored in the database in chunks so that every instance on one
 * PostgreSQL serves them and none reads a whole file into memory (storage.ts). Part of the
 * one schema (re-exported by src/db/schema.ts).
 */
import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { bytea } from "../db/columns.js";
import { programSessions } from "../db/schema.js";

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** A stored file: what it is (sniffed from its bytes), how big, its digest; complete once every chunk is written. */
export const storedFiles = pgTable(
  "stored_files",
  {
    id: uuid("id").primaryKey(),
    contentType: text("content_type").notNull(),
    /** The name it was uploaded with, for the download. */
    filename: text("filename").notNull(),
    size: bigint("size", { mode: "number" }).notNull().default(0),
    /** Hex SHA-256 of the whole file: its strong ETag. */
    sha256: text("sha256"),
    chunkSize: integer("chunk_size").notNull(),
    complete: boolean("complete").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("stored_files_incomplete_idx").on(t.createdAt).where(sql`not ${t.complete}`)],
);

export const storedFileChunks = pgTable(
  "stored_file_chunks",
  {
    fileId: uuid("file_id")
      .notNull()
      .references(() => storedFiles.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    bytes: bytea("bytes").notNull(),
  },
  (t) => [primaryKey({ columns: [t.fileId, t.seq] })],
);

export const captionStatuses = ["none", "file", "platform"] as const;
export type CaptionStatus = (typeof captionStatuses)[number];

/** A session's recording: where it is, whether and how it is captioned. */
export const sessionRecordings = pgTable(
  "session_recordings",
  {
    sessionId: uuid("session_id")
      .primaryKey()
      .references(() => programSessions.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    /** The platform it was recognised as (youtube, vimeo, screen9, qbrick, kaltura), or "link". */
    provider: text("provider").notNull(),
    /** The player address when the platform may be embedded (the CSP's frame-src lists those hosts). */
    embedUrl: text("embed_url"),
    /** none: no captions; file: a WebVTT file here; platform: the organiser says the platform shows them. */
    captions: text("captions").$type<CaptionStatus>().notNull().default("none"),
    captionsFileId: uuid("captions_file_id").references(() => storedFiles.id, { onDelete: "set null" }),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [check("session_recordings_captions_check", sql`${t.captions} in ('none','file','platform')`)],
);

/** Slides and other files of a session. */
export const sessionMaterials = pgTable(
  "session_materials",
  {
    id: uuid("id").primaryKey(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => programSessions.id, { onDelete: "cascade" }),
    fileId: uuid("file_id")
      .notNull()
      .references(() => storedFiles.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("session_materials_session_idx").on(t.sessionId, t.createdAt), uniqueIndex("session_materials_file_key").on(t.fileId)],
);
