/**
 * A live view's stream of server-sent events: one per browser tab, carrying every update
 * of its channel from the hub. Made by hand rather than with Hono's streamSSE (whose abort
 * handling has known gaps): the request's abort signal and the stream's cancel both end
 * it, once; ending it unsubscribes from the hub and stops the heartbeat, so a client that
 * goes leaves nothing behind. A client that comes back sends Last-Event-ID and gets what
 * it missed first (from the table, through the hub).
 */
import type { Context } from "hono";
import type { LiveEvent, LiveHub } from "./hub.js";

let open = 0;
/** How many streams are open in this process (tests, health). */
export const openStreams = () => open;

export interface StreamOptions {
  heartbeatMs?: number;
  /** Turns the channel's updates into what this view's client needs (one SSE message each). */
  render?: (e: LiveEvent) => { event: string; data: unknown };
}

/** The id to start after: Last-Event-ID from a reconnecting EventSource, else `?after=`, else 0 (everything). */
export function startAfter(c: Context): number {
  const raw = c.req.header("last-event-id") ?? c.req.query("after") ?? "0";
  return /^\d{1,15}$/.test(raw) ? Number(raw) : 0;
}

export function liveStream(c: Context, hub: LiveHub, channel: string, o: StreamOptions = {}): Response {
  const encoder = new TextEncoder();
  const render = o.render ?? ((e: LiveEvent) => ({ event: e.kind, data: e.data }));
  const signal = c.req.raw.signal;
  let end = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      open++;
      let ended = false;
      const write = (text: string) => {
        if (ended) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          end();
        }
      };
      // One write per delivery, however many updates it carries (a burst is one chunk, not hundreds).
      const unsubscribe = hub.subscribe(channel, startAfter(c), (events) => {
        let text = "";
        for (const e of events) {
          const m = render(e);
          text += `id: ${e.id}\nevent: ${m.event}\ndata: ${JSON.stringify(m.data)}\n\n`;
        }
        write(text);
      });
      // A comment every so often keeps proxies from closing an idle stream, and finds a dead client.
      const heartbeat = setInterval(() => write(": \n\n"), o.heartbeatMs ?? 20_000);
      end = () => {
        if (ended) return;
        ended = true;
        open--;
        unsubscribe();
        clearInterval(heartbeat);
        signal.removeEventListener("abort", end);
        try {
          controller.close();
        } catch {
          /* already closed by the other side */
        }
      };
      signal.addEventListener("abort", end);
      if (signal.aborted) end();
      write("retry: 3000\n\n");
    },
    cancel() {
      end();
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-store: never kept, and passed through by the representation middleware unbuffered.
      "Cache-Control": "private, no-store",
      "X-Accel-Buffering": "no",
    },
  });
}
