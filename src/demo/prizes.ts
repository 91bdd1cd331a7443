/**
 * Demo prize: the strategy council's "Guldmolnet", given since 2022 at Mötesplats Digitala
 * Västerbotten to work that puts the plan into practice. Two years announced (in the
 * gallery), this year's in the jury's hands (a juror conflicted by organisation, another
 * who declared one), and next year's call open. Every person and nomination is fictional.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { rowsOf } from "../db/rows.js";
import { prizeRounds } from "../db/schema.js";
import { stockholmToInstant } from "../i18n/format.js";
import { findOrCreatePersonByEmail } from "../people/repository.js";
import { addCriterion, addJuror, addPrizeAdmin, addRound, addScreenQuestion, createPrize, criteriaOf, declareConflict, insertNomination, saveReview, stateOrganisations, syncHardConflicts, type Round } from "../prizes/repository.js";
import type { DemoOrgs } from "./networks.js";
import { DEMO_ORGANISER_EMAIL } from "./seed.js";

const at = (date: string, time: string) => stockholmToInstant(date, time)!;

export async function seedPrize(db: Db, spaceId: string, o: DemoOrgs, now: Date): Promise<void> {
  const prize = await createPrize(db, spaceId, { slug: "guldmolnet", name: "Guldmolnet", description: "Strategirådets pris till digitaliseringsarbete i offentlig sektor i Västerbotten som omsätter verksamhetsplanens intentioner i praktisk handling. Priset delas ut på Mötesplats Digitala Västerbotten." });
  const organiser = await findOrCreatePersonByEmail(db, DEMO_ORGANISER_EMAIL, "Demo Arrangör");
  await addPrizeAdmin(db, prize.id, organiser.id);
  const [plan] = await rowsOf<{ id: string }>(db, sql`select id from plans where space_id = ${spaceId} order by created_at limit 1`);
  const goals = await rowsOf<{ id: string; title: string }>(db, sql`select id, title from plan_goals where plan_id = ${plan?.id ?? null} order by position`);
  const nominate = (round: Round, title: string, summary: string, orgs: Org[], email: string, when: Date) =>
    insertNomination(db, round.id, { title, summary, links: [], ownWork: false, nominatorName: "Demo Nominerare", nominatorEmail: email, organisationIds: orgs.map((x) => x.id), goalIds: goals.slice(0, 1).map((g) => g.id), actionIds: [] }, "sv", when);
  type Org = { id: string };
  const criteria = async (round: Round) => {
    await addCriterion(db, round.id, { title: "Nytta för invånare och företag", description: "Vad har arbetet gett dem det är till för?", weight: 3 });
    await addCriterion(db, round.id, { title: "Samverkan", description: "Har flera organisationer gjort det tillsammans, och kan andra ta efter?", weight: 2 });
    await addCriterion(db, round.id, { title: "Koppling till verksamhetsplanen", description: null, weight: 1 });
    await addScreenQuestion(db, round.id, "Är arbetet genomfört i Västerbotten?");
    await addScreenQuestion(db, round.id, "Är arbetet i drift eller i ett väl avgränsat försök?");
  };

  // Two years announced, with winner, justification and shortlist.
  for (const [year, winner, others] of [
    [2024, ["E-tjänsteplattform för fjorton kommuner", "Skellefteå kommun utvecklar och förvaltar e-tjänster som fjorton kommuner använder.", [o.skelleftea]], [["Digitalt kompetenslyft för chefer", "Tusentals chefer och medarbetare har gått utbildningen.", [o.region]]]],
    [2025, ["Trygghetskameror i hemtjänsten", "Nattillsyn med kamera för den som vill, införd i tre kommuner.", [o.lycksele, o.vindeln]], [["Gemensam bygglovsprocess", "En e-tjänst för bygglov i hela länet.", [o.umea, o.skelleftea]]]],
  ] as const) {
    const round = await addRound(db, prize.id, { year, intro: null, closesAt: at(`${year}-06-30`, "23:59"), announceAt: at(`${year}-11-20`, "18:00"), planId: plan?.id ?? null, ranking: "mean" });
    await criteria(round);
    const w = await nominate(round, winner[0], winner[1], [...winner[2]], `nominerare-${year}@example.se`, at(`${year}-05-01`, "10:00"));
    for (const [title, summary, orgs] of others) {
      const n = await nominate(round, title, summary, [...orgs], `nominerare-${year}-2@example.se`, at(`${year}-05-02`, "10:00"));
      await db.execute(sql`update prize_nominations set shortlisted = true where id = ${n.id}`);
    }
    await db.update(prizeRounds).set({ phase: "announced", winnerId: w.id, justification: `${winner[0]} visar hur samverkan blir nytta i vardagen, och andra kan ta efter.`, decidedAt: at(`${year}-10-15`, "12:00"), announcedAt: at(`${year}-11-20`, "18:00") }).where(sql`id = ${round.id}`);
    await db.execute(sql`update prize_nominations set shortlisted = true where id = ${w.id}`);
  }

  // This year's: closed, the jury judging; the winner is announced at next year's conference.
  const current = await addRound(db, prize.id, { year: 2026, intro: "Nominera arbete som sätter verksamhetsplanen i verket: en e-tjänst, ett samarbete, ett nytt sätt att arbeta.", closesAt: at("2026-11-30", "23:59"), announceAt: at("2027-09-23", "18:00"), planId: plan?.id ?? null, ranking: "mean" });
  await criteria(current);
  const noms = [
    await nominate(current, "Gemensamt e-arkiv", "Umeå kommun leder arbetet med ett e-arkiv som alla kommuner kan ansluta till.", [o.umea], "nominerare-a@example.se", at("2026-09-01", "10:00")),
    await nominate(current, "Delad informationssäkerhetssamordnare", "Vindeln och Lycksele delar en samordnare och har infört ett ledningssystem.", [o.vindeln, o.lycksele], "nominerare-b@example.se", at("2026-09-15", "10:00")),
    await nominate(current, "Fixarträffar på biblioteken", "Digital delaktighet för äldre i sex kommuner, med ideella digitalguider.", [o.skelleftea], "nominerare-c@example.se", at("2026-10-01", "10:00")),
    await nominate(current, "Appen för skolskjutsar", "En app för föräldrar, framtagen av ett företag i Stockholm.", [o.region], "nominerare-d@example.se", at("2026-10-20", "10:00")),
  ];
  await db.execute(sql`update prize_nominations set ineligible_reason = 'Är arbetet genomfört i Västerbotten? – Appen är inte i drift i länet ännu.' where id = ${noms[3]!.id}`);
  const jurors = [
    { name: "Karin Lindqvist", email: "karin.lindqvist@example.se", org: o.umea },
    { name: "Olof Markström", email: "olof.markstrom@example.se", org: o.skelleftea },
    { name: "Demo Arrangör", email: DEMO_ORGANISER_EMAIL, org: o.region },
  ];
  const crit = await criteriaOf(db, current.id);
  for (const [i, j] of jurors.entries()) {
    const person = await findOrCreatePersonByEmail(db, j.email, j.name);
    const juror = await addJuror(db, current.id, person.id);
    await db.transaction(async (tx) => {
      await stateOrganisations(tx as unknown as Db, juror.id, [j.org.id], now);
      await syncHardConflicts(tx as unknown as Db, current.id, now);
    });
    if (i === 0) await declareConflict(db, juror.id, noms[1]!.id, "Jag har suttit i styrgruppen för samordnarprojektet.", now);
    if (i < 2) {
      for (const [k, n] of noms.slice(0, 3).entries()) {
        const conflicted = (i === 0 && (k === 0 || k === 1)) || (i === 1 && k === 2);
        if (!conflicted) await saveReview(db, juror.id, n.id, crit.map((c, x) => ({ criterionId: c.id, score: Math.min(5, 2 + ((k + x + i) % 4)) })), "Ett tydligt exempel på samverkan.", now);
      }
    }
  }
  await db.update(prizeRounds).set({ phase: "judging" }).where(sql`id = ${current.id}`);

  // Next year's call, open.
  const next = await addRound(db, prize.id, { year: 2027, intro: "Nomineringen till Guldmolnet 2027 är öppen. Vem som helst kan nominera sitt eget eller andras arbete.", closesAt: at("2027-06-30", "23:59"), announceAt: at("2027-11-18", "18:00"), planId: plan?.id ?? null, ranking: "median" });
  await criteria(next);
}
