/**
 * The policy's matrix for plans (issue 14): every route of a plan, taken from the app's
 * own routing table, against every role and nobody, as the event matrix does. A route the
 * table below does not classify fails the test. Denied: 401, 403, 404 or the way to the
 * login, and nothing in the plan's tables changes; allowed: every GET answers 2xx.
 */
import { expect, it } from "vitest";
import { searchOrganisations } from "../../src/organisations/repository.js";
import { submitIdea } from "../../src/plans/ideas.js";
import { addAction, addActionPlan, addFocusArea, addGoal, addMilestone, createPlan, grantReporter, milestonesOf, statusesOf } from "../../src/plans/repository.js";
import { createTestApp } from "../support/app.js";
import { describeEachDriver } from "../support/db.js";
import { makeAdmin, makeOrganiser, makePerson } from "../support/factories.js";
import { askMatrix, classifiedRoutes, clientsOf, fingerprint, requesterOf } from "../support/matrix.js";

type Need = "public" | "report" | "organiser";
const roles = ["nobody", "signedIn", "otherReporter", "reporter", "otherOrganiser", "organiser", "admin"] as const;
type Role = (typeof roles)[number];
const allowedFor: Record<Need, Role[]> = {
  public: [...roles],
  report: ["reporter", "organiser", "admin"],
  organiser: ["organiser", "admin"],
};

/** What each plan route needs; the first pattern that matches decides. */
const needs: [RegExp, Need][] = [
  [/^GET \/planer\/:slug(\/inbaddning|\/skarm|\/ideer|\/ideer\/ny|\/atgarder\/:id)?$/, "public"],
  [/^POST \/planer\/:slug\/(ideer\/ny|atgarder\/:id\/folj)$/, "public"],
  [/^POST \/planer\/:slug\/atgarder\/:id\/(rapport|delmal|delmal\/:mid\/klart)$/, "report"],
  [/^\w+ \/planer\/:slug\/(hantera|ideer|atgarder\/:id\/redigera)(\/.*)?$/, "organiser"],
  [/^GET \/api\/v1\/plans\/:slug(\/actions\/:id|\/ideas)?$/, "public"],
  [/^POST \/api\/v1\/plans\/:slug\/ideas$/, "public"],
  [/^POST \/api\/v1\/plans\/:slug\/actions\/:id\/reports$/, "report"],
  [/^\w+ \/api\/v1\/plans\/:slug\/(file|ideas\/:id\/decision)$/, "organiser"],
];

describeEachDriver("the policy's matrix of plan routes and roles", (get) => {
  it("refuses every role without the right on every plan route, changing nothing, and lets those with it see every page", async () => {
    const t = createTestApp(get(), { TRUST_PROXY: "true" });
    const { db } = t.deps;
    const org = await makeOrganiser(db);
    const plan = await createPlan(db, org.space.id, { slug: `matris-${org.space.slug}`, title: "Matrisplanen", vision: null, periodStart: 2026, periodEnd: 2027, published: true });
    const area = await addFocusArea(db, plan.id, { title: "Område", description: null, rule: "mean", manualProgress: null, weight: 1 });
    const goal = await addGoal(db, area, { title: "Mål", description: null, rule: "mean", manualProgress: null, weight: 1 });
    const year = await addActionPlan(db, plan, 2026);
    const [umea, skelleftea] = [(await searchOrganisations(db, "2480"))[0]!, (await searchOrganisations(db, "2482"))[0]!];
    const [status] = await statusesOf(db, org.space.id);
    const action = await addAction(db, year, { ref: "M1", title: "Åtgärd", description: null, contactName: null, contactEmail: null, statusId: status!.id, startsOn: null, endsOn: null, ownerIds: [umea.id], goals: [{ goalId: goal.id, weight: 1 }] }, t.deps.now());
    await addMilestone(db, action.id, { title: "Delmål", dueOn: "2026-06-30" });
    const [milestone] = await milestonesOf(db, action.id);
    const idea = await submitIdea(db, plan, { title: "Idé", body: null, name: null, email: null, wantsUpdates: false }, "sv", t.deps.now());
    const reporter = await makePerson(db, { name: "Rapportör Umeå" });
    await grantReporter(db, plan.id, reporter.id, umea.id);
    const otherReporter = await makePerson(db, { name: "Rapportör Skellefteå" });
    await grantReporter(db, plan.id, otherReporter.id, skelleftea.id);
    const other = await makeOrganiser(db);
    const admin = await makeAdmin(db);
    const people: Record<Exclude<Role, "nobody">, { id: string; email: string | null }> = { signedIn: await makePerson(db), otherReporter, reporter, otherOrganiser: other.person, organiser: org.person, admin: admin.person };
    const clients = await clientsOf<Role>(t, people);
    const fill = (path: string) =>
      path
        .replace(":slug", plan.slug)
        .replace(/\/ideer\/:id|\/ideas\/:id/, (m) => m.replace(":id", idea.id))
        .replace(":id", action.id)
        .replace(":fid", area.id)
        .replace(":gid", goal.id)
        .replace(":mid", milestone!.id)
        .replace(":sid", status!.id)
        .replace(":year", "2026")
        .replace(":file{[a-z0-9-]+\\.(csv|xlsx)}", `${plan.slug}.${path.startsWith("/api/") ? "csv" : "xlsx"}`)
        // "Make this idea an action" sends the organiser on to the year's form.
        .replace(/\/hantera\/ny-atgard$/, `/hantera/ny-atgard?year=2026&ide=${idea.id}`);

    const { routes, unclassified, needOf } = classifiedRoutes(t, /^\/(planer\/:slug|api\/v1\/plans\/:slug)/, needs);
    expect(routes.length).toBeGreaterThan(35);
    expect(unclassified, "routes the matrix does not know").toEqual([]);

    const request = requesterOf(t, clients, "10.9");
    const tables = ["plans", "plan_focus_areas", "plan_goals", "action_plans", "plan_actions", "plan_action_owners", "plan_action_goals", "plan_milestones", "plan_reports", "plan_reporters", "plan_ideas", "plan_followers", "plan_statuses"];
    const before = await fingerprint(db, tables);
    const { letThrough, refused } = await askMatrix({ routes, roles, allowed: (k) => allowedFor[needOf(k)], fill, request, onwardsOk: true });
    expect(letThrough, "answers that let a role through").toEqual([]);
    expect(await fingerprint(db, tables), "the denied requests changed nothing").toBe(before);
    expect(refused, "pages and data refused to those who may see them").toEqual([]);
  }, 120_000);
});
