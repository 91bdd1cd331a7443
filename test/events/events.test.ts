import { expect, it } from "vitest";
import { copyEdition, createEvent, updateEvent } from "../../src/events/service.js";
import { findEventById, listPublicEvents, listSeriesEditions } from "../../src/events/repository.js";
import { listExhibitors, listSessions } from "../../src/events/program-repository.js";
import { createExhibitor, createSession, updateSession } from "../../src/events/program-service.js";
import { findProgramConflicts } from "../../src/events/program-rules.js";
import { AppError } from "../../src/http/errors.js";
import { inputTime, isoDate } from "../../src/i18n/format.js";
import { describeEachDriver } from "../support/db.js";
import { at, makeEvent, makePerson, makeSession, makeSpace } from "../support/factories.js";

describeEachDriver("events and program", (get) => {
  it("creates a draft with a slug and the space's region, publishes and cancels", async () => {
    const { db } = get();
    const space = await makeSpace(db, { regionCode: "24" });
    const e = await makeEvent(db, { space, title: "Digitala Västerbotten 2027" });
    expect(e.status).toBe("draft");
    expect(e.slug).toBe("digitala-vasterbotten-2027");
    expect(e.regionCode).toBe("24");
    const twin = await makeEvent(db, { space, title: "Digitala Västerbotten 2027" });
    expect(twin.slug).toBe("digitala-vasterbotten-2027-2");

    const now = new Date("2026-11-23T10:00:00Z");
    expect((await listPublicEvents(db, { now, when: "upcoming", limit: 50, offset: 0 })).map((x) => x.id)).not.toContain(e.id);
    await updateEvent(db, e, { status: "published" }, now);
    expect((await listPublicEvents(db, { now, when: "upcoming", regionCode: "24", limit: 50, offset: 0 })).map((x) => x.id)).toContain(e.id);
    const cancelled = await updateEvent(db, (await findEventById(db, e.id))!, { status: "cancelled" }, now);
    expect(cancelled.cancelledAt).not.toBeNull();
    const err = await updateEvent(db, cancelled, { title: "Nytt namn" }, now).catch((x) => x);
    expect(err).toBeInstanceOf(AppError);
    expect((await findEventById(db, e.id))!.titleSv).toBe("Digitala Västerbotten 2027");
  });

  it("refuses an end before the start and changes nothing", async () => {
    const { db } = get();
    const e = await makeEvent(db);
    const err = await updateEvent(db, e, { endsAt: at("2027-11-18", "08:00") }, new Date()).catch((x) => x);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).fields[0]).toMatchObject({ field: "endsAt", key: "validation.end_before_start" });
    expect((await findEventById(db, e.id))!.endsAt).toEqual(e.endsAt);
    const space = await makeSpace(db);
    await expect(
      createEvent(db, { spaceId: space.id, slug: null, title: "X", titleEn: null, description: null, descriptionEn: null, venue: null, address: null, format: "onsite", seriesId: null, regionCode: null, startsAt: at("2027-01-01", "10:00"), endsAt: at("2027-01-01", "10:00") }),
    ).rejects.toBeInstanceOf(AppError);
  });

  it("keeps sessions inside the event and checks that people exist", async () => {
    const { db } = get();
    const e = await makeEvent(db, { start: "09:00", end: "16:00" });
    await expect(makeSession(db, e, { start: "08:00", end: "09:30" })).rejects.toMatchObject({ status: 422 });
    await expect(makeSession(db, e, { start: "11:00", end: "10:00" })).rejects.toMatchObject({ status: 422 });
    await expect(
      makeSession(db, e, { people: [{ personId: "00000000-0000-4000-8000-000000000000", role: "speaker", remote: false }] }),
    ).rejects.toMatchObject({ status: 422 });
    expect(await listSessions(db, e.id)).toHaveLength(0);
  });

  it("finds room overlaps and double-booked people in a stored program", async () => {
    const { db } = get();
    const e = await makeEvent(db);
    const p = await makePerson(db, { name: "Karin Nyström" });
    await makeSession(db, e, { title: "A", room: "Sal A", start: "10:00", end: "11:00", people: [{ personId: p.id, role: "speaker", remote: false }] });
    await makeSession(db, e, { title: "B", room: "Sal A", start: "10:30", end: "11:30" });
    await makeSession(db, e, { title: "C", room: "Sal B", start: "10:45", end: "11:15", people: [{ personId: p.id, role: "panellist", remote: true }] });
    const sessions = await listSessions(db, e.id);
    const warnings = findProgramConflicts(sessions.map((s) => ({ ...s, title: s.titleSv })));
    expect(warnings.map((w) => w.kind).sort()).toEqual(["person_double_booked", "room_overlap"]);
    expect(sessions.find((s) => s.titleSv === "C")!.people[0]).toMatchObject({ name: "Karin Nyström", role: "panellist", remote: true });
  });

  it("copies last year's edition with program, people and exhibitors, dates shifted and clock times kept", async () => {
    const { db } = get();
    const space = await makeSpace(db);
    const source = await makeEvent(db, { space, title: "Digitaliseringsdagen 2026", date: "2026-03-19", start: "09:00", end: "16:00" });
    const speaker = await makePerson(db);
    await makeSession(db, source, { title: "Öppning", start: "09:00", end: "09:30", people: [{ personId: speaker.id, role: "speaker", remote: true }] });
    await createExhibitor(db, source, { name: "Innovationsslussen", description: null, descriptionEn: null, booth: "4", organisationId: null, website: null });

    // 19 March 2026 is winter time; 1 April 2027 is summer time: 9.00 must stay 9.00.
    const copy = await copyEdition(db, source, "2027-04-01");
    const full = (await findEventById(db, copy.id))!;
    expect(full.status).toBe("draft");
    expect(full.titleSv).toBe("Digitaliseringsdagen 2027");
    expect(isoDate(full.startsAt)).toBe("2027-04-01");
    expect(inputTime(full.startsAt)).toBe("09:00");
    expect(inputTime(full.endsAt)).toBe("16:00");
    expect(full.seriesId).not.toBeNull();
    expect((await findEventById(db, source.id))!.seriesId).toBe(full.seriesId);
    expect((await listSeriesEditions(db, full.seriesId!)).map((x) => x.id).sort()).toEqual([source.id, copy.id].sort());
    const sessions = await listSessions(db, copy.id);
    expect(sessions).toHaveLength(1);
    expect(isoDate(sessions[0]!.startsAt)).toBe("2027-04-01");
    expect(inputTime(sessions[0]!.startsAt)).toBe("09:00");
    expect(sessions[0]!.people[0]).toMatchObject({ personId: speaker.id, remote: true });
    expect((await listExhibitors(db, copy.id)).map((x) => x.name)).toEqual(["Innovationsslussen"]);
    // The source is untouched.
    expect(await listSessions(db, source.id)).toHaveLength(1);
  });

  it("replaces a session's people on update", async () => {
    const { db } = get();
    const e = await makeEvent(db);
    const [a, b] = [await makePerson(db), await makePerson(db)];
    const id = await makeSession(db, e, { people: [{ personId: a.id, role: "speaker", remote: false }] });
    await updateSession(db, e, id, { people: [{ personId: b.id, role: "moderator", remote: false }] }, new Date());
    expect((await listSessions(db, e.id))[0]!.people.map((p) => p.personId)).toEqual([b.id]);
    await expect(createSession(db, { ...e, status: "cancelled" }, { type: "break", title: "Paus", titleEn: null, description: null, descriptionEn: null, room: null, track: null, startsAt: e.startsAt, endsAt: e.endsAt })).rejects.toMatchObject({ status: 409 });
  });
});
