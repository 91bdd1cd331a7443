/**
 * A fingerprint of everything a public event page is made from, computed by the database
 * in one small query: an MD5 of the text of every row the page shows (the event, its
 * space and series, sessions and the people in them, exhibitors, editions, registration
 * settings, and whether registration is open at `now`). Same fingerprint, same page; any
 * change to those rows is a new fingerprint. Used as the key of the page cache, so a
 * visitor's page is served without reading and rendering it all again.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { eventSeries, events, exhibitors, organisations, people, programSessions, sessionPeople, spaces } from "../db/schema.js";
import { registrationSettings } from "../registration/schema.js";

export type PagePart = "program" | "exhibitors" | "editions" | "registration";

export async function pageFingerprint(db: Db, eventId: string, parts: PagePart[], now: Date): Promise<string | null> {
  const at = now.toISOString();
  const pieces: SQL[] = [
    sql`(select e::text from ${events} e where e.id = ${eventId})`,
    sql`(select sp::text from ${spaces} sp join ${events} e on e.space_id = sp.id where e.id = ${eventId})`,
    sql`(select es::text from ${eventSeries} es join ${events} e on e.series_id = es.id where e.id = ${eventId})`,
  ];
  if (parts.includes("program")) {
    pieces.push(
      sql`(select string_agg(s::text, ',' order by s.id) from ${programSessions} s where s.event_id = ${eventId})`,
      sql`(select string_agg(concat_ws(';', l::text, p.name, p.title, p.bio, o.name), ',' order by l.session_id, l.person_id, l.role)
           from ${sessionPeople} l join ${programSessions} s on s.id = l.session_id join ${people} p on p.id = l.person_id
           left join ${organisations} o on o.id = p.organisation_id where s.event_id = ${eventId})`,
    );
  }
  if (parts.includes("exhibitors")) pieces.push(sql`(select string_agg(x::text, ',' order by x.id) from ${exhibitors} x where x.event_id = ${eventId})`);
  if (parts.includes("editions")) {
    pieces.push(sql`(select string_agg(ed::text, ',' order by ed.id) from ${events} ed join ${events} e on e.series_id = ed.series_id where e.id = ${eventId})`);
  }
  if (parts.includes("registration")) {
    pieces.push(sql`(select concat_ws(';', rs::text, ${at}::timestamptz < rs.opens_at, ${at}::timestamptz >= rs.closes_at, ${at}::timestamptz >= e.ends_at)
      from ${registrationSettings} rs join ${events} e on e.id = rs.event_id where rs.event_id = ${eventId})`);
  }
  const result = (await db.execute(sql`select md5(concat_ws('|', ${sql.join(
      pieces.map((piece) => sql`coalesce(${piece}, '-')`),
      sql`, `,
    )})) as fp`)) as unknown as { rows: { fp: string | null }[] };
  return result.rows[0]?.fp ?? null;
}
