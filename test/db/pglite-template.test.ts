/**
 * New PGlite databases start from a migrated template (src/db/pglite-template.ts): the
 * same database as one migrated from empty, made once per set of migrations, kept whole
 * or not at all, and never in the way of a start when it cannot be made or kept.
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { makePgliteTemplate, openDatabase, type Database } from "../../src/db/client.js";
import { migrationsFolder, repeatableScripts } from "../../src/db/migrate.js";
import { copyTemplate, PgliteTemplates, templateKey, type TemplateMaker } from "../../src/db/pglite-template.js";
import { rowsOf } from "../../src/db/rows.js";
import { tempDirs } from "../support/temp.js";

const tempDir = tempDirs("samverka-template-");

/** Everything migrating leaves in a database: columns, indexes, functions, triggers, and the records of what was applied. */
async function whatMigratingLeft(database: Database) {
  const q = (text: string) => rowsOf<Record<string, unknown>>(database.db, sql.raw(text));
  return {
    columns: await q(`select table_name, column_name, data_type, column_default, is_nullable from information_schema.columns where table_schema = 'public' order by 1, 2`),
    indexes: await q(`select indexname, indexdef from pg_indexes where schemaname = 'public' order by 1`),
    functions: await q(`select p.proname, pg_get_functiondef(p.oid) as def from pg_proc p where p.pronamespace = 'public'::regnamespace order by 1, 2`),
    triggers: await q(`select tgname, pg_get_triggerdef(oid) as def from pg_trigger where not tgisinternal order by 1`),
    migrations: await q(`select hash, created_at from drizzle.__drizzle_migrations order by id`),
    repeatables: await q(`select name, checksum from schema_repeatables order by name`),
  };
}

/** Every file of a folder with a hash of its content. */
const contentsOf = (folder: string) =>
  (readdirSync(folder, { recursive: true }) as string[])
    .sort()
    .filter((f) => statSync(join(folder, f)).isFile())
    .map((f) => `${f} ${createHash("sha256").update(readFileSync(join(folder, f))).digest("hex")}`);

