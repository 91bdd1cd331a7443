/**
 * "Radera mina uppgifter" (src/registration/erasure.ts): a person erases their own data.
 */
import { expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { apiTokens, events, organisations, people, sessionPeople, spaceMembers } from "../../src/db/schema.js";
import { delegations, invitations, outbox, registrations } from "../../src/registration/schema.js";
import { createApiToken } from "../../src/auth/repository.js";
import { createInvitations } from "../../src/registration/invitations.js";
import { register } from "../../src/registration/register.js";
import { regContextOf } from "../../src/registration/context.js";
import { signLink } from "../../src/shared/signed-links.js";
import { addSpaceOrganiser } from "../../src/spaces/repository.js";
import { describeEachDriver } from "../support/db.js";
import { TestClient, api, createTestApp, type TestApp } from "../support/app.js";
import { at, makeEvent, makeOrganiser, makePerson, makeSession } from "../support/factories.js";
import { openRegistration } from "../support/registration.js";

describeEachDriver("erasing one's own data", (get) => {
  async function registered(t: TestApp, event: Parameters<typeof register>[1]["event"], personId: string, organisationId: string | null = null) {
    return register(regContextOf(t.deps), { event, personId, organisationId, attendance: "onsite", answers: { "q-1": "Vegetarisk" }, sensitiveAnswers: { "q-2": "Nötter" } });
  }

  it("gives the place to the next in line, anonymises the past, and deletes the account and all that hangs on it", async () => {
    const { db } = get();
    const t = createTestApp(get());
    const ctx = regContextOf(t.deps);
    const [org] = await db.insert(organisations).values({ id: crypto.randomUUID(), name: "Umeå kommun", kind: "municipality" }).returning();
    const me = await makePerson(db, { name: "Ida Raderas", email: "ida@example.se" });
    await db.update(people).set({ organisationId: org!.id }).where(eq(people.id, me.id));
    const next = await makePerson(db, { name: "Nils Näst", email: "nils@example.se" });

    // A full event to come, with someone waiting.
    const upcoming = await makeEvent(db, { published: true, title: "Framtidsdagen" });
    await openRegistration(ctx, upcoming, { placesOnsite: 1 });
    const mine = await registered(t, upcoming, me.id, org!.id);
    expect(mine.registration.status).toBe("confirmed");
    expect((await registered(t, upcoming, next.id)).registration.status).toBe("waitlisted");
    // An event that has been.
    const past = await makeEvent(db, { published: true, title: "Förra året" });
    await openRegistration(ctx, past, { placesOnsite: 10 });
    const old = await registered(t, past, me.id, org!.id);
    await db.update(events).set({ startsAt: at("2026-10-01", "09:00"), endsAt: at("2026-10-01", "16:00") }).where(eq(events.id, past.id));
    // A speaker, a delegation contact, invited, with an API token and mails already sent.
    await db.insert(sessionPeople).values({ sessionId: await makeSession(db, upcoming), personId: me.id, role: "speaker" });
    const colleague = await makePerson(db);
    const [delegation] = await db.insert(delegations).values({ id: crypto.randomUUID(), eventId: upcoming.id, contactPersonId: me.id }).returning();
    await db.update(registrations).set({ delegationId: delegation!.id }).where(eq(registrations.personId, next.id));
    await createInvitations(ctx, past, [{ email: "ida@example.se" }]);
    await db.update(outbox).set({ status: "sent", sentAt: ctx.now }).where(eq(outbox.toAddress, "ida@example.se"));
    const { token } = await createApiToken(db, me.id, "mitt skript");
    const oldManageLink = `/anmalan/${signLink(t.deps.linkKey, "registration", old.registration.id, old.registration.manageVersion)}`;
    expect((await new TestClient(t).get(oldManageLink)).status).toBe(200);

    const browser = new TestClient(t);
    await browser.login("ida@example.se");
    const page = await (await browser.get("/mina-anmalningar/radera")).text();
    expect(page).toContain("Radera mina uppgifter");
    expect(page).toContain("går inte att ångra");
    const done = await browser.post("/mina-anmalningar/radera", { confirm: "on" });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/");
    expect(await (await browser.get("/")).text()).toContain("Dina uppgifter är raderade.");

    // The person and everything that hung on them are gone.
    expect(await db.select().from(people).where(eq(people.id, me.id))).toEqual([]);
    expect(await db.select().from(apiTokens).where(eq(apiTokens.personId, me.id))).toEqual([]);
    expect(await db.select().from(sessionPeople).where(eq(sessionPeople.personId, me.id))).toEqual([]);
    expect(await db.select().from(invitations).where(eq(invitations.email, "ida@example.se"))).toEqual([]);
    expect(await db.select().from(delegations).where(eq(delegations.id, delegation!.id))).toEqual([]);
    expect((await api(t, token).get("/v1/me")).status).toBe(401);
    expect((await browser.get("/mina-anmalningar")).status).not.toBe(200);
    // The colleague's registration made by the delegation stays.
    expect((await db.select().from(registrations).where(eq(registrations.personId, next.id))).length).toBe(1);
    expect(colleague.id).toBeTruthy();

    // The place to come went to the next in line; the erased row is anonymous and cancelled.
    const [gone] = await db.select().from(registrations).where(eq(registrations.id, mine.registration.id));
    expect(gone).toMatchObject({ personId: null, status: "cancelled", answers: {}, sensitiveAnswers: {}, organisationId: org!.id });
    const [nils] = await db.select().from(registrations).where(eq(registrations.personId, next.id));
    expect(["offered", "confirmed"]).toContain(nils!.status);
    // The past registration stays for statistics, without the person, answers or link.
    const [kept] = await db.select().from(registrations).where(eq(registrations.id, old.registration.id));
    expect(kept).toMatchObject({ personId: null, status: "confirmed", answers: {}, sensitiveAnswers: {}, organisationId: org!.id });
    expect(kept!.anonymisedAt).not.toBeNull();
    expect((await new TestClient(t).get(oldManageLink)).status).toBe(404);

    // Mails already sent are deleted; the calendar cancellation waits to be sent.
    const left = await db.select().from(outbox).where(eq(outbox.toAddress, "ida@example.se"));
    expect(left.map((m) => [m.status, m.icsMethod])).toEqual([["pending", "CANCEL"]]);
  });

  it("changes nothing until the box is ticked, and says so in Swedish", async () => {
    const { db } = get();
    const t = createTestApp(get());
    const me = await makePerson(db, { email: "tveksam@example.se" });
    const browser = new TestClient(t);
    await browser.login("tveksam@example.se");
    const res = await browser.post("/mina-anmalningar/radera", {});
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Kryssa i rutan för att visa att du förstår att det inte går att ångra.");
    expect(html).toContain('aria-invalid="true"');
    expect(await db.select().from(people).where(eq(people.id, me.id))).toHaveLength(1);
    // Without a CSRF token nothing happens either.
    expect((await browser.post("/mina-anmalningar/radera", { confirm: "on" }, { csrf: false })).status).toBe(403);
    expect(await db.select().from(people).where(eq(people.id, me.id))).toHaveLength(1);
    // Nobody logged in is sent to log in.
    expect([302, 303, 401]).toContain((await new TestClient(t).post("/mina-anmalningar/radera", { confirm: "on" })).status);
  });

  it("is refused while it would leave a space without an organiser, and allowed once there is another", async () => {
    const { db } = get();
    const t = createTestApp(get());
    const { space, person } = await makeOrganiser(db);
    const browser = new TestClient(t);
    await browser.login(person.email!);
    const page = await (await browser.get("/mina-anmalningar/radera")).text();
    expect(page).toContain(`Du är den enda arrangören i ${space.name}.`);
    expect(page).not.toContain('action="/mina-anmalningar/radera"');
    const refused = await browser.post("/mina-anmalningar/radera", { confirm: "on" });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain(`Du är den enda arrangören i ${space.name}.`);
    expect(await db.select().from(people).where(eq(people.id, person.id))).toHaveLength(1);

    const colleague = await makePerson(db);
    await addSpaceOrganiser(db, space.id, colleague.id);
    expect((await browser.post("/mina-anmalningar/radera", { confirm: "on" })).status).toBe(303);
    expect((await db.select().from(spaceMembers).where(eq(spaceMembers.spaceId, space.id))).map((m) => m.personId)).toEqual([colleague.id]);
  });
});
