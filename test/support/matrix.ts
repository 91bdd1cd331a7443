/** The policy matrices' shared part: ask every route as every role, and say who got through and who was wrongly refused. */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { createApiToken } from "../../src/auth/repository.js";
import type { Db } from "../../src/db/client.js";
import { api, TestClient, type TestApp } from "./app.js";

/** Refused: 401, 403, 404, or sent to the login. */
export const denied = (res: Response) => [401, 403, 404].includes(res.status) || (res.status === 303 && (res.headers.get("location") ?? "").startsWith("/logga-in"));

/** One hash of every row of the tables, to prove that denied requests changed nothing. */
export async function fingerprint(db: Db, tables: string[]): Promise<string> {
  const parts: string[] = [];
  for (const table of tables) {
    const result = (await db.execute(sql.raw(`select coalesce(md5(string_agg(x::text, ',' order by x::text)), '-') as h from ${table} x`))) as unknown as { rows: { h: string }[] };
    parts.push(`${table}:${result.rows[0]!.h}`);
  }
  return createHash("sha1").update(parts.join("|")).digest("hex");
}

export interface Matrix<Role extends string> {
  routes: string[];
  roles: readonly Role[];
  allowed: (route: string) => Role[];
  fill: (pattern: string) => string;
  request: (role: Role, method: string, path: string) => Promise<Response>;
  /** A GET answered with a redirect that is not to the login counts as let through (e.g. on to a form). */
  onwardsOk?: boolean;
}

/** Every route as every role without the right (each must be refused) and every GET as each role with it (each must answer). */
export async function askMatrix<Role extends string>(m: Matrix<Role>): Promise<{ letThrough: string[]; refused: string[] }> {
  const letThrough: string[] = [];
  for (const key of m.routes) {
    const [method, pattern] = key.split(" ") as [string, string];
    const path = m.fill(pattern);
    for (const role of m.roles) {
      if (m.allowed(key).includes(role)) continue;
      const res = await m.request(role, method, path);
      // An API body is read before its handler asks the policy: an empty one may be refused as malformed (422), which changes nothing either.
      const ok = denied(res) || (path.startsWith("/api/") && method !== "GET" && res.status === 422);
      if (!ok) letThrough.push(`${role} ${method} ${path}: ${res.status}`);
    }
  }
  const refused: string[] = [];
  for (const key of m.routes.filter((k) => k.startsWith("GET "))) {
    const path = m.fill(key.slice(4));
    for (const role of m.allowed(key)) {
      const res = await m.request(role, "GET", path);
      const onwards = m.onwardsOk === true && res.status === 303 && !(res.headers.get("location") ?? "").startsWith("/logga-in");
      if ((res.status < 200 || res.status >= 300) && !onwards) refused.push(`${role} GET ${path}: ${res.status}`);
    }
  }
  return { letThrough, refused };
}

/** A logged-in page client and an API token for each role's person, and a client of nobody's. */
export async function clientsOf<Role extends string>(t: TestApp, people: Record<Exclude<Role, "nobody">, { id: string; email: string | null }>): Promise<Map<Role | "nobody", { page: TestClient; token: string | null }>> {
  const clients = new Map<Role | "nobody", { page: TestClient; token: string | null }>([["nobody", { page: new TestClient(t), token: null }]]);
  for (const [role, p] of Object.entries(people) as [Exclude<Role, "nobody">, { id: string; email: string | null }][]) {
    const page = new TestClient(t);
    await page.login(p.email!);
    clients.set(role, { page, token: (await createApiToken(t.deps.db, p.id, "matrix")).token });
  }
  return clients;
}

/**
 * Asks a path as a role: pages through its page client, /api/ paths with its token. Each
 * request comes from its own address (the app trusts the proxy's header), so the open
 * forms' limits never answer in the policy's place.
 */
export function requesterOf<Role extends string>(t: TestApp, clients: Map<Role, { page: TestClient; token: string | null }>, subnet: string) {
  let ip = 0;
  return async (role: Role, method: string, path: string) => {
    const c = clients.get(role)!;
    const headers = { "x-forwarded-for": `${subnet}.${Math.floor(++ip / 250)}.${ip % 250}` };
    if (path.startsWith("/api/")) {
      const client = api(t, c.token ?? undefined);
      if (method === "PUT") return client.put(path.slice(4), {});
      return method === "GET" ? client.get(path.slice(4), headers) : client.post(path.slice(4), {}, headers);
    }
    return method === "GET" ? c.page.get(path) : c.page.post(path, {}, { headers });
  };
}

/** The app's own routes whose path matches, each once as "METHOD /path", and the need the first matching pattern gives each (unclassified: none did). */
export function classifiedRoutes<Need>(t: TestApp, paths: RegExp, needs: [RegExp, Need][]) {
  const seen = new Set<string>();
  const routes = t.app.routes
    .filter((r) => r.method !== "ALL" && paths.test(r.path))
    .map((r) => `${r.method} ${r.path}`)
    .filter((k) => !seen.has(k) && seen.add(k));
  return { routes, unclassified: routes.filter((k) => !needs.some(([re]) => re.test(k))), needOf: (k: string) => needs.find(([re]) => re.test(k))![1] };
}