describe("a new PGlite database from the migrated template", () => {
  it("is the database migrating an empty one makes, on disk and in memory, and migrating it again applies nothing", async () => {
    const cache = tempDir();
    const migrated = await openDatabase({ dataDir: "memory://", templates: false });
    await migrated.migrate();
    // One in memory waits for the template to be made; one on disk then copies it.
    const inMemory = await openDatabase({ dataDir: "memory://", templates: cache });
    const onDisk = await openDatabase({ dataDir: join(tempDir(), "data"), templates: cache });
    try {
      const expected = await whatMigratingLeft(migrated);
      expect(expected.migrations.length).toBeGreaterThan(20);
      expect(expected.functions.map((f) => f.proname)).toContain("register_place");
      for (const database of [onDisk, inMemory]) {
        // Found migrated before migrate() is asked for: it is the template's copy.
        expect(await whatMigratingLeft(database)).toEqual(expected);
        const appliedAt = await rowsOf(database.db, sql`select name, applied_at from schema_repeatables order by name`);
        await database.migrate();
        expect(await rowsOf(database.db, sql`select name, applied_at from schema_repeatables order by name`)).toEqual(appliedAt);
        expect(await whatMigratingLeft(database)).toEqual(expected);
      }
      // Not made here: nothing for the server to reopen for memory's sake.
      expect(onDisk.fresh).toBe(false);
    } finally {
      await Promise.all([migrated, onDisk, inMemory].map((d) => d.close()));
    }
  });

  it("is made from the start on disk while there is no template, which is then made in the background; later ones copy it", async () => {
    const cache = tempDir();
    const first = await openDatabase({ dataDir: join(tempDir(), "data"), templates: cache });
    expect(first.fresh).toBe(true);
    expect(readdirSync(cache)).toEqual([]);
    await first.close();
    const making = makePgliteTemplate(cache)!;
    await making.done;
    expect(readdirSync(cache)).toEqual([expect.stringMatching(/^pglite-/)]);
    const second = await openDatabase({ dataDir: join(tempDir(), "data"), templates: cache });
    expect(second.fresh).toBe(false);
    expect((await rowsOf<{ n: number }>(second.db, sql`select count(*)::int as n from schema_repeatables`))[0]!.n).toBe(repeatableScripts().length);
    await second.close();
    // Nothing to make a second time.
    await makePgliteTemplate(cache)!.done;
    expect(readdirSync(cache)).toHaveLength(1);
  });

  it("stops making a template when asked, leaving nothing half made", async () => {
    const cache = tempDir();
    const making = makePgliteTemplate(cache)!;
    await new Promise((r) => setTimeout(r, 300));
    await making.stop();
    expect(readdirSync(cache)).toEqual([]);
    expect(makePgliteTemplate(false)).toBeNull();
  });

  it("keeps what is written in a copy, and never writes to the template", async () => {
    const cache = tempDir();
    await makePgliteTemplate(cache)!.done;
    const dataDir = join(tempDir(), "data");
    const first = await openDatabase({ dataDir, templates: cache });
    expect(first.fresh).toBe(false);
    const [template] = readdirSync(cache);
    const before = contentsOf(join(cache, template!));
    await first.db.execute(sql`insert into organisations (id, name, kind) values (gen_random_uuid(), 'Provkommunen', 'municipality')`);
    await first.close();
    const again = await openDatabase({ dataDir, templates: cache });
    const other = await openDatabase({ dataDir: join(tempDir(), "data"), templates: cache });
    try {
      expect(await rowsOf(again.db, sql`select name from organisations`)).toEqual([{ name: "Provkommunen" }]);
      expect(await rowsOf(other.db, sql`select name from organisations`)).toEqual([]);
      expect(contentsOf(join(cache, template!))).toEqual(before);
    } finally {
      await again.close();
      await other.close();
    }
  });

  it("is made from the start, with a warning, where no template can be kept", async () => {
    const file = join(tempDir(), "a-file");
    writeFileSync(file, "");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const cache = join(file, "cache");
    const database = await openDatabase({ dataDir: "memory://", templates: cache });
    const onDisk = await openDatabase({ dataDir: join(tempDir(), "data"), templates: cache });
    try {
      expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringContaining("no migrated template for a new database")]);
      expect(database.fresh).toBe(true);
      await database.migrate();
      expect((await rowsOf<{ n: number }>(database.db, sql`select count(*)::int as n from schema_repeatables`))[0]!.n).toBe(repeatableScripts().length);
      expect(onDisk.fresh).toBe(true);
      await makePgliteTemplate(cache)!.done;
      expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringContaining("no migrated template"), expect.stringContaining("the migrated template for new databases could not be made")]);
    } finally {
      await onDisk.close();
      warn.mockRestore();
      await database.close();
    }
  });
});

describe("the template's key", () => {
  it("changes with a numbered migration, a repeatable script or PGlite's version, and with nothing else", () => {
    const copy = join(tempDir(), "migrations");
    cpSync(migrationsFolder, copy, { recursive: true });
    const pglite = join(tempDir(), "package.json");
    writeFileSync(pglite, JSON.stringify({ name: "@electric-sql/pglite", version: "0.3.16" }));
    const scripts = repeatableScripts();
    const key = templateKey({ migrations: copy, scripts, pglitePackage: pglite });
    expect(templateKey({ migrations: copy, scripts, pglitePackage: pglite })).toBe(key);
    expect(templateKey({ migrations: migrationsFolder, scripts, pglitePackage: pglite })).toBe(key);

    const sqlFile = readdirSync(copy).filter((f) => f.endsWith(".sql")).sort()[0]!;
    writeFileSync(join(copy, sqlFile), `${readFileSync(join(copy, sqlFile), "utf8")}\n-- changed`);
    expect(templateKey({ migrations: copy, scripts, pglitePackage: pglite })).not.toBe(key);
    cpSync(migrationsFolder, copy, { recursive: true });
    expect(templateKey({ migrations: copy, scripts, pglitePackage: pglite })).toBe(key);

    const changedScripts = scripts.map((s, i) => (i === 0 ? { ...s, checksum: "changed" } : s));
    expect(templateKey({ migrations: copy, scripts: changedScripts, pglitePackage: pglite })).not.toBe(key);

    writeFileSync(pglite, JSON.stringify({ name: "@electric-sql/pglite", version: "0.3.17" }));
    expect(templateKey({ migrations: copy, scripts, pglitePackage: pglite })).not.toBe(key);
  });
});

