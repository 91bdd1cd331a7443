/**
 * A migrated, empty PGlite database, made once for each set of migrations and copied
 * wherever a new one is needed (as PostgreSQL's own CREATE DATABASE copies template1).
 *
 * Making a PGlite database (initdb, computed in WebAssembly) and migrating it takes about
 * 3 s; copying the finished folder and opening it, well under 1 s (bench/footprint.ts). A
 * first `npm start` on an empty folder, the CLI, and every test's database would repeat
 * the same work: it is done once, kept in `node_modules/.cache/samverka/` (where build
 * tools keep what they can make again), and made again when anything that shapes the
 * result changes: PGlite's version, a numbered migration or a repeatable script (the key).
 *
 * The template is a folder (copied for a database on disk) and, made when first asked
 * for, PGlite's tar of it (loaded for a database in memory). A database on disk never
 * waits for the template to be made: without one it is made from the start, as before,
 * and the server then makes the template in the background for the next (src/main.ts).
 * Both appear whole or not at all (made aside, then renamed), so processes making the
 * same template at once, or one killed while making it, leave nothing half made. Templates no longer
 * asked for are removed after a day.
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { migrationsFolder, repeatableScripts, type RepeatableScript } from "./migrate.js";

/** Changed when what a template holds changes in a way the key does not see. */
const TEMPLATE_FORMAT = "1";
/** Written last into a finished template. */
const READY = "READY";
const DAY_MS = 24 * 60 * 60 * 1000;

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

/** Where templates are kept: node_modules/.cache/samverka, or nowhere when there is no node_modules. */
export function defaultTemplateCache(): string | null {
  const modules = join(projectRoot, "node_modules");
  return existsSync(modules) ? join(modules, ".cache", "samverka") : null;
}

/** What a template is made of; by default this tree's. */
export interface TemplateSources {
  /** The numbered migrations' folder (its journal included). */
  migrations: string;
  scripts: RepeatableScript[];
  /** PGlite's package.json: its version. */
  pglitePackage: string;
}

/** This tree's key: its migrations do not change while it runs. */
let ownKey: string | null = null;

/** What makes one template differ from another. */
export function templateKey(sources?: Partial<TemplateSources>): string {
  if (!sources) return (ownKey ??= keyOf({}));
  return keyOf(sources);
}

function keyOf(sources: Partial<TemplateSources>): string {
  const { migrations = migrationsFolder, scripts = repeatableScripts(), pglitePackage = join(projectRoot, "node_modules", "@electric-sql", "pglite", "package.json") } = sources;
  const hash = createHash("sha256").update(TEMPLATE_FORMAT);
  hash.update(readFileSync(pglitePackage));
  for (const file of (readdirSync(migrations, { recursive: true }) as string[]).sort()) {
    const path = join(migrations, file);
    if (statSync(path).isFile()) hash.update(file).update(readFileSync(path));
  }
  for (const script of scripts) hash.update(script.name).update(script.checksum);
  return hash.digest("hex").slice(0, 24);
}

export interface TemplateMaker {
  /** Opens the database in `folder` (made there when there is none), migrates it and closes it; `dumpTo`: closing also writes PGlite's tar of it there. */
  (folder: string, dumpTo?: string): Promise<void>;
}

export class PgliteTemplates {
  private readonly home: string;

  constructor(
    private readonly cache: string,
    private readonly make: TemplateMaker,
    key = templateKey(),
  ) {
    this.home = join(cache, `pglite-${key}`);
  }

  /** The template's folder, if it has been made. */
  existing(): string | null {
    if (!existsSync(join(this.home, READY))) return null;
    this.touch();
    return join(this.home, "pglite");
  }

  /** The template's folder, made first if there is none. */
  async folder(): Promise<string> {
    const made = this.existing();
    if (made) return made;
    await this.makeFolder();
    return this.existing()!;
  }

  /** PGlite's tar of the template, made first if there is none. */
  async tar(): Promise<string> {
    const tar = join(this.home, "pglite.tar");
    if (!existsSync(tar)) {
      const folder = await this.folder();
      // PGlite writes to a folder it opens: the tar is made from a copy.
      const work = mkdtempSync(join(this.cache, "making-"));
      try {
        cpSync(folder, join(work, "pglite"), { recursive: true });
        await this.make(join(work, "pglite"), join(work, "pglite.tar"));
        if (!existsSync(tar)) renameSync(join(work, "pglite.tar"), tar);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    }
    this.touch();
    return tar;
  }

  private async makeFolder(): Promise<void> {
    mkdirSync(this.cache, { recursive: true });
    this.removeUnused();
    const work = mkdtempSync(join(this.cache, "making-"));
    try {
      await this.make(join(work, "pglite"));
      writeFileSync(join(work, READY), `${new Date().toISOString()}\n`);
      try {
        renameSync(work, this.home);
      } catch (err) {
        // Another process finished the same template first: theirs is as good.
        if (!existsSync(join(this.home, READY))) throw err;
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }

  /** Marks the template as asked for (see removeUnused). */
  private touch(): void {
    const now = new Date();
    try {
      utimesSync(join(this.home, READY), now, now);
    } catch {
      // Read-only: it is then not removed either.
    }
  }

  /** Other templates not asked for in a day, and work left a day ago by a process that died. */
  private removeUnused(): void {
    const before = Date.now() - DAY_MS;
    for (const name of readdirSync(this.cache)) {
      const path = join(this.cache, name);
      if (path === this.home || !/^(pglite-|making-)/.test(name)) continue;
      const marker = existsSync(join(path, READY)) ? join(path, READY) : path;
      if (statSync(marker).mtimeMs < before) rmSync(path, { recursive: true, force: true });
    }
  }
}

/**
 * A new database at `path` (a folder holding none) from the template folder: copied
 * aside and renamed into place, so that a copy cut short is never taken for a database.
 * Returns false, having changed nothing, when `path` holds files of its own.
 */
export function copyTemplate(template: string, path: string): boolean {
  if (existsSync(path) && readdirSync(path).length > 0) return false;
  const parent = dirname(path);
  // Left by a copy that was cut short (the caller holds the folder's lock: nobody else copies).
  for (const name of readdirSync(parent)) if (name.startsWith(".template-copy-")) rmSync(join(parent, name), { recursive: true, force: true });
  const partial = join(parent, `.template-copy-${process.pid}`);
  cpSync(template, partial, { recursive: true });
  rmSync(path, { recursive: true, force: true });
  renameSync(partial, path);
  return true;
}
