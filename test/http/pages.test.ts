import { expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { events, organisations, programSessions } from "../../src/db/schema.js";
import { describeEachDriver } from "../support/db.js";
import { gunzipSync } from "node:zlib";
import { TestClient, api, createTestApp } from "../support/app.js";
import { makeEvent, makeOrganiser, makePerson, makeSession } from "../support/factories.js";

const eventForm = (o: Record<string, string> = {}) => ({
  title: "Digitaliseringsdagen 2027",
  startDate: "2027-09-23",
  startTime: "08:30",
  endDate: "2027-09-23",
  endTime: "16:00",
  format: "onsite",
  venue: "Insikten, Skövde",
  ...o,
});

describeEachDriver("pages and forms", (get) => {
  it("lets an organiser create, publish, program and copy an event with plain forms", async () => {
    const { db } = get();
    const t = createTestApp(get());
    const { space, person } = await makeOrganiser(db);
    const c = new TestClient(t);
    await c.login(person.email!);

    const created = await c.post(`/arrangor/${space.slug}/nytt-evenemang`, eventForm({ seriesName: "Digitaliseringsdagen" }));
    expect(created.status).toBe(303);
    const editPath = created.headers.get("location")!;
    const id = editPath.split("/").pop()!;
    expect(await (await c.get(editPath)).text()).toContain("Evenemanget ”Digitaliseringsdagen 2027” är skapat som utkast.");

    const session = await c.post(`/arrangor/evenemang/${id}/program`, { type: "keynote", title: "Vi har växtvärk", date: "2027-09-23", startTime: "08:30", endTime: "09:15", room: "Insikten" });
    expect(session.status).toBe(303);
    const overlap = await c.post(`/arrangor/evenemang/${id}/program`, { type: "seminar", title: "Krockar", date: "2027-09-23", startTime: "09:00", endTime: "10:00", room: "Insikten" });
    expect(overlap.status).toBe(303);
    expect(await (await c.get(`/arrangor/evenemang/${id}/program`)).text()).toContain("Insikten: Vi har växtvärk och Krockar pågår samtidigt i samma lokal.");

    expect((await c.post(`/arrangor/evenemang/${id}/publicera`, {})).status).toBe(303);
    const slug = ((await db.execute(sql`select slug from events where id = ${id}`)) as unknown as { rows: { slug: string }[] }).rows[0]!;
    const pub = await (await new TestClient(t).get(`/evenemang/${slug.slug}`)).text();
    expect(pub).toContain("23 september 2027, kl. 8.30–16.00");
    const program = await (await new TestClient(t).get(`/evenemang/${slug.slug}/program`)).text();
    expect(program).toContain("kl. 8.30–9.15");
    expect(program).toContain("torsdag 23 september 2027");

    const copy = await c.post(`/arrangor/evenemang/${id}/kopiera`, { startDate: "2028-09-21" });
    expect(copy.status).toBe(303);
    const copyHtml = await (await c.get(copy.headers.get("location")!)).text();
    expect(copyHtml).toContain("Digitaliseringsdagen 2028");
    expect(copyHtml).toContain("21 september 2028");
  });

  it("shows form errors beside the fields, keeps the values and changes nothing", async () => {
    const { db } = get();
    const t = createTestApp(get());
    const { space, person } = await makeOrganiser(db);
    const c = new TestClient(t);
    await c.login(person.email!);
    const count = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(events))[0]!.n;
    const before = await count();
    const cases: [Record<string, string>, string][] = [
      [eventForm({ title: "" }), "Fyll i rubrik på svenska."],
      [eventForm({ title: "x".repeat(100_000) }), "Rubrik på svenska får vara högst 200 tecken."],
      [eventForm({ startDate: "2027-02-30" }), "Tiden finns inte i Sverige den dagen"],
      [eventForm({ startDate: "23/9 2027" }), "Skriv startdatum som ÅÅÅÅ-MM-DD"],
      [eventForm({ startTime: "25:00" }), "Tiden finns inte"],
      [eventForm({ endTime: "07:00" }), "Sluttiden måste vara efter starttiden."],
      [eventForm({ startDate: "2027-03-28", startTime: "02:30", endDate: "2027-03-28" }), "klockan ställs fram"],
      [eventForm({ format: "moon" }), "Välj form."],
      [eventForm({ slug: "Inte OK" }), "Adressen får bara innehålla"],
      [eventForm({ seriesId: "not-an-id" }), "Serie är inte ett giltigt id."],
    ];
    for (const [form, message] of cases) {
      const res = await c.post(`/arrangor/${space.slug}/nytt-evenemang`, form);
      expect(res.status, message).toBe(422);
      const html = await res.text();
      expect(html, message).toContain(message);
      expect(html).toContain('aria-invalid="true"');
      expect(html).toContain('class="ds-error-summary"');
    }
    expect(await count()).toBe(before);
  });

  it("escapes HTML and script in every text field it shows", async () => {
    const { db } = get();
    const t = createTestApp(get());
    const { space, person } = await makeOrganiser(db);
    const c = new TestClient(t);
    await c.login(person.email!);
    const evil = `<script>alert(1)</script><img src=x onerror=alert(2)>"'&`;
    const res = await c.post(`/arrangor/${space.slug}/nytt-evenemang`, eventForm({ title: evil, titleEn: evil, description: evil, venue: evil, address: evil, seriesName: evil }));
    expect(res.status).toBe(303);
    const id = res.headers.get("location")!.split("/").pop()!;
    await c.post(`/arrangor/evenemang/${id}/program`, { type: "seminar", title: evil, date: "2027-09-23", startTime: "10:00", endTime: "11:00", room: evil, track: evil, description: evil });
    await c.post(`/arrangor/evenemang/${id}/utstallare`, { name: evil, booth: evil, description: evil });
    await c.post(`/arrangor/evenemang/${id}/publicera`, {});
    const slug = ((await db.execute(sql`select slug from events where id = ${id}`)) as unknown as { rows: { slug: string }[] }).rows[0]!.slug;
    const pages = [`/arrangor/evenemang/${id}`, `/arrangor/evenemang/${id}/program`, `/arrangor/evenemang/${id}/utstallare`, `/evenemang/${slug}`, `/evenemang/${slug}/program`, `/evenemang/${slug}/talare`, "/evenemang", "/nationellt", "/"];
    for (const path of pages) {
      const html = await (await c.get(path)).text();
      expect(html, path).not.toContain("<script>alert");
      expect(html, path).not.toContain("<img src=x");
    }
    expect(await (await c.get(`/evenemang/${slug}`)).text()).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("refuses form posts without a valid CSRF token or from another site", async () => {
    const { db } = get();
    const t = createTestApp(get());
    const { space, person } = await makeOrganiser(db);
    const c = new TestClient(t);
    await c.login(person.email!);
    const before = (await db.select({ n: sql<number>`count(*)::int` }).from(events))[0]!.n;
    const missing = await c.post(`/arrangor/${space.slug}/nytt-evenemang`, eventForm(), { csrf: false });
    expect(missing.status).toBe(403);
    expect(await missing.text()).toContain("Formuläret hade gått ut");
    const wrong = await c.post(`/arrangor/${space.slug}/nytt-evenemang`, { ...eventForm(), _csrf: "x".repeat(32) }, { csrf: false });
    expect(wrong.status).toBe(403);
    const crossSite = await c.post(`/arrangor/${space.slug}/nytt-evenemang`, eventForm(), { headers: { origin: "https://evil.example" } });
    expect(crossSite.status).toBe(403);
    const fetchSite = await c.post(`/arrangor/${space.slug}/nytt-evenemang`, eventForm(), { headers: { "sec-fetch-site": "cross-site" } });
    expect(fetchSite.status).toBe(403);
    expect((await db.select({ n: sql<number>`count(*)::int` }).from(events))[0]!.n).toBe(before);
  });

  it("sends security headers on every kind of answer: page, API, not found, refusal, redirect, asset, 304", async () => {
    const t = createTestApp(get());
    const page = await new TestClient(t).get("/");
    const answers = [
      page,
      await new TestClient(t).get("/api/v1/events"),
      await new TestClient(t).get("/finns-inte"),
      await new TestClient(t).get("/api/v1/events/inte-ett-id"),
      await new TestClient(t).get("/sprak/en?tillbaka=/"),
      await new TestClient(t).get("/assets/app.css"),
      await new TestClient(t).request("/", { headers: { "if-none-match": page.headers.get("etag")! } }),
    ];
    expect(answers.map((res) => res.status)).toEqual([200, 200, 404, 422, 303, 200, 304]);
    for (const res of answers) {
      const csp = res.headers.get("content-security-policy")!;
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("same-origin");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
    }
    expect(page.headers.get("content-language")).toBe("sv");
    // The API documentation needs inline styles, and only it gets them.
    expect((await new TestClient(t).get("/api/docs")).headers.get("content-security-policy")).toContain("'unsafe-inline'");
    expect(page.headers.get("content-security-policy")).not.toContain("'unsafe-inline'");
  });

  it("answers /healthz, and 503 when the database is gone", async () => {
    const { openTestDatabase } = await import("../support/db.js");
    const own = await openTestDatabase("pglite");
    const t = createTestApp(own);
    const ok = await t.app.request("http://localhost/healthz");
    expect(await ok.json()).toEqual({ status: "ok", database: "pglite" });
    await own.close();
    const down = await t.app.request("http://localhost/healthz");
    expect(down.status).toBe(503);
    const page = await t.app.request("http://localhost/evenemang");
    expect(page.status).toBe(503);
    const text = await page.text();
    expect(text).toContain("Tjänsten kan inte nå sin databas just nu.");
    expect(text).not.toMatch(/at .*\.ts:\d+/);
    const healthOnShared = await createTestApp(get()).app.request("http://localhost/healthz");
    expect((await healthOnShared.json()).database).toBe(get().kind);
  });

  it("is Swedish by default and remembers English when chosen", async () => {
    const { db } = get();
    const t = createTestApp(get());
    const event = await makeEvent(db, { published: true, title: "Digitala Västerbotten 2027", date: "2027-11-18", start: "09:00", end: "15:30" });
    const c = new TestClient(t);
    const sv = await (await c.get(`/evenemang/${event.slug}`)).text();
    expect(sv).toContain('<html lang="sv">');
    expect(sv).toContain("18 november 2027, kl. 9.00–15.30");
    expect(sv).toContain('href="/tillganglighet"');
    const sw = await c.get(`/sprak/en?tillbaka=${encodeURIComponent(`/evenemang/${event.slug}`)}`);
    expect(sw.status).toBe(303);
    expect(sw.headers.get("location")).toBe(`/evenemang/${event.slug}`);
    const en = await (await c.get(`/evenemang/${event.slug}`)).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain("18 November 2027, 09:00–15:30");
    expect(en).toContain("Accessibility statement");
    expect((await c.get("/sprak/en?tillbaka=https://evil.example")).headers.get("location")).toBe("/");
  });

  it("lists events by region and past events, and the national view", async () => {
    const { db } = get();
    const t = createTestApp(get());
    const { space: vb } = await makeOrganiser(db);
    const past = await makeEvent(db, { space: vb, published: true, title: "Förra året", date: "2025-11-20" });
    const next = await makeEvent(db, { space: vb, published: true, title: "Nästa år", date: "2027-11-18" });
    const c = new TestClient(t);
    const upcoming = await (await c.get("/evenemang?region=24")).text();
    expect(upcoming).toContain(next.slug);
    expect(upcoming).not.toContain(past.slug);
    expect(await (await c.get("/evenemang?region=12")).text()).not.toContain(next.slug);
    const pastHtml = await (await c.get("/evenemang?when=past")).text();
    expect(pastHtml).toContain(past.slug);
    expect(await (await c.get("/nationellt")).text()).toContain(vb.name);
  });

  it("shows the program by day and track and the speakers, with remote participation", async () => {
    const { db } = get();
    const t = createTestApp(get());
    const event = await makeEvent(db, { published: true });
    const speaker = await makePerson(db, { name: "Erik Sandberg" });
    await makeSession(db, event, { title: "Via länk", start: "09:00", end: "09:30", people: [{ personId: speaker.id, role: "speaker", remote: true }] });
    const html = await (await new TestClient(t).get(`/evenemang/${event.slug}/talare`)).text();
    expect(html).toContain("Erik Sandberg");
    expect(html).toContain("på distans");
  });

  it("searches organisations and lets a logged-in person add one, validating the number", async () => {
    const { db } = get();
    const t = createTestApp(get());
    const c = new TestClient(t);
    const found = await (await c.get("/organisationer?q=2480")).text();
    expect(found).toContain("Umeå");
    expect((await c.get("/organisationer/ny")).status).toBe(303);
    await c.login("org@example.se");
    const bad = await c.post("/organisationer/ny", { name: "Myndigheten", kind: "state_agency", orgNumber: "212000-0143" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("Organisationsnumret ska vara tio siffror med rätt kontrollsiffra");
    const before = (await db.select({ n: sql<number>`count(*)::int` }).from(organisations))[0]!.n;
    const ok = await c.post("/organisationer/ny", { name: "Myndigheten", kind: "state_agency", orgNumber: "212000-0142" });
    expect(ok.status).toBe(303);
    expect((await db.select({ n: sql<number>`count(*)::int` }).from(organisations))[0]!.n).toBe(before + 1);
  });

  it("answers a conditional GET with 304 when the page has not changed", async () => {
    const { db } = get();
    const t = createTestApp(get());
    const event = await makeEvent(db, { published: true });
    const c = new TestClient(t);
    const first = await c.get(`/evenemang/${event.slug}/program`);
    const tag = first.headers.get("etag");
    expect(tag).toBeTruthy();
    const again = await c.request(`/evenemang/${event.slug}/program`, { headers: { "if-none-match": tag! } });
    expect(again.status).toBe(304);
  });

  it("has an accessibility statement with what the law requires", async () => {
    const t = createTestApp(get());
    const html = await (await new TestClient(t).get("/tillganglighet")).text();
    for (const part of ["2018:1937", "WCAG 2.1", "Tillsyn", "Digg", "Innehåll som inte är tillgängligt", "Rapportera brister", "Hur vi testat webbplatsen"]) {
      expect(html).toContain(part);
    }
  });

  it("serves public pages rendered once to visitors, compressed, with ETags, and never stale", async () => {
    const t = createTestApp(get());
    const { space, token, person } = await makeOrganiser(get().db);
    const event = await makeEvent(get().db, { space, published: true, title: "Programdagen" });
    const sessionId = await makeSession(get().db, event, { title: "Första passet" });
    const path = `http://localhost/evenemang/${event.slug}/program`;
    const visit = (headers: Record<string, string> = {}) => t.app.request(path, { headers });

    const plain = await visit();
    expect(plain.status).toBe(200);
    const html = await plain.text();
    expect(html).toContain("Första passet");
    expect(html).not.toContain('name="_csrf"');
    const zipped = await visit({ "accept-encoding": "gzip, br" });
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(zipped.headers.get("vary")).toContain("Accept-Encoding");
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString("utf8")).toBe(html);
    const etag = zipped.headers.get("etag")!;
    expect(etag).not.toBe(plain.headers.get("etag"));
    expect((await visit({ "accept-encoding": "gzip", "if-none-match": etag })).status).toBe(304);

    // A change is seen at once: the page is looked up by what it is made from.
    const changed = await api(t, token).patch(`/v1/events/${event.id}/sessions/${sessionId}`, { title: "Andra passet" });
    expect(changed.status).toBe(200);
    const after = await visit({ "accept-encoding": "gzip", "if-none-match": etag });
    expect(after.status).toBe(200);
    expect(gunzipSync(Buffer.from(await after.arrayBuffer())).toString("utf8")).toContain("Andra passet");
    // English is its own page.
    expect(await (await t.app.request(`${path}?lang=en`)).text()).toContain('lang="en"');

    // The organiser, logged in, gets a page of their own (with their logout form).
    const organiser = new TestClient(t);
    await organiser.login(person.email!);
    const own = await (await organiser.get(`/evenemang/${event.slug}/program`)).text();
    expect(own).toContain('name="_csrf"');
    expect(own).toContain("Andra passet");
  });

  it("serves a page again for PAGE_CACHE_SECONDS without reading, until this instance handles a change", async () => {
    const t = createTestApp(get(), { PAGE_CACHE_SECONDS: "60" });
    const { db } = get();
    const { space, token } = await makeOrganiser(db);
    const event = await makeEvent(db, { space, published: true, title: "Mikrocache" });
    const sessionId = await makeSession(db, event, { title: "Pass ett" });
    const page = async () => (await t.app.request(`http://localhost/evenemang/${event.slug}/program`)).text();
    expect(await page()).toContain("Pass ett");
    // Written past this instance (as another instance would): served from memory for now.
    await db.update(programSessions).set({ titleSv: "Pass två" }).where(eq(programSessions.id, sessionId));
    expect(await page()).toContain("Pass ett");
    // Any change handled here ends that at once; the new content comes from its fingerprint.
    expect((await api(t, token).post(`/v1/events/${event.id}/exhibitors`, { name: "Monter" })).status).toBe(201);
    expect(await page()).toContain("Pass två");
  });

  it("when a kept page expires, one visit reads it afresh while the others get it as it was", async () => {
    const t = createTestApp(get(), { PAGE_CACHE_SECONDS: "1" });
    const { db } = get();
    const { space } = await makeOrganiser(db);
    const event = await makeEvent(db, { space, published: true, title: "Påfyllning" });
    const sessionId = await makeSession(db, event, { title: "Pass ett" });
    const page = async () => (await t.app.request(`http://localhost/evenemang/${event.slug}/program`)).text();
    expect(await page()).toContain("Pass ett");
    await db.update(programSessions).set({ titleSv: "Pass två" }).where(eq(programSessions.id, sessionId));
    t.clock.now = new Date(t.clock.now.getTime() + 2000);
    const [first, second] = await Promise.all([page(), page()]);
    expect(first).toContain("Pass två");
    expect(second).toContain("Pass ett");
    expect(await page()).toContain("Pass två");
  });
});
