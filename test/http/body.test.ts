/**
 * Request bodies as the real Node server reads them (src/http/middleware/body.ts reads
 * them from Node's request, not through a web Request): JSON, forms, bytes split across
 * packets, too large with and without Content-Length, and the connection afterwards.
 */
import { afterEach, expect, it } from "vitest";
import fc from "fast-check";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { eq } from "drizzle-orm";
import { people, registrations } from "../../src/db/schema.js";
import { MAX_BODY_BYTES } from "../../src/app.js";
import { regContextOf } from "../../src/registration/context.js";
import { describeEachDriver } from "../support/db.js";
import { TestClient, createTestApp, type TestApp } from "../support/app.js";
import { makeEvent } from "../support/factories.js";
import { openRegistration } from "../support/registration.js";

let server: ServerType | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function listen(t: TestApp) {
  server = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => server!.once("listening", r));
  return (server.address() as AddressInfo).port;
}

interface Sent {
  method?: string;
  path: string;
  headers?: Record<string, string | number>;
  /** Written one piece after another, a moment apart, so they arrive as separate packets. */
  pieces: Buffer[];
  agent?: http.Agent;
}

function send(port: number, o: Sent): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method: o.method ?? "POST", path: o.path, headers: { host: "localhost", ...o.headers }, agent: o.agent }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.on("error", reject);
    (async () => {
      for (const piece of o.pieces) {
        req.write(piece);
        await new Promise((r) => setTimeout(r, 20));
      }
      req.end();
    })();
  });
}

describeEachDriver("request bodies on the real server", (get) => {
  async function openEvent(t: TestApp) {
    const event = await makeEvent(t.deps.db, { published: true, title: "Kroppsspråk 2027" });
    await openRegistration(regContextOf(t.deps), event, { placesOnsite: 10 });
    return event;
  }

  it("reads JSON split anywhere, a letter's bytes included, and registers with it", async () => {
    const t = createTestApp(get());
    const event = await openEvent(t);
    const port = await listen(t);
    const json = Buffer.from(JSON.stringify({ name: "Åsa Öberg-Ängström", email: "asa@example.se", attendance: "onsite" }));
    const cut = json.indexOf(Buffer.from("Å")) + 1; // between the two bytes of Å
    const res = await send(port, { path: `/api/v1/events/${event.id}/registrations`, headers: { "content-type": "application/json" }, pieces: [json.subarray(0, cut), json.subarray(cut)] });
    expect(res.status).toBe(201);
    const [row] = await t.deps.db.select({ name: people.name }).from(registrations).innerJoin(people, eq(people.id, registrations.personId)).where(eq(registrations.id, JSON.parse(res.body).id));
    expect(row!.name).toBe("Åsa Öberg-Ängström");
  });

  it("answers malformed JSON with 400 in Swedish and changes nothing", async () => {
    const t = createTestApp(get());
    const event = await openEvent(t);
    const port = await listen(t);
    const res = await send(port, { path: `/api/v1/events/${event.id}/registrations`, headers: { "content-type": "application/json" }, pieces: [Buffer.from('{"name": "Bo", "email": ')] });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.message).toMatch(/JSON/);
    expect(await t.deps.db.select().from(registrations).where(eq(registrations.eventId, event.id))).toEqual([]);
  });

  it("reads a form post with its CSRF token and registers", async () => {
    const t = createTestApp(get());
    const event = await openEvent(t);
    const port = await listen(t);
    const page = await send(port, { method: "GET", path: `/evenemang/${event.slug}/anmalan`, pieces: [] });
    const cookie = /sv_csrf=([^;]+)/.exec(String(page.headers["set-cookie"]))![1]!;
    const form = new URLSearchParams({ _csrf: cookie, name: "Kim Kvist", email: "kim@example.se", attendance: "onsite" }).toString();
    const res = await send(port, {
      path: `/evenemang/${event.slug}/anmalan`,
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: `sv_csrf=${cookie}` },
      pieces: [Buffer.from(form.slice(0, 10)), Buffer.from(form.slice(10))],
    });
    expect(res.status).toBe(201);
    expect(res.body).toContain("kim@example.se");
  });

  it("refuses a body that is too large, said beforehand or not, with 413 in Swedish, and the connection still answers", async () => {
    const t = createTestApp(get());
    const event = await openEvent(t);
    const port = await listen(t);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const path = `/api/v1/events/${event.id}/registrations`;
    const big = Buffer.alloc(MAX_BODY_BYTES + 1, "a");
    const said = await send(port, { path, agent, headers: { "content-type": "application/json", "content-length": big.length }, pieces: [big] });
    expect(said.status).toBe(413);
    expect(JSON.parse(said.body).error.message).toBe("Det du skickade är för stort.");
    // Chunked, no length given: found out while reading.
    const unsaid = await send(port, { path, agent, headers: { "content-type": "application/json" }, pieces: [big.subarray(0, 200_000), big.subarray(200_000)] });
    expect(unsaid.status).toBe(413);
    const after = await send(port, { method: "GET", path: `/api/v1/events/${event.id}`, agent, pieces: [] });
    expect(after.status).toBe(200);
    agent.destroy();
    expect(await t.deps.db.select().from(registrations).where(eq(registrations.eventId, event.id))).toEqual([]);
  });

  it("never answers 5xx to random bytes under any content type, and registers nobody on them", async () => {
    const t = createTestApp(get(), { REGISTRATION_RATE_PER_IP: "10000000" });
    const event = await openEvent(t);
    const port = await listen(t);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const paths = [`/api/v1/events/${event.id}/registrations`, `/evenemang/${event.slug}/anmalan`, "/logga-in", "/api/v1/events"];
    const types = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain", "application/octet-stream"];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.constantFrom(...types), fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 0, max: 3000 }), async (path, type, bytes, cut) => {
        const body = Buffer.from(bytes);
        const res = await send(port, { path, agent, headers: { "content-type": type }, pieces: [body.subarray(0, cut), body.subarray(cut)].filter((b) => b.length) });
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
    agent.destroy();
    expect(await t.deps.db.select().from(registrations).where(eq(registrations.eventId, event.id))).toEqual([]);
  });

  it("refuses a form body that cannot be read with 400 in Swedish, on the real server and in-process alike", async () => {
    const t = createTestApp(get());
    const event = await openEvent(t);
    const port = await listen(t);
    const broken = { "content-type": "multipart/form-data; boundary=x" };
    const body = Buffer.from("--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nBo");
    const served = await send(port, { path: `/evenemang/${event.slug}/anmalan`, headers: broken, pieces: [body] });
    const inProcess = await new TestClient(t).request(`/evenemang/${event.slug}/anmalan`, { method: "POST", headers: broken, body });
    expect([served.status, inProcess.status]).toEqual([400, 400]);
    expect(served.body).toContain("Formuläret gick inte att läsa.");
    expect(await inProcess.text()).toContain("Formuläret gick inte att läsa.");
  });
});
