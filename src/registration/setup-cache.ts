/**
 * What registering reads of an event (the event, its settings, its questions) kept in
 * memory between registrations, so that a registration in a rush costs one query, not
 * two. Nothing is decided on memory alone: the statement that registers gets the setup's
 * version (events.setup_version, raised by triggers on every change, sql/setup_version.sql) and
 * does nothing when the event's setup has changed since; then, and after anything else
 * that goes wrong with a kept setup, the attempt is made again with the setup read
 * afresh, exactly as without this cache. Only people who are not logged in use kept
 * setups: what organisers and participants see of their own is always read afresh.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { events } from "../db/schema.js";
import { AppError } from "../http/errors.js";
import { findRegistrationSetup, type RegistrationSetup } from "./repository.js";

/** The statement that registers found that the event's setup is not the one it was given. */
export class SetupChanged extends Error {
  constructor() {
    super("the event's registration setup changed since it was read");
  }
}

/** For paths that write before the registering statement: is the kept setup still the event's? */
export async function assertSetupCurrent(db: Db, eventId: string, version: number): Promise<void> {
  const [current] = await db.select({ version: events.setupVersion }).from(events).where(eq(events.id, eventId));
  if (current?.version !== version) throw new SetupChanged();
}

type SetupKey = { id: string } | { slug: string };

/** At most this many events are kept; the one kept longest goes first. */
const MAX_KEPT = 500;
/** Names shown beside the event (space, series) are not versioned: kept at most this long. */
const KEEP_MS = 60_000;

const kept = new WeakMap<Db, Map<string, { setup: RegistrationSetup; until: number }>>();

function keptOf(db: Db) {
  let map = kept.get(db);
  if (!map) kept.set(db, (map = new Map()));
  return map;
}

const keyOf = (by: SetupKey) => ("id" in by ? `id:${by.id}` : `slug:${by.slug}`);

/**
 * Runs `attempt` with the event's registration setup and, when it came from memory, its
 * version for the registering statement to check (null: read afresh, nothing to check).
 * An attempt with a kept setup that fails in any expected way (a refusal, a changed
 * setup) is made again with the setup read afresh, so nobody is refused on a kept setup.
 */
export async function withRegistrationSetup<T>(
  db: Db,
  by: SetupKey,
  useKept: boolean,
  attempt: (setup: RegistrationSetup | undefined, version: number | null) => Promise<T>,
): Promise<T> {
  const map = keptOf(db);
  const key = keyOf(by);
  const entry = useKept ? map.get(key) : undefined;
  if (entry && entry.until > Date.now()) {
    try {
      return await attempt(entry.setup, entry.setup.event.setupVersion);
    } catch (err) {
      if (!(err instanceof SetupChanged) && !(err instanceof AppError)) throw err;
    }
  }
  map.delete(key);
  const setup = await findRegistrationSetup(db, by);
  if (setup) {
    if (map.size >= MAX_KEPT) map.delete(map.keys().next().value!);
    map.set(key, { setup, until: Date.now() + KEEP_MS });
  }
  return attempt(setup, null);
}
