/** The embedded data folder's lock (src/db/folder-lock.ts), in this process and between processes. */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { hostname, uptime } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase } from "../../src/db/client.js";
import { rowsOf } from "../../src/db/rows.js";
import { FolderLockedError, LOCK_FILE, describeLockedFolder, holderIsGone, lockFolder, type LockHolder } from "../../src/db/folder-lock.js";
import { tempDirs } from "../support/temp.js";

const root = new URL("../..", import.meta.url).pathname;
const tempDir = tempDirs("samverka-lock-");

const bootedAt = () => Math.round(Date.now() - uptime() * 1000);
const startTicksOf = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[19]);
const holder = (over: Partial<LockHolder>): LockHolder => ({ pid: 1, host: hostname(), purpose: "server", startedAt: new Date().toISOString(), bootedAt: bootedAt(), startTicks: startTicksOf(1), ...over });
const writeLock = (dir: string, h: LockHolder) => writeFileSync(join(dir, LOCK_FILE), JSON.stringify(h));

describe("the data folder's lock", () => {
  it("refuses a second holder while the first has it, naming folder and pid, and is free again once released", () => {
    const dir = tempDir();
    const first = lockFolder(dir, "server");
    let refused: unknown;
    try {
      lockFolder(dir, "cli");
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(FolderLockedError);
    const message = describeLockedFolder(refused as FolderLockedError, "command");
    expect(message).toContain(dir);
    expect(message).toContain(`pid ${process.pid}`);
    expect(message).toContain("Kommandot kan inte köras: datamappen");
    expect(message).toContain("The command cannot run: the data folder");
    first.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    lockFolder(dir, "cli").release();
  });

  it("takes over a lock whose holder is gone: no such process, a reused pid, a machine restarted since", () => {
    for (const stale of [holder({ pid: 2 ** 22 + 17 }), holder({ startTicks: startTicksOf(1) + 1 }), holder({ bootedAt: bootedAt() - 86_400_000 })]) {
      expect(holderIsGone(stale)).toBe(true);
      const dir = tempDir();
      writeLock(dir, stale);
      const lock = lockFolder(dir, "server");
      expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8")).pid).toBe(process.pid);
      lock.release();
    }
    // A half-written lock (the holder died while writing it) does not block either.
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), '{"pid": 12');
    lockFolder(dir, "server").release();
  });

  it("keeps a lock whose holder runs, here or on another computer", () => {
    for (const alive of [holder({}), holder({ host: "another-computer", pid: 2 ** 22 + 17 })]) {
      expect(holderIsGone(alive)).toBe(false);
      const dir = tempDir();
      writeLock(dir, alive);
      expect(() => lockFolder(dir, "server")).toThrow(FolderLockedError);
    }
  });

  it("lets exactly one of several processes take over the same stale lock", async () => {
    const dir = tempDir();
    writeLock(dir, holder({ pid: 2 ** 22 + 17 }));
    const script = `import { lockFolder } from "./src/db/folder-lock.ts";
      try { lockFolder(${JSON.stringify(dir)}, "race"); console.log("took"); setTimeout(() => {}, 1500); }
      catch (err) { console.log(err.constructor.name); }`;
    const results = await Promise.all(
      [1, 2, 3, 4].map(
        () =>
          new Promise<string>((resolve) => {
            const child = spawn(join(root, "node_modules/.bin/tsx"), ["--eval", script], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
            let out = "";
            child.stdout.on("data", (d) => (out += d));
            child.on("exit", () => resolve(out.trim()));
          }),
      ),
    );
    expect(results.filter((r) => r === "took")).toHaveLength(1);
    expect(results.filter((r) => r === "FolderLockedError")).toHaveLength(3);
  });

  it("is taken by opening PGlite on a folder, and given back by closing it", async () => {
    const dir = tempDir();
    const database = await openDatabase({ dataDir: dir, purpose: "test" });
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8"))).toMatchObject({ pid: process.pid, purpose: "test" });
    await expect(openDatabase({ dataDir: dir })).rejects.toBeInstanceOf(FolderLockedError);
    await database.close();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  });

  it("stays taken while a database made at this start is reopened in a new thread, which finds what was written", async () => {
    const dir = tempDir();
    // Made by initdb in this thread (no template): the case the server reopens.
    const made = await openDatabase({ dataDir: dir, purpose: "server", templates: false });
    expect(made.fresh).toBe(true);
    await made.db.execute(sql`create table kept (v text)`);
    await made.db.execute(sql`insert into kept values ('skrivet före')`);
    const reopened = await made.reopen!();
    await expect(made.db.execute(sql`select 1`)).rejects.toThrow();
    expect(reopened.fresh).toBe(false);
    await expect(openDatabase({ dataDir: dir })).rejects.toBeInstanceOf(FolderLockedError);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8"))).toMatchObject({ pid: process.pid, purpose: "server" });
    expect(await rowsOf(reopened.db, sql`select v from kept`)).toEqual([{ v: "skrivet före" }]);
    await reopened.close();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    const later = await openDatabase({ dataDir: dir });
    expect(later.fresh).toBe(false);
    await later.close();
  });
});
