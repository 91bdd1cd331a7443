/**
 * The live hub: publish an update (a row in live_events and a NOTIFY with the channel, in
 * the writer's transaction, so it is sent only if the change is kept), and subscribe to a
 * channel from a given id. One LISTEN per process; each channel's new rows are read once
 * per wake-up however many subscribers it has, and wake-ups are coalesced (at most one
 * read per channel per `coalesceMs`), so a burst of 400 votes is a few reads, not 400.
 * A slow safety-net poll covers a notification lost while the LISTEN connection was
 * being re-made. Works the same on PGlite (in process) and PostgreSQL (across instances).
 */
import { and, asc, eq, gt, lt, sql } from "drizzle-orm";
import type { Database, Db } from "../db/client.js";
import { liveEvents } from "../db/schema.js";

export const LIVE_CHANNEL = "samverka_live";

export interface LiveEvent {
  id: number;
  channel: string;
  kind: string;
  data: Record<string, unknown>;
  /** When it was written (its transaction's start), for measuring how long it took to arrive. */
  at: Date;
}

/**
 * Writes the update and wakes every instance's subscribers to the channel (on commit, when
 * in a transaction). A channel's ids are handed out in commit order: the writer first takes
 * the channel's lock (held to the end of its transaction), so an update on a channel is
 * never visible while an earlier id on it is still uncommitted, and a reader that is past
 * an id never skips one that commits later. Writers to other channels do not wait; call it
 * last in a transaction, so the lock is held for as short as possible.
 */
export async function publishLive(tx: Db, channel: string, kind: string, data: Record<string, unknown> = {}): Promise<number> {
  // One statement, so that outside a transaction the lock still covers the insert (each
  // statement is then a transaction of its own). The lock is taken before the id.
  const result = (await tx.execute(sql`
    with locked as (select pg_advisory_xact_lock(${LIVE_LOCK_SPACE}, hashtext(${channel})) as ok),
    written as (
      insert into live_events (channel, kind, data)
      select ${channel}, ${kind}, ${JSON.stringify(data)}::jsonb from locked
      returning id
    ),
    notified as (select pg_notify(${LIVE_CHANNEL}, ${channel}) as ok from written)
    select written.id from written, notified`)) as unknown as { rows: { id: string | number }[] };
  return Number(result.rows[0]!.id);
}

/**
 * For updates that come in bursts (votes, poll answers): one update per channel and kind
 * at most every `delayMs` from this process, written after the changes it reports have
 * committed, so that 500 answers a second are a handful of updates, and the answers
 * themselves never wait for the channel's lock. `since` (in the update's data) is the
 * earliest change it reports, for measuring. Known limit: a process that dies within
 * `delayMs` of a change leaves that change unannounced until the channel's next update
 * (the change itself is kept; a page read shows it).
 */
const soon = new WeakMap<Db, Map<string, { since: number }>>();
export function publishSoon(db: Db, channel: string, kind: string, delayMs = 100): void {
  let pending = soon.get(db);
  if (!pending) soon.set(db, (pending = new Map()));
  const key = `${channel}\u0000${kind}`;
  const now = Date.now();
  const found = pending.get(key);
  if (found) {
    found.since = Math.min(found.since, now);
    return;
  }
  const entry = { since: now };
  pending.set(key, entry);
  setTimeout(() => {
    pending.delete(key);
    publishLive(db, channel, kind, { since: entry.since }).catch((err) => console.warn(`[live] publishing ${channel}: ${err instanceof Error ? err.message : String(err)}`));
  }, delayMs);
}

/** The first key of the channels' advisory locks (the two-key form keeps them apart from other uses). */
const LIVE_LOCK_SPACE = 1_702_260_013;

/** Updates are a transport, not a record (what people said is kept in its own tables): two days are enough for any reconnect. */
export const LIVE_KEEP_HOURS = 48;

export async function forgetOldLiveEvents(db: Db, now: Date): Promise<number> {
  const gone = await db.delete(liveEvents).where(lt(liveEvents.createdAt, new Date(now.getTime() - LIVE_KEEP_HOURS * 3600_000))).returning({ id: liveEvents.id });
  return gone.length;
}

