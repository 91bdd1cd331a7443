/**
 * Rendered public pages, kept for visitors who are not logged in, in two layers:
 *
 * - By content: a page is looked up by its address, language and a fingerprint of the
 *   data it is made from (computed by the database, see events/page-fingerprint.ts), so
 *   a change in the data is a different page at once, on every instance. A visit to a
 *   known page costs the fingerprint query, not reading, rendering and compressing it.
 * - Recently served (micro-caching): the page served for an address in the last
 *   PAGE_CACHE_SECONDS is served again without any query, unless this instance has
 *   handled a change (any POST, PUT, PATCH or DELETE) since. A change made through
 *   another instance is seen within that time (plus the moment one request takes to
 *   read the page afresh, while the others still get the previous one). 0 turns it off.
 */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { MiddlewareHandler } from "hono";
import type { Child } from "hono/jsx";
import type { AppContext, AppEnv } from "./env.js";
import { uiOf, type Ui } from "./ui.js";
import { acceptsGzip, noneMatch } from "./middleware/representation.js";

interface Page {
  html: ArrayBuffer;
  gzip: ArrayBuffer;
  etag: string;
}

interface Served {
  page: Page;
  at: number;
  generation: number;
  /** When a request set out to read this page afresh, after it expired. */
  refreshingSince?: number;
}

const MAX_PAGES = 500;
/** The bytes of a Buffer as an ArrayBuffer of their own (a Buffer may share a larger one). */
export const ownArrayBuffer = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

function remember<V>(map: Map<string, V>, key: string, value: V) {
  if (map.size >= MAX_PAGES && !map.has(key)) map.delete(map.keys().next().value!);
  map.set(key, value);
}

/** A fingerprint of data already read (a list of events), for pages rendered from exactly that. */
export const fingerprintOf = (data: unknown) => createHash("sha256").update(JSON.stringify(data)).digest("base64url");

export class PageCache {
  private readonly byContent = new Map<string, Page>();
  private readonly recent = new Map<string, Served>();
  /** Raised by every change this instance handles. */
  private generation = 0;

  /** `clock`: milliseconds, from the app's clock (tests move it). */
  constructor(
    private readonly freshMs: number,
    private readonly clock: () => number,
  ) {}

  noteChange() {
    this.generation++;
  }

  /** Only anonymous GETs without a one-time message share pages. */
  private shareable(c: AppContext) {
    return c.req.method === "GET" && !c.get("actor") && !c.get("flash");
  }

  private addressOf(c: AppContext) {
    const url = new URL(c.req.url);
    return `${c.get("locale")}\n${url.pathname}${url.search}`;
  }

  /** The page served for this address moments ago, if nothing has changed here since. */
  recentlyServed(c: AppContext): Response | null {
    if (this.freshMs <= 0 || !this.shareable(c)) return null;
    const served = this.recent.get(this.addressOf(c));
    if (!served || served.generation !== this.generation) return null;
    const now = this.clock();
    if (now - served.at <= this.freshMs) return this.serve(c, served.page);
    // Expired: one request reads the page afresh; the others meanwhile get the one served
    // moments ago, instead of all reading it at once. A refresh that never finished (an
    // error) is taken over after another PAGE_CACHE_SECONDS.
    if (served.refreshingSince === undefined || now - served.refreshingSince > this.freshMs) {
      served.refreshingSince = now;
      return null;
    }
    return this.serve(c, served.page);
  }

  /**
   * Serves the page whose content has this fingerprint, rendering it with `render` only
   * the first time. Pages for logged-in visitors and pages without a fingerprint are
   * always rendered afresh; a shared page never carries a CSRF token (public pages have
   * no forms that post).
   */
  async page(c: AppContext, fingerprint: string | null, render: (ui: Ui) => Promise<Child>): Promise<Response> {
    const ui = uiOf(c);
    if (!fingerprint || !this.shareable(c)) return c.html((await render(ui)) as string);
    const generation = this.generation;
    const address = this.addressOf(c);
    const key = createHash("sha256").update(`${address}\n${fingerprint}`).digest("base64url");
    let page = this.byContent.get(key);
    if (!page) {
      const rendered = (await render({ ...ui, csrf: "" })) as unknown as { toString(): string | Promise<string> };
      const html = Buffer.from(await rendered.toString());
      page = { html: ownArrayBuffer(html), gzip: ownArrayBuffer(gzipSync(html)), etag: key.slice(0, 27) };
      remember(this.byContent, key, page);
    }
    if (this.freshMs > 0) remember(this.recent, address, { page, at: this.clock(), generation });
    return this.serve(c, page);
  }

  private serve(c: AppContext, page: Page): Response {
    const gzip = acceptsGzip(c.req.header("accept-encoding"));
    // A strong ETag names one representation: the compressed one has its own.
    const etag = gzip ? `"${page.etag}-gz"` : `"${page.etag}"`;
    c.header("Vary", "Accept-Encoding");
    c.header("ETag", etag);
    if (noneMatch(c.req.header("if-none-match"), etag)) return c.body(null, 304);
    c.header("Content-Type", "text/html; charset=UTF-8");
    if (gzip) c.header("Content-Encoding", "gzip");
    return c.body(gzip ? page.gzip : page.html, 200);
  }
}

/** Route middleware for public pages: the page served moments ago, when there is one. */
export const servedRecently: MiddlewareHandler<AppEnv> = async (c, next) => {
  const recent = c.get("pageCache").recentlyServed(c);
  if (recent) return recent;
  await next();
};
