/**
 * What a participant is told: the free kind of place preselected, the confirmation saying
 * what actually happened and repeating what was registered, a calendar file, deadlines as
 * people say them, and counts in the right grammatical number (issue 11, points 6, 10, 15).
 */
import { expect, it } from "vitest";
import { describeEachDriver } from "../support/db.js";
import { TestClient, createTestApp } from "../support/app.js";
import { makeEvent } from "../support/factories.js";
import { regContextOf } from "../../src/registration/context.js";
import { saveSettings } from "../../src/registration/settings.js";
import { createQuestion } from "../../src/registration/question-admin.js";
import { stockholmToInstant } from "../../src/i18n/format.js";

describeEachDriver("the confirmation a participant gets", (get) => {
  it("preselects the kind of place that is free, says a waiting place is waiting while remote places are free, and repeats what was registered", async () => {
    const t = createTestApp(get());
    const { db } = t.deps;
    const event = await makeEvent(db, { published: true, title: "Digitala Västerbotten 2027", format: "hybrid" });
    await saveSettings(regContextOf(t.deps), event, { placesOnsite: 1, placesRemote: 50, cancelUntil: stockholmToInstant("2027-10-02", "00:00")! });
    const qid = await createQuestion(db, event.id, { kind: "multiple_choice", label: "Vilka pass vill du gå på?", labelEn: null, options: [{ value: "o1", sv: "Öppna data", en: null }, { value: "o2", sv: "AI i förvaltningen", en: null }], required: false, sensitive: false, showIfQuestionId: null, showIfValue: null, position: 1 });

    const first = new TestClient(t);
    const formBefore = await (await first.get(`/evenemang/${event.slug}/anmalan`)).text();
    expect(formBefore).toMatch(/value="onsite" checked/);
    expect(formBefore).toContain("På plats (1 plats kvar)");
    expect(formBefore).toContain("På distans (50 platser kvar)");
    const done = await first.post(`/evenemang/${event.slug}/anmalan`, { name: "Karin Nyström", email: "karin@umea.se", attendance: "onsite", [`q.${qid}`]: "o2" });
    expect(done.status).toBe(201);
    const page = await done.text();
    expect(page).toContain("Det här är din anmälan till Digitala Västerbotten 2027");
    expect(page).toMatch(/<dt>Deltar<\/dt><dd>På plats<\/dd>/);
    expect(page).toMatch(/<dt>Vilka pass vill du gå på\?<\/dt><dd>AI i förvaltningen<\/dd>/);
    const managePath = /href="(\/anmalan\/[^"/]+)"/.exec(page)![1]!;
    expect(page).toContain(`href="${managePath}/kalender.ics"`);

    // The calendar file is the same entry as the mailed invitation.
    const ics = await first.get(`${managePath}/kalender.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get("content-type")).toMatch(/^text\/calendar/);
    const body = await ics.text();
    expect(body).toContain("UID:registration-");
    expect(body).toContain("SUMMARY:Digitala Västerbotten 2027");

    // The manage page: the last day as people say it, and a button that says what it does.
    const manage = await (await first.get(managePath)).text();
    expect(manage).toContain("Du kan avboka till och med 1 oktober 2027.");
    expect(manage).toContain("Delta på distans i stället");
    // The ticket: a QR code of the signed code, and the code as text.
    expect(manage).toMatch(/<div class="ticket-qr" role="img" aria-label="QR-kod för biljetten till Digitala Västerbotten 2027"><svg/);
    expect(manage).toMatch(/<p class="ticket-code">SV1\.[A-Za-z0-9_-]{27}\.[A-Za-z0-9_-]{86}<\/p>/);

    // On site is full now: remote is preselected, and a person who still picks on site is told the truth.
    const second = new TestClient(t);
    const formAfter = await (await second.get(`/evenemang/${event.slug}/anmalan`)).text();
    expect(formAfter).toMatch(/value="remote" checked/);
    expect(formAfter).not.toMatch(/value="onsite" checked/);
    const waiting = await (await second.post(`/evenemang/${event.slug}/anmalan`, { name: "Per Ekholm", email: "per@skovde.se", attendance: "onsite" })).text();
    expect(waiting).toContain("Alla platser på plats är tagna. Du står som nummer 1 på väntelistan");
    expect(waiting).toContain("Det finns 50 lediga platser på distans.");
    expect(waiting).not.toContain("fullbokat");
    // No calendar file for a place one does not have.
    expect(waiting).not.toContain("kalender.ics");
  });
});