/** The channel's rows after `afterId`, in id order (which is commit order: see publishLive). */
function visibleAfter(db: Db, channel: string, afterId: number, limit: number): Promise<LiveEvent[]> {
  return db
    .select({ id: liveEvents.id, channel: liveEvents.channel, kind: liveEvents.kind, data: liveEvents.data, at: liveEvents.createdAt })
    .from(liveEvents)
    .where(and(eq(liveEvents.channel, channel), gt(liveEvents.id, afterId)))
    .orderBy(asc(liveEvents.id))
    .limit(limit);
}

const PAGE = 1000;

/** The channel's last update id (0 when none): a page served now streams what comes after it. */
export async function latestLiveId(db: Db, channel: string): Promise<number> {
  const [row] = await db.select({ id: sql<number>`coalesce(max(${liveEvents.id}), 0)`.mapWith(Number) }).from(liveEvents).where(eq(liveEvents.channel, channel));
  return row?.id ?? 0;
}

/** The channel's updates after `afterId`, in order (a reconnecting client's replay). */
export async function liveEventsAfter(db: Db, channel: string, afterId: number, limit = PAGE): Promise<LiveEvent[]> {
  return visibleAfter(db, channel, afterId, limit);
}

interface Subscriber {
  last: number;
  deliver: (events: LiveEvent[]) => void;
}

export interface LiveHub {
  /** Calls `deliver` with every update on the channel after `afterId`, first the ones already written. Returns the unsubscribe. */
  subscribe(channel: string, afterId: number, deliver: (events: LiveEvent[]) => void): () => void;
  /** For tests and health: how many subscribers and pending timers the hub holds. */
  stats(): { subscribers: number; timers: number };
  stop(): Promise<void>;
}

export async function startLiveHub(database: Pick<Database, "db" | "listen">, o: { coalesceMs?: number; safetyPollMs?: number } = {}): Promise<LiveHub> {
  const coalesceMs = o.coalesceMs ?? 200;
  const channels = new Map<string, Set<Subscriber>>();
  const scheduled = new Map<string, NodeJS.Timeout>();
  const reading = new Set<string>();
  let stopped = false;

  const read = async (channel: string) => {
    const subs = channels.get(channel);
    if (!subs || subs.size === 0 || stopped) return;
    if (reading.has(channel)) {
      // A read is under way: look again when it is done.
      wake(channel);
      return;
    }
    reading.add(channel);
    try {
      const from = Math.min(...[...subs].map((s) => s.last));
      const events = await visibleAfter(database.db, channel, from, PAGE);
      for (const s of channels.get(channel) ?? []) {
        const fresh = events.filter((e) => e.id > s.last);
        if (fresh.length === 0) continue;
        s.last = fresh[fresh.length - 1]!.id;
        s.deliver(fresh);
      }
      // More than a page: look again.
      if (events.length === PAGE) wake(channel);
    } catch (err) {
      if (!stopped) console.warn(`[live] reading ${channel}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      reading.delete(channel);
    }
  };
  const wake = (channel: string) => {
    if (stopped || scheduled.has(channel) || !channels.has(channel)) return;
    scheduled.set(
      channel,
      setTimeout(() => {
        scheduled.delete(channel);
        void read(channel);
      }, coalesceMs),
    );
  };
  const unlisten = await database.listen(LIVE_CHANNEL, (payload) => {
    if (payload === null) for (const channel of channels.keys()) wake(channel);
    else wake(payload);
  });
  const safety = setInterval(() => {
    for (const channel of channels.keys()) wake(channel);
  }, o.safetyPollMs ?? 5000);
  safety.unref();

  return {
    subscribe(channel, afterId, deliver) {
      const sub: Subscriber = { last: afterId, deliver };
      let subs = channels.get(channel);
      if (!subs) channels.set(channel, (subs = new Set()));
      subs.add(sub);
      void read(channel);
      let done = false;
      return () => {
        if (done) return;
        done = true;
        const set = channels.get(channel);
        set?.delete(sub);
        if (set && set.size === 0) {
          channels.delete(channel);
          const timer = scheduled.get(channel);
          if (timer) clearTimeout(timer);
          scheduled.delete(channel);
        }
      };
    },
    stats: () => ({ subscribers: [...channels.values()].reduce((n, s) => n + s.size, 0), timers: scheduled.size }),
    async stop() {
      stopped = true;
      clearInterval(safety);
      for (const timer of scheduled.values()) clearTimeout(timer);
      scheduled.clear();
      channels.clear();
      await unlisten();
    },
  };
}
