/**
 * Name badges and the printable ticket (issue 12 §2 and §4): who gets a badge and with
 * which role, real text in a tagged PDF with embedded fonts, one badge at the desk, and
 * the ticket's page for those who want paper; refusals change nothing and answer 4xx.
 */
import { expect, it } from "vitest";
import { createExhibitor } from "../../src/events/program-service.js";
import { createApiToken } from "../../src/auth/repository.js";
import { grantEventRole } from "../../src/auth/roles.js";
import { createOrganisation } from "../../src/organisations/repository.js";
import { regContextOf } from "../../src/registration/context.js";
import { register } from "../../src/registration/register.js";
import { cancelRegistration, manageUrl } from "../../src/registration/service.js";
import { saveSettings } from "../../src/registration/settings.js";
import { ticketCode } from "../../src/checkin/tickets.js";
import { createTestApp, TestClient } from "../support/app.js";
import { describeEachDriver } from "../support/db.js";
import { makeEvent, makeOrganiser, makePerson, makeSession } from "../support/factories.js";
import { readPdf } from "../support/pdf.js";

describeEachDriver("name badges and printed tickets", (get) => {
  async function setup() {
    const t = createTestApp(get());
    const { db } = t.deps;
    const org = await makeOrganiser(db);
    const event = await makeEvent(db, { space: org.space, published: true, format: "hybrid", title: "Digitaliseringsdagen 2027" });
    const ctx = regContextOf(t.deps);
    await saveSettings(ctx, event, { placesOnsite: 100, placesRemote: 100 });
    const firm = await createOrganisation(db, { name: "Norrsken IT AB", kind: "company", orgNumber: null, countyCode: null });
    await createExhibitor(db, event, { name: "Norrsken IT", organisationId: firm.id, description: null, descriptionEn: null, booth: "B4", website: null });
    const enrol = async (name: string, attendance: "onsite" | "remote" = "onsite", organisationId: string | null = null, existing?: { id: string }) => {
      const p = existing ?? (await makePerson(db, { name }));
      return (await register(ctx, { event, personId: p.id, organisationId, attendance, answers: {}, sensitiveAnswers: {} })).registration;
    };
    const anna = await enrol("Anna Lind", "onsite", firm.id); // exhibitor
    const bo = await enrol("Bo Ek", "remote"); // remote: no badge
    const cia = await makePerson(db, { name: "Cia Holm" });
    const ciaReg = await enrol("Cia Holm", "onsite", null, cia); // speaker, registered
    const dan = await makePerson(db, { name: "Dan Berg" }); // speaker in the room, not registered
    const eva = await makePerson(db, { name: "Eva Strand" }); // joins on a link: no badge
    await makeSession(db, event, { title: "Öppna data", people: [{ personId: cia.id, role: "speaker", remote: false }, { personId: dan.id, role: "moderator", remote: false }, { personId: eva.id, role: "speaker", remote: true }] });
    const fia = await makePerson(db, { name: "Fia Nord" });
    await enrol("Fia Nord", "onsite", null, fia);
    await grantEventRole(db, event.id, fia.id, "checkin", org.person.id);
    await enrol(org.person.name, "onsite", null, org.person);
    const gun = await enrol("Gun Ås");
    await cancelRegistration(ctx, gun.id); // cancelled: no badge
    const organiser = new TestClient(t);
    await organiser.login(org.person.email!);
    return { t, db, org, event, ctx, anna, bo, ciaReg, fia, organiser };
  }

  it("prints everyone in the room with their role, as real text in a tagged PDF with embedded fonts", async () => {
    const { t, event, organiser, org } = await setup();
    const page = await (await organiser.get(`/arrangor/evenemang/${event.id}/namnbrickor`)).text();
    expect(page).toContain("4 brickor"); // confirmed on site: Anna, Cia, Fia, the organiser
    expect(page).toContain(`action="/arrangor/evenemang/${event.id}/namnbrickor.pdf"`);

    const res = await organiser.get(`/arrangor/evenemang/${event.id}/namnbrickor.pdf?layout=a4-10&qr=on`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("cache-control")).toContain("no-store");
    const pdf = await readPdf(await res.arrayBuffer());
    expect(pdf.pages).toHaveLength(1);
    const text = pdf.pages[0]!;
    for (const [name, role] of [["Anna Lind", "UTSTÄLLARE"], ["Cia Holm", "TALARE"], ["Dan Berg", "MODERATOR"], ["Fia Nord", "PERSONAL"], [org.person.name, "ARRANGÖR"]]) {
      expect(text).toMatch(new RegExp(`${name}.*?${role}`));
    }
    expect(text).toContain("Norrsken IT AB");
    for (const absent of ["Bo Ek", "Eva Strand", "Gun Ås"]) expect(text).not.toContain(absent);
    expect(text).toContain("Digitaliseringsdagen 2027");
    // Tagged: a structure with a heading per badge and the QR codes as figures with alt text (four tickets; Dan has none).
    expect(pdf.tagged).toBe(true);
    expect(pdf.structure.filter((s) => s.role === "H1")).toHaveLength(5);
    const figures = pdf.structure.filter((s) => s.role === "Figure");
    expect(figures.map((f) => f.alt).sort()).toEqual(["Anna Lind", "Cia Holm", "Fia Nord", org.person.name].sort().map((n) => `QR-kod för biljetten till ${n}`));
    expect(pdf.bytes.includes("/FontFile2")).toBe(true);
    expect(pdf.bytes.includes("/Helvetica")).toBe(false);

    // Without QR, one badge per page; in English the roles are English.
    const single = await readPdf(await (await organiser.get(`/arrangor/evenemang/${event.id}/namnbrickor.pdf?layout=single`)).arrayBuffer());
    expect(single.pages).toHaveLength(5);
    expect(single.structure.some((s) => s.role === "Figure")).toBe(false);
    const en = await readPdf(await (await organiser.get(`/arrangor/evenemang/${event.id}/namnbrickor.pdf?layout=a4-8&lang=en`)).arrayBuffer());
    expect(en.pages[0]).toContain("EXHIBITOR");
    void t;
  });

  it("gives check-in staff one badge at the desk, and refuses a bad format, a badge nobody has, and people without the role", async () => {
    const { t, db, event, anna, bo, fia, organiser } = await setup();
    const staff = new TestClient(t);
    await staff.login(fia.email!);
    const station = await (await staff.get(`/arrangor/evenemang/${event.id}/incheckning`)).text();
    expect(station).toContain("Incheckning");
    const listHref = /href="(\/arrangor\/evenemang\/[^"]+\/incheckning\/[^"]+)"/.exec(station)![1]!;
    const found = await (await staff.get(`${listHref}?q=anna`)).text();
    const badgeHref = `/arrangor/evenemang/${event.id}/namnbrickor.pdf?layout=single&amp;qr=on&amp;registration=${anna.id}`;
    expect(found).toContain(badgeHref);
    const one = await readPdf(await (await staff.get(badgeHref.replaceAll("&amp;", "&"))).arrayBuffer());
    expect(one.pages).toEqual([expect.stringContaining("Anna Lind")]);
    expect(one.pages[0]).not.toContain("Cia Holm");

    const badLayout = await organiser.get(`/arrangor/evenemang/${event.id}/namnbrickor.pdf?layout=a3`);
    expect(badLayout.status).toBe(422);
    expect(await badLayout.text()).toContain("Välj ett av formaten i listan.");
    expect((await organiser.get(`/arrangor/evenemang/${event.id}/namnbrickor.pdf?registration=inte-ett-id`)).status).toBe(422);
    expect((await organiser.get(`/arrangor/evenemang/${event.id}/namnbrickor.pdf?registration=${bo.id}`)).status).toBe(404); // remote: no badge

    const participant = new TestClient(t);
    await participant.login((await makePerson(db)).email!);
    for (const [who, client] of [["participant", participant], ["nobody", new TestClient(t)]] as const) {
      for (const path of [`/arrangor/evenemang/${event.id}/namnbrickor`, `/arrangor/evenemang/${event.id}/namnbrickor.pdf`]) {
        const res = await client.get(path);
        // Nobody is sent to log in; a participant is refused.
        if (who === "nobody") expect(res.headers.get("location") ?? "", path).toMatch(/^\/logga-in/);
        else expect(res.status, `${who} ${path}`).toBe(403);
      }
    }
    // The API gives the same PDF to a staff member's token, and says why it refuses.
    const { token } = await createApiToken(db, fia.id, "scanner");
    const api = await t.app.request(`/api/v1/events/${event.id}/badges?layout=single`, { headers: { authorization: `Bearer ${token}` } });
    expect(api.status).toBe(200);
    expect((await readPdf(await api.arrayBuffer())).pages).toHaveLength(5);
    const bad = await t.app.request(`/api/v1/events/${event.id}/badges?layout=a3`, { headers: { authorization: `Bearer ${token}` } });
    expect(bad.status).toBe(422);
  });

  it("prints a confirmed registration's ticket from its manage link, with the code as text, and none for a cancelled one", async () => {
    const { t, db, ctx, anna } = await setup();
    const path = new URL(manageUrl(ctx, anna)).pathname;
    const manage = await (await t.app.request(path)).text();
    expect(manage).toContain(`href="${path}/biljett.pdf"`);
    const res = await t.app.request(`${path}/biljett.pdf`);
    expect(res.status).toBe(200);
    const pdf = await readPdf(await res.arrayBuffer());
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.pages[0]).toContain("Digitaliseringsdagen 2027");
    expect(pdf.pages[0]).toContain("Anna Lind");
    expect(pdf.pages[0]).toContain("Norrsken IT AB");
    expect(pdf.pages[0]!.replace(/\s/g, "")).toContain(await ticketCode(db, anna));
    expect(pdf.structure.find((s) => s.role === "Figure")?.alt).toBe("QR-kod för biljetten till Digitaliseringsdagen 2027");
    // The same page through the API, with the manage token.
    const viaApi = await t.app.request(`/api/v1/registrations/${anna.id}/ticket?token=${path.split("/").pop()}`);
    expect(viaApi.headers.get("content-type")).toBe("application/pdf");
    expect((await readPdf(await viaApi.arrayBuffer())).pages[0]).toContain("Anna Lind");
    expect((await t.app.request(`/api/v1/registrations/${anna.id}/ticket`)).status).toBe(401);
    await cancelRegistration(ctx, anna.id);
    expect((await t.app.request(`${path}/biljett.pdf`)).status).toBe(404);
    expect((await t.app.request(`/api/v1/registrations/${anna.id}/ticket?token=${path.split("/").pop()}`)).status).toBe(404);
  });
});
