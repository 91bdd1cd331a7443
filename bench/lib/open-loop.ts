/**
 * An open-loop load generator, run in its own process (openLoopInOwnProcess: a JSON job
 * on stdin, the result as JSON on stdout). Requests arrive at a fixed
 * mean rate with Poisson (exponential) gaps, whatever the answers do: each is sent at its
 * planned time on a free or new connection (concurrency is unbounded), and its latency
 * is counted from the planned time, so a slow server or a late generator shows up in the
 * figures instead of hiding (no coordinated omission).
 */
import { spawn } from "node:child_process";
import { connect, type Socket } from "node:net";
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
  /**
   * Requests sent again at once because the kept-alive connection they went out on had
   * just been closed by the server before any answer (what browsers and Node's own
   * documentation do; the server never saw them).
   */
  resentOnClosedConnection: number;
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

/**
 * One HTTP/1.1 exchange at a time on a kept-alive socket, written and read by hand: a
 * load generator as lean as wrk's, so that its own CPU (on the same two cores) takes as
 * little as possible from the server and the database. Answers carry Content-Length
 * (chunked ones are read too).
 */
class Connection {
  private buffer: Buffer = Buffer.alloc(0);
  private pending: { resolve(r: { status: number; body: string }): void; reject(err: Error): void } | null = null;
  /** Whether this socket answered a request before (a closed reused socket means "send again"). */
  used = false;
  closed = false;
  receivedAny = false;

  constructor(readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => {
      this.receivedAny = true;
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.parse();
    });
    const fail = (err: Error) => {
      this.closed = true;
      const p = this.pending;
      this.pending = null;
      p?.reject(err);
    };
    socket.on("error", fail);
    socket.on("close", () => fail(Object.assign(new Error("closed"), { code: "ECONNRESET" })));
  }

  exchange(request: Buffer): Promise<{ status: number; body: string }> {
    this.receivedAny = false;
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(request);
    });
  }

  private parse() {
    const end = this.buffer.indexOf("\r\n\r\n");
    if (end < 0 || !this.pending) return;
    const head = this.buffer.subarray(0, end).toString("latin1");
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    let body: Buffer;
    let rest: Buffer;
    if (length) {
      const total = end + 4 + Number(length[1]);
      if (this.buffer.length < total) return;
      body = this.buffer.subarray(end + 4, total);
      rest = this.buffer.subarray(total);
    } else if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
      const parts: Buffer[] = [];
      let at = end + 4;
      for (;;) {
        const line = this.buffer.indexOf("\r\n", at);
        if (line < 0) return;
        const size = parseInt(this.buffer.subarray(at, line).toString("latin1"), 16);
        if (this.buffer.length < line + 2 + size + 2) return;
        if (size === 0) {
          rest = this.buffer.subarray(line + 4);
          break;
        }
        parts.push(this.buffer.subarray(line + 2, line + 2 + size));
        at = line + 2 + size + 2;
      }
      body = Buffer.concat(parts);
    } else return; // no length: not what this server sends
    this.buffer = Buffer.from(rest);
    this.used = true;
    const p = this.pending;
    this.pending = null;
    if (/\r\nconnection:\s*close/i.test(head)) {
      this.closed = true;
      this.socket.destroy();
    }
    p.resolve({ status, body: body.toString("utf8") });
  }
}

export async function openLoop(job: OpenLoopJob): Promise<OpenLoopResult> {
  const url = new URL(job.url);
  const idle: Connection[] = [];
  const open: Connection[] = [];
  const connection = async (): Promise<Connection> => {
    for (;;) {
      const c = idle.pop();
      if (!c) break;
      if (!c.closed) return c;
    }
    const socket = connect(Number(url.port), url.hostname);
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("error", reject);
    });
    const c = new Connection(socket);
    open.push(c);
    return c;
  };
  const next = random(job.seed);
  const plan: number[] = [];
  for (let t = 0; ; ) {
    t += (-Math.log(1 - next()) / job.ratePerSecond) * 1000;
    if (t >= job.durationMs) break;
    plan.push(t);
  }
  const result: OpenLoopResult = { planned: plan.length, sent: 0, latenciesMs: [], statuses: {}, errors: 0, resentOnClosedConnection: 0, unanswered: 0, maxInFlight: 0, maxSendLagMs: 0, bodies: [], durationMs: 0 };
  let inFlight = 0;
  const started = performance.now();
  const done: Promise<void>[] = [];
  const requestFor = (i: number) => {
    const body = Buffer.from(job.bodyTemplate.replaceAll("{i}", String(i)));
    const head = `POST ${job.path} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    return Buffer.concat([Buffer.from(head, "latin1"), body]);
  };

  const send = async (i: number, plannedAt: number) => {
    inFlight++;
    result.maxInFlight = Math.max(result.maxInFlight, inFlight);
    const request = requestFor(i);
    let timer: NodeJS.Timeout | undefined;
    try {
      let answer: { status: number; body: string } | null = null;
      for (let attempt = 0; attempt < 2 && !answer; attempt++) {
        const c = await connection();
        // Past the deadline the answer no longer counts; the connection is given up on.
        timer = setTimeout(() => c.socket.destroy(), Math.max(1, plannedAt + job.answerWithinMs + 1000 - performance.now()));
        try {
          answer = await c.exchange(request);
          if (!c.closed) idle.push(c);
        } catch (err) {
          // A kept-alive socket the server had just closed, before any answer: the server
          // never saw the request, so it is sent again (as browsers do).
          if (attempt === 0 && c.used && !c.receivedAny && (err as NodeJS.ErrnoException).code === "ECONNRESET") result.resentOnClosedConnection++;
          else throw err;
        } finally {
          clearTimeout(timer);
        }
      }
      const latency = performance.now() - plannedAt;
      if (!answer) result.errors++;
      else if (latency > job.answerWithinMs) result.unanswered++;
      else {
        result.latenciesMs.push(latency);
        result.statuses[answer.status] = (result.statuses[answer.status] ?? 0) + 1;
        result.bodies.push({ status: answer.status, body: answer.body });
      }
    } catch {
      if (performance.now() - plannedAt > job.answerWithinMs) result.unanswered++;
      else result.errors++;
    } finally {
      inFlight--;
    }
  };

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
  for (const c of open) c.socket.destroy();
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
