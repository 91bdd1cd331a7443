/**
 * Live at a keynote's scale (issue 13 §7): 1,000 participants' streams open on one
 * instance, 1,000 poll answers within 2 s through the participants' own form posts.
 * Measured: for each update, the time from its write (the answer's transaction) until the
 * last of the 1,000 streams has carried it; messages per second; the server's memory per
 * open stream; its CPU with 1,000 idle streams. Limit, same run, same clients: a bare SSE
 * broadcast of as many updates over as long (bench/lib/bare-sse-main.ts).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabase } from "./lib/pg.js";
import { createAdminToken, root, startServer } from "./lib/server.js";
import { call, makeEvent, makeSpace } from "./lib/setup.js";
import { percentile, round } from "./lib/stats.js";

export interface LiveResult {
  driver: "postgres" | "pglite";
  clients: number;
  connected: number;
  answers: number;
  acknowledged: number;
  /** Answers by HTTP status (303: kept; 429: busy, try again). */
  statuses: string;
  answersMs: number;
  updates: number;
  /** Updates every stream carried. */
  complete: number;
  p50: number;
  p99: number;
  max: number;
  messagesPerSecond: number;
  rssPerStreamKb: number;
  cpuIdlePctPer1000: number;
  limitP50: number;
  limitP99: number;
  limitMessagesPerSecond: number;
  /** After the results are revealed, every participant's page reads itself again at once (what live.js does after an update): */
  pagesServed: number;
  /** …the time until the last of them is served, */
  pagesMs: number;
  /** …and each page's p99. */
  pagesP99: number;
  /** The same for the polls alone (what live.js reads after an update that changed only polls). */
  partsServed: number;
  partsMs: number;
  partsP99: number;
}

interface ClientsReport {
  connected: number;
  failed: number;
  messages: number;
  perId: [number, { n: number; last: number; first: number; t: number | null }][];
}

function clientsProcess(url: string, path: string, clients: number) {
  const child = spawn(join(root, "node_modules/.bin/tsx"), [join(root, "bench/lib/sse-clients-main.ts")], { cwd: root, stdio: ["pipe", "pipe", "inherit"] });
  let out = "";
  child.stdout!.setEncoding("utf8");
  child.stdout!.on("data", (d: string) => (out += d));
  child.stdin!.write(JSON.stringify({ url, path, clients }) + "\n");
  const line = (prefix: string) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const found = out.split("\n").find((l) => l.startsWith(prefix));
        if (found) return resolve(found);
        if (child.exitCode !== null) return reject(new Error(`sse clients exited: ${out.slice(0, 300)}`));
        setTimeout(check, 50);
      };
      check();
    });
  return {
    ready: async () => Number((await line("READY")).split(" ")[1]),
    stop: async (): Promise<ClientsReport> => {
      child.stdin!.write("STOP\n");
      return JSON.parse(await line("{")) as ClientsReport;
    },
  };
}

/** Latency per update: from its time stamp to the last stream carrying it. */
function latencies(report: ClientsReport, clients: number) {
  const rows = report.perId.filter(([, v]) => v.t !== null);
  const lat = rows.map(([, v]) => v.last - v.t!);
  const first = Math.min(...rows.map(([, v]) => v.t!));
  const last = Math.max(...rows.map(([, v]) => v.last));
  return { updates: rows.length, complete: rows.filter(([, v]) => v.n === clients).length, p50: round(percentile(lat, 50)), p99: round(percentile(lat, 99)), max: round(Math.max(0, ...lat)), messagesPerSecond: round(report.messages / Math.max(0.001, (last - first) / 1000)) };
}

const cpuTicks = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks (100 a second)
};

async function bareLimit(clients: number, updates: number, windowMs: number) {
  const child: ChildProcess = spawn(join(root, "node_modules/.bin/tsx"), [join(root, "bench/lib/bare-sse-main.ts")], { cwd: root, stdio: ["ignore", "pipe", "inherit"], detached: true });
  try {
    const port = await new Promise<number>((resolve) => child.stdout!.once("data", (d: Buffer) => resolve(Number(String(d).trim()))));
    const url = `http://127.0.0.1:${port}`;
    const c = clientsProcess(url, "/s", clients);
    await c.ready();
    await fetch(`${url}/emit?n=${updates}&ms=${windowMs}`, { method: "POST" });
    await new Promise((r) => setTimeout(r, windowMs + 3000));
    return latencies(await c.stop(), clients);
  } finally {
    // The whole group: tsx and the node under it (killing tsx alone leaves that node serving).
    process.kill(-child.pid!, "SIGKILL");
  }
}

