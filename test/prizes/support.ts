/** A prize year set up through the admin's own forms, for the prize tests. */
import { sql } from "drizzle-orm";
import { expect } from "vitest";
import { rowsOf } from "../../src/db/rows.js";
import { searchOrganisations } from "../../src/organisations/repository.js";
import { addAction, addActionPlan, addFocusArea, addGoal, createPlan, statusesOf } from "../../src/plans/repository.js";
import type { TestDatabase } from "../support/db.js";
import { createTestApp, TestClient, type TestApp } from "../support/app.js";
import { makeOrganiser } from "../support/factories.js";

export async function prizeYear(database: TestDatabase, env: Record<string, string> = {}) {
  const t: TestApp = createTestApp(database, env);
  const { db } = t.deps;
  const org = await makeOrganiser(db);
  const admin = new TestClient(t);
  await admin.login(org.person.email!);
  const plan = await createPlan(db, org.space.id, { slug: `plan-${org.space.slug}`, title: "Digitaliseringsplan", vision: null, periodStart: 2026, periodEnd: 2027, published: true });
  const area = await addFocusArea(db, plan.id, { title: "Invånarnära tjänster", description: null, rule: "mean", manualProgress: null, weight: 1 });
  const goal = await addGoal(db, area, { title: "Fler e-tjänster", description: null, rule: "mean", manualProgress: null, weight: 1 });
  const [status] = await statusesOf(db, org.space.id);
  const action = await addAction(db, await addActionPlan(db, plan, 2026), { ref: "A5", title: "Upphandla en gemensam e-tjänsteplattform", description: null, contactName: null, contactEmail: null, statusId: status!.id, startsOn: null, endsOn: null, ownerIds: [], goals: [{ goalId: goal.id, weight: 1 }] }, t.deps.now());
  const slug = `guldmolnet-${org.space.slug}`;
  expect((await admin.post("/pris/ny", { spaceId: org.space.id, slug, name: "Guldmolnet", description: "Strategiska rådets pris." })).status).toBe(303);
  const add = await admin.post(`/pris/${slug}/hantera/ar`, { year: "2026", intro: "Nominera arbete som sätter planen i verket.", closesOn: "2026-12-15", announceOn: "2027-01-20", announceTime: "18:00", planId: plan.id, ranking: "mean" });
  expect(add.status).toBe(303);
  const base = `/pris/${slug}/2026`;
  expect((await admin.post(`${base}/hantera/kriterier`, { title: "Nytta för invånarna", weight: "3" })).status).toBe(303);
  expect((await admin.post(`${base}/hantera/kriterier`, { title: "Samverkan", weight: "2" })).status).toBe(303);
  expect((await admin.post(`${base}/hantera/behorighet`, { text: "Är arbetet genomfört i länet?" })).status).toBe(303);
  const [round] = await rowsOf<{ id: string }>(db, sql`select r.id from prize_rounds r join prizes p on p.id = r.prize_id where p.slug = ${slug}`);
  const criteria = await rowsOf<{ id: string; title: string }>(db, sql`select id, title from prize_criteria where round_id = ${round!.id} order by position`);
  const [question] = await rowsOf<{ id: string }>(db, sql`select id from prize_screen_questions where round_id = ${round!.id}`);
  const organisation = async (code: string) => (await searchOrganisations(db, code))[0]!;
  return { t, db, organiser: org, admin, slug, base, roundId: round!.id, criteria, questionId: question!.id, goal, action, plan, organisation };
}

export async function nominate(c: TestClient, base: string, n: { title: string; orgs: string[]; email: string; goals?: string[]; action?: string }) {
  const fields: Record<string, string> = { title: n.title, summary: `Om ${n.title}.`, links: "https://example.se/projekt", nominatorName: "Nora Nominerare", nominatorEmail: n.email };
  n.orgs.forEach((id, i) => (fields[`org${i + 1}`] = id));
  if (n.action) fields.action1 = n.action;
  const body = new URLSearchParams(fields);
  for (const g of n.goals ?? []) body.append("goals", g);
  body.set("_csrf", await c.csrf());
  return c.request(`${base}/nominera`, { method: "POST", body: body.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
}
