/**
 * Live updates (issue 13's foundation): every update of a live view is a row, in order.
 * The table is the truth; a notification only says "there is more on this channel", so a
 * client that reconnects replays what it missed from here (Last-Event-ID), on any instance.
 * Part of the one schema (re-exported by src/db/schema.ts).
 */
import { sql } from "drizzle-orm";
import { bigint, bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const liveEvents = pgTable(
  "live_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** What the update is about, e.g. "session:<uuid>". */
    channel: text("channel").notNull(),
    kind: text("kind").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    /**
     * The writing transaction. Ids are taken at insert but become visible at commit, so a
     * later id can be seen before an earlier one; a reader takes only rows of transactions
     * older than every one still running, and so never skips one that commits late.
     */
    txId: bigint("tx_id", { mode: "number" })
      .notNull()
      .default(sql`(pg_current_xact_id()::text)::bigint`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("live_events_channel_idx").on(t.channel, t.id)],
);
