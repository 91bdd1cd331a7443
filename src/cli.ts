/** Admin tasks from the command line: `npm run cli -- --help`. */
import { loadConfig, ConfigError } from "./config.js";
import { openDatabase } from "./db/client.js";
import { createApiToken } from "./auth/repository.js";
import { findOrCreatePersonByEmail, setPlatformAdmin } from "./people/repository.js";
import { importRegister } from "./organisations/repository.js";
import { seedIfEmpty } from "./demo/seed.js";
import { loadLinkKey } from "./shared/signed-links.js";
import { z } from "zod";

const HELP = `Samverka command line

Usage: npm run cli -- <command> [options]

Commands:
  admin:create --email ADDRESS [--name NAME]
      Creates (or finds) a person, makes them platform admin and prints a new
      API token as the last line of output.
  db:migrate      Applies database migrations and loads the SCB register.
  demo:seed       Loads demo content if the database has no organiser spaces.
  --help          Shows this text.

Honours DATA_DIR (embedded PGlite) and DATABASE_URL (PostgreSQL).`;

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
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await database.migrate();
    await importRegister(database.db);
    switch (command) {
      case "admin:create": {
        const email = z.email().safeParse(option(args, "email")?.trim().toLowerCase());
        if (!email.success) {
          console.error("admin:create needs --email with a valid e-mail address, e.g. --email anna@region.se");
          return 2;
        }
        const person = await findOrCreatePersonByEmail(database.db, email.data, option(args, "name") ?? email.data.split("@")[0]!);
        await setPlatformAdmin(database.db, person.id);
        const { token } = await createApiToken(database.db, person.id, `cli ${new Date().toISOString().slice(0, 10)}`);
        console.log(`Platform admin: ${person.name} <${person.email}> (${person.id})`);
        console.log(token);
        return 0;
      }
      case "db:migrate":
        console.log(`Migrated (${database.kind}).`);
        return 0;
      case "demo:seed":
        console.log((await seedIfEmpty(database.db, new Date(), await loadLinkKey(database.db, config.SECRET_KEY))) ? "Demo content loaded." : "The database already has content; nothing loaded.");
        return 0;
      default:
        console.error(`Unknown command: ${command}\n\n${HELP}`);
        return 2;
    }
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
