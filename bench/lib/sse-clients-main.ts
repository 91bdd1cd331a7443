/**
 * Many SSE clients in a process of their own (away from the server and the benchmark):
 * reads a job (JSON) on stdin, opens every stream, says READY on stdout, and when its
 * stdin sends STOP writes, per message id, how many clients got it and when the last of
 * them did (wall clock, ms), then the total of messages received.
 */
import { request } from "node:http";

interface Job {
  url: string;
  path: string;
  clients: number;
}

let input = "";
let job: Job | null = null;
process.stdin.setEncoding("utf8");
process.stdin.on("data", (d: string) => {
  input += d;
  if (!job) {
    const nl = input.indexOf("\n");
    if (nl < 0) return;
    job = JSON.parse(input.slice(0, nl)) as Job;
    input = input.slice(nl + 1);
    void start(job);
  }
  if (input.includes("STOP")) finish();
});

const perId = new Map<number, { n: number; last: number; first: number; t: number | null }>();
let messages = 0;
let connected = 0;
let failed = 0;
const sockets: { destroy(): void }[] = [];

async function start(j: Job) {
  const url = new URL(j.url + j.path);
  const open = () =>
    new Promise<void>((resolve) => {
      const req = request({ hostname: url.hostname, port: url.port, path: url.pathname + url.search, headers: { accept: "text/event-stream" }, agent: false }, (res) => {
        if (res.statusCode !== 200) {
          failed++;
          res.resume();
          return resolve();
        }
        connected++;
        res.setEncoding("utf8");
        let buffer = "";
        res.on("data", (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const id = /^id: (\d+)$/m.exec(message)?.[1];
            if (!id) continue;
            messages++;
            const now = Date.now();
            const t = /"t":(\d+)/.exec(message)?.[1];
            const entry = perId.get(Number(id));
            if (entry) {
              entry.n++;
              entry.last = Math.max(entry.last, now);
            } else perId.set(Number(id), { n: 1, last: now, first: now, t: t ? Number(t) : null });
          }
        });
        resolve();
      });
      req.on("error", () => {
        failed++;
        resolve();
      });
      sockets.push(req);
      req.end();
    });
  // Opened a hundred at a time, as a hall's phones join over a minute, not in one instant.
  for (let i = 0; i < j.clients; i += 100) await Promise.all(Array.from({ length: Math.min(100, j.clients - i) }, open));
  process.stdout.write(`READY ${connected} ${failed}\n`);
}

function finish() {
  for (const s of sockets) s.destroy();
  process.stdout.write(JSON.stringify({ connected, failed, messages, perId: [...perId] }) + "\n");
  process.exit(0);
}
