/**
 * The archive over HTTP (issue 14 §1): recordings embedded from the allow-list or linked,
 * captions checked as WebVTT, materials streamed in and out in chunks with Range and ETag;
 * a file that is not what it claims, invalid captions, a forged form and an upload beyond
 * the limit are refused and store nothing; the public archive is searchable by title,
 * speaker, organisation and theme; the accessibility statement says which recordings lack captions.
 */
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { createPerson } from "../../src/people/repository.js";
import { searchOrganisations } from "../../src/organisations/repository.js";
import { CHUNK_BYTES } from "../../src/archive/storage.js";
import { api, createTestApp, TestClient } from "../support/app.js";
import { describeEachDriver } from "../support/db.js";
import { makeEvent, makeOrganiser, makeSession } from "../support/factories.js";

const pdf = (bytes: number) => {
  const b = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) b[i] = (i * 7 + 3) % 251;
  b.write("%PDF-1.7\n", 0, "latin1");
  return b;
};
const VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nVälkomna till Mötesplats Digitala Västerbotten.\n\n00:00:04.500 --> 00:00:08.000\nIdag pratar vi om samverkan.\n";

describeEachDriver("the archive", (get) => {
  async function setup(config: Record<string, string> = {}) {
    const t = createTestApp(get(), config);
    const { db } = t.deps;
    const org = await makeOrganiser(db);
    const event = await makeEvent(db, { space: org.space, title: "Mötesplats Digitala Västerbotten 2023", date: "2023-11-16", published: true });
    const umea = (await searchOrganisations(db, "2480"))[0]!;
    const speaker = await createPerson(db, { name: "Saga Lindqvist", email: `saga-${crypto.randomUUID()}@example.se`, organisationId: umea.id, title: null });
    const sessionId = await makeSession(db, event, { title: "Från idé till handling", people: [{ personId: speaker.id, role: "speaker", remote: false }] });
    await db.execute(sql`update program_sessions set track = 'Ledning och styrning' where id = ${sessionId}`);
    const other = await makeSession(db, event, { title: "Bredband i glesbygd", start: "13:00", end: "14:00" });
    const c = new TestClient(t);
    await c.login(org.person.email!);
    const base = `/arrangor/evenemang/${event.id}/arkiv`;
    const files = async () => Number(((await db.execute(sql`select count(*)::int as n from stored_files`)) as unknown as { rows: { n: number }[] }).rows[0]!.n);
    return { t, db, org, event, sessionId, other, c, base, files };
  }

  it("a recording, its captions and a material: embedded, captioned, downloaded whole, in ranges and conditionally", async () => {
    const { t, event, sessionId, other, c, base } = await setup();
    let res = await c.post(`${base}/${sessionId}/inspelning`, { url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ" });
    expect(res.status).toBe(303);
    expect((await c.post(`${base}/${other}/inspelning`, { url: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x" })).status).toBe(303);
    let page = await (await c.get(base)).text();
    expect(page).toContain("2 inspelningar saknar textning");
    expect(page).toContain("Högst 50 MB.");
    res = await c.postMultipart(`${base}/${sessionId}/textning`, { file: new File([VTT], "textning.vtt", { type: "text/vtt" }) });
    expect(res.status).toBe(303);
    page = await (await c.get(base)).text();
    expect(page).toContain("1 inspelning saknar textning");
    expect((await c.post(`${base}/${other}/inspelning`, { url: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x", platformCaptions: "on" })).status).toBe(303);
    expect(await (await c.get(base)).text()).toContain("Alla inspelningar är textade.");

    // Three chunks and a bit, so that a range crosses chunks.
    const bytes = pdf(CHUNK_BYTES * 3 + 1234);
    res = await c.postMultipart(`${base}/${sessionId}/material`, { title: "Bildspel", file: new File([bytes], "Bildspel Från idé.pdf", { type: "application/pdf" }) });
    expect(res.status).toBe(303);

    const visitor = new TestClient(t);
    const archive = await visitor.get(`/evenemang/${event.slug}/inspelningar`);
    expect(archive.status).toBe(200);
    expect(archive.headers.get("content-security-policy")).toContain("frame-src https://www.youtube-nocookie.com");
    const html = await archive.text();
    expect(html).toContain('src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"');
    expect(html).toContain("Textad (textfil finns att hämta)");
    expect(html).toContain("Textad på videotjänsten");
    expect(html).toContain('href="https://teams.microsoft.com/l/meetup-join/19%3ameeting_x"');
    const href = /href="(\/arkiv\/filer\/[^"]+\.pdf)"/.exec(html)![1]!;
    expect(html).toContain("Hämta Bildspel (PDF, 769 kB)");

    const whole = await visitor.get(href);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("accept-ranges")).toBe("bytes");
    expect(whole.headers.get("content-disposition")).toContain("Bildspel%20Fr%C3%A5n%20id%C3%A9.pdf");
    const etag = whole.headers.get("etag")!;
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
    const from = CHUNK_BYTES - 10;
    const part = await visitor.request(href, { headers: { range: `bytes=${from}-${from + CHUNK_BYTES + 19}` } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes ${from}-${from + CHUNK_BYTES + 19}/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(from, from + CHUNK_BYTES + 20))).toBe(true);
    const tail = await visitor.request(href, { headers: { range: "bytes=-100" } });
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(bytes.length - 100))).toBe(true);
    expect((await visitor.request(href, { headers: { range: `bytes=${bytes.length}-` } })).status).toBe(416);
    expect((await visitor.request(href, { headers: { "if-none-match": etag } })).status).toBe(304);
    const captions = /href="(\/arkiv\/filer\/[^"]+textning\.vtt)"/.exec(html)![1]!;
    const vtt = await visitor.get(captions);
    expect(vtt.headers.get("content-type")).toBe("text/vtt; charset=utf-8");
    expect(await vtt.text()).toBe(VTT);
  });

  it("refuses a file that is not what it claims, invalid captions, a forged form and what is too large, and stores nothing", async () => {
    // A limit of 2 MB (ARCHIVE_MAX_FILE_MB) so that going past it is quick; the default is 50.
    const { t, sessionId, c, base, files } = await setup({ ARCHIVE_MAX_FILE_MB: "2" });
    expect((await c.post(`${base}/${sessionId}/inspelning`, { url: "javascript:alert(1)" })).status).toBe(422);
    const before = await files();
    const refused = async (path: string, fields: Record<string, string | Blob>, status: number, text: string | null) => {
      const res = await c.postMultipart(path, fields);
      expect(res.status, path).toBe(status);
      if (text) expect(await res.text()).toContain(text);
    };
    // No recording yet: captions have nothing to belong to.
    await refused(`${base}/${sessionId}/textning`, { file: new File([VTT], "t.vtt") }, 422, "Lägg till adressen till inspelningen först.");
    expect((await c.post(`${base}/${sessionId}/inspelning`, { url: "https://vimeo.com/76979871" })).status).toBe(303);
    await refused(`${base}/${sessionId}/textning`, { file: new File(["WEBVTT\n\n00:00:05.000 --> 00:00:03.000\nBaklänges\n"], "t.vtt") }, 422, "rad 3: Sluttiden är inte efter starttiden.");
    await refused(`${base}/${sessionId}/textning`, { file: new File(["1\n00:00:01,000 --> 00:00:02,000\nSRT\n"], "t.vtt") }, 422, "Filen måste börja med ”WEBVTT”.");
    await refused(`${base}/${sessionId}/material`, { title: "Bildspel", file: new File([Buffer.from("504b030414000000", "hex")], "bildspel.pdf") }, 422, "Filen är inte det den säger sig vara");
    await refused(`${base}/${sessionId}/material`, { title: "Bildspel", file: new File([Buffer.from("89504e470d0a1a0a0000", "hex")], "bildspel.pptx") }, 422, "Filen är inte det den säger sig vara");
    await refused(`${base}/${sessionId}/material`, { title: "", file: new File([pdf(2000)], "a.pdf") }, 422, "Fyll i rubrik på materialet.");
    await refused(`${base}/${sessionId}/material`, { title: "Tom" }, 422, "Välj en fil.");
    // A NUL in a field (found by the hostile-input test): refused before the file is kept.
    await refused(`${base}/${sessionId}/material`, { title: "\u0000x", file: new File([pdf(2000)], "a.pdf") }, 400, null);
    // Larger than the limit as it streams in: cut off at the limit, nothing kept.
    await refused(`${base}/${sessionId}/material`, { title: "Stor", file: new File([pdf(2 * 1024 * 1024 + 10)], "stor.pdf") }, 422, "Filen är för stor. Den får vara högst 2 MB.");
    // A 2 GB upload is refused from its length before a byte is read.
    const huge = await c.request(`${base}/${sessionId}/material`, { method: "POST", headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(2 * 1024 ** 3) }, body: "--x--" });
    expect(huge.status).toBe(413);
    // The token must come first and be right; another space's organiser may not.
    const forged = await c.postMultipart(`${base}/${sessionId}/material`, { title: "X", file: new File([pdf(2000)], "a.pdf") }, { csrf: false });
    expect(forged.status).toBe(403);
    const stranger = new TestClient(t);
    await stranger.login((await makeOrganiser(t.deps.db)).person.email!);
    expect((await stranger.postMultipart(`${base}/${sessionId}/material`, { title: "X", file: new File([pdf(2000)], "a.pdf") })).status).toBe(403);
    expect(await files()).toBe(before);
  });

  it("the public archive finds sessions by title, speaker, organisation and theme across years; the statement lists what lacks captions", async () => {
    const { t, db, org, event, sessionId, other, c, base } = await setup();
    expect((await c.post(`${base}/${sessionId}/inspelning`, { url: "https://vimeo.com/76979871" })).status).toBe(303);
    expect((await c.post(`${base}/${other}/inspelning`, { url: "https://youtu.be/dQw4w9WgXcQ", platformCaptions: "on" })).status).toBe(303);
    const draft = await makeEvent(db, { space: org.space, title: "Utkast 2024", date: "2024-05-01" });
    const hidden = await makeSession(db, draft, { title: "Hemligt pass om samverkan" });
    expect((await c.post(`/arrangor/evenemang/${draft.id}/arkiv/${hidden}/inspelning`, { url: "https://vimeo.com/11111111" })).status).toBe(303);
    const visitor = new TestClient(t);
    const find = async (query: string) => {
      const page = await (await visitor.get(`/arkiv?${query}`)).text();
      return { page, found: ["Från idé till handling", "Bredband i glesbygd", "Hemligt pass om samverkan"].filter((title) => page.includes(title)) };
    };
    expect((await find("q=Fr%C3%A5n+id%C3%A9")).found).toEqual(["Från idé till handling"]);
    expect((await find("q=saga+lindqvist")).found).toEqual(["Från idé till handling"]);
    expect((await find("q=Ume%C3%A5")).found).toEqual(["Från idé till handling"]);
    expect((await find("q=ledning+och+styrning")).found).toEqual(["Från idé till handling"]);
    expect((await find("q=samverkan")).found).toEqual([]);
    expect((await find("ar=2023")).found).toEqual(["Från idé till handling", "Bredband i glesbygd"]);
    expect((await find("ar=2022")).found).toEqual([]);
    expect((await find("q=%25")).found).toEqual([]);
    const statement = await (await visitor.get("/tillganglighet")).text();
    expect(statement).toMatch(/\d+ av \d+ inspelningar i arkivet saknar textning/);
    expect(statement).toContain("Från idé till handling");
    expect(statement).not.toContain("Bredband i glesbygd");
    expect(statement).not.toContain("Hemligt pass");
    expect((await visitor.get(`/evenemang/${draft.slug}/inspelningar`)).status).toBe(404);
    // The same through the API, for a region's own website.
    const found = ((await (await api(t).get("/v1/archive?q=saga")).json()) as { eventId: string }[]).filter((x) => x.eventId === event.id);
    expect(found).toMatchObject([{ title: "Från idé till handling", speakers: ["Saga Lindqvist"], theme: "Ledning och styrning", recording: { provider: "vimeo", embedUrl: "https://player.vimeo.com/video/76979871", captions: "none" } }]);
    const ofEvent = await (await api(t).get(`/v1/events/${event.id}/archive`)).json();
    expect(ofEvent.map((s: { title: string }) => s.title)).toEqual(["Från idé till handling", "Bredband i glesbygd"]);
    expect((await api(t).get(`/v1/events/${draft.id}/archive`)).status).toBe(404);
    expect((await api(t).get("/v1/archive?region=stockholm")).status).toBe(422);
  });
});
