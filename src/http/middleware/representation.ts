import type { MiddlewareHandler } from "hono";
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from "hono/utils/compress";
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { gzip as gzipCallback, gzipSync } from "node:zlib";
import type { AppEnv } from "../env.js";

/** Below this many bytes gzip saves less than it costs (the headers go anyway). */
export const COMPRESS_MIN_BYTES = 1024;

/** From this size on, gzip runs on libuv's thread pool, so the event loop goes on serving. */
const GZIP_ASYNC_BYTES = 64 * 1024;
const gzipAsync = promisify(gzipCallback);

/**
 * Large bodies served again and again (the API docs' 1.4 MB of script, the style sheet)
 * are compressed once: gzipped bytes are kept by the SHA-1 of what they compress.
 */
const zippedByDigest = new Map<string, Uint8Array<ArrayBuffer>>();
const ZIPPED_KEPT = 16;

async function gzipKept(body: Uint8Array<ArrayBuffer>, digest: string): Promise<Uint8Array<ArrayBuffer>> {
  if (body.byteLength < GZIP_ASYNC_BYTES) return gzipSync(body);
  let zipped = zippedByDigest.get(digest);
  if (!zipped) {
    zipped = await gzipAsync(body);
    if (zippedByDigest.size >= ZIPPED_KEPT) zippedByDigest.delete(zippedByDigest.keys().next().value!);
    zippedByDigest.set(digest, zipped);
  }
  return zipped;
}

/** Headers a 304 keeps (RFC 9110 §15.4.5); Hono's etag middleware keeps the same. */
const KEPT_ON_304 = new Set(["cache-control", "content-location", "date", "etag", "expires", "vary"]);

/** Whether the client takes gzip (RFC 9110 §12.5.3: "gzip;q=0" refuses it). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let wildcard = false;
  for (const part of header.split(",")) {
    const [coding = "", ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const refused = q !== undefined && Number(q.slice(2)) === 0;
    if (coding === "gzip" || coding === "x-gzip") return !refused;
    if (coding === "*") wildcard = !refused;
  }
  return wildcard;
}

/** If-None-Match compares weakly (RFC 9110 §13.1.2): W/"x" matches "x". */
export function noneMatch(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  return (ifNoneMatch.match(/"[^"]*"/g) ?? ([] as string[])).includes(etag.replace(/^W\//, ""));
}

/**
 * Conditional GET and compression for every answer to a GET that its handler did not
 * encode itself (the page cache does): the body is read once, its SHA-1 is the ETag, an
 * If-None-Match that names it gets 304, and a text body of at least COMPRESS_MIN_BYTES
 * goes out gzipped when the client takes it, with its own strong ETag ("…-gz"). Every
 * answer is rendered whole in memory, so it is sent with its length in one write; only
 * answers marked no-store are passed through as they stream.
 *
 * This replaces Hono's etag and compress middleware, which cloned every answer into a web
 * Response and piped every text answer through a CompressionStream whatever its size (the
 * answers of c.text and c.html carry no Content-Length for it to look at): a two-byte "ok"
 * went out chunked, at a third of the speed.
 */
export function representation(): MiddlewareHandler<AppEnv> {
  return async function representation(c, next) {
    await next();
    const method = c.req.method;
    if (method !== "GET" && method !== "HEAD") return;
    const res = c.res;
    // 204 has no body to tag or measure (and must not carry Content-Length); 206 is a part.
    if (!res.ok || res.status === 204 || res.status === 206 || res.headers.has("ETag") || res.headers.has("Content-Encoding")) return;
    // An answer no cache may keep (a PDF of people, drawn as it is sent) goes out as it is
    // made: an ETag would serve no one, and reading it whole would undo the streaming.
    if (/(?:^|,)\s*no-store\s*(?:,|$)/i.test(res.headers.get("Cache-Control") ?? "")) return;
    const body = new Uint8Array(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    const type = headers.get("Content-Type") ?? "";
    const transformable = !/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(headers.get("Cache-Control") ?? "");
    const varies = body.byteLength >= COMPRESS_MIN_BYTES && transformable && COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type);
    const gzip = varies && acceptsGzip(c.req.header("Accept-Encoding"));
    const digest = createHash("sha1").update(body).digest("hex");
    const etag = gzip ? `"${digest}-gz"` : `"${digest}"`;
    headers.set("ETag", etag);
    if (varies) {
      // The same address answers differently by Accept-Encoding: caches must know.
      const vary = headers.get("Vary");
      if (!vary) headers.set("Vary", "Accept-Encoding");
      else if (vary !== "*" && !/\baccept-encoding\b/i.test(vary)) headers.set("Vary", `${vary}, Accept-Encoding`);
    }
    let answer: Response;
    if (noneMatch(c.req.header("If-None-Match"), etag)) {
      for (const name of [...headers.keys()]) if (!KEPT_ON_304.has(name)) headers.delete(name);
      answer = new Response(null, { status: 304, headers });
    } else {
      const sent = gzip ? await gzipKept(body, digest) : body;
      if (gzip) headers.set("Content-Encoding", "gzip");
      headers.set("Content-Length", String(sent.byteLength));
      answer = new Response(sent, { status: res.status, statusText: res.statusText, headers });
    }
    // Assigning over an answer makes Hono copy the old one's headers onto the new, which
    // turns it into a full web Response; these headers are complete already.
    c.res = undefined;
    c.res = answer;
  };
}
