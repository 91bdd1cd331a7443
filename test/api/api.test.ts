import { expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { events, programSessions } from "../../src/db/schema.js";
import { describeEachDriver } from "../support/db.js";
import { api, createTestApp } from "../support/app.js";
import { makeAdmin, makeEvent, makeOrganiser, makePerson, makeSession } from "../support/factories.js";

const body = (spaceId: string, extra: Record<string, unknown> = {}) => ({
  spaceId,
  title: "Digitala Västerbotten 2027",
  startsAt: "2027-11-18T09:00:00+01:00",
  endsAt: "2027-11-18T15:30:00+01:00",
  venue: "Folkets hus, Umeå",
  format: "hybrid",
  ...extra,
});

describeEachDriver("JSON API", (get) => {
  it("lists published events with id, slug, title, startsAt, endsAt, status and url", async () => {
    const t = createTestApp(get());
    const { db } = get();
    const published = await makeEvent(db, { published: true, title: "Publicerad konferens" });
    const draft = await makeEvent(db, { title: "Hemligt utkast" });
    const res = await api(t).get("/v1/events");
    expect(res.status).toBe(200);
    const { data } = await res.json();
    const ids = data.map((e: { id: string }) => e.id);
    expect(ids).toContain(published.id);
    expect(ids).not.toContain(draft.id);
    const e = data.find((x: { id: string }) => x.id === published.id);
    expect(e).toMatchObject({ slug: published.slug, title: "Publicerad konferens", status: "published", url: `http://localhost/evenemang/${published.slug}` });
    expect(new Date(e.startsAt).getTime()).toBe(published.startsAt.getTime());
    expect(new Date(e.endsAt).getTime()).toBe(published.endsAt.getTime());
  });

  it("creates, reads, changes, publishes and copies an event with a token", async () => {
    const t = createTestApp(get());
    const { space, token } = await makeOrganiser(get().db);
    const client = api(t, token);
    const created = await client.post("/v1/events", body(space.id));
    expect(created.status).toBe(201);
    const event = await created.json();
    expect(event).toMatchObject({ status: "draft", title: "Digitala Västerbotten 2027", format: "hybrid", startsAt: "2027-11-18T08:00:00.000Z" });

    expect((await api(t).get(`/v1/events/${event.id}`)).status).toBe(404); // drafts are private
    expect((await client.get(`/v1/events/${event.id}`)).status).toBe(200);

    const patched = await client.patch(`/v1/events/${event.id}`, { titleEn: "Digital Västerbotten 2027", status: "published" });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ titleEn: "Digital Västerbotten 2027", status: "published" });
    expect((await api(t).get(`/v1/events/${event.id}`)).status).toBe(200);

    const session = await client.post(`/v1/events/${event.id}/sessions`, {
      type: "keynote",
      title: "Öppning",
      startsAt: "2027-11-18T09:00:00+01:00",
      endsAt: "2027-11-18T09:30:00+01:00",
      room: "Stora salen",
    });
    expect(session.status).toBe(201);
    const program = await (await api(t).get(`/v1/events/${event.id}/sessions`)).json();
    expect(program.data).toHaveLength(1);
    expect(program.data[0]).toMatchObject({ type: "keynote", title: "Öppning", room: "Stora salen" });

    const inSeries = await client.patch(`/v1/events/${event.id}`, { seriesName: "Digitala Västerbotten" });
    const seriesId = (await inSeries.json()).seriesId;
    expect(seriesId).not.toBeNull();
    const series = await (await client.get(`/v1/spaces/${space.id}/series`)).json();
    expect(series.data.map((s: { name: string }) => s.name)).toEqual(["Digitala Västerbotten"]);

    const copy = await client.post(`/v1/events/${event.id}/copy`, { startDate: "2028-11-16" });
    expect(copy.status).toBe(201);
    const copied = await copy.json();
    expect(copied).toMatchObject({ status: "draft", title: "Digitala Västerbotten 2028", startsAt: "2028-11-16T08:00:00.000Z" });
    expect((await (await client.get(`/v1/events/${copied.id}/sessions`)).json()).data).toHaveLength(1);
    expect(copied.seriesId).toBe(seriesId);
  });

  it("changes only what a PATCH names: publishing keeps the English title, venue, address and description; moving a session keeps its room", async () => {
    const t = createTestApp(get());
    const { space, token } = await makeOrganiser(get().db);
    const client = api(t, token);
    const full = body(space.id, { titleEn: "Digital Västerbotten 2027", address: "Skolgatan 1, Umeå", description: "Om dagen" });
    const event = await (await client.post("/v1/events", full)).json();
    const published = await (await client.patch(`/v1/events/${event.id}`, { status: "published" })).json();
    expect(published).toMatchObject({ status: "published", titleEn: "Digital Västerbotten 2027", venue: "Folkets hus, Umeå", address: "Skolgatan 1, Umeå", description: "Om dagen" });
    // An empty text or null still clears the field it names, and only that one.
    const cleared = await (await client.patch(`/v1/events/${event.id}`, { address: "", description: null })).json();
    expect(cleared).toMatchObject({ address: null, description: null, venue: "Folkets hus, Umeå", titleEn: "Digital Västerbotten 2027" });

    const s = await (await client.post(`/v1/events/${event.id}/sessions`, { type: "seminar", title: "Öppna data", titleEn: "Open data", room: "Sal A", track: "Data", startsAt: "2027-11-18T10:00:00+01:00", endsAt: "2027-11-18T11:00:00+01:00" })).json();
    const moved = await (await client.patch(`/v1/events/${event.id}/sessions/${s.session.id}`, { startsAt: "2027-11-18T13:00:00+01:00", endsAt: "2027-11-18T14:00:00+01:00" })).json();
    expect(moved.session).toMatchObject({ room: "Sal A", track: "Data", titleEn: "Open data", title: "Öppna data" });
  });

  it("manages sessions with people and returns overlap warnings to organisers", async () => {
    const t = createTestApp(get());
    const { db } = get();
    const { space, token } = await makeOrganiser(db);
    const event = await makeEvent(db, { space, published: true });
    const client = api(t, token);
    const speaker = await (await client.post("/v1/people", { name: "Maria Holm", title: "Digital Transformation Enabler" })).json();
    const s = (title: string, room: string) => ({ type: "seminar", title, room, startsAt: "2027-11-18T10:00:00+01:00", endsAt: "2027-11-18T11:00:00+01:00", people: [{ personId: speaker.id, role: "speaker", remote: true }] });
    expect((await client.post(`/v1/events/${event.id}/sessions`, s("A", "Sal A"))).status).toBe(201);
    const second = await (await client.post(`/v1/events/${event.id}/sessions`, s("B", "Sal A"))).json();
    expect(second.warnings.map((w: { kind: string }) => w.kind).sort()).toEqual(["person_double_booked", "room_overlap"]);
    expect(second.warnings[0].message).toMatch(/samtidigt/);
    expect(second.session.people[0]).toMatchObject({ name: "Maria Holm", role: "speaker", remote: true });
    // The public sees the program, not the organisers' warnings.
    expect((await (await api(t).get(`/v1/events/${event.id}/sessions`)).json()).warnings).toEqual([]);
    const moved = await client.patch(`/v1/events/${event.id}/sessions/${second.session.id}`, { room: "Sal B", startsAt: "2027-11-18T11:00:00+01:00", endsAt: "2027-11-18T12:00:00+01:00" });
    expect((await moved.json()).warnings).toEqual([]);
    expect((await client.delete(`/v1/events/${event.id}/sessions/${second.session.id}`)).status).toBe(204);
    const x = await client.post(`/v1/events/${event.id}/exhibitors`, { name: "Skellefteå e-tjänstecenter", booth: "1" });
    expect(x.status).toBe(201);
    expect((await (await api(t).get(`/v1/events/${event.id}/exhibitors`)).json()).data[0].booth).toBe("1");
  });

  it("answers errors as JSON with code and message in the caller's language", async () => {
    const t = createTestApp(get());
    const { space, token } = await makeOrganiser(get().db);
    const sv = await api(t, token).post("/v1/events", { ...body(space.id), endsAt: "2027-11-18T08:00:00+01:00" });
    expect(sv.status).toBe(422);
    const svJson = await sv.json();
    expect(svJson.error.code).toBe("validation_failed");
    expect(svJson.error.details).toContainEqual(expect.objectContaining({ field: "endsAt", message: "Sluttiden måste vara efter starttiden." }));
    const en = await api(t, token).post("/v1/events", { ...body(space.id), title: "" }, { "accept-language": "en-GB,en;q=0.9" });
    expect((await en.json()).error.details[0].message).toBe("Enter title.");
    const unknown = await api(t).get("/v1/events/00000000-0000-4000-8000-000000000000");
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toMatchObject({ code: "not_found", message: "Sidan eller uppgiften finns inte." });
    const noToken = await api(t).post("/v1/events", body(space.id));
    expect(noToken.status).toBe(401);
    const badToken = await api(t, "svk_not-a-real-token-at-all").get("/v1/events");
    expect(badToken.status).toBe(401);
  });

  it("rejects bad input of every kind with 4xx and changes nothing", async () => {
    const t = createTestApp(get());
    const { db } = get();
    const { space, token } = await makeOrganiser(db);
    const event = await makeEvent(db, { space });
    await makeSession(db, event);
    const client = api(t, token);
    const count = async () => {
      const [e] = await db.select({ n: sql<number>`count(*)::int` }).from(events);
      const [s] = await db.select({ n: sql<number>`count(*)::int` }).from(programSessions);
      return [e!.n, s!.n];
    };
    const before = await count();
    const huge = "x".repeat(100_000);
    const cases: [string, string, unknown][] = [
      ["POST", "/v1/events", {}],
      ["POST", "/v1/events", "{not json"],
      ["POST", "/v1/events", "[]"],
      ["POST", "/v1/events", body(space.id, { title: 42 })],
      ["POST", "/v1/events", body(space.id, { title: huge })],
      ["POST", "/v1/events", body(space.id, { description: "y".repeat(300_000) })],
      ["POST", "/v1/events", body(space.id, { startsAt: "2027-02-30T09:00:00+01:00" })],
      ["POST", "/v1/events", body(space.id, { startsAt: "imorgon" })],
      ["POST", "/v1/events", body(space.id, { endsAt: "2027-11-17T09:00:00+01:00" })],
      ["POST", "/v1/events", body(space.id, { format: "<script>" })],
      ["POST", "/v1/events", body(space.id, { slug: "Inte OK!" })],
      ["POST", "/v1/events", body(space.id, { seriesId: "not-a-uuid" })],
      ["POST", "/v1/events", body(space.id, { seriesId: "00000000-0000-4000-8000-000000000000" })],
      ["POST", "/v1/events", body(space.id, { unknownField: true })],
      ["POST", "/v1/events", body(space.id, { title: "Nolltecken \u0000 här" })],
      ["PATCH", `/v1/events/${event.id}`, { description: "\u0000" }],
      ["POST", "/v1/events", body("00000000-0000-4000-8000-000000000000")],
      ["PATCH", `/v1/events/${event.id}`, { endsAt: "2020-01-01T00:00:00Z" }],
      ["PATCH", `/v1/events/${event.id}`, { status: "archived" }],
      ["PATCH", `/v1/events/not-a-uuid`, { title: "x" }],
      ["POST", `/v1/events/${event.id}/sessions`, { type: "party", title: "x", startsAt: "2027-11-18T10:00:00+01:00", endsAt: "2027-11-18T11:00:00+01:00" }],
      ["POST", `/v1/events/${event.id}/sessions`, { type: "seminar", title: "x", startsAt: "2027-11-19T10:00:00+01:00", endsAt: "2027-11-19T11:00:00+01:00" }],
      ["POST", `/v1/events/${event.id}/sessions`, { type: "seminar", title: "x", startsAt: "2027-11-18T10:00:00+01:00", endsAt: "2027-11-18T11:00:00+01:00", people: [{ personId: "00000000-0000-4000-8000-000000000000", role: "speaker" }] }],
      ["POST", `/v1/events/${event.id}/copy`, { startDate: "2027-13-40" }],
      ["POST", "/v1/organisations", { name: "X", kind: "company", orgNumber: "212000-0143" }],
      ["POST", "/v1/organisations", { name: "X", kind: "region" }],
    ];
    for (const [method, path, payload] of cases) {
      const res = method === "POST" ? await client.post(path, payload) : await client.patch(path, payload);
      expect(res.status, `${method} ${path} ${JSON.stringify(payload).slice(0, 80)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${path}`).toBeLessThan(500);
      const json = await res.json();
      expect(typeof json.error.code).toBe("string");
      expect(json.error.message.length).toBeGreaterThan(5);
    }
    expect(await count()).toEqual(before);
  });

  it("stores HTML as text and returns it unchanged as JSON", async () => {
    const t = createTestApp(get());
    const { space, token } = await makeOrganiser(get().db);
    const evil = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    const res = await api(t, token).post("/v1/events", body(space.id, { title: evil, description: evil, venue: evil }));
    expect(res.status).toBe(201);
    expect((await res.json()).title).toBe(evil);
  });

  it("serves an OpenAPI 3.1 document describing every endpoint, and interactive docs", async () => {
    const t = createTestApp(get());
    const doc = await (await api(t).get("/v1/openapi.json")).json();
    expect(doc.openapi).toBe("3.1.0");
    for (const path of ["/v1/events", "/v1/events/{id}", "/v1/events/{id}/sessions", "/v1/events/{id}/sessions/{sessionId}", "/v1/events/{id}/copy", "/v1/organisations", "/v1/spaces", "/v1/people", "/v1/me"]) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
    expect(doc.paths["/v1/events"].post.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.components.schemas.EventCreate.properties.title.maxLength).toBe(200);
    const docs = await t.app.request("http://localhost/api/docs");
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain("swagger-ui-bundle.js");
    expect((await t.app.request("http://localhost/api/docs/swagger-ui-bundle.js")).status).toBe(200);
  });

  it("lets a platform admin create spaces and add organisers", async () => {
    const t = createTestApp(get());
    const { token } = await makeAdmin(get().db);
    const created = await api(t, token).post("/v1/spaces", { name: "Region Skåne digitalisering", regionCode: "12" });
    expect(created.status).toBe(201);
    const space = await created.json();
    expect(space.slug).toBe("region-skane-digitalisering");
    const member = await api(t, token).post(`/v1/spaces/${space.id}/members`, { email: "ny.arrangor@skane.se" });
    expect(member.status).toBe(201);
    const members = await (await api(t, token).get(`/v1/spaces/${space.id}/members`)).json();
    expect(members.data.map((m: { email: string }) => m.email)).toEqual(["ny.arrangor@skane.se"]);
    const { token: organiserToken } = await makeOrganiser(get().db);
    expect((await api(t, organiserToken).post("/v1/spaces", { name: "Ej tillåtet" })).status).toBe(403);
    const p = await makePerson(get().db);
    expect(p.id).toBeTruthy();
  });
});
