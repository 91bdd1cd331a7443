import { performance } from "node:perf_hooks";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.js";
import { AppError } from "../errors.js";

export interface AdmissionOptions {
  /** Changes handled at once by this process; more wait their turn. */
  maxActive: number;
  /** Changes that may wait; one more is answered at once. */
  maxWaiting: number;
  /** How long a change may wait for its turn before it is answered "busy". */
  maxWaitMs: number;
  /**
   * True while this process has no time to spare (eventLoopLoad below). Then, once the
   * first in line has waited `saturatedWaitMs`, a new change is answered "busy" at once
   * rather than after maxWaitMs (as CoDel drops once the queue's delay passes its target):
   * the line stays short, and the process keeps time for answering and accepting. A
   * burst that is served quickly (a line that moves) is never refused by this.
   */
  saturated?: () => boolean;
  saturatedWaitMs?: number;
}

/**
 * Admission control for changes (every method but GET, HEAD and OPTIONS): at most
 * `maxActive` at once in this process, the rest wait in arrival order, and one that
 * cannot start within `maxWaitMs`, or finds the waiting line full, is answered at once
 * with 429 and Retry-After (RFC 6585 §4) instead of waiting for ever. Under a rush beyond
 * what the machine can do, everyone gets an answer within seconds, memory stays bounded
 * and the changes that are let in go at full speed; nothing is half done, since a change
 * is refused before it starts. Per process on purpose: it protects this process's own
 * CPU and database connections (several instances each protect their own).
 */
export function admission(options: AdmissionOptions): MiddlewareHandler<AppEnv> {
  let active = 0;
  const waiting: { start(): void; timer: NodeJS.Timeout; since: number }[] = [];
  const busy = () => new AppError("busy", 429, { messageKey: "error.busy", retryAfterSeconds: 2, logMessage: "admission: busy" });

  /** A finished change hands its turn to the first in line, or gives it back. */
  const finish = () => {
    const next = waiting.shift();
    if (next) {
      clearTimeout(next.timer);
      next.start();
    } else active--;
  };

  return async function admissionMiddleware(c, next) {
    const method = c.req.method;
    if (method === "GET" || method === "HEAD" || method === "OPTIONS") return next();
    if (active < options.maxActive) active++;
    else {
      if (waiting.length >= options.maxWaiting || (waiting.length > 0 && performance.now() - waiting[0]!.since > (options.saturatedWaitMs ?? 0) && options.saturated?.())) throw busy();
      await new Promise<void>((resolve, reject) => {
        const entry = {
          start: resolve,
          since: performance.now(),
          timer: setTimeout(() => {
            waiting.splice(waiting.indexOf(entry), 1);
            reject(busy());
          }, options.maxWaitMs),
        };
        waiting.push(entry);
      });
    }
    try {
      await next();
    } finally {
      finish();
    }
  };
}

/**
 * How busy this process's event loop has been over the last `windowMs`: the share of time
 * it spent working rather than waiting for something to do. Near 1, the process cannot
 * keep up: every change let in then delays the answers to all others, and new
 * connections wait unaccepted in the kernel's queue (measured: with PGlite at twice the
 * sustainable rate, a thousand senders waited over 10 s without being heard). Refusing
 * early while it is so keeps a little time free for answering, accepting and refusing.
 */
export function eventLoopLoad(options: { windowMs: number; threshold: number }) {
  let last = performance.eventLoopUtilization();
  let utilisation = 0;
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    utilisation = performance.eventLoopUtilization(now, last).utilization;
    last = now;
  }, options.windowMs);
  timer.unref();
  return { saturated: () => utilisation > options.threshold, utilisation: () => utilisation, stop: () => clearInterval(timer) };
}
