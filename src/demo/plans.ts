/**
 * Demo plan in the seeds' shape (004): the strategy council's three-year business plan for
 * digitalisation in cooperation in Västerbotten, structured after SKR's "Utveckling i en
 * digital tid", with last year's action plan (unfinished actions carried over) and this
 * year's, reports from the owner municipalities, milestones, and a reporter of Skellefteå.
 * Every person is fictional.
 */
import type { Db } from "../db/client.js";
import { findPersonByEmail, createPerson } from "../people/repository.js";
import { addAction, addActionPlan, addFocusArea, addGoal, addMilestone, carryOver, createPlan, grantReporter, reportProgress, statusesOf, type Action } from "../plans/repository.js";
import type { RollupRule } from "../plans/rollup.js";
import { planActionLinks } from "../plans/schema.js";
import { declineIdea, ideasOfPlan, linkIdea, submitIdea, takeInWallIdeas } from "../plans/ideas.js";

export const DEMO_REPORTER_EMAIL = "rapportor@example.se";

interface Org {
  id: string;
}

export async function seedPlans(db: Db, o: { spaceId: string; umea: Org; skelleftea: Org; lycksele: Org; vindeln: Org; region: Org; organiserName: string; publicUrl: string; linkKey: Buffer; lastConferenceId?: string }): Promise<void> {
  const plan = await createPlan(db, o.spaceId, {
    slug: "digitalisering-i-samverkan-vasterbotten",
    title: "Verksamhetsplan för digitalisering i samverkan 2025–2027",
    vision: "Vi ska ta tillvara digitaliseringens möjligheter tillsammans, så att invånare och företag i hela länet får enkla, säkra och likvärdiga tjänster – i linje med SKR:s Handslaget för välfärdens digitalisering.",
    periodStart: 2025,
    periodEnd: 2027,
    published: true,
  });
  const s = Object.fromEntries((await statusesOf(db, o.spaceId)).map((x) => [x.key, x]));
  const node = (title: string, rule: RollupRule, weight = 1, description: string | null = null) => ({ title, description, rule, manualProgress: null, weight });
  const ledning = await addFocusArea(db, plan.id, node("Ledning och styrning", "mean", 1, "Gemensamma beslut om vad vi gör tillsammans, och uppföljning som alla kan läsa."));
  const infra = await addFocusArea(db, plan.id, node("Digital infrastruktur", "weighted", 2));
  const sakerhet = await addFocusArea(db, plan.id, node("Informationssäkerhet", "mean"));
  const kompetens = await addFocusArea(db, plan.id, node("Kompetens och digital delaktighet", "done"));
  const g = {
    styrmodell: await addGoal(db, ledning, node("En gemensam styrmodell för digitalisering i länet", "mean")),
    portfolj: await addGoal(db, ledning, node("En gemensam projektportfölj som följs upp varje kvartal", "mean")),
    bredband: await addGoal(db, infra, node("Bredband med minst 1 Gbit/s till 98 % av hushållen", "weighted", 3)),
    etjanster: await addGoal(db, infra, node("Gemensamma e-tjänster och en gemensam e-tjänsteplattform", "weighted", 2)),
    lis: await addGoal(db, sakerhet, node("Ett ledningssystem för informationssäkerhet i varje kommun", "mean")),
    kompetens: await addGoal(db, kompetens, node("Digital kompetens hos chefer och medarbetare", "done")),
  };
  const y2025 = await addActionPlan(db, plan, 2025);
  const created = new Date("2025-01-15T09:00:00Z");
  const base: { description: string | null; contactName: string | null; contactEmail: string | null; startsOn: string | null; endsOn: string | null; statusId: string } = { description: null, contactName: null, contactEmail: null, startsOn: "2025-01-01", endsOn: "2025-12-31", statusId: s.planerad!.id };
  const add = (ref: string, title: string, owners: Org[], goals: { goalId: string; weight: number }[], extra: Partial<typeof base> = {}) => addAction(db, y2025, { ...base, ...extra, ref, title, ownerIds: owners.map((x) => x.id), goals, eventIds: [] }, created);
  const a: Record<string, Action> = {
    A1: await add("A1", "Ta fram en gemensam styrmodell och få den beslutad i strategirådet", [o.umea, o.skelleftea], [{ goalId: g.styrmodell.id, weight: 1 }], { contactName: "Helena Öberg", contactEmail: "helena.oberg@example.se", description: "Styrmodellen beskriver hur gemensamma initiativ väcks, prioriteras, finansieras och följs upp." }),
    A2: await add("A2", "Samla länets projekt i en gemensam portfölj", [o.region], [{ goalId: g.portfolj.id, weight: 1 }, { goalId: g.styrmodell.id, weight: 1 }]),
    A3: await add("A3", "Kartlägga vita fläckar för bredband i glesbygden", [o.region, o.lycksele], [{ goalId: g.bredband.id, weight: 1 }]),
    A4: await add("A4", "Söka stöd för utbyggnad av fiber i inlandet", [o.lycksele, o.vindeln], [{ goalId: g.bredband.id, weight: 3 }], { endsOn: "2026-06-30" }),
    A5: await add("A5", "Upphandla en gemensam e-tjänsteplattform", [o.skelleftea, o.umea], [{ goalId: g.etjanster.id, weight: 2 }]),
    A6: await add("A6", "Gemensam e-tjänst för bygglov", [o.skelleftea], [{ goalId: g.etjanster.id, weight: 1 }], { description: "Från idéväggen på Digitala Västerbotten 2025: bygg den en gång och dela den." }),
    A7: await add("A7", "Införa ett ledningssystem för informationssäkerhet i de minsta kommunerna", [o.vindeln, o.lycksele], [{ goalId: g.lis.id, weight: 1 }]),
    A8: await add("A8", "Länsgemensamt nätverk för informationssäkerhet med fasta träffar", [o.region], [{ goalId: g.lis.id, weight: 1 }]),
    A9: await add("A9", "Utbildning i digitalt ledarskap för kommunernas chefer", [o.umea], [{ goalId: g.kompetens.id, weight: 1 }]),
    A10: await add("A10", "Digital delaktighet: fixarträffar på biblioteken", [o.vindeln], [{ goalId: g.kompetens.id, weight: 1 }]),
  };
  // The styrmodell was asked for at last year's conference, where its progress is shown again.
  if (o.lastConferenceId) await db.insert(planActionLinks).values({ actionId: a.A1!.id, eventId: o.lastConferenceId });
  const reporter = (await findPersonByEmail(db, DEMO_REPORTER_EMAIL)) ?? (await createPerson(db, { name: "Tove Rapp", email: DEMO_REPORTER_EMAIL, title: "Digitaliseringsstrateg", organisationId: o.skelleftea.id }));
  await grantReporter(db, plan.id, reporter.id, o.skelleftea.id);
  const who = { council: { personId: null, reporterName: o.organiserName }, tove: { personId: reporter.id, reporterName: reporter.name } };
  const report = (action: Action, by: { personId: string | null; reporterName: string }, status: string, progress: number, comment: string, when: string) =>
    reportProgress(db, action.id, { ...by, statusId: s[status]!.id, progress, comment }, new Date(when));
  await report(a.A1!, who.council, "pagar", 40, "Utkast till styrmodell är skickat på remiss till kommuncheferna.", "2025-04-10T08:00:00Z");
  await report(a.A1!, who.council, "klar", 100, "Styrmodellen beslutades i strategirådet den 12 september.", "2025-09-15T08:00:00Z");
  await report(a.A2!, who.council, "pagar", 30, "32 projekt är inlagda; uppföljning varje kvartal börjar i höst.", "2025-06-01T08:00:00Z");
  await report(a.A3!, who.council, "klar", 100, "Kartläggningen är klar och finns som karta på regionens webbplats.", "2025-05-20T08:00:00Z");
  await report(a.A4!, who.council, "pagar", 20, "Ansökan till PTS är inskickad för tre byar.", "2025-10-01T08:00:00Z");
  await report(a.A5!, who.tove, "pagar", 50, "Förfrågningsunderlaget är klart; upphandlingen annonseras i november.", "2025-10-20T08:00:00Z");
  await report(a.A6!, who.tove, "planerad", 0, "Vi väntar in plattformen (A5) innan vi bygger.", "2025-11-25T08:00:00Z");
  await report(a.A7!, who.council, "pausad", 15, "Pausad i väntan på en gemensam samordnare.", "2025-08-15T08:00:00Z");
  await report(a.A8!, who.council, "klar", 100, "Nätverket har träffats fyra gånger under året.", "2025-12-01T08:00:00Z");
  await report(a.A9!, who.council, "klar", 100, "42 chefer har gått utbildningen.", "2025-11-10T08:00:00Z");
  await report(a.A10!, who.council, "avbruten", 0, "Ersätts av Digidels nationella satsning.", "2025-06-15T08:00:00Z");
  await addMilestone(db, a.A5!.id, { title: "Upphandlingen annonserad", dueOn: "2025-11-30" });
  await addMilestone(db, a.A5!.id, { title: "Avtal tecknat", dueOn: "2026-03-31" });

  // The new year: what was not finished continues, with its history, and new actions join.
  await carryOver(db, plan, 2025);
  const y2026 = await addActionPlan(db, plan, 2026);
  await addAction(db, y2026, { ...base, startsOn: "2026-01-01", endsOn: "2026-12-31", ref: "A11", title: "Dela en informationssäkerhetssamordnare mellan de minsta kommunerna", ownerIds: [o.vindeln.id, o.lycksele.id], goals: [{ goalId: g.lis.id, weight: 1 }], description: "Idé från idéväggen: ingen liten kommun har råd med en egen på heltid." }, new Date("2026-01-20T09:00:00Z"));
  const carried = async (ref: string) => (await db.query.planActions.findMany({ where: (t, { and, eq }) => and(eq(t.actionPlanId, y2026.id), eq(t.ref, ref)) }))[0]!;
  await report(await carried("A5"), who.tove, "pagar", 80, "Avtal tecknat med leverantören; införandet pågår i fyra kommuner.", "2026-04-02T08:00:00Z");
  await report(await carried("A4"), who.council, "pagar", 60, "Stöd beviljat för två av tre byar; grävningen har börjat.", "2026-08-20T08:00:00Z");
  await report(await carried("A2"), who.council, "pagar", 70, "Portföljen följs upp varje kvartal i strategirådet.", "2026-09-10T08:00:00Z");
  await report(await carried("A6"), who.tove, "pagar", 35, "Första versionen testas i Skellefteå och Vindeln.", "2026-10-05T08:00:00Z");

  // The idea wall's ideas on the review list: two joined actions, one declined with its reason, one sent in through the form waits.
  const when = new Date("2026-11-01T09:00:00Z");
  await takeInWallIdeas(db, plan, when);
  const m = { publicUrl: o.publicUrl, linkKey: o.linkKey };
  const wall = await ideasOfPlan(db, plan.id, ["new"]);
  const byTitle = (start: string) => wall.find((i) => i.title.startsWith(start));
  const bygglov = byTitle("Gemensam e-tjänst för bygglov");
  if (bygglov) await db.transaction((tx) => linkIdea(tx as unknown as Db, plan, bygglov.id, a.A6!, "attached", m, when));
  const natverk = byTitle("Ett länsgemensamt nätverk");
  if (natverk) await db.transaction((tx) => linkIdea(tx as unknown as Db, plan, natverk.id, a.A8!, "attached", m, when));
  const skolskjuts = byTitle("Öppna data om skolskjutsar");
  if (skolskjuts) await declineIdea(db, plan, skolskjuts.id, "Skolskjutsarna sköts av länstrafiken. Vi har skickat idén vidare dit.", when);
  await submitIdea(db, plan, { title: "En gemensam chattbot för kommunernas växlar", body: "Många frågor är desamma i alla kommuner: öppettider, soptömning, skolval.", name: "Nils", email: null, wantsUpdates: false }, "sv", when);
}
