/**
 * The limit for the live benchmark: a bare SSE broadcast in a process of its own, with
 * nothing between an update and the clients (no database, no hub, no coalescing).
 * GET /s opens a stream; POST /emit?n=N&ms=W sends N updates spread over W ms to every
 * open stream. Prints its port on stdout.
 */
import { createServer, type ServerResponse } from "node:http";

const streams = new Set<ServerResponse>();
let id = 0;
const server = createServer((req, res) => {
  if (req.method === "GET" && req.url === "/s") {
    res.writeHead(200, { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store" });
    res.write("retry: 3000\n\n");
    streams.add(res);
    req.on("close", () => streams.delete(res));
    return;
  }
  const url = new URL(req.url ?? "/", "http://x");
  if (req.method === "POST" && url.pathname === "/emit") {
    const n = Number(url.searchParams.get("n"));
    const ms = Number(url.searchParams.get("ms"));
    const started = Date.now();
    for (let i = 0; i < n; i++)
      setTimeout(() => {
        const message = `id: ${++id}\nevent: changed\ndata: {"kind":"polls","t":${Date.now()}}\n\n`;
        for (const s of streams) s.write(message);
      }, Math.max(0, started + (i * ms) / n - Date.now()));
    res.end("ok");
    return;
  }
  res.statusCode = 404;
  res.end();
});
server.listen({ port: 0, host: "127.0.0.1", backlog: 4096 }, () => process.stdout.write(`${(server.address() as { port: number }).port}\n`));
