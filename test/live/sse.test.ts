/**
 * A live view's event stream over a real HTTP server: updates arrive as SSE messages with
 * ids, heartbeats keep it open, a client that disconnects leaves no stream, subscriber or
 * timer behind (whether the request's signal or the stream's cancel says so first), and a
 * client that reconnects with Last-Event-ID gets only what it missed. On both drivers.
 */
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { Hono } from "hono";
import { afterEach, expect, it } from "vitest";
import { representation } from "../../src/http/middleware/representation.js";
import { publishLive, startLiveHub, type LiveHub } from "../../src/live/hub.js";
import { liveStream, openStreams } from "../../src/live/sse.js";
import { describeEachDriver } from "../support/db.js";

let server: ServerType | undefined;
let hub: LiveHub | undefined;
afterEach(async () => {
  await hub?.stop();
  // Idle keep-alive connections would hold close() for seconds.
  (server as unknown as { closeAllConnections?: () => void } | undefined)?.closeAllConnections?.();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** Reads SSE messages from a response as they come. */
function reader(res: Response) {
  const r = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const messages: { id?: string; event?: string; data?: string; comment?: boolean }[] = [];
  const pump = (async () => {
    for (;;) {
      const { value, done } = await r.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let i;
      while ((i = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const m: (typeof messages)[number] = {};
        for (const line of block.split("\n")) {
          if (line.startsWith(":")) m.comment = true;
          const [k, ...v] = line.split(": ");
          if (k === "id" || k === "event" || k === "data") m[k] = v.join(": ");
        }
        messages.push(m);
      }
    }
  })();
  return { messages, pump };
}

describeEachDriver("a live view's event stream", (get, driver) => {
  async function listen() {
    hub = await startLiveHub(get(), { coalesceMs: 20 });
    const app = new Hono();
    app.use(representation());
    app.get("/strom/:channel", (c) => liveStream(c, hub!, c.req.param("channel"), { heartbeatMs: 100 }));
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((r) => server!.once("listening", r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it("streams updates with ids and heartbeats, cleans up after a disconnect, and replays from Last-Event-ID", async () => {
    const url = await listen();
    const channel = `session-${driver}-${Date.now()}`;
    const abort = new AbortController();
    const res = await fetch(`${url}/strom/${channel}`, { signal: abort.signal });
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("etag")).toBeNull();
    const first = reader(res);
    const a = await publishLive(get().db, channel, "question.asked", { text: "<script>alert(1)</script>" });
    const b = await publishLive(get().db, channel, "question.upvoted", { votes: 2 });
    await until(() => first.messages.filter((m) => m.id).length === 2);
    expect(first.messages.filter((m) => m.id)).toEqual([
      { id: String(a), event: "question.asked", data: JSON.stringify({ text: "<script>alert(1)</script>" }) },
      { id: String(b), event: "question.upvoted", data: JSON.stringify({ votes: 2 }) },
    ]);
    await until(() => first.messages.some((m) => m.comment)); // a heartbeat
    expect(openStreams()).toBe(1);
    expect(hub!.stats().subscribers).toBe(1);

    // The client goes: nothing of its stream is left.
    abort.abort();
    await first.pump;
    await until(() => openStreams() === 0 && hub!.stats().subscribers === 0 && hub!.stats().timers === 0);

    // It comes back with the last id it saw: what it missed, nothing twice.
    const c2 = await publishLive(get().db, channel, "poll.opened", { poll: 7 });
    const again = new AbortController();
    const back = reader(await fetch(`${url}/strom/${channel}`, { signal: again.signal, headers: { "last-event-id": String(a) } }));
    await until(() => back.messages.filter((m) => m.id).length === 2);
    expect(back.messages.filter((m) => m.id).map((m) => m.id)).toEqual([String(b), String(c2)]);
    again.abort();
    await back.pump;
    await until(() => openStreams() === 0 && hub!.stats().subscribers === 0);
  });
});
