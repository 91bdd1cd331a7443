/**
 * ETags, 304s and gzip on the real Node server (src/http/middleware/representation.ts):
 * a short answer goes out whole with its length, a long text answer gzipped with its own
 * strong ETag, and If-None-Match is compared weakly.
 */
import { afterEach, describe, expect, it } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { serve, type ServerType } from "@hono/node-server";
import { Hono } from "hono";
import { COMPRESS_MIN_BYTES, acceptsGzip, noneMatch, representation } from "../../src/http/middleware/representation.js";
import { describeEachDriver } from "../support/db.js";
import { createTestApp } from "../support/app.js";

let server: ServerType | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

interface Got {
  status: number;
  headers: http.IncomingHttpHeaders;
  bytes: Buffer;
}

function get(port: number, path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path, headers: { host: "localhost", ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (d: Buffer) => chunks.push(d));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, bytes: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("accepted encodings and entity tags", () => {
  it("reads Accept-Encoding as RFC 9110 says, q=0 included", () => {
    expect(acceptsGzip("gzip, deflate, br")).toBe(true);
    expect(acceptsGzip("deflate, GZIP;q=0.5")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("br")).toBe(false);
    expect(acceptsGzip("identity")).toBe(false);
    expect(acceptsGzip("gzip;q=0, *")).toBe(false);
    expect(acceptsGzip("br, *;q=0")).toBe(false);
    expect(acceptsGzip("gzip ; q=0.000")).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });

  it("compares If-None-Match weakly and takes *", () => {
    expect(noneMatch('"abc"', '"abc"')).toBe(true);
    expect(noneMatch('W/"abc"', '"abc"')).toBe(true);
    expect(noneMatch('"x", "abc-gz"', '"abc-gz"')).toBe(true);
    expect(noneMatch('"abc"', '"abc-gz"')).toBe(false);
    expect(noneMatch("*", '"abc"')).toBe(true);
    expect(noneMatch(undefined, '"abc"')).toBe(false);
  });
});

describe("the middleware on its own", () => {
  it("leaves an answer without content alone: no ETag, no Content-Length on 204", async () => {
    const app = new Hono();
    app.use(representation());
    app.get("/tomt", (c) => c.body(null, 204));
    const res = await app.request("http://localhost/tomt", { headers: { "accept-encoding": "gzip" } });
    expect(res.status).toBe(204);
    expect(res.headers.get("etag")).toBeNull();
    expect(res.headers.get("content-length")).toBeNull();
  });
});

describe("a streamed answer", () => {
  it("passes an answer marked no-store through as it is made: no ETag, first bytes before the last are written", async () => {
    const app = new Hono();
    app.use(representation());
    let release!: () => void;
    const later = new Promise<void>((r) => (release = r));
    app.get("/strom", (c) => {
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(new TextEncoder().encode("%PDF-1.7 first page"));
          await later;
          controller.enqueue(new TextEncoder().encode(" last page"));
          controller.close();
        },
      });
      c.header("Cache-Control", "private, no-store");
      return c.body(body, 200, { "Content-Type": "application/pdf" });
    });
    const res = await app.request("http://localhost/strom");
    expect(res.headers.get("etag")).toBeNull();
    const reader = res.body!.getReader();
    // The first part arrives while the handler still holds the last one back.
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("%PDF-1.7 first page");
    release();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe(" last page");
  });
});

