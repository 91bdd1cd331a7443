/** The real app on a test database; only the clock and the mail transport are stand-ins. */
import { randomBytes } from "node:crypto";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import type { Database } from "../../src/db/client.js";
import type { Deps } from "../../src/http/env.js";
import { rateLimitStoreFor } from "../../src/http/rate-limit-store.js";
import { createMailer, type Mailer } from "../../src/mail/mailer.js";

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: Deps;
  mailer: Mailer;
  clock: { now: Date };
}

export function createTestApp(database: Database, env: Record<string, string> = {}): TestApp {
  // Tests write to the database directly between requests, so pages are not kept by time
  // unless a test asks for it (PAGE_CACHE_SECONDS); the content cache always works.
  const config = loadConfig({ PUBLIC_URL: "http://localhost", SEED_DEMO: "false", PAGE_CACHE_SECONDS: "0", ...env });
  const mailer = createMailer({ from: config.MAIL_FROM, log: () => {} });
  const clock = { now: new Date("2026-11-23T10:00:00Z") };
  const deps: Deps = { config, database, db: database.db, mailer, now: () => new Date(clock.now), linkKey: randomBytes(32), rateLimits: rateLimitStoreFor(database) };
  return { app: createApp(deps), deps, mailer, clock };
}

/**
 * A browser-like client for app.request(): keeps cookies, and adds the CSRF token to
 * form posts the way the rendered forms do.
 */
export class TestClient {
  cookies = new Map<string, string>();
  constructor(private readonly t: TestApp) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const i = pair!.indexOf("=");
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (/max-age=0/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", this.cookieHeader());
    headers.set("host", "localhost");
    const res = await this.t.app.request(`http://localhost${path}`, { ...init, headers, redirect: "manual" });
    this.remember(res);
    return res;
  }

  get(path: string) {
    return this.request(path);
  }

  async csrf(): Promise<string> {
    if (!this.cookies.has("sv_csrf")) await this.get("/logga-in");
    return this.cookies.get("sv_csrf")!;
  }

  async post(path: string, fields: Record<string, string>, options: { csrf?: boolean; headers?: Record<string, string> } = {}) {
    const body = new URLSearchParams(fields);
    if (options.csrf !== false) body.set("_csrf", await this.csrf());
    return this.request(path, {
      method: "POST",
      body: body.toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", ...(options.headers ?? {}) },
    });
  }

  /** A multipart form (as a browser sends one with a file input), with the CSRF token. */
  async postMultipart(path: string, fields: Record<string, string | Blob>, options: { csrf?: boolean } = {}) {
    const body = new FormData();
    // First, as the forms have it: a streamed upload reads the token before the file.
    if (options.csrf !== false) body.set("_csrf", await this.csrf());
    for (const [k, v] of Object.entries(fields)) body.set(k, v);
    return this.request(path, { method: "POST", body });
  }

  /** Logs in through the real e-mail link flow. */
  async login(email: string): Promise<void> {
    await this.post("/logga-in", { email });
    const mail = this.t.mailer.recent().find((m) => m.to === email.toLowerCase());
    const link = /(http\S+bekrafta\?token=[^&\s]+)/.exec(mail?.text ?? "")?.[1];
    if (!link) throw new Error(`no login link mailed to ${email}`);
    const token = decodeURIComponent(new URL(link).searchParams.get("token")!);
    const res = await this.post("/logga-in/bekrafta", { token });
    if (res.status !== 303) throw new Error(`login failed with ${res.status}`);
  }
}

export async function json(res: Response): Promise<any> {
  return res.json();
}

export function api(t: TestApp, token?: string) {
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    t.app.request(`http://localhost/api${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
  return {
    get: (path: string, headers?: Record<string, string>) => call("GET", path, undefined, headers),
    post: (path: string, body: unknown, headers?: Record<string, string>) => call("POST", path, body, headers),
    patch: (path: string, body: unknown) => call("PATCH", path, body),
    put: (path: string, body: unknown) => call("PUT", path, body),
    delete: (path: string) => call("DELETE", path),
  };
}
