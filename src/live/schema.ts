/**
 * Live updates (issue 13's foundation): every update of a live view is a row, in order.
 * Ids on a channel are in commit order (publishLive in hub.ts). The table is the truth; a notification only says "there is more on this channel", so a
 * client that reconnects replays what it missed from here (Last-Event-ID), on any instance.
 * Part of the one schema (re-exported by src/db/schema.ts).
 */
import { bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const liveEvents = pgTable(
  "live_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** What the update is about, e.g. "session:<uuid>". */
    channel: text("channel").notNull(),
    kind: text("kind").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("live_events_channel_idx").on(t.channel, t.id)],
);
