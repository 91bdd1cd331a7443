/**
 * Starts Samverka: configuration, database (migrated, demo data when empty), HTTP server.
 * Only what opening the database needs is imported before it starts: on PGlite the
 * database is made or opened in its own thread while this one loads the application.
 */
import { ConfigError, loadConfig } from "./config.js";
import { makePgliteTemplate, openDatabase, type TemplateMaking } from "./db/client.js";
import { describeLockedFolder, FolderLockedError } from "./db/folder-lock.js";

/** The application's modules, loaded while the database opens. */
const loadApplication = async () => {
  const [server, admission, app, control, seed, limits, mailer, organisations, jobs, links] = await Promise.all([
    import("@hono/node-server"),
    import("./http/middleware/admission.js"),
    import("./app.js"),
    import("./admin/control-channel.js"),
    import("./demo/seed.js"),
    import("./http/rate-limit-store.js"),
    import("./mail/mailer.js"),
    import("./organisations/repository.js"),
    import("./jobs.js"),
    import("./shared/signed-links.js"),
  ]);
  return { ...server, ...admission, ...app, ...control, ...seed, ...limits, ...mailer, ...organisations, ...jobs, ...links };
};

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
  let loaded;
  try {
    [database, loaded] = await Promise.all([openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, templates: config.PGLITE_TEMPLATES, purpose: "server" }), loadApplication()]);
  } catch (err) {
    if (err instanceof FolderLockedError) {
      console.error(describeLockedFolder(err, "start"));
      process.exit(3);
    }
    throw err;
  }
  const { createAdaptorServer, eventLoopLoad, createApp, startControlChannel, seedIfEmpty, rateLimitStoreFor, createMailer, importRegister, startJobs, loadLinkKey } = loaded;
  phase("database and modules");
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
  // A database made at this start without a template (src/db/pglite-template.ts):
  // PGlite's thread has grown with making it (initdb), migrating it and loading the demo;
  // a new one on the same folder serves with much less memory. (One that opened a copy
  // of the template and loaded the demo holds no more than a new one would: measured.)
  const madeFromTheStart = database.fresh === true;
  if (database.fresh && database.reopen) {
    database = await database.reopen();
    phase("reopened");
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
  let templateMaking: TemplateMaking | null = null;
  // A rush opens hundreds of connections a second; the kernel's queue of connections not
  // yet accepted (Node's default: 511) must hold a second's worth, or new ones are dropped
  // and their senders wait for a retransmission (1 s, 3 s, 7 s…) before they are even heard.
  server.listen({ port: config.PORT, host: config.HOST, backlog: LISTEN_BACKLOG }, () => {
    phase("listening");
    const port = (server.address() as { port: number }).port;
    console.log(`Samverka listening on http://localhost:${port} (database: ${database.kind}; started in ${Math.round(performance.now())} ms: ${phases.join(", ")})`);
    // The first start after an install: the migrated template (src/db/pglite-template.ts)
    // is made now, in a thread of its own, so that the next new database is copied from it.
    if (madeFromTheStart) templateMaking = makePgliteTemplate(config.PGLITE_TEMPLATES);
  });
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    server.close();
    load.stop();
    await jobs.stop();
    await templateMaking?.stop();
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
