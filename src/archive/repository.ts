/** The archive's rows: recordings, captions and materials per session, an event's archive, the search across years and regions. */
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { notFound } from "../http/errors.js";
import { rowsOf } from "../db/rows.js";
import type { RecordingPlace } from "./recordings.js";
import { sessionMaterials, sessionRecordings, type CaptionStatus } from "./schema.js";

export type Recording = typeof sessionRecordings.$inferSelect;

/** The recording's address and whether the platform itself shows captions (else: captioned if a WebVTT file is here). */
export async function setRecording(db: Db, sessionId: string, url: string, place: RecordingPlace, platformCaptions: boolean, now: Date): Promise<void> {
  const captions = platformCaptions ? sql`'platform'` : sql`case when ${sessionRecordings.captionsFileId} is not null then 'file' else 'none' end`;
  await db
    .insert(sessionRecordings)
    .values({ sessionId, url, provider: place.provider, embedUrl: place.embedUrl, captions: platformCaptions ? "platform" : "none", updatedAt: now })
    .onConflictDoUpdate({ target: sessionRecordings.sessionId, set: { url, provider: place.provider, embedUrl: place.embedUrl, updatedAt: now, captions } });
}

export async function removeRecording(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessionRecordings).where(eq(sessionRecordings.sessionId, sessionId));
}

/** A validated WebVTT file becomes the recording's captions (the old file, if any, is the caller's to delete). */
export async function setCaptionsFile(db: Db, sessionId: string, fileId: string, now: Date): Promise<string | null> {
  const [before] = await db.select({ old: sessionRecordings.captionsFileId }).from(sessionRecordings).where(eq(sessionRecordings.sessionId, sessionId));
  if (!before) throw notFound();
  await db.update(sessionRecordings).set({ captions: "file", captionsFileId: fileId, updatedAt: now }).where(eq(sessionRecordings.sessionId, sessionId));
  return before.old;
}

export async function addMaterial(db: Db, sessionId: string, fileId: string, title: string, now: Date): Promise<void> {
  await db.insert(sessionMaterials).values({ id: randomUUID(), sessionId, fileId, title, createdAt: now });
}

/** Removes a material of one of the event's sessions; its file id, to delete from the store. */
export async function removeMaterial(db: Db, eventId: string, materialId: string): Promise<string> {
  const rows = await rowsOf<{ file_id: string }>(db, sql`delete from session_materials m using program_sessions s where m.id = ${materialId} and s.id = m.session_id and s.event_id = ${eventId} returning m.file_id`);
  if (!rows[0]) throw notFound();
  return rows[0].file_id;
}

export interface ArchiveSession {
  id: string;
  eventId: string;
  eventSlug: string;
  eventTitle: string;
  eventTitleEn: string | null;
  startsAt: Date;
  title: string;
  titleEn: string | null;
  track: string | null;
  speakers: string[];
  organisations: string[];
  recording: Recording | null;
  materials: { id: string; title: string; fileId: string; filename: string; size: number; contentType: string }[];
}

interface SessionRow {
  id: string;
  event_id: string;
  event_slug: string;
  event_title: string;
  event_title_en: string | null;
  starts_at: string | Date;
  title: string;
  title_en: string | null;
  track: string | null;
  speakers: string[] | null;
  organisations: string[] | null;
  url: string | null;
  provider: string | null;
  embed_url: string | null;
  captions: CaptionStatus | null;
  captions_file_id: string | null;
  updated_at: string | Date | null;
}

async function withMaterials(db: Db, rows: SessionRow[]): Promise<ArchiveSession[]> {
  const ids = rows.map((r) => r.id);
  const materials = ids.length
    ? await rowsOf<{ id: string; session_id: string; title: string; file_id: string; filename: string; size: number; content_type: string }>(
        db,
        sql`select m.id, m.session_id, m.title, m.file_id, f.filename, f.size, f.content_type from session_materials m join stored_files f on f.id = m.file_id
            where m.session_id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)}) and f.complete order by m.created_at`,
      )
    : [];
  return rows.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    eventSlug: r.event_slug,
    eventTitle: r.event_title,
    eventTitleEn: r.event_title_en,
    startsAt: new Date(r.starts_at),
    title: r.title,
    titleEn: r.title_en,
    track: r.track,
    speakers: r.speakers ?? [],
    organisations: r.organisations ?? [],
    recording: r.url ? { sessionId: r.id, url: r.url, provider: r.provider!, embedUrl: r.embed_url, captions: r.captions!, captionsFileId: r.captions_file_id, updatedAt: new Date(r.updated_at!) } : null,
    materials: materials.filter((m) => m.session_id === r.id).map((m) => ({ id: m.id, title: m.title, fileId: m.file_id, filename: m.filename, size: Number(m.size), contentType: m.content_type })),
  }));
}

