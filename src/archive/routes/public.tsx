/** The public archive: search, one event's recordings, and the files, streamed with Range and ETag. */
import { Readable } from "node:stream";
import { Hono } from "hono";
import { sql } from "drizzle-orm";
import { canManageSpace } from "../../auth/policy.js";
import { findEventBySlug } from "../../events/repository.js";
import type { AppContext, AppEnv } from "../../http/env.js";
import { notFound } from "../../http/errors.js";
import { allowFrameSources } from "../../http/middleware/security-headers.js";
import { noneMatch } from "../../http/middleware/representation.js";
import { isUuid } from "../../http/params.js";
import { emptyForm, uiOf } from "../../http/ui.js";
import { rowsOf } from "../../db/rows.js";
import { PLAYER_HOSTS } from "../recordings.js";
import { findMaterialFile, searchArchive } from "../repository.js";
import { dbFileStore, type StoredFile } from "../storage.js";
import { ArchiveSearchPage, EventArchivePage } from "../views/public.js";

export const archiveRoutes = new Hono<AppEnv>();

archiveRoutes.get("/arkiv", async (c) => {
  const { db } = c.get("deps");
  const q = (c.req.query("q") ?? "").slice(0, 100);
  const ar = c.req.query("ar") ?? "";
  const lan = c.req.query("lan") ?? "";
  const year = /^\d{4}$/.test(ar) ? Number(ar) : undefined;
  const region = /^\d{2}$/.test(lan) ? lan : undefined;
  const [results, years, regions] = await Promise.all([
    searchArchive(db, { q, year, region, limit: 100 }),
    rowsOf<{ y: number }>(db, sql`select distinct extract(year from e.starts_at at time zone 'Europe/Stockholm')::int as y from events e join program_sessions s on s.event_id = e.id join session_recordings r on r.session_id = s.id where e.status in ('published','cancelled') order by y desc`),
    rowsOf<{ code: string; name: string }>(db, sql`select county_code as code, name from organisations where kind = 'region' order by name`),
  ]);
  allowFrameSources(c, PLAYER_HOSTS);
  return c.html(<ArchiveSearchPage ui={uiOf(c)} form={emptyForm({ q, ar: year ? String(year) : "", lan: region ?? "" })} results={results} years={years.map((y) => Number(y.y))} regions={regions} />);
});

archiveRoutes.get("/evenemang/:slug/inspelningar", async (c) => {
  const { db } = c.get("deps");
  const event = await findEventBySlug(db, c.req.param("slug"));
  if (!event || (event.status !== "published" && event.status !== "cancelled")) throw notFound();
  const sessions = await searchArchive(db, { eventId: event.id, limit: 500 });
  allowFrameSources(c, PLAYER_HOSTS);
  return c.html(<EventArchivePage ui={uiOf(c)} event={event} sessions={sessions.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())} />);
});

/** "bytes=a-b", "bytes=a-" or "bytes=-n" as an inclusive range of the file; null for anything else (then the whole file is sent). */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | "unsatisfiable" | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec((header ?? "").trim());
  if (!m || (m[1] === "" && m[2] === "")) return null;
  let start: number;
  let end: number;
  if (m[1] === "") {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return "unsatisfiable";
  return { start, end };
}

async function mayRead(c: AppContext, fileId: string): Promise<boolean> {
  const owner = await findMaterialFile(c.get("deps").db, fileId);
  if (!owner) return false;
  return owner.eventStatus === "published" || owner.eventStatus === "cancelled" || (await canManageSpace(c.get("deps").db, c.get("actor"), owner.spaceId));
}

archiveRoutes.get("/arkiv/filer/:id/:name?", async (c) => {
  const id = c.req.param("id");
  if (!isUuid(id)) throw notFound();
  const store = dbFileStore(c.get("deps").db);
  const file: StoredFile | null = await store.info(id);
  if (!file || !(await mayRead(c, id))) throw notFound();
  const etag = `"${file.sha256}"`;
  const headers: Record<string, string> = {
    "Content-Type": file.contentType === "text/vtt" ? "text/vtt; charset=utf-8" : file.contentType,
    "Accept-Ranges": "bytes",
    ETag: etag,
    "Cache-Control": "no-cache",
    "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
  };
  if (noneMatch(c.req.header("if-none-match"), etag)) return c.body(null, 304, { ETag: etag, "Cache-Control": "no-cache" });
  // If-Range: a range only of the same file; otherwise the whole (RFC 9110 §13.1.5).
  const ifRange = c.req.header("if-range");
  const range = ifRange && ifRange !== etag ? null : parseRange(c.req.header("range"), file.size);
  if (range === "unsatisfiable") return c.body(null, 416, { "Content-Range": `bytes */${file.size}` });
  const { start, end } = range ?? { start: 0, end: file.size - 1 };
  headers["Content-Length"] = String(end - start + 1);
  if (range) headers["Content-Range"] = `bytes ${start}-${end}/${file.size}`;
  return c.body(Readable.toWeb(Readable.from(store.read(file, start, end))) as unknown as ReadableStream, range ? 206 : 200, headers);
});
