/** The public archive: search, one event's recordings, and the files, streamed with Range and ETag. */
import { Hono } from "hono";
import { sql } from "drizzle-orm";
import { canManageSpace } from "../../auth/policy.js";
import { findEventBySlug } from "../../events/repository.js";
import type { AppContext, AppEnv } from "../../http/env.js";
import { notFound } from "../../http/errors.js";
import { allowFrameSources } from "../../http/middleware/security-headers.js";
import { isUuid } from "../../http/params.js";
import { emptyForm, uiOf } from "../../http/ui.js";
import { rowsOf } from "../../db/rows.js";
import { PLAYER_HOSTS } from "../recordings.js";
import { findMaterialFile, searchArchive } from "../repository.js";
import { sendStoredFile } from "../serve.js";
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
  return sendStoredFile(c, store, file);
});
