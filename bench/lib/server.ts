/** Starts the real server as its own process, the way `npm start` does, and stops it. */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabase } from "./pg.js";

export const root = new URL("../..", import.meta.url).pathname;
const tsx = join(root, "node_modules/.bin/tsx");
/** What `npm start` runs after "tsx": Node's flags and the entry point, so the benchmarks run the same. */
const startArgs: string[] = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts.start.split(/\s+/).slice(1);

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface ServerEnv {
  DATA_DIR?: string;
  DATABASE_URL?: string;
  [key: string]: string | undefined;
}

export interface RunningServer {
  url: string;
  process: ChildProcess;
  startedInMs: number;
  rssMb(): number;
  /** The pid of the node process that serves (tsx and npm start it as a child). */
  serverPid(): number;
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** kill -9 the serving process itself, as a crash would. */
  crash(): Promise<void>;
  output(): string;
}

export async function waitForHealth(url: string, timeoutMs = 60_000, output: () => string = () => ""): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not yet listening
    }
    // What the server said is the only clue when it never comes up.
    if (Date.now() > deadline) throw new Error(`server at ${url} not healthy after ${timeoutMs} ms; its output:\n${output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startServer(env: ServerEnv, options: { command?: "tsx" | "npm-start"; cwd?: string } = {}): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const fullEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    SEED_DEMO: "false",
    LOG_LEVEL: "warn",
    DATABASE_URL: "",
    ...env,
  } as NodeJS.ProcessEnv;
  const started = performance.now();
  const child =
    options.command === "npm-start"
      ? spawn("npm", ["start", "--silent"], { cwd: options.cwd ?? root, env: fullEnv, stdio: ["ignore", "pipe", "pipe"], detached: true })
      : process.env.BENCH_CPU_PROF
        ? // A CPU profile of the server, written to that folder when it stops (for looking, not for figures).
          spawn(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, "--import", "tsx", ...startArgs], { cwd: root, env: fullEnv, stdio: ["ignore", "pipe", "pipe"], detached: true })
        : spawn(tsx, startArgs, { cwd: root, env: fullEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  await waitForHealth(url, 60_000, () => out);
  const startedInMs = performance.now() - started;
  return {
    url,
    process: child,
    startedInMs,
    output: () => out,
    rssMb() {
      // The node process that runs the server (tsx and npm start it as a child).
      const pid = serverPid(child.pid!);
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
    },
    serverPid: () => serverPid(child.pid!),
    async crash() {
      await signalGroup(child, "SIGKILL");
    },
    kill(signal: NodeJS.Signals = "SIGTERM") {
      return signalGroup(child, signal);
    },
  };
}

/**
 * Sends the signal to the spawned process's whole group (npm or tsx, the node that serves,
 * their helpers) and resolves when none of them is left. tsx can exit before the node
 * under it has closed the data folder and given back its lock: a restart in between finds
 * the lock held by a live pid and rightly refuses.
 */
async function signalGroup(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  const pid = child.pid!;
  await new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    process.kill(-pid, signal);
  });
  for (const until = Date.now() + 30_000; Date.now() < until; ) {
    try {
      process.kill(-pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The node that runs src/main.ts: the deepest process below the spawned one (npm and tsx
 * start it as a child), not counting tsx's esbuild helper, which is a child of that node.
 */
function serverPid(parent: number): number {
  let pid = parent;
  for (let depth = 0; depth < 5; depth++) {
    const r = spawnSync("pgrep", ["-P", String(pid)], { encoding: "utf8" });
    const children = r.stdout.trim().split("\n").filter(Boolean).map(Number);
    const next = children.filter((child) => commandOf(child) !== "esbuild").at(-1);
    if (next === undefined) return pid;
    pid = next;
  }
  return pid;
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return ""; // gone already
  }
}

/** `npm run cli -- admin:create`, returning the printed API token. */
export function createAdminToken(env: ServerEnv): string {
  const r = spawnSync(tsx, ["src/cli.ts", "admin:create", "--email", "bench@bench.example"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: "", ...env },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`admin:create failed: ${r.stderr}`);
  return r.stdout.trim().split("\n").pop()!;
}

/**
 * A server of its own for one benchmark: a fresh data folder (PGlite) or a fresh
 * PostgreSQL database, an admin token, registration limits off (the load comes from one
 * address, and is not a flood) and no background jobs; all torn down after `run`.
 */
export async function withFreshServer<T>(driver: "pglite" | "postgres", run: (server: RunningServer, token: string) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), "samverka-bench-"));
  const database = driver === "postgres" ? await createDatabase("samverka_bench") : undefined;
  const env = { DATA_DIR: dataDir, DATABASE_URL: database?.url ?? "", REGISTRATION_RATE_PER_IP: "10000000", JOBS_INTERVAL_SECONDS: "0" };
  try {
    const token = createAdminToken(env);
    const server = await startServer(env);
    try {
      return await run(server, token);
    } finally {
      await server.kill();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  }
}