export async function liveBench(o: { driver: "postgres" | "pglite"; clients: number; answers: number; windowMs: number }): Promise<LiveResult> {
  const dataDir = o.driver === "pglite" ? mkdtempSync(join(tmpdir(), "samverka-live-")) : undefined;
  const database = o.driver === "postgres" ? await createDatabase("samverka_live_bench") : undefined;
    // Each phone from its own address (the benchmark's client is one machine): see the note on one address's limit below.
  const env = { DATA_DIR: dataDir ?? "", DATABASE_URL: database?.url ?? "", LIVE_RATE_PER_IP: "10000000", JOBS_INTERVAL_SECONDS: "0", TRUST_PROXY: "true" };
  const token = createAdminToken(env);
  const server = await startServer(env);
  try {
    const space = await makeSpace(server.url, token);
    const event = await makeEvent(server.url, token, space.id);
    const room = (await call(server.url, token, "GET", `/v1/events/${event.id}/live`)).data[0] as { code: string };
    const poll = (await call(server.url, token, "POST", `/v1/live/${room.code}/polls`, { kind: "single", question: "Vilket område först?", options: ["Informationssäkerhet", "Arkitektur", "Bredband", "Kompetens"], allowChange: false })) as { id: string };
    await call(server.url, token, "POST", `/v1/live/${room.code}/polls/${poll.id}/actions`, { action: "open" });

    // Each participant's browser: its cookies (token, CSRF) from the room's page.
    const jars: { cookie: string; csrf: string }[] = [];
    let after = 0;
    for (let i = 0; i < o.answers; i += 25) {
      await Promise.all(
        Array.from({ length: Math.min(25, o.answers - i) }, async () => {
          const res = await fetch(`${server.url}/live/${room.code}`);
          const html = await res.text();
          after = Math.max(after, Number(/strom\?after=(\d+)/.exec(html)?.[1] ?? 0));
          const cookies = res.headers.getSetCookie().map((l) => l.split(";")[0]!);
          jars.push({ cookie: cookies.join("; "), csrf: cookies.find((c) => c.startsWith("sv_csrf="))!.slice(8) });
        }),
      );
    }
    const rssBefore = server.rssMb();
    const clients = clientsProcess(server.url, `/live/${room.code}/strom?after=${after}`, o.clients);
    const connected = await clients.ready();
    await new Promise((r) => setTimeout(r, 1000));
    const rssConnected = server.rssMb();
    const pid = server.serverPid();
    const idleStart = cpuTicks(pid);
    await new Promise((r) => setTimeout(r, 5000));
    const cpuIdlePct = ((cpuTicks(pid) - idleStart) / 5) * 1; // ticks per second = % of one core

    // The answers: spread evenly over the window, each a form post from its own browser.
    let acknowledged = 0;
    const statuses: Record<number, number> = {};
    const started = performance.now();
    await Promise.all(
      jars.map(
        (jar, i) =>
          new Promise<void>((resolve) =>
            setTimeout(async () => {
              try {
                const res = await fetch(`${server.url}/live/${room.code}/omrostning/${poll.id}`, { method: "POST", redirect: "manual", headers: { cookie: jar.cookie, "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": `10.1.${(i >> 8) & 255}.${i & 255}` }, body: `choice=${i % 4}&_csrf=${jar.csrf}` });
                if (res.status === 303) acknowledged++;
                statuses[res.status] = (statuses[res.status] ?? 0) + 1;
                await res.arrayBuffer();
              } finally {
                resolve();
              }
            }, (i * o.windowMs) / o.answers),
          ),
      ),
    );
    const answersMs = round(performance.now() - started);
    await new Promise((r) => setTimeout(r, 3000));
    const measured = latencies(await clients.stop(), o.clients);

    // The moderator shows the results: every participant's page reads itself again, all at once.
    await call(server.url, token, "POST", `/v1/live/${room.code}/polls/${poll.id}/actions`, { action: "reveal" });
    // Every page at once, then (what live.js reads after an update that changed only polls) every page's polls.
    const everyPage = async (path: string) => {
      const times: number[] = [];
      const t0 = performance.now();
      await Promise.all(
        jars.map(async (jar, i) => {
          const t = performance.now();
          const res = await fetch(`${server.url}${path}`, { headers: { cookie: jar.cookie, "x-forwarded-for": `10.1.${(i >> 8) & 255}.${i & 255}` } });
          const html = await res.text();
          if (res.status === 200 && html.includes(`${acknowledged} har svarat`)) times.push(performance.now() - t);
        }),
      );
      return { served: times.length, ms: round(performance.now() - t0), p99: round(percentile(times, 99)) };
    };
    const pages = await everyPage(`/live/${room.code}`);
    const parts = await everyPage(`/live/${room.code}/delar/omrostningar`);
    const limit = await bareLimit(o.clients, o.answers, o.windowMs);
    return {
      driver: o.driver,
      clients: o.clients,
      connected,
      answers: o.answers,
      acknowledged,
      statuses: JSON.stringify(statuses),
      answersMs,
      ...measured,
      rssPerStreamKb: round(((rssConnected - rssBefore) * 1024) / Math.max(1, connected)),
      cpuIdlePctPer1000: round((cpuIdlePct * 1000) / Math.max(1, connected), 2),
      limitP50: limit.p50,
      limitP99: limit.p99,
      limitMessagesPerSecond: limit.messagesPerSecond,
      pagesServed: pages.served,
      pagesMs: pages.ms,
      pagesP99: pages.p99,
      partsServed: parts.served,
      partsMs: parts.ms,
      partsP99: parts.p99,
    };
  } finally {
    await server.kill();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  }
}
