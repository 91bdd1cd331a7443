/**
 * The organiser's overview of a space: for each event its places taken and free on site
 * and remote, who is waiting, and what is left to do before the day (publish, open
 * registration, fill the program). Three grouped reads for all the space's events at once.
 */
import { count, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { placePools, programSessions, registrationSettings, sessionPeople } from "../db/schema.js";
import type { EventRow } from "../events/repository.js";
import { daysBetween, isoDate } from "../i18n/format.js";

export type ToDo = "publish" | "open_registration" | "registration_not_open_yet" | "add_program" | "sessions_without_people";

export interface EventFigures {
  onsite: { taken: number; capacity: number; waiting: number } | null;
  remote: { taken: number; capacity: number; waiting: number } | null;
  /** Calendar days from today to the first day (Stockholm); 0 on the day. */
  daysToGo: number;
  phase: "before" | "ongoing" | "over";
  sessions: number;
  toDo: { kind: ToDo; count?: number }[];
}

export async function eventFigures(db: Db, events: Pick<EventRow, "id" | "status" | "startsAt" | "endsAt">[], now: Date): Promise<Map<string, EventFigures>> {
  const ids = events.map((e) => e.id);
  const figures = new Map<string, EventFigures>();
  if (ids.length === 0) return figures;
  const [pools, settings, sessions] = await Promise.all([
    db.select().from(placePools).where(inArray(placePools.eventId, ids)),
    db.select({ eventId: registrationSettings.eventId, opensAt: registrationSettings.opensAt, closesAt: registrationSettings.closesAt }).from(registrationSettings).where(inArray(registrationSettings.eventId, ids)),
    db
      .select({
        eventId: programSessions.eventId,
        sessions: count(),
        withoutPeople: sql<number>`count(*) filter (where not exists (select 1 from ${sessionPeople} sp where sp.session_id = ${programSessions.id}) and ${programSessions.type} not in ('break', 'mingle', 'exhibition'))`.mapWith(Number),
      })
      .from(programSessions)
      .where(inArray(programSessions.eventId, ids))
      .groupBy(programSessions.eventId),
  ]);
  for (const e of events) {
    const pool = (a: "onsite" | "remote") => {
      const p = pools.find((x) => x.eventId === e.id && x.attendance === a && x.capacity > 0);
      return p ? { taken: p.taken, capacity: p.capacity, waiting: p.waiting } : null;
    };
    const s = settings.find((x) => x.eventId === e.id);
    const program = sessions.find((x) => x.eventId === e.id);
    const toDo: EventFigures["toDo"] = [];
    const over = e.endsAt <= now;
    if (!over && e.status !== "cancelled") {
      if (e.status === "draft") toDo.push({ kind: "publish" });
      if (!s || (!pool("onsite") && !pool("remote"))) toDo.push({ kind: "open_registration" });
      else if (s.opensAt && s.opensAt > now) toDo.push({ kind: "registration_not_open_yet" });
      if (!program || Number(program.sessions) === 0) toDo.push({ kind: "add_program" });
      else if (program.withoutPeople > 0) toDo.push({ kind: "sessions_without_people", count: program.withoutPeople });
    }
    figures.set(e.id, { onsite: pool("onsite"), remote: pool("remote"), phase: over ? "over" : e.startsAt <= now ? "ongoing" : "before", daysToGo: daysBetween(isoDate(now), isoDate(e.startsAt)), sessions: Number(program?.sessions ?? 0), toDo });
  }
  return figures;
}
