/**
 * Program rules as plain functions over plain data, testable without HTTP or database:
 * overlapping sessions in one room, and a person booked in two places at once.
 */
import type { SessionType } from "../db/schema.js";

export interface SessionForRules {
  id: string;
  title: string;
  type: SessionType;
  startsAt: Date;
  endsAt: Date;
  room: string | null;
  people: { personId: string; name: string }[];
}

export type ProgramWarning =
  | { kind: "room_overlap"; room: string; sessionIds: [string, string]; titles: [string, string] }
  | { kind: "person_double_booked"; personId: string; person: string; sessionIds: [string, string]; titles: [string, string] };

const overlaps = (a: SessionForRules, b: SessionForRules) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

/** An exhibition runs in the background of a room (the foyer) and clashes with nothing. */
const occupiesRoom = (s: SessionForRules) => s.room !== null && s.room.trim() !== "" && s.type !== "exhibition";

export function findProgramConflicts(sessions: SessionForRules[]): ProgramWarning[] {
  const sorted = [...sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const warnings: ProgramWarning[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j]!;
      if (b.startsAt >= a.endsAt) break; // sorted by start: nothing later overlaps a
      if (!overlaps(a, b)) continue;
      if (occupiesRoom(a) && occupiesRoom(b) && a.room!.trim().toLowerCase() === b.room!.trim().toLowerCase()) {
        warnings.push({ kind: "room_overlap", room: a.room!, sessionIds: [a.id, b.id], titles: [a.title, b.title] });
      }
      for (const p of a.people) {
        if (b.people.some((q) => q.personId === p.personId)) {
          warnings.push({
            kind: "person_double_booked",
            personId: p.personId,
            person: p.name,
            sessionIds: [a.id, b.id],
            titles: [a.title, b.title],
          });
        }
      }
    }
  }
  return warnings;
}

/** The end must come after the start. */
export function isTimeOrderValid(startsAt: Date, endsAt: Date): boolean {
  return endsAt.getTime() > startsAt.getTime();
}

/** A session must lie within its event (a 1-minute grace for rounding is not needed: times are minutes). */
export function isWithinEvent(session: { startsAt: Date; endsAt: Date }, event: { startsAt: Date; endsAt: Date }): boolean {
  return session.startsAt >= event.startsAt && session.endsAt <= event.endsAt;
}