describe("the templates kept", () => {
  /** Stands in for PGlite: a folder with a PG_VERSION, and a tar when asked; counts its calls. */
  const fakeMaker = (wait = 0) => {
    const calls: { folder: string; dumpTo?: string }[] = [];
    const make: TemplateMaker = async (folder, dumpTo) => {
      calls.push({ folder, ...(dumpTo ? { dumpTo } : {}) });
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, "PG_VERSION"), "16\n");
      await new Promise((r) => setTimeout(r, wait));
      if (dumpTo) writeFileSync(dumpTo, "tar");
    };
    return { make, calls };
  };

  it("are made once, whole, however many ask at once", async () => {
    const cache = tempDir();
    const maker = fakeMaker(50);
    const folders = await Promise.all([1, 2, 3].map(() => new PgliteTemplates(cache, maker.make, "k1").folder()));
    expect(new Set(folders)).toEqual(new Set([join(cache, "pglite-k1", "pglite")]));
    expect(readdirSync(cache)).toEqual(["pglite-k1"]);
    expect(existsSync(join(cache, "pglite-k1", "READY"))).toBe(true);
    const made = maker.calls.length;
    await new PgliteTemplates(cache, maker.make, "k1").folder();
    expect(maker.calls.length).toBe(made);

    const tar = await new PgliteTemplates(cache, maker.make, "k1").tar();
    expect(tar).toBe(join(cache, "pglite-k1", "pglite.tar"));
    expect(maker.calls.at(-1)!.dumpTo).toBeDefined();
    await new PgliteTemplates(cache, maker.make, "k1").tar();
    expect(maker.calls.filter((c) => c.dumpTo)).toHaveLength(1);
    expect(readdirSync(cache)).toEqual(["pglite-k1"]);
  });

  it("leave nothing behind when making one fails", async () => {
    const cache = tempDir();
    const failing: TemplateMaker = async (folder) => {
      mkdirSync(folder);
      throw new Error("migration failed");
    };
    await expect(new PgliteTemplates(cache, failing, "k1").folder()).rejects.toThrow("migration failed");
    expect(readdirSync(cache)).toEqual([]);
  });

  it("are removed when not asked for in a day, as is work left by a process that died; the rest are kept", async () => {
    const cache = tempDir();
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    const oldTemplate = join(cache, "pglite-old");
    mkdirSync(oldTemplate);
    writeFileSync(join(oldTemplate, "READY"), "");
    utimesSync(join(oldTemplate, "READY"), twoDaysAgo, twoDaysAgo);
    const recentTemplate = join(cache, "pglite-recent");
    mkdirSync(recentTemplate);
    writeFileSync(join(recentTemplate, "READY"), "");
    const deadWork = join(cache, "making-dead");
    mkdirSync(deadWork);
    utimesSync(deadWork, twoDaysAgo, twoDaysAgo);
    const liveWork = join(cache, "making-live");
    mkdirSync(liveWork);
    const unrelated = join(cache, "notes.txt");
    writeFileSync(unrelated, "");
    utimesSync(unrelated, twoDaysAgo, twoDaysAgo);

    await new PgliteTemplates(cache, fakeMaker().make, "new").folder();
    expect(readdirSync(cache).sort()).toEqual(["making-live", "notes.txt", "pglite-new", "pglite-recent"]);
  });

  it("are copied only into a folder without files of its own, and a copy cut short is never taken for a database", async () => {
    const cache = tempDir();
    const template = await new PgliteTemplates(cache, fakeMaker().make, "k1").folder();
    const dataDir = tempDir();
    // Left by a copy killed halfway (the folder's lock is held by whoever copies).
    mkdirSync(join(dataDir, ".template-copy-99999"));
    writeFileSync(join(dataDir, ".template-copy-99999", "PG_VERSION"), "16\n");
    expect(copyTemplate(template, join(dataDir, "pglite"))).toBe(true);
    expect(readdirSync(dataDir)).toEqual(["pglite"]);
    expect(readFileSync(join(dataDir, "pglite", "PG_VERSION"), "utf8")).toBe("16\n");

    const own = join(tempDir(), "pglite");
    mkdirSync(own);
    writeFileSync(join(own, "postmaster.opts"), "mine");
    expect(copyTemplate(template, own)).toBe(false);
    expect(readdirSync(own)).toEqual(["postmaster.opts"]);

    const emptyFolder = join(tempDir(), "pglite");
    mkdirSync(emptyFolder);
    expect(copyTemplate(template, emptyFolder)).toBe(true);
    expect(readdirSync(emptyFolder)).toEqual(["PG_VERSION"]);
  });
});
