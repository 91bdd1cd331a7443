/**
 * PostgreSQL stops during load: a private instance this test makes with initdb in a
 * temporary folder and runs as the postgres user, so the shared service is never touched.
 * The app answers 503 with a clear message (never a crash or a stack trace), /healthz says
 * so, it recovers by itself within 5 seconds of the database coming back, and nothing
 * acknowledged is lost.
 */
import { execFileSync } from "node:child_process";
import { chownSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import pg from "pg";
import { createAdminToken, freePort, startServer } from "../bench/lib/server.js";
import { makeEvent, makeSpace } from "../bench/lib/setup.js";
import { record } from "./report.js";
import { until } from "./smtp.js";

const bin = join("/usr/lib/postgresql", readdirSync("/usr/lib/postgresql").sort().pop()!, "bin");
const asPostgres = (cmd: string, args: string[]) => execFileSync("su", ["postgres", "-s", "/bin/sh", "-c", [join(bin, cmd), ...args.map((a) => `'${a}'`)].join(" ")], { stdio: "pipe" });

it("answers 503 while PostgreSQL is down, recovers within 5 s, and loses nothing acknowledged", async () => {
  const dir = mkdtempSync(join(tmpdir(), "samverka-pg-"));
  chownSync(dir, Number(execFileSync("id", ["-u", "postgres"]).toString()), Number(execFileSync("id", ["-g", "postgres"]).toString()));
  const data = join(dir, "data");
  const port = await freePort();
  asPostgres("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  const startPg = () => asPostgres("pg_ctl", ["-D", data, "-l", join(dir, "log"), "-w", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, "start"]);
  const stopPg = () => asPostgres("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
  startPg();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const env = { DATABASE_URL: url, REGISTRATION_RATE_PER_IP: "10000000", JOBS_INTERVAL_SECONDS: "0" };
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const token = createAdminToken(env);
    server = await startServer(env);
    const s = server;
    const space = await makeSpace(s.url, token);
    const event = await makeEvent(s.url, token, space.id, { places: 100 });

    // Steady load from 8 clients for the whole test.
    const acknowledged: string[] = [];
    const statuses = new Map<number, number>();
    const bodiesDuringOutage: string[] = [];
    let outage = false;
    let stop = false;
    let n = 0;
    const client = async () => {
      while (!stop) {
        const i = n++;
        const res = await fetch(`${s.url}/api/v1/events/${event.id}/registrations`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name: `Avbrott ${i}`, email: `avbrott-${i}@outage.example` }),
        }).catch(() => null);
        if (!res) continue;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const text = await res.text();
        if (res.status === 201 || res.status === 200) acknowledged.push(JSON.parse(text).id);
        if (outage && res.status >= 500 && bodiesDuringOutage.length < 20) bodiesDuringOutage.push(text);
      }
    };
    const clients = Array.from({ length: 8 }, client);
    await until(() => acknowledged.length >= 50, 60_000, "load under way");

    stopPg();
    outage = true;
    await until(async () => (await fetch(`${s.url}/healthz`)).status === 503, 10_000, "/healthz to report the outage").catch((e) => {
      console.log(s.output().slice(-3000));
      throw e;
    });
    const health = await (await fetch(`${s.url}/healthz`)).json();
    const page = await fetch(`${s.url}/evenemang`);
    const pageText = await page.text();
    await until(() => bodiesDuringOutage.length >= 3, 10_000, "registrations answered during the outage");
    const duringOutage = { ...Object.fromEntries(statuses) };

    startPg();
    const back = Date.now();
    await until(async () => (await fetch(`${s.url}/healthz`)).status === 200, 10_000, "recovery");
    const recoveredInMs = Date.now() - back;
    await until(() => acknowledged.length >= 50 + 40, 60_000, "registrations after recovery");
    stop = true;
    await Promise.all(clients);

    expect(health).toEqual({ status: "unavailable", database: "postgres" });
    expect(page.status).toBe(503);
    expect(pageText).toContain("Tjänsten kan inte nå sin databas just nu.");
    for (const body of bodiesDuringOutage) {
      const json = JSON.parse(body);
      expect(json.error.code).toBe("database_unavailable");
      expect(json.error.message).toContain("databas");
      expect(body).not.toMatch(/\bat .+\.(ts|js):\d+/);
    }
    expect([...statuses.keys()].filter((code) => code >= 500 && code !== 503)).toEqual([]);
    expect(s.process.exitCode).toBeNull();
    expect(recoveredInMs).toBeLessThanOrEqual(5000);

    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const rows = (await c.query(`select id, person_id from registrations where event_id = $1`, [event.id])).rows;
    await c.end();
    const ids = new Set(rows.map((r) => r.id));
    const lost = acknowledged.filter((id) => !ids.has(id)).length;
    const duplicates = rows.length - new Set(rows.map((r) => r.person_id)).size;
    expect(lost).toBe(0);
    expect(duplicates).toBe(0);
    record("Database outage (private PostgreSQL stopped with -m immediate during load)", {
      "requests tried": [...statuses.values()].reduce((a, b) => a + b, 0),
      "answers by status": Object.entries(Object.fromEntries(statuses)).map(([k, v]) => `${k}: ${v}`).join(", "),
      "answers by status until the database was restarted": Object.entries(duringOutage).map(([k, v]) => `${k}: ${v}`).join(", "),
      "faults injected": "1 × PostgreSQL immediate shutdown, then restart",
      "recovered after the database was back (ms)": recoveredInMs,
      "acknowledged registrations checked": acknowledged.length,
      lost,
      duplicates,
      "other 5xx than 503": 0,
    });
  } finally {
    await server?.kill();
    try {
      stopPg();
    } catch {
      // already stopped
    }
    rmSync(dir, { recursive: true, force: true });
  }
});
