/**
 * Live across two instances on one PostgreSQL (issue 13 §7): viewers' streams split
 * between them, poll answers sent to one; the other is killed with SIGKILL mid-poll and
 * its viewers reconnect to the first with Last-Event-ID, as EventSource does. Afterwards:
 * every acknowledged answer is kept, once; no one is counted twice; every viewer has seen
 * every update of the room, in order, none twice, whichever instance it came from.
 */
import { describe, expect, it } from "vitest";
import pg from "pg";
import { createDatabase, postgresReachable } from "../bench/lib/pg.js";
import { createAdminToken, startServer, type RunningServer } from "../bench/lib/server.js";
import { call, makeEvent, makeSpace } from "../bench/lib/setup.js";
import { record } from "./report.js";
import { until } from "./smtp.js";

const VIEWERS = 40;
const PARTICIPANTS = 120;

/** A browser's cookies, as far as these pages set them. */
class Jar {
  cookies = new Map<string, string>();
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const i = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/** A viewer's stream: reads events, and on a broken connection comes back (to the other instance) with the last id, as EventSource does. */
function viewer(urls: () => string[], path: string, after: number) {
  const seen: number[] = [];
  let reconnects = 0;
  let opened = false;
  let stopped = false;
  const controller = { current: new AbortController() };
  const run = async (preferred: number) => {
    let index = preferred;
    while (!stopped) {
      const url = urls()[index % urls().length]!;
      try {
        const last = seen.at(-1) ?? after;
        const res = await fetch(`${url}${path}?after=${after}`, { headers: { "last-event-id": String(last) }, signal: controller.current.signal });
        opened = res.ok;
        const reader = res.body!.getReader();
        const decoder = new TextDecoder();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end: number;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const id = /^id: (\d+)$/m.exec(message)?.[1];
            if (id) seen.push(Number(id));
          }
        }
      } catch {
        /* the instance went away, or we stopped */
      }
      if (stopped) return;
      reconnects++;
      index++; // the other instance
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  return {
    seen,
    reconnects: () => reconnects,
    opened: () => opened,
    start: (preferred: number) => void run(preferred),
    stop: () => {
      stopped = true;
      controller.current.abort();
    },
  };
}

describe("live on two instances on one PostgreSQL", () => {
  it("keeps every poll answer once and brings every update to every viewer through a kill -9 of one instance", async () => {
    if (!(await postgresReachable())) throw new Error("PostgreSQL is not reachable; CI must provide it");
    const database = await createDatabase("samverka_live_instances");
    const env = { DATABASE_URL: database.url, JOBS_INTERVAL_SECONDS: "0" };
    const servers: RunningServer[] = [];
    const sql = new pg.Client({ connectionString: database.url });
    const viewers: ReturnType<typeof viewer>[] = [];
    try {
      const token = createAdminToken(env);
      servers.push(await startServer(env), await startServer(env));
      await sql.connect();
      const [a, b] = servers as [RunningServer, RunningServer];
      const space = await makeSpace(a.url, token);
      const event = await makeEvent(a.url, token, space.id);
      const room = (await call(a.url, token, "GET", `/v1/events/${event.id}/live`)).data[0] as { id: string; code: string };
      const poll = (await call(a.url, token, "POST", `/v1/live/${room.code}/polls`, { kind: "single", question: "Vilket område först?", options: ["Säkerhet", "Arkitektur", "Bredband"], allowChange: false })) as { id: string };
      const channel = `room:${room.id}`;
      const start = Number((await sql.query(`select coalesce(max(id), 0) as n from live_events where channel = $1`, [channel])).rows[0].n);

      // Viewers on both instances; B's will lose theirs.
      for (let i = 0; i < VIEWERS; i++) {
        const v = viewer(() => [a.url, b.url], `/live/${room.code}/strom`, start);
        viewers.push(v);
        v.start(i % 2);
      }
      await until(() => viewers.every((v) => v.opened()), 30_000, "every viewer's stream open");
      await call(a.url, token, "POST", `/v1/live/${room.code}/polls/${poll.id}/actions`, { action: "open" });

      // Participants answer through A, each from their own browser.
      let acknowledged = 0;
      let refused = 0;
      let killed = false;
      const answer = async (i: number) => {
        const jar = new Jar();
        jar.take(await fetch(`${a.url}/live/${room.code}`));
        const body = new URLSearchParams({ choice: String(i % 3), _csrf: jar.cookies.get("sv_csrf")! });
        const res = await fetch(`${a.url}/live/${room.code}/omrostning/${poll.id}`, { method: "POST", body: body.toString(), redirect: "manual", headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" } });
        if (res.status === 303) acknowledged++;
        else refused++;
        // The same browser again: the poll does not allow a change, so it is refused and nothing is counted twice.
        if (i % 10 === 0) {
          const again = await fetch(`${a.url}/live/${room.code}/omrostning/${poll.id}`, { method: "POST", body: body.toString(), redirect: "manual", headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" } });
          expect(again.status).toBe(409);
        }
      };
      for (let i = 0; i < PARTICIPANTS; i++) {
        await answer(i);
        if (i === PARTICIPANTS / 3 && !killed) {
          killed = true;
          await b.crash();
        }
      }
      await call(a.url, token, "POST", `/v1/live/${room.code}/polls/${poll.id}/actions`, { action: "close" });
      // A burst's announcement follows its answers by at most 100 ms (publishSoon): wait until the one covering the last answer is written.
      const announced = async () =>
        (
          await sql.query(
            `select count(*)::int as n from live_events where channel = $1 and kind = 'polls' and data ? 'since' and created_at >= (select max(answered_at) from live_poll_answers where poll_id = $2)`,
            [channel, poll.id],
          )
        ).rows[0].n > 0;
      await until(announced, 30_000, "the last answer announced");

      const ids = (await sql.query(`select id from live_events where channel = $1 and id > $2 order by id`, [channel, start])).rows.map((r) => Number(r.id));
      const last = ids.at(-1)!;
      await until(() => viewers.every((v) => v.seen.at(-1) === last), 30_000, "every viewer has the last update");
      const answers = (await sql.query(`select voter_key from live_poll_answers where poll_id = $1`, [poll.id])).rows;
      const complete = viewers.filter((v) => JSON.stringify(v.seen) === JSON.stringify(ids)).length;
      const reconnected = viewers.filter((v) => v.reconnects() > 0).length;
      expect(refused).toBe(0);
      expect(answers).toHaveLength(acknowledged);
      expect(new Set(answers.map((r) => r.voter_key)).size).toBe(answers.length);
      expect(complete).toBe(VIEWERS); // every update, in order, none twice
      expect(reconnected).toBeGreaterThanOrEqual(VIEWERS / 2);

      record("Live on two instances on one PostgreSQL, one killed mid-poll", {
        instances: 2,
        "viewers (streams), half on each": VIEWERS,
        "participants answering through the other": PARTICIPANTS,
        "faults injected": "1 × SIGKILL of the instance serving half the viewers, a third into the poll",
        "answers acknowledged / kept": `${acknowledged} / ${answers.length}`,
        "counted twice": answers.length - new Set(answers.map((r) => r.voter_key)).size,
        "updates written": ids.length,
        "viewers that reconnected": reconnected,
        "viewers with every update, in order, none twice": `${complete} / ${VIEWERS}`,
      });
    } finally {
      for (const v of viewers) v.stop();
      await sql.end().catch(() => undefined);
      for (const s of servers) await s.kill();
      await database.drop();
    }
  });
});
