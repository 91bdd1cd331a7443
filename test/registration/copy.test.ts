/** Copying an edition to next year takes its registration setup along, moved by the same days; nobody's registration. */
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { placePools, registrationQuestions, registrationSettings, registrations } from "../../src/db/schema.js";
import { api, createTestApp, TestClient } from "../support/app.js";
import { describeEachDriver } from "../support/db.js";
import { makeOrganiser } from "../support/factories.js";

describeEachDriver("copying an edition", (get) => {
  it("copies places, questions with their conditions, modes and deadlines, moved by the same number of days, and no registrations", async () => {
    const { db } = get();
    const t = createTestApp(get());
    const { space, token, person } = await makeOrganiser(db);
    const client = api(t, token);
    const event = await (
      await client.post("/v1/events", {
        spaceId: space.id,
        title: "Digitala Västerbotten 2027",
        startsAt: "2027-02-10T09:00:00+01:00",
        endsAt: "2027-02-10T16:00:00+01:00",
        format: "hybrid",
        placesOnsite: 280,
        placesRemote: 120,
        registrationMode: "approval",
        waitlistMode: "offer",
        offerHours: 24,
        maxPerOrganisation: 12,
        registrationOpensAt: "2026-11-01T08:00:00+01:00",
        registrationClosesAt: "2027-02-01T00:00:00+01:00",
        cancelUntil: "2027-02-05T00:00:00+01:00",
        privacyController: "Region Västerbotten",
        privacyPurpose: "Att administrera konferensen.",
      })
    ).json();
    const lunch = await (await client.post(`/v1/events/${event.id}/questions`, { kind: "yes_no", label: "Äter du lunch?", labelEn: "Lunch?", required: true })).json();
    await client.post(`/v1/events/${event.id}/questions`, { kind: "single_choice", label: "Kost", sensitive: true, options: [{ value: "veg", sv: "Vegetarisk", en: "Vegetarian" }, { value: "vegan", sv: "Vegansk" }], showIfQuestionId: lunch.id, showIfValue: "yes" });
    await client.patch(`/v1/events/${event.id}`, { status: "published" });
    expect((await api(t).post(`/v1/events/${event.id}/registrations`, { name: "Anna", email: "anna@umea.se", answers: { [lunch.id]: "no" } })).status).toBe(201);

    const copy = await (await client.post(`/v1/events/${event.id}/copy`, { startDate: "2028-02-09" })).json();
    const days = 364;
    const moved = (iso: string) => new Date(new Date(iso).getTime() + days * 86_400_000).getTime();
    const [source] = await db.select().from(registrationSettings).where(eq(registrationSettings.eventId, event.id));
    expect(source!.controller).toBe("Region Västerbotten");
    const [s] = await db.select().from(registrationSettings).where(eq(registrationSettings.eventId, copy.id));
    expect(s).toMatchObject({ mode: "approval", waitlistMode: "offer", offerHours: 24, maxPerOrganisation: 12, controller: "Region Västerbotten", purpose: "Att administrera konferensen." });
    expect(s!.opensAt!.getTime()).toBe(moved("2026-11-01T08:00:00+01:00"));
    expect(s!.closesAt!.getTime()).toBe(moved("2027-02-01T00:00:00+01:00"));
    expect(s!.cancelUntil!.getTime()).toBe(moved("2027-02-05T00:00:00+01:00"));
    const pools = await db.select().from(placePools).where(eq(placePools.eventId, copy.id));
    expect(pools.map((p) => [p.attendance, p.capacity, p.taken, p.waiting]).sort()).toEqual([["onsite", 280, 0, 0], ["remote", 120, 0, 0]]);
    const questions = await db.select().from(registrationQuestions).where(eq(registrationQuestions.eventId, copy.id));
    const copiedLunch = questions.find((q) => q.labelSv === "Äter du lunch?")!;
    const copiedDiet = questions.find((q) => q.labelSv === "Kost")!;
    expect(copiedLunch).toMatchObject({ kind: "yes_no", labelEn: "Lunch?", required: true });
    expect(copiedLunch.id).not.toBe(lunch.id);
    expect(copiedDiet).toMatchObject({ sensitive: true, showIfQuestionId: copiedLunch.id, showIfValue: "yes", options: [{ value: "veg", sv: "Vegetarisk", en: "Vegetarian" }, { value: "vegan", sv: "Vegansk" }] });
    expect(await db.select().from(registrations).where(eq(registrations.eventId, copy.id))).toEqual([]);

    // The organiser's page does the same.
    const c = new TestClient(t);
    await c.login(person.email!);
    const res = await c.post(`/arrangor/evenemang/${event.id}/kopiera`, { startDate: "2029-02-07" });
    expect(res.status).toBe(303);
    const pageCopy = res.headers.get("location")!.split("/").pop()!;
    expect(await db.select().from(registrationQuestions).where(eq(registrationQuestions.eventId, pageCopy))).toHaveLength(2);
  });
});
