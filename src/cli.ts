/** Admin tasks from the command line: `npm run cli -- --help`. */
import { loadConfig, ConfigError } from "./config.js";
import { openDatabase } from "./db/client.js";
import { AdminCreateInput, createPlatformAdmin, type AdminCreated } from "./admin/commands.js";
import { adminCreateThroughServer } from "./admin/control-channel.js";
import { currentHolder, describeLockedFolder, FolderLockedError } from "./db/folder-lock.js";
import { importRegister } from "./organisations/repository.js";
import { seedIfEmpty } from "./demo/seed.js";
import { loadLinkKey } from "./shared/signed-links.js";

const HELP = `Samverka command line

Usage: npm run cli -- <command> [options]

Commands:
  admin:create --email ADDRESS [--name NAME]
      Creates (or finds) a person, makes them platform admin and prints a new
      API token as the last line of output. Works while the server runs: on
      the embedded database the command then goes through the server.
  db:migrate      Applies database migrations and loads the SCB register.
  demo:seed       Loads demo content if the database has no organiser spaces.
  --help          Shows this text.

Honours DATA_DIR (embedded PGlite) and DATABASE_URL (PostgreSQL). Only one process
at a time may open an embedded data folder: stop the server before db:migrate or
demo:seed on it.`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

async function main(args: string[]): Promise<number> {
  const command = args[0];
  if (!command || command === "--help" || command === "-h" || command === "help") {
    console.log(HELP);
    return 0;
  }
  if (!["admin:create", "db:migrate", "demo:seed"].includes(command)) {
    console.error(`Unknown command: ${command}\n\n${HELP}`);
    return 2;
  }
  const config = loadConfig();
  const adminInput = command === "admin:create" ? AdminCreateInput.safeParse({ email: option(args, "email")?.trim(), name: option(args, "name") }) : null;
  if (adminInput && !adminInput.success) {
    console.error("admin:create needs --email with a valid e-mail address, e.g. --email anna@region.se");
    return 2;
  }
  const printAdmin = (created: AdminCreated) => {
    console.log(`Platform admin: ${created.person.name} <${created.person.email}> (${created.person.id})`);
    console.log(created.token);
  };
  // The embedded folder is the running server's: admin:create goes through it.
  const holder = config.DATABASE_URL ? null : currentHolder(config.DATA_DIR);
  if (holder && adminInput?.success && holder.control) {
    printAdmin(await adminCreateThroughServer(holder, adminInput.data));
    return 0;
  }
  let database;
  try {
    database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, templates: config.PGLITE_TEMPLATES, purpose: "cli" });
  } catch (err) {
    if (err instanceof FolderLockedError) {
      console.error(describeLockedFolder(err, "command"));
      return 3;
    }
    throw err;
  }
  try {
    await database.migrate();
    await importRegister(database.db);
    switch (command) {
      case "admin:create": {
        printAdmin(await createPlatformAdmin(database.db, adminInput!.data!, new Date()));
        return 0;
      }
      case "db:migrate":
        console.log(`Migrated (${database.kind}).`);
        return 0;
      case "demo:seed":
        console.log((await seedIfEmpty(database.db, new Date(), await loadLinkKey(database.db, config.SECRET_KEY))) ? "Demo content loaded." : "The database already has content; nothing loaded.");
        return 0;
    }
    return 2;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof ConfigError ? err.message : `Error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
