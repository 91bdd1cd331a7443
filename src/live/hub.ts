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
}

/** Writes the update and wakes every instance's subscribers to the channel (on commit, when in a transaction). */
export async function publishLive(tx: Db, channel: string, kind: string, data: Record<string, unknown> = {}): Promise<number> {
  const [row] = await tx.insert(liveEvents).values({ channel, kind, data }).returning({ id: liveEvents.id });
  await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${channel})`);
  return row!.id;
}

/** Updates are a transport, not a record (what people said is kept in its own tables): two days are enough for any reconnect. */
export const LIVE_KEEP_HOURS = 48;

export async function forgetOldLiveEvents(db: Db, now: Date): Promise<number> {
  const gone = await db.delete(liveEvents).where(lt(liveEvents.createdAt, new Date(now.getTime() - LIVE_KEEP_HOURS * 3600_000))).returning({ id: liveEvents.id });
  return gone.length;
}

/**
 * The channel's rows after `afterId` that this reader can see, each marked ready when its
 * transaction is older than every one still running (none can commit behind it then).
 * Known cost: `pg_snapshot_xmin` is the whole cluster's, so a fresh row waits while any
 * older transaction of any database on the server runs (the hub looks again until it is
 * delivered). Known gap: a transaction that got its xid before another, but takes its
 * live id after that other's, can commit a later id that is ready while the earlier id is
 * still uncommitted; that earlier one is then skipped by a subscriber already past it.
 * To do (the right depth): give a channel its ids in commit order (an advisory lock per
 * channel in publishLive, or a per-channel counter row), then this rule is not needed.
 */
function visibleAfter(db: Db, channel: string, afterId: number, limit: number) {
  return db
    .select({
      id: liveEvents.id,
      channel: liveEvents.channel,
      kind: liveEvents.kind,
      data: liveEvents.data,
      ready: sql<boolean>`${liveEvents.txId} < (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint`.mapWith(Boolean),
    })
    .from(liveEvents)
    .where(and(eq(liveEvents.channel, channel), gt(liveEvents.id, afterId)))
    .orderBy(asc(liveEvents.id))
    .limit(limit);
}

const PAGE = 1000;
const strip = ({ ready: _, ...e }: LiveEvent & { ready: boolean }): LiveEvent => e;

/** The channel's updates after `afterId`, in order, as far as they are ready (a reconnecting client's replay). */
export async function liveEventsAfter(db: Db, channel: string, afterId: number, limit = PAGE): Promise<LiveEvent[]> {
  return (await visibleAfter(db, channel, afterId, limit)).filter((e) => e.ready).map(strip);
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
      const rows = await visibleAfter(database.db, channel, from, PAGE);
      const events = rows.filter((e) => e.ready).map(strip);
      for (const s of channels.get(channel) ?? []) {
        const fresh = events.filter((e) => e.id > s.last);
        if (fresh.length === 0) continue;
        s.last = fresh[fresh.length - 1]!.id;
        s.deliver(fresh);
      }
      // More than could be taken (a page, or rows held back behind a transaction still running): look again.
      if (rows.length === PAGE || events.length < rows.length) wake(channel);
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
