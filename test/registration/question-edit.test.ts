/**
 * Organisers change a question after it is made (wording, options, required, health
 * data) and reorder the questions, by plain forms and by the API; answers already given
 * keep their meaning.
 */
import { expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { registrations } from "../../src/db/schema.js";
import { regContextOf } from "../../src/registration/context.js";
import { register } from "../../src/registration/register.js";
import { listQuestions } from "../../src/registration/repository.js";
import { describeEachDriver } from "../support/db.js";
import { TestClient, api, createTestApp, type TestApp } from "../support/app.js";
import { makeEvent, makeOrganiser, makePerson } from "../support/factories.js";
import { openRegistration } from "../support/registration.js";

describeEachDriver("changing registration questions", (get) => {
  async function setUp() {
    const { db } = get();
    const t = createTestApp(get());
    const { space, person, token } = await makeOrganiser(db);
    const event = await makeEvent(db, { space, published: true });
    await openRegistration(regContextOf(t.deps), event, { placesOnsite: 10 });
    const organiser = new TestClient(t);
    await organiser.login(person.email!);
    const base = `/arrangor/evenemang/${event.id}/anmalan`;
    return { db, t, event, organiser, base, token };
  }

  async function addQuestion(organiser: TestClient, base: string, label: string, kind = "short_text", options = "") {
    expect((await organiser.post(`${base}/fragor`, { label, kind, options })).status).toBe(303);
  }

  const answerOf = async (t: TestApp, registrationId: string) => (await t.deps.db.select().from(registrations).where(eq(registrations.id, registrationId)))[0]!;

  it("rewords, adds and removes options by form; a chosen option stays, and its answers keep their meaning", async () => {
    const { db, t, event, organiser, base } = await setUp();
    await addQuestion(organiser, base, "Lunch", "single_choice", "Kött\nFisk\nVegetarisk");
    const [q] = await listQuestions(db, event.id);
    expect(q!.options.map((o) => [o.value, o.sv])).toEqual([["o1", "Kött"], ["o2", "Fisk"], ["o3", "Vegetarisk"]]);
    const guest = await makePerson(db);
    const { registration } = await register(regContextOf(t.deps), { event, personId: guest.id, organisationId: null, attendance: "onsite", answers: { [q!.id]: "o3" }, sensitiveAnswers: {} });

    const page = await (await organiser.get(`${base}/fragor/${q!.id}`)).text();
    expect(page).toContain('value="Fisk"');
    expect(page).toContain("Typ av svar: ");

    const saved = await organiser.post(`${base}/fragor/${q!.id}`, { label: "Lunch på plats", labelEn: "Lunch", "opt.o1": "Kött", "remove.o1": "on", "opt.o2": "Fisk eller skaldjur", "opt.o3": "Vegetarisk", newOptions: "Vegansk\n", required: "on" });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`${base}#q-${q!.id}`);
    const [after] = await listQuestions(db, event.id);
    expect(after).toMatchObject({ labelSv: "Lunch på plats", labelEn: "Lunch", required: true, kind: "single_choice" });
    expect(after!.options.map((o) => [o.value, o.sv])).toEqual([["o2", "Fisk eller skaldjur"], ["o3", "Vegetarisk"], ["o4", "Vegansk"]]);
    expect((await answerOf(t, registration.id)).answers).toEqual({ [q!.id]: "o3" });

    // The chosen option cannot go; an empty text is an error; nothing changes either time.
    const refused = await organiser.post(`${base}/fragor/${q!.id}`, { label: "Lunch på plats", "opt.o2": "Fisk", "opt.o3": "Vegetarisk", "remove.o3": "on", "opt.o4": "Vegansk" });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("Alternativet Vegetarisk kan inte tas bort");
    const empty = await organiser.post(`${base}/fragor/${q!.id}`, { label: "Lunch på plats", "opt.o2": " ", "opt.o3": "Vegetarisk", "opt.o4": "Vegansk" });
    expect(empty.status).toBe(422);
    const html = await empty.text();
    expect(html).toContain("Ett alternativ saknar text.");
    expect(html).toContain('href="#f-opt.o2"');
    expect((await listQuestions(db, event.id))[0]).toEqual(after);
  });

  it("moves answers already given when a question becomes health data, and back", async () => {
    const { db, t, event, organiser, base } = await setUp();
    await addQuestion(organiser, base, "Allergier");
    const [q] = await listQuestions(db, event.id);
    const guest = await makePerson(db);
    const { registration } = await register(regContextOf(t.deps), { event, personId: guest.id, organisationId: null, attendance: "onsite", answers: { [q!.id]: "Nötter" }, sensitiveAnswers: {} });

    expect((await organiser.post(`${base}/fragor/${q!.id}`, { label: "Allergier", sensitive: "on" })).status).toBe(303);
    expect(await answerOf(t, registration.id)).toMatchObject({ answers: {}, sensitiveAnswers: { [q!.id]: "Nötter" } });
    expect((await listQuestions(db, event.id))[0]!.sensitive).toBe(true);

    expect((await organiser.post(`${base}/fragor/${q!.id}`, { label: "Allergier" })).status).toBe(303);
    expect(await answerOf(t, registration.id)).toMatchObject({ answers: { [q!.id]: "Nötter" }, sensitiveAnswers: {} });
  });

  it("moves a question up and down, and nothing past either end", async () => {
    const { db, event, organiser, base } = await setUp();
    for (const label of ["A", "B", "C"]) await addQuestion(organiser, base, label);
    const order = async () => (await listQuestions(db, event.id)).map((q) => q.labelSv);
    const id = async (label: string) => (await listQuestions(db, event.id)).find((q) => q.labelSv === label)!.id;

    const moved = await organiser.post(`${base}/fragor/${await id("C")}/flytta-upp`, {});
    expect(moved.status).toBe(303);
    expect(moved.headers.get("location")).toBe(`${base}#q-${await id("C")}`);
    expect(await order()).toEqual(["A", "C", "B"]);
    await organiser.post(`${base}/fragor/${await id("A")}/flytta-upp`, {});
    expect(await order()).toEqual(["A", "C", "B"]);
    await organiser.post(`${base}/fragor/${await id("A")}/flytta-ned`, {});
    expect(await order()).toEqual(["C", "A", "B"]);
    await organiser.post(`${base}/fragor/${await id("B")}/flytta-ned`, {});
    expect(await order()).toEqual(["C", "A", "B"]);

    // The settings page offers each move only where it can happen.
    const page = await (await organiser.get(base)).text();
    expect(page).not.toContain(`fragor/${await id("C")}/flytta-upp`);
    expect(page).toContain(`fragor/${await id("C")}/flytta-ned`);
    expect(page).not.toContain(`fragor/${await id("B")}/flytta-ned`);
  });

  it("changes a question through the API, for the event's organisers only", async () => {
    const { db, t, event, organiser, base, token } = await setUp();
    await addQuestion(organiser, base, "Kost", "multiple_choice", "Laktos\nGluten");
    const [q] = await listQuestions(db, event.id);
    const guest = await makePerson(db);
    await register(regContextOf(t.deps), { event, personId: guest.id, organisationId: null, attendance: "onsite", answers: { [q!.id]: ["o1"] }, sensitiveAnswers: {} });
    const path = `/v1/events/${event.id}/questions/${q!.id}`;

    // Gluten (o2, chosen by nobody) goes; Laktos (o1, chosen) is reworded; two are new.
    const ok = await api(t, token).patch(path, { labelEn: "Diet", options: [{ value: "o1", sv: "Laktosfritt" }, { sv: "Nötfritt" }, { sv: "Glutenfritt" }], position: 5 });
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(body).toMatchObject({ label: "Kost", labelEn: "Diet", kind: "multiple_choice", position: 5 });
    expect(body.options.map((o: { value: string; sv: string }) => [o.value, o.sv])).toEqual([["o1", "Laktosfritt"], ["o3", "Nötfritt"], ["o4", "Glutenfritt"]]);
    const chosenGone = await api(t, token).patch(path, { options: [{ value: "o3", sv: "Nötfritt" }, { value: "o4", sv: "Glutenfritt" }] });
    expect(chosenGone.status).toBe(422);
    expect((await api(t, token).patch(path, { options: [{ value: "okänd", sv: "X" }, { sv: "Y" }] })).status).toBe(422);
    expect((await api(t, token).patch(path, { kind: "short_text" })).status).toBe(422);
    expect((await api(t, token).patch(path, { options: [{ value: "o1", sv: "Samma" }, { sv: "Samma" }] })).status).toBe(422);

    const other = await makeOrganiser(db);
    expect([403, 404]).toContain((await api(t, other.token).patch(path, { label: "Intrång" })).status);
    expect((await new TestClient(t).get(`${base}/fragor/${q!.id}`)).status).not.toBe(200);
    const stranger = new TestClient(t);
    await stranger.login(other.person.email!);
    expect([403, 404]).toContain((await stranger.get(`${base}/fragor/${q!.id}`)).status);
    expect([403, 404]).toContain((await stranger.post(`${base}/fragor/${q!.id}/flytta-ned`, {})).status);
    const [now] = await listQuestions(db, event.id);
    expect(now).toMatchObject({ labelSv: "Kost", labelEn: "Diet", position: 5 });
    expect(now!.options.map((o) => o.value)).toEqual(["o1", "o3", "o4"]);
  });
});
