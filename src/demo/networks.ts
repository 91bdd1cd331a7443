/**
 * Demo networks in the seeds' shape (004): the strategy council for digitalisation in
 * cooperation (municipal chief executives of the three sub-regions, the CDO and CIO of
 * the two largest municipalities, a federation's director) and the county-wide networks
 * for information security, architecture, broadband and leadership; meetings with minutes,
 * decisions that became or updated actions of the plan; and the council's prize
 * "Guldmolnet" over the years. Every person is fictional.
 */
import PDFDocument from "pdfkit";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { rowsOf } from "../db/rows.js";
import { dbFileStore } from "../archive/storage.js";
import { stockholmToInstant } from "../i18n/format.js";
import { holdMeeting } from "../networks/service.js";
import { addDecision, addDocument, addMember, createNetwork, positionsOf, tieDecisionToAction, type Network } from "../networks/repository.js";
import { actionPlansOf, addAction } from "../plans/repository.js";
import { planActionLinks } from "../plans/schema.js";
import { DEMO_ORGANISER_EMAIL } from "./seed.js";

interface Org {
  id: string;
}
export interface DemoOrgs {
  umea: Org;
  skelleftea: Org;
  lycksele: Org;
  vindeln: Org;
  region: Org;
}

function minutes(title: string, lines: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "A4", info: { Title: title } });
    const parts: Buffer[] = [];
    doc.on("data", (b: Buffer) => parts.push(b)).on("end", () => resolve(Buffer.concat(parts))).on("error", reject);
    doc.fontSize(20).text(title, 60, 70).moveDown();
    for (const l of lines) doc.fontSize(12).text(l).moveDown(0.5);
    doc.end();
  });
}

const meeting = async (db: Db, network: Network, title: string, date: string, start: string, end: string, venue: string, now: Date): Promise<string> =>
  (await holdMeeting(db, network, { title, venue, startsAt: stockholmToInstant(date, start)!, endsAt: stockholmToInstant(date, end)!, publish: true }, now)).id;