const SELECT_SESSIONS = sql`
  select s.id, s.event_id, e.slug as event_slug, e.title_sv as event_title, e.title_en as event_title_en, s.starts_at, s.title_sv as title, s.title_en, s.track,
         (select array_agg(p.name order by p.name) from session_people sp join people p on p.id = sp.person_id where sp.session_id = s.id) as speakers,
         (select array_agg(distinct o.name) from session_people sp join people p on p.id = sp.person_id join organisations o on o.id = p.organisation_id where sp.session_id = s.id) as organisations,
         r.url, r.provider, r.embed_url, r.captions, r.captions_file_id, r.updated_at
  from program_sessions s join events e on e.id = s.event_id left join session_recordings r on r.session_id = s.id`;

/** Every session of the event, with what the archive holds for it (the organiser's view). */
export async function eventArchive(db: Db, eventId: string): Promise<ArchiveSession[]> {
  return withMaterials(db, await rowsOf<SessionRow>(db, sql`${SELECT_SESSIONS} where s.event_id = ${eventId} order by s.starts_at, s.title_sv`));
}

export interface ArchiveQuery {
  q?: string;
  year?: number;
  region?: string;
  eventId?: string;
  limit: number;
}

/**
 * Sessions of published events that have a recording or materials, newest first: the text
 * is looked for in the session's and event's titles, its theme (track), its speakers' names
 * and their organisations.
 */
export async function searchArchive(db: Db, q: ArchiveQuery): Promise<ArchiveSession[]> {
  const text = q.q?.trim() ? `%${q.q.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
  const rows = await rowsOf<SessionRow>(
    db,
    sql`${SELECT_SESSIONS}
        where e.status in ('published', 'cancelled')
          and (r.session_id is not null or exists (select 1 from session_materials m join stored_files f on f.id = m.file_id where m.session_id = s.id and f.complete))
          ${q.eventId ? sql`and e.id = ${q.eventId}` : sql``}
          ${q.year ? sql`and extract(year from e.starts_at at time zone 'Europe/Stockholm') = ${q.year}` : sql``}
          ${q.region ? sql`and e.region_code = ${q.region}` : sql``}
          ${
            text
              ? sql`and (s.title_sv ilike ${text} or coalesce(s.title_en, '') ilike ${text} or coalesce(s.track, '') ilike ${text} or e.title_sv ilike ${text}
                     or exists (select 1 from session_people sp join people p on p.id = sp.person_id left join organisations o on o.id = p.organisation_id
                                where sp.session_id = s.id and (p.name ilike ${text} or coalesce(o.name, '') ilike ${text})))`
              : sql``
          }
        order by e.starts_at desc, s.starts_at, s.title_sv
        limit ${q.limit}`,
  );
  return withMaterials(db, rows);
}

/** How many recordings of published events have captions, and those that lack them (the accessibility statement says so). */
export async function captionsReport(db: Db): Promise<{ total: number; lacking: { title: string; eventTitle: string; eventSlug: string }[] }> {
  const rows = await rowsOf<{ title: string; event_title: string; event_slug: string; captions: CaptionStatus }>(
    db,
    sql`select s.title_sv as title, e.title_sv as event_title, e.slug as event_slug, r.captions from session_recordings r
        join program_sessions s on s.id = r.session_id join events e on e.id = s.event_id
        where e.status in ('published', 'cancelled') order by e.starts_at desc, s.starts_at`,
  );
  return { total: rows.length, lacking: rows.filter((r) => r.captions === "none").map((r) => ({ title: r.title, eventTitle: r.event_title, eventSlug: r.event_slug })) };
}

export async function findMaterialFile(db: Db, fileId: string): Promise<{ eventStatus: string; spaceId: string; eventId: string } | null> {
  const rows = await rowsOf<{ status: string; space_id: string; event_id: string }>(
    db,
    sql`select e.status, e.space_id, e.id as event_id from program_sessions s join events e on e.id = s.event_id
        where s.id in (select session_id from session_materials where file_id = ${fileId} union select session_id from session_recordings where captions_file_id = ${fileId})
        limit 1`,
  );
  return rows[0] ? { eventStatus: rows[0].status, spaceId: rows[0].space_id, eventId: rows[0].event_id } : null;
}

export const recordingOf = async (db: Db, sessionId: string) => (await db.select().from(sessionRecordings).where(eq(sessionRecordings.sessionId, sessionId)))[0] ?? null;
export const sessionOfEvent = async (db: Db, eventId: string, sessionId: string) =>
  (await rowsOf<{ id: string }>(db, sql`select id from program_sessions where id = ${sessionId} and event_id = ${eventId}`))[0] ?? null;
