import { z } from "zod";

/**
 * Configuration is read once at start-up and validated; a wrong value stops the
 * program with a readable list of what is wrong (see README, "Configuration").
 */
const booleanString = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  /**
   * PGlite: where migrated databases to start new ones from are kept (src/db/pglite-template.ts);
   * "off" makes each new database from the start. Default: node_modules/.cache/samverka.
   */
  PGLITE_TEMPLATES: z
    .string()
    .min(1)
    .transform((v) => (v === "off" ? (false as const) : v))
    .optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  PUBLIC_URL: z.url("must be a full URL such as https://samverka.example.se").optional(),
  SEED_DEMO: booleanString.default(true),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Samverka <no-reply@samverka.local>"),
  SESSION_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  LOGIN_TOKEN_MINUTES: z.coerce.number().int().min(1).max(60).default(15),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  TRUST_PROXY: booleanString.default(false),
  /** Key for signed manage links; made and kept in the database when unset. */
  SECRET_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  /** Registrations per minute from one client address (a municipality's staff often share one). */
  REGISTRATION_RATE_PER_IP: z.coerce.number().int().min(1).max(10_000_000).default(300),
  /**
   * Live rooms: votes, poll answers and stream openings a minute from one address (a
   * venue's Wi-Fi puts a whole hall behind one); questions, ideas and comments a tenth of
   * it. Each browser has its own, far lower, limits besides.
   */
  LIVE_RATE_PER_IP: z.coerce.number().int().min(10).max(10_000_000).default(6000),
  /** First retry of a failed e-mail after this many seconds, doubling up to an hour. */
  MAIL_RETRY_BASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** A sender's claim on an e-mail lasts this long; if it dies while sending, another instance sends it after that. */
  MAIL_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(120),
  /** Sent (or given-up) e-mails are kept this many days, then deleted: they hold personal data. */
  MAIL_KEEP_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** How often background jobs (outbox, offers, reminders, retention) run, in seconds; 0 turns them off. */
  JOBS_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
  /** A public page served to a visitor is served again for this many seconds, unless this instance changed something; 0 turns it off. */
  /** Changes (POST, PATCH, …) handled at once by one process; more wait their turn (admission control). */
  MAX_ACTIVE_CHANGES: z.coerce.number().int().min(1).max(10_000).default(64),
  /** How long a change may wait for its turn before it is answered 429 "busy, try again". */
  MAX_WAIT_MS: z.coerce.number().int().min(10).max(60_000).default(3000),
  PAGE_CACHE_SECONDS: z.coerce.number().min(0).max(60).default(1),
  /** The largest material (slides, documents) the archive takes, in MB. */
  ARCHIVE_MAX_FILE_MB: z.coerce.number().int().min(1).max(500).default(50),
});

export type Config = z.infer<typeof ConfigSchema> & { publicUrl: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset, the way shells and .env files usually mean them.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ""),
  );
  const result = ConfigSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => `${i.path.join(".") || "(config)"}: ${i.message}`),
    );
  }
  const c = result.data;
  const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, "");
  return { ...c, publicUrl };
}
