/**
 * One writer per embedded data folder, as a newcomer meets it: with the server running,
 * a second server and the CLI's other commands are refused with a clear message, the
 * CLI's admin:create goes through the server (its token works at once), nothing the
 * server wrote is lost, and a lock left by kill -9 does not block the next start.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createAdminToken, freePort, root, startServer, type RunningServer } from "../../bench/lib/server.js";

const tsx = join(root, "node_modules/.bin/tsx");
const dataDir = mkdtempSync(join(tmpdir(), "samverka-held-"));
const servers: RunningServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

const env = { DATA_DIR: dataDir, DATABASE_URL: "", JOBS_INTERVAL_SECONDS: "0" };
/** A process run to its end without blocking this one (an idle keep-alive connection must not go stale meanwhile). */
function run(args: string[], extraEnv: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(tsx, args, { cwd: root, env: { ...process.env, ...env, ...extraEnv }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (status) => resolve({ status, stdout, stderr }));
  });
}
const cli = (...args: string[]) => run(["src/cli.ts", ...args]);
const api = (server: RunningServer, token: string, path: string, init: RequestInit = {}) =>
  fetch(`${server.url}/api/v1${path}`, { ...init, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } });
const spaceNames = async (server: RunningServer, token: string) => ((await (await api(server, token, "/spaces")).json()).data as { name: string }[]).map((s) => s.name).sort();

describe("one process per embedded data folder", { timeout: 240_000 }, () => {
  it("refuses a second server and the CLI while the server runs, runs admin:create through it, and loses nothing", async () => {
    const firstToken = createAdminToken(env);
    const server = await startServer(env);
    servers.push(server);
    const pid = server.serverPid();
    expect((await api(server, firstToken, "/spaces", { method: "POST", body: JSON.stringify({ name: "Region Före" }) })).status).toBe(201);

    // A second server on the same folder stops at once and says why, in both languages.
    const second = await run(["src/main.ts"], { PORT: String(await freePort()), HOST: "127.0.0.1" });
    expect(second.status).toBe(3);
    expect(second.stderr).toContain(`Samverka kan inte starta: datamappen ${dataDir} används redan av Samverka-servern (pid ${pid}`);
    expect(second.stderr).toContain(`Samverka cannot start: the data folder ${dataDir} is already used by the Samverka server (pid ${pid}`);
    expect(second.stderr).toContain("DATA_DIR");

    // Other commands are refused, and told what to do.
    const seed = await cli("demo:seed");
    expect(seed.status).toBe(3);
    expect(seed.stderr).toContain(`Kommandot kan inte köras: datamappen ${dataDir}`);
    expect(seed.stderr).toContain(`kill ${pid}`);
    expect(seed.stderr).toContain("admin:create also works while the server runs");

    // admin:create goes through the server; its token works at once.
    const created = await cli("admin:create", "--email", "Ny.Admin@Region.se", "--name", "Nora Admin");
    expect(created.status, created.stderr).toBe(0);
    const token = created.stdout.trim().split("\n").pop()!;
    const me = await (await api(server, token, "/me")).json();
    expect(me).toMatchObject({ name: "Nora Admin", email: "ny.admin@region.se" });
    expect((await api(server, token, "/spaces", { method: "POST", body: JSON.stringify({ name: "Region Under" }) })).status).toBe(201);

    // Stopped and started again: every write is there, both tokens work, the lock is gone meanwhile.
    await server.kill("SIGTERM");
    expect(existsSync(join(dataDir, "samverka.lock"))).toBe(false);
    const again = await startServer(env);
    servers.push(again);
    expect(await spaceNames(again, token)).toEqual(["Region Före", "Region Under"]);
    expect(await spaceNames(again, firstToken)).toEqual(["Region Före", "Region Under"]);

    // kill -9 leaves the lock behind; the next start takes it over.
    const crashedPid = again.serverPid();
    await again.crash();
    const left = JSON.parse(readFileSync(join(dataDir, "samverka.lock"), "utf8"));
    expect(left.pid).toBe(crashedPid);
    const after = await startServer(env);
    servers.push(after);
    expect(JSON.parse(readFileSync(join(dataDir, "samverka.lock"), "utf8")).pid).not.toBe(left.pid);
    expect(await spaceNames(after, token)).toEqual(["Region Före", "Region Under"]);
  });
});