describeEachDriver("answers to GET on the real server", (getDb) => {
  async function listen() {
    const t = createTestApp(getDb());
    server = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((r) => server!.once("listening", r));
    return (server.address() as AddressInfo).port;
  }

  it("sends a short answer whole, with its length and ETag, never gzipped", async () => {
    const port = await listen();
    const ping = await get(port, "/ping", { "accept-encoding": "gzip, deflate, br" });
    expect(ping.status).toBe(200);
    expect(ping.bytes.toString()).toBe("ok");
    expect(ping.headers["content-length"]).toBe("2");
    expect(ping.headers["transfer-encoding"]).toBeUndefined();
    expect(ping.headers["content-encoding"]).toBeUndefined();
    const again = await get(port, "/ping", { "if-none-match": ping.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.bytes.byteLength).toBe(0);
  });

  it("gzips a long text answer when the client takes it, with an ETag of its own", async () => {
    const port = await listen();
    const plain = await get(port, "/assets/app.css");
    expect(plain.bytes.byteLength).toBeGreaterThanOrEqual(COMPRESS_MIN_BYTES);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["content-length"]).toBe(String(plain.bytes.byteLength));
    expect(plain.headers.vary).toContain("Accept-Encoding");

    const zipped = await get(port, "/assets/app.css", { "accept-encoding": "gzip, br" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers["content-length"]).toBe(String(zipped.bytes.byteLength));
    expect(zipped.headers["transfer-encoding"]).toBeUndefined();
    expect(zipped.bytes.byteLength).toBeLessThan(plain.bytes.byteLength);
    expect(gunzipSync(zipped.bytes).equals(plain.bytes)).toBe(true);
    expect(zipped.headers.etag).toBe(plain.headers.etag!.replace(/"$/, '-gz"'));
    // Security headers and caching stay on the compressed answer.
    expect(zipped.headers["x-content-type-options"]).toBe("nosniff");
    expect(zipped.headers["cache-control"]).toBe(plain.headers["cache-control"]);

    // A client that refuses gzip gets the plain bytes.
    const refused = await get(port, "/assets/app.css", { "accept-encoding": "gzip;q=0, br" });
    expect(refused.headers["content-encoding"]).toBeUndefined();
    expect(refused.bytes.equals(plain.bytes)).toBe(true);

    // Each representation is revalidated by its own tag, also in weak form.
    expect((await get(port, "/assets/app.css", { "accept-encoding": "gzip", "if-none-match": zipped.headers.etag! })).status).toBe(304);
    expect((await get(port, "/assets/app.css", { "accept-encoding": "gzip", "if-none-match": `W/${zipped.headers.etag!}` })).status).toBe(304);
    const otherTag = await get(port, "/assets/app.css", { "accept-encoding": "gzip", "if-none-match": plain.headers.etag! });
    expect(otherTag.status).toBe(200);
    expect(otherTag.headers["content-encoding"]).toBe("gzip");
  });

  it("gzips long JSON too, and answers HEAD with the length a GET would send", async () => {
    const port = await listen();
    const spec = await get(port, "/api/v1/openapi.json", { "accept-encoding": "gzip" });
    expect(spec.status).toBe(200);
    expect(spec.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gunzipSync(spec.bytes).toString("utf8")).openapi).toMatch(/^3\./);

    // A large body (compressed off the event loop, once) comes out the same every time.
    const script = await get(port, "/api/docs/swagger-ui-bundle.js");
    expect(script.bytes.byteLength).toBeGreaterThan(64 * 1024);
    const zippedOnce = await get(port, "/api/docs/swagger-ui-bundle.js", { "accept-encoding": "gzip" });
    const zippedTwice = await get(port, "/api/docs/swagger-ui-bundle.js", { "accept-encoding": "gzip" });
    expect(zippedOnce.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(zippedOnce.bytes).equals(script.bytes)).toBe(true);
    expect(zippedTwice.bytes.equals(zippedOnce.bytes)).toBe(true);

    const head = await get(port, "/assets/app.css", {}, "HEAD");
    const body = await get(port, "/assets/app.css");
    expect(head.status).toBe(200);
    expect(head.bytes.byteLength).toBe(0);
    expect(head.headers["content-length"]).toBe(String(body.bytes.byteLength));
  });

  it("leaves a failed answer alone: no ETag and no 304 for an error", async () => {
    const port = await listen();
    const missing = await get(port, "/finns-inte", { "accept-encoding": "gzip", "if-none-match": "*" });
    expect(missing.status).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
  });
});
