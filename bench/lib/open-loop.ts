/**
 * An open-loop load generator, run in its own process (openLoopInOwnProcess: a JSON job
 * on stdin, the result as JSON on stdout). Requests arrive at a fixed
 * mean rate with Poisson (exponential) gaps, whatever the answers do: each is sent at its
 * planned time on a free or new connection (concurrency is unbounded), and its latency
 * is counted from the planned time, so a slow server or a late generator shows up in the
 * figures instead of hiding (no coordinated omission).
 */
import { spawn } from "node:child_process";
import http from "node:http";
import { join } from "node:path";
import { root } from "./server.js";

export interface OpenLoopJob {
  url: string;
  ratePerSecond: number;
  durationMs: number;
  /** Requests are `POST path` with `bodyTemplate` where {i} is replaced by the request's number. */
  path: string;
  bodyTemplate: string;
  /** An answer not complete this long after its planned time counts as unanswered. */
  answerWithinMs: number;
  seed: number;
}

export interface OpenLoopResult {
  planned: number;
  sent: number;
  /** Latency from planned time to the end of the answer, for every answered request. */
  latenciesMs: number[];
  statuses: Record<string, number>;
  errors: number;
  /** Requests with no complete answer within answerWithinMs of their planned time. */
  unanswered: number;
  /** Most requests waiting for an answer at once. */
  maxInFlight: number;
  /** How late the generator sent, at worst (ms after the planned time). */
  maxSendLagMs: number;
  bodies: { status: number; body: string }[];
  durationMs: number;
}

/** A small, seedable generator (mulberry32), so runs at the same rate plan the same arrivals. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function openLoop(job: OpenLoopJob): Promise<OpenLoopResult> {
  const url = new URL(job.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 256 });
  const next = random(job.seed);
  const plan: number[] = [];
  for (let t = 0; ; ) {
    t += (-Math.log(1 - next()) / job.ratePerSecond) * 1000;
    if (t >= job.durationMs) break;
    plan.push(t);
  }
  const result: OpenLoopResult = { planned: plan.length, sent: 0, latenciesMs: [], statuses: {}, errors: 0, unanswered: 0, maxInFlight: 0, maxSendLagMs: 0, bodies: [], durationMs: 0 };
  let inFlight = 0;
  const started = performance.now();
  const done: Promise<void>[] = [];

  const send = (i: number, plannedAt: number) =>
    new Promise<void>((resolve) => {
      const body = job.bodyTemplate.replaceAll("{i}", String(i));
      inFlight++;
      result.maxInFlight = Math.max(result.maxInFlight, inFlight);
      let settled = false;
      const settle = (status: number | null, text: string) => {
        if (settled) return;
        settled = true;
        inFlight--;
        const latency = performance.now() - plannedAt;
        if (status === null) result.errors++;
        else if (latency > job.answerWithinMs) result.unanswered++;
        else {
          result.latenciesMs.push(latency);
          result.statuses[status] = (result.statuses[status] ?? 0) + 1;
          result.bodies.push({ status, body: text });
        }
        resolve();
      };
      const req = http.request(
        { agent, host: url.hostname, port: url.port, method: "POST", path: job.path, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => settle(res.statusCode!, Buffer.concat(chunks).toString("utf8")));
          res.on("error", () => settle(null, ""));
        },
      );
      // Past the deadline the answer no longer counts; the request is given up on.
      req.setTimeout(job.answerWithinMs + 1000, () => req.destroy(new Error("timeout")));
      req.on("error", () => {
        if (!settled && performance.now() - plannedAt > job.answerWithinMs) {
          settled = true;
          inFlight--;
          result.unanswered++;
          resolve();
        } else settle(null, "");
      });
      req.end(body);
    });

  let i = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now() - started;
      while (i < plan.length && plan[i]! <= now) {
        result.maxSendLagMs = Math.max(result.maxSendLagMs, now - plan[i]!);
        result.sent++;
        done.push(send(i, started + plan[i]!));
        i++;
      }
      if (i >= plan.length) return resolve();
      setTimeout(tick, Math.max(0, plan[i]! - (performance.now() - started) - 0.5));
    };
    tick();
  });
  await Promise.all(done);
  result.durationMs = performance.now() - started;
  agent.destroy();
  return result;
}

/** Runs the job in a process of its own (bench/lib/open-loop-main.ts), away from the server and from this one. */
export function openLoopInOwnProcess(job: OpenLoopJob): Promise<OpenLoopResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(root, "node_modules/.bin/tsx"), [join(root, "bench/lib/open-loop-main.ts")], { cwd: root, stdio: ["pipe", "pipe", "inherit"] });
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (d: string) => (out += d));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`open-loop client exited with ${code}`));
      try {
        resolve(JSON.parse(out) as OpenLoopResult);
      } catch (err) {
        reject(err);
      }
    });
    child.stdin.end(JSON.stringify(job));
  });
}
