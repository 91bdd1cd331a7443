import { describe, expect, it } from "vitest";
import { findProgramConflicts, type SessionForRules } from "./program-rules.js";

const t = (h: number, m = 0) => new Date(Date.UTC(2027, 10, 18, h, m));
const s = (id: string, start: number, end: number, room: string | null, people: string[] = [], type: SessionForRules["type"] = "seminar"): SessionForRules => ({
  id,
  title: `Pass ${id}`,
  type,
  startsAt: t(start),
  endsAt: t(end),
  room,
  people: people.map((p) => ({ personId: p, name: `Person ${p}` })),
});

describe("program conflicts", () => {
  it("warns when two sessions overlap in the same room (case-insensitively)", () => {
    const w = findProgramConflicts([s("a", 9, 10, "Sal A"), s("b", 9, 11, "sal a ")]);
    expect(w).toEqual([{ kind: "room_overlap", room: "Sal A", sessionIds: ["a", "b"], titles: ["Pass a", "Pass b"] }]);
  });
  it("does not warn for back-to-back sessions, other rooms or sessions without a room", () => {
    expect(findProgramConflicts([s("a", 9, 10, "Sal A"), s("b", 10, 11, "Sal A"), s("c", 9, 10, "Sal B"), s("d", 9, 10, null), s("e", 9, 10, null)])).toEqual([]);
  });
  it("lets an exhibition run in the background of a room", () => {
    expect(findProgramConflicts([s("x", 9, 15, "Foajén", [], "exhibition"), s("f", 10, 11, "Foajén", [], "break")])).toEqual([]);
  });
  it("warns when a person is booked in two places at once", () => {
    const w = findProgramConflicts([s("a", 9, 10, "Sal A", ["p1", "p2"]), s("b", 9, 10, "Sal B", ["p2"]), s("c", 10, 11, "Sal B", ["p1"])]);
    expect(w).toEqual([{ kind: "person_double_booked", personId: "p2", person: "Person p2", sessionIds: ["a", "b"], titles: ["Pass a", "Pass b"] }]);
  });
  it("finds overlaps that are not adjacent in start order", () => {
    const w = findProgramConflicts([s("long", 9, 12, "Sal A"), s("mid", 10, 10.5, "Sal B"), s("late", 11, 12, "Sal A")]);
    expect(w.map((x) => x.sessionIds)).toEqual([["long", "late"]]);
  });
});
