/**
 * The running server's local control channel, so that `npm run cli -- admin:create`
 * works while the server holds the embedded data folder (src/db/folder-lock.ts): the
 * server listens on 127.0.0.1 only, on a port of the system's choosing, and writes the
 * port and a random secret into the folder's lock file, which only the same user can
 * read (mode 0600). The CLI reads them and asks the server to run the command. Nothing
 * but the commands below can be asked, and nothing without the secret.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, request, type IncomingMessage, type Server } from "node:http";
import type { Db } from "../db/client.js";
import type { FolderLock, LockHolder } from "../db/folder-lock.js";
import { AdminCreateInput, createPlatformAdmin, type AdminCreated } from "./commands.js";

const MAX_BODY = 4096;

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
      if (body.length > MAX_BODY) req.destroy(new Error("too large"));
    });
    req.on("end", () => {
      try {
        resolve(JSON.parse(body));
      } catch (err) {
        reject(err);
      }
    });
    req.on("error", reject);
  });
}

function authorised(req: IncomingMessage, secret: string): boolean {
  const given = Buffer.from(/^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "");
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startControlChannel(db: Db, lock: FolderLock, now: () => Date): Promise<{ close(): Promise<void> }> {
  const secret = randomBytes(32).toString("hex");
  const server: Server = createServer(async (req, res) => {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    try {
      if (!authorised(req, secret)) return answer(401, { error: "unauthorised" });
      if (req.method !== "POST" || req.url !== "/admin/create") return answer(404, { error: "unknown command" });
      const input = AdminCreateInput.safeParse(await readJson(req));
      if (!input.success) return answer(422, { error: "admin:create needs a valid e-mail address" });
      answer(200, await createPlatformAdmin(db, input.data, now()));
    } catch (err) {
      answer(500, { error: err instanceof Error ? err.message : String(err) });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  lock.update({ control: { port, secret } });
  server.unref();
  return { close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Asks the server that holds the folder to create a platform admin. */
export function adminCreateThroughServer(holder: LockHolder, input: { email: string; name?: string }): Promise<AdminCreated> {
  const control = holder.control;
  if (!control) return Promise.reject(new Error("the holder has no control channel"));
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port: control.port, path: "/admin/create", method: "POST", headers: { authorization: `Bearer ${control.secret}`, "content-type": "application/json" }, timeout: 30_000 },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => {
          try {
            const parsed = JSON.parse(body);
            if (res.statusCode === 200) resolve(parsed as AdminCreated);
            else reject(new Error(`the server answered ${res.statusCode}: ${parsed.error ?? body}`));
          } catch (err) {
            reject(err);
          }
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error("the server did not answer within 30 s")));
    req.on("error", reject);
    req.end(JSON.stringify(input));
  });
}
