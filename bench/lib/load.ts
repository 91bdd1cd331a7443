/**
 * A keep-alive HTTP load generator: N concurrent connections, each sending its next
 * request when the previous answer has arrived. Every request's latency is recorded.
 */
import http from "node:http";

export interface LoadResult {
  latenciesMs: number[];
  statuses: Map<number, number>;
  errors: number;
  durationMs: number;
  bodies: { status: number; body: string }[];
}

export interface LoadOptions {
  concurrency: number;
  /** Either a fixed list of requests, or a duration with a request factory. */
  requests?: { method: string; path: string; body?: string; headers?: Record<string, string> }[];
  durationMs?: number;
  next?: () => { method: string; path: string; body?: string; headers?: Record<string, string> };
  keepBodies?: boolean;
  /** Called after every answer (for tests that act in the middle of a load). */
  onResponse?: (status: number) => void;
}

export async function runLoad(baseUrl: string, o: LoadOptions): Promise<LoadResult> {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency, maxFreeSockets: o.concurrency });
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const bodies: { status: number; body: string }[] = [];
  let errors = 0;
  let index = 0;
  const started = performance.now();
  const deadline = o.durationMs ? started + o.durationMs : Infinity;

  const send = (r: { method: string; path: string; body?: string; headers?: Record<string, string> }) =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: r.method,
          path: r.path,
          headers: { ...(r.body ? { "content-type": "application/json", "content-length": Buffer.byteLength(r.body) } : {}), ...(r.headers ?? {}) },
        },
        (res) => {
          // A server killed mid-answer resets the connection after the headers: that is an
          // error of this request (counted), not of the load generator (it was uncaught).
          res.on("error", () => {
            errors++;
            resolve();
          });
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => o.keepBodies && chunks.push(c));
          res.on("end", () => {
            latencies.push(performance.now() - t0);
            statuses.set(res.statusCode!, (statuses.get(res.statusCode!) ?? 0) + 1);
            if (o.keepBodies) bodies.push({ status: res.statusCode!, body: Buffer.concat(chunks).toString("utf8") });
            o.onResponse?.(res.statusCode!);
            resolve();
          });
        },
      );
      req.on("error", () => {
        errors++;
        resolve();
      });
      if (r.body) req.write(r.body);
      req.end();
    });

  async function worker() {
    for (;;) {
      if (o.requests) {
        const i = index++;
        if (i >= o.requests.length) return;
        await send(o.requests[i]!);
      } else {
        if (performance.now() >= deadline) return;
        await send(o.next!());
      }
    }
  }
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  const durationMs = performance.now() - started;
  agent.destroy();
  return { latenciesMs: latencies, statuses, errors, durationMs, bodies };
}
