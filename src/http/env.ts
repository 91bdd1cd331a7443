import type { Context } from "hono";
import type { Config } from "../config.js";
import type { Database, Db } from "../db/client.js";
import type { Locale, Translate } from "../i18n/messages.js";
import type { PageCache } from "./page-cache.js";
import type { Mailer } from "../mail/mailer.js";
import type { RateLimitStore } from "./rate-limit-store.js";

/** What every request handler can reach; built once in main.ts (or by a test). */
export interface Deps {
  config: Config;
  database: Database;
  db: Db;
  mailer: Mailer;
  /** The clock, injectable so tests can move time. */
  now: () => Date;
  /** Key for signed capability links (manage a registration, a delegation, an invitation). */
  linkKey: Buffer;
  /** Rate-limit counters: shared by every instance on PostgreSQL, in memory on PGlite. */
  rateLimits: RateLimitStore;
  /** True while this process has no time to spare (main.ts measures it; absent in most tests). */
  saturated?: () => boolean;
}

/** The person behind a request, from a session cookie or an API token. */
export interface Actor {
  personId: string;
  name: string;
  email: string | null;
  isPlatformAdmin: boolean;
  /** A member of at least one organiser space. */
  organises: boolean;
  via: "session" | "token";
}

export interface AppEnv {
  Variables: {
    deps: Deps;
    /** Public pages kept for visitors (one per app). */
    pageCache: PageCache;
    requestId: string;
    locale: Locale;
    t: Translate;
    actor: Actor | null;
    csrfToken: string;
    /** A message set by the previous request (POST → redirect → GET). */
    flash: string | null;
    /** Per-response CSP override (the API docs page needs inline styles). */
    cspOverride?: string;
    /**
     * A multipart upload its route reads as a stream (a module's `streamedUploads`): the
     * body is not read into memory first, and the route checks the CSRF token itself.
     */
    streamedUpload?: boolean;
  };
}

export type AppContext = Context<AppEnv>;