export async function seedNetworks(db: Db, spaceId: string, o: DemoOrgs, now: Date): Promise<void> {
  const council = await createNetwork(db, spaceId, {
    slug: "strategiradet",
    name: "Strategirådet för digitalisering i samverkan",
    kind: "council",
    description: "Rådet leder kommunernas digitalisering i samverkan i Västerbotten. Det tar fram den treåriga verksamhetsplanen och den ettåriga handlingsplanen, och delar ut priset Guldmolnet.\n\nI rådet sitter kommunchefer från de tre delregionerna, CDO för Umeå kommun, CIO för Skellefteå kommun och förbundschefen för kommunalförbundet i Lycksele.",
    contactName: "Strategirådets kansli",
    contactEmail: "strategiradet@example.se",
    membersPublic: true,
    documentsPublic: true,
  });
  const pos = Object.fromEntries((await positionsOf(db, spaceId)).map((p) => [p.key, p.id]));
  const member = (network: Network, name: string, email: string, org: Org, position: string, fromOn: string, toOn: string | null = null, manages = false) =>
    addMember(db, network, { name, email, organisationId: org.id, positionId: pos[position]!, fromOn, toOn, manages });
  await member(council, "Karin Lindqvist", "karin.lindqvist@example.se", o.umea, "ordforande", "2025-01-01", "2027-12-31");
  await member(council, "Olof Markström", "olof.markstrom@example.se", o.skelleftea, "vice-ordforande", "2025-01-01", "2027-12-31");
  await member(council, "Sara Nordin", "sara.nordin@example.se", o.lycksele, "ledamot", "2025-01-01", "2027-12-31");
  await member(council, "Jonas Berglund", "jonas.berglund@example.se", o.umea, "ledamot", "2024-03-01");
  await member(council, "Elin Sandberg", "elin.sandberg@example.se", o.skelleftea, "ledamot", "2024-03-01");
  await member(council, "Per Holmgren", "per.holmgren@example.se", o.lycksele, "ledamot", "2022-01-01", "2024-12-31");
  await member(council, "Demo Arrangör", DEMO_ORGANISER_EMAIL, o.region, "sekreterare", "2025-01-01", null, true);

  const infosec = await createNetwork(db, spaceId, { slug: "informationssakerhet", name: "Länsnätverket för informationssäkerhet", kind: "network", description: "Informationssäkerhetssamordnare och CISO:er i länets kommuner och regionen delar riskanalyser, övningar och mallar.", contactName: "Lena Öberg", contactEmail: "lena.oberg@example.se", membersPublic: false, documentsPublic: false });
  await member(infosec, "Lena Öberg", "lena.oberg@example.se", o.region, "ordforande", "2025-01-01", null, true);
  await member(infosec, "Hassan Ali", "hassan.ali@example.se", o.vindeln, "ledamot", "2025-01-01");
  await member(infosec, "Mira Johansson", "mira.johansson@example.se", o.lycksele, "ledamot", "2025-06-01");
  for (const [slug, name, description] of [
    ["arkitektur", "Arkitekturnätverket", "Verksamhets- och IT-arkitekter som gör länets lösningar möjliga att dela och bygga vidare på."],
    ["bredband", "Bredbandsnätverket", "Bredbandssamordnare som kartlägger vita fläckar och söker stöd för utbyggnad i glesbygden."],
    ["ledarskap", "Nätverket för digitalt ledarskap", "Chefer som leder verksamhetsutveckling med digitalisering, med träffar två gånger om året."],
  ] as const) {
    await createNetwork(db, spaceId, { slug, name, kind: "network", description, contactName: "Strategirådets kansli", contactEmail: "strategiradet@example.se", membersPublic: true, documentsPublic: true });
  }

  // Meetings: last spring's with its minutes and decisions, and the next one.
  const spring = await meeting(db, council, "Strategirådets möte i maj", "2026-05-12", "09:00", "12:00", "Regionens hus, Umeå", now);
  await meeting(db, council, "Strategirådets möte i februari", "2027-02-09", "09:00", "12:00", "Skellefteå stadshus", now);
  await meeting(db, infosec, "Nätverksträff: incidentövning", "2026-10-21", "13:00", "16:00", "Digitalt", now);
  const store = dbFileStore(db);
  const pdf = await minutes("Protokoll, strategirådet 12 maj 2026", ["§ 1 Mötet öppnas.", "§ 4 Rådet beslutar att ta fram en gemensam e-arkivlösning för länets kommuner.", "§ 5 Rådet godkänner lägesrapporten för den gemensamma styrmodellen.", "§ 7 Nästa möte hålls i februari i Skellefteå."]);
  const file = await store.put([pdf], { filename: "protokoll-strategiradet-2026-05-12.pdf", maxBytes: 50 * 1024 * 1024, identify: () => "application/pdf" });
  await addDocument(db, spring, file.id, "minutes", "Protokoll 12 maj 2026");

  // Decisions: one became a new action of this year's plan, one updated an action, one is only recorded.
  const [plan] = await rowsOf<{ id: string }>(db, sql`select id from plans where space_id = ${spaceId} order by created_at limit 1`);
  const year = plan ? (await actionPlansOf(db, plan.id)).find((y) => y.year === 2026) : undefined;
  const [status] = await rowsOf<{ id: string }>(db, sql`select id from plan_statuses where space_id = ${spaceId} and key = 'planerad'`);
  const [a1] = await rowsOf<{ id: string }>(db, sql`select a.id from plan_actions a where a.action_plan_id = ${year?.id ?? null} and a.ref = 'A1'`);
  const earkiv = await addDecision(db, council.id, { eventId: spring, ref: "§ 4", text: "Rådet beslutar att ta fram en gemensam e-arkivlösning för länets kommuner, med Umeå kommun som projektägare.", decidedOn: "2026-05-12" });
  const styrmodell = await addDecision(db, council.id, { eventId: spring, ref: "§ 5", text: "Rådet godkänner lägesrapporten för den gemensamma styrmodellen.", decidedOn: "2026-05-12" });
  await addDecision(db, council.id, { eventId: spring, ref: "§ 7", text: "Nästa möte hålls i februari i Skellefteå.", decidedOn: "2026-05-12" });
  if (year && status) {
    await addAction(db, year, { ref: "B1", title: "Gemensam e-arkivlösning för länets kommuner", description: earkiv.text, contactName: "Strategirådets kansli", contactEmail: null, statusId: status.id, startsOn: "2026-06-01", endsOn: "2027-12-31", ownerIds: [o.umea.id], goals: [], networkIds: [council.id] }, now, (tx, a) => tieDecisionToAction(tx, earkiv, a.id, "created"));
  }
  if (a1) await db.transaction((tx) => tieDecisionToAction(tx as unknown as Db, styrmodell, a1.id, "updated"));
  // The council owns the actions on leadership and the portfolio; the security network its own.
  const owned = await rowsOf<{ id: string; ref: string }>(db, sql`select a.id, a.ref from plan_actions a where a.action_plan_id = ${year?.id ?? null} and a.ref in ('A2', 'A8', 'A11')`);
  for (const a of owned) await db.insert(planActionLinks).values({ actionId: a.id, networkId: a.ref === "A2" ? council.id : infosec.id });
}
