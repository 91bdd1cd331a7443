import { expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { loginTokens } from "../../src/db/schema.js";
import { hashToken } from "../../src/auth/tokens.js";
import { describeEachDriver } from "../support/db.js";
import { TestClient, createTestApp, type TestApp } from "../support/app.js";

function linkFrom(t: TestApp, email: string) {
  const mail = t.mailer.recent().find((m) => m.to === email);
  const link = /(http\S+bekrafta\?token=[^\s]+)/.exec(mail?.text ?? "")![1]!;
  return { path: link.replace("http://localhost", ""), token: new URL(link).searchParams.get("token")! };
}

describeEachDriver("login by e-mail link", (get) => {
  it("sends a link; GET only shows a confirmation; POST spends it once; the session works", async () => {
    const t = createTestApp(get());
    const browser = new TestClient(t);
    const res = await browser.post("/logga-in", { email: "Anna.Svensson@Umea.se", name: "Anna Svensson" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("anna.svensson@umea.se");
    const { path, token } = linkFrom(t, "anna.svensson@umea.se");

    // A mail scanner opens the link first: nothing is spent.
    const scanner = new TestClient(t);
    expect((await scanner.get(path)).status).toBe(200);
    expect((await scanner.get(path)).status).toBe(200);
    const page = await (await browser.get(path)).text();
    expect(page).toContain('method="post"');

    // The token is stored only hashed.
    const [row] = await get().db.select().from(loginTokens).where(eq(loginTokens.tokenHash, hashToken(token)));
    expect(row).toBeDefined();
    expect(JSON.stringify(row)).not.toContain(token);

    const ok = await browser.post("/logga-in/bekrafta", { token, tillbaka: "/profil" });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/profil");
    const cookie = ok.headers.getSetCookie().find((c) => c.startsWith("sv_session="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const profile = await browser.get("/profil");
    expect(profile.status).toBe(200);
    expect(await profile.text()).toContain("Anna Svensson");

    // Single use: a second POST fails, and GET now says the link is spent.
    const again = await new TestClient(t).post("/logga-in/bekrafta", { token });
    expect(again.status).toBe(400);
    expect((await scanner.get(path)).status).toBe(400);
  });

  it("refuses an expired link", async () => {
    const t = createTestApp(get());
    const browser = new TestClient(t);
    await browser.post("/logga-in", { email: "late@example.se" });
    const { token } = linkFrom(t, "late@example.se");
    t.clock.now = new Date(t.clock.now.getTime() + 16 * 60_000);
    expect((await browser.post("/logga-in/bekrafta", { token })).status).toBe(400);
    expect((await browser.get("/profil")).status).toBe(303);
  });

  it("does not follow a return path to another site", async () => {
    const t = createTestApp(get());
    const browser = new TestClient(t);
    await browser.post("/logga-in", { email: "redirect@example.se" });
    const { token } = linkFrom(t, "redirect@example.se");
    const res = await browser.post("/logga-in/bekrafta", { token, tillbaka: "//evil.example/x" });
    expect(res.headers.get("location")).toBe("/profil");
  });

  it("logs out and forgets the session", async () => {
    const t = createTestApp(get());
    const browser = new TestClient(t);
    await browser.login("out@example.se");
    expect((await browser.get("/profil")).status).toBe(200);
    const session = browser.cookies.get("sv_session")!;
    expect((await browser.post("/logga-ut", {})).status).toBe(303);
    const stale = new TestClient(t);
    stale.cookies.set("sv_session", session);
    expect((await stale.get("/profil")).status).toBe(303);
  });

  it("rejects a bad e-mail with a clear Swedish message and sends nothing", async () => {
    const t = createTestApp(get());
    const res = await new TestClient(t).post("/logga-in", { email: "inte-en-adress" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Skriv e-postadressen i formatet namn@exempel.se.");
    expect(html).toContain("<title>Fel: ");
    expect(t.mailer.recent()).toHaveLength(0);
  });

  it("rate-limits login links per address", async () => {
    const t = createTestApp(get());
    const c = new TestClient(t);
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await c.post("/logga-in", { email: "flood@example.se" })).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(t.mailer.recent().filter((m) => m.to === "flood@example.se")).toHaveLength(5);
  });

  it("updates the profile, and validates the organisation", async () => {
    const t = createTestApp(get());
    const c = new TestClient(t);
    await c.login("profil@example.se");
    const bad = await c.post("/profil", { name: "", organisationId: "00000000-0000-4000-8000-000000000000" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("Fyll i namn.");
    const ok = await c.post("/profil", { name: "Per Ekholm", title: "Strateg", organisationId: "" });
    expect(ok.status).toBe(303);
    expect(await (await c.get("/profil")).text()).toContain("Per Ekholm");
  });

  it("creates and revokes personal API tokens", async () => {
    const t = createTestApp(get());
    const c = new TestClient(t);
    await c.login("tokens@example.se");
    const res = await c.post("/profil/api-nycklar", { tokenName: "Intranät" });
    expect(res.status).toBe(201);
    const token = /svk_[A-Za-z0-9_-]+/.exec(await res.text())![0];
    const me = await t.app.request("http://localhost/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect((await me.json()).email).toBe("tokens@example.se");
    const html = await (await c.get("/profil")).text();
    const id = /api-nycklar\/([0-9a-f-]{36})\/aterkalla/.exec(html)![1]!;
    expect((await c.post(`/profil/api-nycklar/${id}/aterkalla`, {})).status).toBe(303);
    const after = await t.app.request("http://localhost/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);
  });
});
