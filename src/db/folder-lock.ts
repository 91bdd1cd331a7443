/**
 * One writer per embedded data folder. PGlite keeps no lock of its own (its
 * postmaster.pid is a placeholder), and two processes on one folder silently lose each
 * other's writes or damage the files. So whoever opens a folder (the server, the CLI, a
 * test) first takes `samverka.lock` in it, and keeps it until the database is closed.
 *
 * Taking the lock is one atomic `link()` of a file we wrote (fails if the lock exists).
 * A lock whose holder is gone (kill -9, power loss) is taken over: the holder is gone
 * when the machine has booted since it was written, or no process has its pid, or the
 * process with that pid started at another time than the holder did (a reused pid).
 * A takeover happens under a short-lived `samverka.lock.takeover` directory, so two
 * processes finding the same stale lock do not both take it.
 */
import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, renameSync, rmdirSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname, uptime } from "node:os";
import { join, resolve } from "node:path";

export const LOCK_FILE = "samverka.lock";

export interface LockHolder {
  pid: number;
  host: string;
  /** What holds it: "server", "cli", … */
  purpose: string;
  startedAt: string;
  /** When the machine booted, in ms since 1970 (to the second or so). */
  bootedAt: number;
  /** Linux: the process's start time in clock ticks since boot (from /proc), to tell a reused pid. */
  startTicks: number | null;
  /** The running server's local control channel (src/admin/control-channel.ts). */
  control?: { port: number; secret: string };
}

export class FolderLockedError extends Error {
  constructor(
    readonly folder: string,
    readonly holder: LockHolder,
  ) {
    super(`data folder ${folder} is held by pid ${holder.pid} (${holder.purpose}) on ${holder.host}`);
  }
}

export interface FolderLock {
  folder: string;
  holder: LockHolder;
  /** Rewrites the lock with more about its holder (e.g. the control channel once it listens). */
  update(change: Partial<LockHolder>): void;
  release(): void;
}

function processStartTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 22, counted after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? ticks : null;
  } catch {
    return null;
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

const bootedAt = () => Date.now() - uptime() * 1000;

/** True when the holder written in a lock on this machine is certainly no longer running. */
export function holderIsGone(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return false; // another machine's process: we cannot tell
  if (Math.abs(bootedAt() - holder.bootedAt) > 120_000) return true; // the machine has restarted since
  if (holder.pid === process.pid) return false;
  if (!processExists(holder.pid)) return true;
  const ticks = processStartTicks(holder.pid);
  return holder.startTicks !== null && ticks !== null && ticks !== holder.startTicks;
}

function readHolder(path: string): { raw: string; holder: LockHolder | null } | null {
  let raw: string;
  try {
    raw = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  try {
    return { raw, holder: JSON.parse(raw) as LockHolder };
  } catch {
    // Half-written by a process that died while writing it.
    return { raw, holder: null };
  }
}

function writePrivate(path: string, content: string) {
  writeFileSync(path, content, { mode: 0o600 });
}

const TAKEOVER_STALE_MS = 10_000;

/** Runs `act` while holding the takeover directory; false when another process holds it. */
function underTakeoverMutex(folder: string, act: () => void): boolean {
  const mutex = join(folder, `${LOCK_FILE}.takeover`);
  try {
    mkdirSync(mutex);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    // One left by a process that died mid-takeover does not block for long.
    try {
      if (Date.now() - statSync(mutex).mtimeMs > TAKEOVER_STALE_MS) rmdirSync(mutex);
    } catch {
      /* gone meanwhile */
    }
    return false;
  }
  try {
    act();
  } finally {
    rmdirSync(mutex);
  }
  return true;
}

/** Takes the folder's lock or throws FolderLockedError naming the holder. */
export function lockFolder(folder: string, purpose: string): FolderLock {
  const dir = resolve(folder);
  mkdirSync(dir, { recursive: true });
  const lockPath = join(dir, LOCK_FILE);
  let holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    purpose,
    startedAt: new Date().toISOString(),
    bootedAt: Math.round(bootedAt()),
    startTicks: processStartTicks(process.pid),
  };
  const mine = join(dir, `${LOCK_FILE}.${process.pid}.${randomBytes(6).toString("hex")}`);
  writePrivate(mine, JSON.stringify(holder));
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(mine, lockPath);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      }
      const found = readHolder(lockPath);
      if (!found) continue; // released meanwhile: try again
      if (found.holder && !holderIsGone(found.holder)) throw new FolderLockedError(dir, found.holder);
      if (attempt > 200) throw new Error(`could not take over the stale lock ${lockPath}`);
      // Stale: remove it, but only if it is still the same stale lock, under the mutex.
      const tookOver = underTakeoverMutex(dir, () => {
        if (readHolder(lockPath)?.raw === found.raw) unlinkSync(lockPath);
      });
      if (!tookOver) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  } finally {
    unlinkSync(mine);
  }

  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off("exit", release);
    try {
      if (readHolder(lockPath)?.holder?.pid === process.pid) unlinkSync(lockPath);
    } catch {
      /* the folder is gone */
    }
  };
  process.on("exit", release);
  return {
    folder: dir,
    get holder() {
      return holder;
    },
    update(change) {
      holder = { ...holder, ...change };
      const next = `${lockPath}.${process.pid}.next`;
      writePrivate(next, JSON.stringify(holder));
      renameSync(next, lockPath);
    },
    release,
  };
}

/** Who holds the folder, if anyone is still running (for the CLI's way through the server). */
export function currentHolder(folder: string): LockHolder | null {
  const found = readHolder(join(resolve(folder), LOCK_FILE));
  return found?.holder && !holderIsGone(found.holder) ? found.holder : null;
}

/**
 * What a person reads when the folder is held, in Swedish and English: which folder,
 * who holds it, why that matters and what to do.
 */
export function describeLockedFolder(err: FolderLockedError, situation: "start" | "command"): string {
  const h = err.holder;
  const started = h.startedAt.slice(0, 16).replace("T", " ");
  const who = { sv: h.purpose === "server" ? "Samverka-servern" : "en annan Samverka-process", en: h.purpose === "server" ? "the Samverka server" : "another Samverka process" };
  const elsewhere = h.host !== hostname();
  const stop = {
    sv: elsewhere ? `Processen körs på datorn ${h.host}. Stoppa den där först.` : `Stoppa den först (Ctrl+C där den körs, eller kill ${h.pid}).`,
    en: elsewhere ? `It runs on the computer ${h.host}. Stop it there first.` : `Stop it first (Ctrl+C where it runs, or kill ${h.pid}).`,
  };
  const then =
    situation === "start"
      ? { sv: "Eller starta den här med en annan DATA_DIR.", en: "Or start this one with another DATA_DIR." }
      : {
          sv: "Kör sedan kommandot igen. admin:create fungerar även medan servern kör: kommandot går då genom servern.",
          en: "Then run the command again. admin:create also works while the server runs: the command then goes through the server.",
        };
  const what = situation === "start" ? { sv: "Samverka kan inte starta", en: "Samverka cannot start" } : { sv: "Kommandot kan inte köras", en: "The command cannot run" };
  return [
    `${what.sv}: datamappen ${err.folder} används redan av ${who.sv} (pid ${h.pid}, startad ${started} UTC).`,
    `Två processer i samma mapp skulle förlora varandras ändringar. ${stop.sv} ${then.sv}`,
    "",
    `${what.en}: the data folder ${err.folder} is already used by ${who.en} (pid ${h.pid}, started ${started} UTC).`,
    `Two processes on one folder would lose each other's changes. ${stop.en} ${then.en}`,
  ].join("\n");
}
