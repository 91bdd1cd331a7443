/** The two things a new installation does first: start the app, and create an admin. */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDirs } from "../support/temp.js";

const root = new URL("../..", import.meta.url).pathname;
const tsx = join(root, "node_modules/.bin/tsx");
const tempDir = tempDirs("samverka-");

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

// Each test starts real processes (tsx, PGlite's first initdb on an empty folder); on two
// cores shared with the browser tests that takes well over the default 30 s at times.
const PROCESS_TEST_MS = 120_000;

describe("command line", { timeout: PROCESS_TEST_MS }, () => {
  it("lists its tasks with --help", () => {
    const r = spawnSync(tsx, ["src/cli.ts", "--help"], { cwd: root, encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("admin:create --email ADDRESS");
  });

  it("creates a platform admin and prints a working API token as the last line", async () => {
    const dataDir = tempDir();
    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" };
    const r = spawnSync(tsx, ["src/cli.ts", "admin:create", "--email", "Admin@Region.se"], { cwd: root, encoding: "utf8", env });
    expect(r.status, r.stderr).toBe(0);
    const token = r.stdout.trim().split("\n").pop()!;
    expect(token).toMatch(/^svk_[A-Za-z0-9_-]{40,}$/);
    // Same person the second time, new token.
    const again = spawnSync(tsx, ["src/cli.ts", "admin:create", "--email", "admin@region.se"], { cwd: root, encoding: "utf8", env });
    expect(again.stdout).toContain(r.stdout.split("\n")[0]!.split("(")[1]!);

    const port = await freePort();
    const server = spawn(tsx, ["src/main.ts"], { cwd: root, env: { ...env, PORT: String(port), HOST: "127.0.0.1", SEED_DEMO: "false" }, stdio: "pipe" });
    try {
      await waitForHealth(port);
      const created = await fetch(`http://127.0.0.1:${port}/api/v1/spaces`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ name: "Region Testland" }),
      });
      expect(created.status).toBe(201);
    } finally {
      server.kill("SIGTERM");
    }
  });

  it("refuses admin:create without a valid e-mail", () => {
    const r = spawnSync(tsx, ["src/cli.ts", "admin:create", "--email", "nope"], { cwd: root, encoding: "utf8", env: { ...process.env, DATA_DIR: tempDir(), DATABASE_URL: "" } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--email");
  });
});

async function waitForHealth(port: number) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return res;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("server did not become healthy within 60 s");
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("npm start", { timeout: PROCESS_TEST_MS }, () => {
  it("starts on an empty data folder with the embedded database and demo content", async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const server = spawn(tsx, ["src/main.ts"], { cwd: root, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", PORT: String(port), HOST: "127.0.0.1" }, stdio: "pipe" });
    try {
      const health = await waitForHealth(port);
      expect(await health.json()).toEqual({ status: "ok", database: "pglite" });
      const events = await (await fetch(`http://127.0.0.1:${port}/api/v1/events`)).json();
      expect(events.data.map((e: { title: string }) => e.title)).toContain("Digitala Västerbotten 2027");
      const page = await (await fetch(`http://127.0.0.1:${port}/evenemang/digitala-vasterbotten-2027/program`)).text();
      expect(page).toContain("Digital strategi i länets kommuner");
    } finally {
      server.kill("SIGTERM");
    }
  });

  it("makes the migrated template after its first start, from which the next new folder is copied; a stop cuts it short cleanly", async () => {
    const templates = tempDir();
    const start = async (dataDir: string) => {
      const port = await freePort();
      const server = spawn(tsx, ["src/main.ts"], { cwd: root, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", PORT: String(port), HOST: "127.0.0.1", SEED_DEMO: "false", PGLITE_TEMPLATES: templates }, stdio: "pipe" });
      let log = "";
      server.stdout.on("data", (d) => (log += d));
      const exited = new Promise((resolve) => server.once("exit", resolve));
      await waitForHealth(port);
      return { port, log: () => log, stop: async () => (server.kill("SIGTERM"), await exited) };
    };
    const made = () => readdirSync(templates).filter((n) => existsSync(join(templates, n, "READY")));

    // The first start after an install: made from the start (and reopened), then the template.
    const first = await start(tempDir());
    expect(first.log()).toMatch(/started in .*reopened/);
    const deadline = Date.now() + 60_000;
    while (made().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(made()).toHaveLength(1);
    await first.stop();

    // The next new folder is a copy: nothing made, nothing reopened, and it works.
    const second = await start(tempDir());
    try {
      expect(second.log()).toMatch(/started in .*migrations/);
      expect(second.log()).not.toMatch(/reopened/);
      expect((await fetch(`http://127.0.0.1:${second.port}/api/v1/events`)).status).toBe(200);
    } finally {
      await second.stop();
    }
    expect(readdirSync(templates)).toEqual(made());

    // Stopped while making one: nothing half made is left.
    rmSync(join(templates, made()[0]!), { recursive: true });
    const third = await start(tempDir());
    await third.stop();
    expect(readdirSync(templates).filter((n) => !made().includes(n))).toEqual([]);
  });

  it("stops with a readable list when configuration is wrong", () => {
    const r = spawnSync(tsx, ["src/main.ts"], { cwd: root, encoding: "utf8", env: { ...process.env, PORT: "not-a-port", DATABASE_URL: "mysql://x" } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("Invalid configuration");
    expect(r.stderr).toContain("PORT");
    expect(r.stderr).toContain("DATABASE_URL");
  });
});
