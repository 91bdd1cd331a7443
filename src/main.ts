/** Starts Samverka: configuration, database (migrated, demo data when empty), HTTP server. */
import { createAdaptorServer } from "@hono/node-server";
import { eventLoopLoad } from "./http/middleware/admission.js";
import { createApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { startControlChannel } from "./admin/control-channel.js";
import { openDatabase } from "./db/client.js";
import { describeLockedFolder, FolderLockedError } from "./db/folder-lock.js";
import { seedIfEmpty } from "./demo/seed.js";
import { rateLimitStoreFor } from "./http/rate-limit-store.js";
import { createMailer } from "./mail/mailer.js";
import { importRegister } from "./organisations/repository.js";
import { startJobs } from "./jobs.js";
import { loadLinkKey } from "./shared/signed-links.js";

/** The kernel caps it at net.core.somaxconn (4096 on current Linux). */
const LISTEN_BACKLOG = 4096;

/** How long each step of starting took, for the one line logged when listening. */
const phases: string[] = [];
let last = performance.now();
const phase = (name: string) => {
  const now = performance.now();
  phases.push(`${name} ${Math.round(now - last)} ms`);
  last = now;
};

async function main() {
  phase("modules");
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  let database;
  try {
    database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, purpose: "server" });
  } catch (err) {
    if (err instanceof FolderLockedError) {
      console.error(describeLockedFolder(err, "start"));
      process.exit(3);
    }
    throw err;
  }
  phase("database");
  await database.migrate();
  phase("migrations");
  await importRegister(database.db);
  phase("register");
  const linkKey = await loadLinkKey(database.db, config.SECRET_KEY);
  if (config.SEED_DEMO) {
    const seeded = await seedIfEmpty(database.db, new Date(), linkKey);
    if (seeded) console.log("[seed] demo content loaded");
    phase("demo");
  }
  const mailer = createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM });
  if (mailer.mode === "development") {
    console.warn("[mail] SMTP_URL is not set: mail is shown at /dev/mail (from this machine only) and in this log.");
  }
  const load = eventLoopLoad({ windowMs: 100, threshold: 0.9 });
  const deps = { config, database, db: database.db, mailer, now: () => new Date(), linkKey, rateLimits: rateLimitStoreFor(database), saturated: load.saturated };
  const app = createApp(deps);
  const jobs = startJobs(deps);
  // On PGlite the CLI cannot open the folder while we hold it; admin:create comes through here.
  const control = database.lock ? await startControlChannel(database.db, database.lock, deps.now) : null;
  const server = createAdaptorServer({ fetch: app.fetch });
  // A rush opens hundreds of connections a second; the kernel's queue of connections not
  // yet accepted (Node's default: 511) must hold a second's worth, or new ones are dropped
  // and their senders wait for a retransmission (1 s, 3 s, 7 s…) before they are even heard.
  server.listen({ port: config.PORT, host: config.HOST, backlog: LISTEN_BACKLOG }, () => {
    phase("listening");
    const port = (server.address() as { port: number }).port;
    console.log(`Samverka listening on http://localhost:${port} (database: ${database.kind}; started in ${Math.round(performance.now())} ms: ${phases.join(", ")})`);
  });
  const shutdown = async () => {
    server.close();
    load.stop();
    await jobs.stop();
    await control?.close();
    await mailer.close();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((err) => {
  console.error("Samverka could not start:", err instanceof Error ? err.message : err);
  process.exit(1);
});
