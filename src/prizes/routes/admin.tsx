/** Running the prize: create it, its years, criteria and screener, the jury, the ranking, the decision and the announcement. */
import { Hono } from "hono";
import { loadPrizeFor, loadPrizeForAdmin, requireSpaceManager, spacesManagedBy } from "../../auth/policy.js";
import { sendStoredFile } from "../../archive/serve.js";
import { dbFileStore } from "../../archive/storage.js";
import { setFlash } from "../../http/cookies.js";
import type { AppContext, AppEnv } from "../../http/env.js";
import { notFound, validationFailed } from "../../http/errors.js";
import { readForm, submitForm } from "../../http/forms.js";
import { idParam, isUuid } from "../../http/params.js";
import { emptyForm, uiOf, type FormState } from "../../http/ui.js";
import { parseInput } from "../../http/validation.js";
import { stockholmToInstant } from "../../i18n/format.js";
import { findPersonByEmail } from "../../people/repository.js";
import { plansOfSpaces } from "../../plans/repository.js";
import {
  addCriterion,
  addPrizeAdmin,
  addRound,
  addScreenQuestion,
  conflictLog,
  conflictsInForce,
  createPrize,
  criteriaOf,
  findNomination,
  jurorOf,
  juryOf,
  nominationOfFile,
  nominationsOf,
  partsOf,
  prizeAdminsOf,
  reviewsOf,
  saveScreening,
  roundsOf,
  screenQuestionsOf,
  setCriterionWeight,
  setShortlisted,
  type Prize,
  type Round,
} from "../repository.js";
import { AdminForm, CriterionForm, DecisionForm, JurorForm, NewPrizeForm, PhaseForm, prizeLabels, RoundForm, ScreenNoteForm, ScreenQuestionForm, WeightForm } from "../schemas.js";
import { announceNow, decide, inviteJuror, jurorNominations, recordScreening, roundRanking, setPhase } from "../service.js";
import { ManagePrizePage, ManageRoundPage, NewPrizePage } from "../views/admin.js";
import { spreadsheetDownload, type Cell } from "../../shared/spreadsheet.js";
import { mailContext } from "../../plans/routes/params.js";
import { prizeRound, YEAR } from "./public.js";

export const prizeAdminRoutes = new Hono<AppEnv>();

const managedSpaces = (c: AppContext) => spacesManagedBy(c.get("deps").db, c.get("actor"));

prizeAdminRoutes.get("/pris/ny", async (c) => c.html(<NewPrizePage ui={uiOf(c)} spaces={await managedSpaces(c)} form={emptyForm()} />));

prizeAdminRoutes.post("/pris/ny", async (c) => {
  const spaces = await managedSpaces(c);
  const values = await readForm(c);
  return submitForm(
    c,
    values,
    async () => {
      const { spaceId, ...input } = parseInput(NewPrizeForm, values);
      if (!spaces.some((s) => s.id === spaceId)) throw validationFailed([{ field: "spaceId", key: "prizes.error.unknown" }]);
      await requireSpaceManager(c.get("deps").db, c.get("actor"), spaceId);
      const prize = await createPrize(c.get("deps").db, spaceId, input);
      return c.redirect(`/pris/${prize.slug}/hantera`, 303);
    },
    (form) => <NewPrizePage ui={uiOf(c)} spaces={spaces} form={form} />,
    prizeLabels,
  );
});

const admin = (c: AppContext) => loadPrizeForAdmin(c.get("deps").db, c.get("actor"), c.req.param("slug")!);

async function prizePage(c: AppContext, prize: Prize, forms: Record<string, FormState> = {}) {
  const { db } = c.get("deps");
  const [rounds, admins, plans] = await Promise.all([roundsOf(db, prize.id), prizeAdminsOf(db, prize.id), plansOfSpaces(db, [prize.spaceId])]);
  return <ManagePrizePage ui={uiOf(c)} prize={prize} rounds={rounds} admins={admins} plans={plans} forms={forms} year={c.get("deps").now().getFullYear()} />;
}

prizeAdminRoutes.get("/pris/:slug/hantera", async (c) => c.html(await prizePage(c, await admin(c))));

async function prizeForm(c: AppContext, scope: string, run: (prize: Prize, values: Record<string, string>) => Promise<string>) {
  const prize = await admin(c);
  const values = await readForm(c);
  return submitForm(c, values, async () => c.redirect(await run(prize, values), 303), (form) => prizePage(c, prize, { [scope]: form }), prizeLabels);
}

prizeAdminRoutes.post("/pris/:slug/hantera/ar", (c) =>
  prizeForm(c, "round", async (prize, values) => {
    const { db } = c.get("deps");
    const r = parseInput(RoundForm, values);
    const closesAt = stockholmToInstant(r.closesOn, "23:59");
    const announceAt = stockholmToInstant(r.announceOn, r.announceTime);
    if (!closesAt || !announceAt) throw validationFailed([{ field: "closesOn", key: "validation.date" }]);
    if (announceAt <= closesAt) throw validationFailed([{ field: "announceOn", key: "prizes.error.announceBeforeClose" }]);
    if (r.planId && !(await plansOfSpaces(db, [prize.spaceId])).some((p) => p.id === r.planId)) throw validationFailed([{ field: "planId", key: "prizes.error.unknown" }]);
    const round = await addRound(db, prize.id, { year: r.year!, intro: r.intro, closesAt, announceAt, planId: r.planId, ranking: r.ranking });
    setFlash(c, c.get("t")("prizes.roundAdded", { year: round.year }));
    return `/pris/${prize.slug}/${round.year}/hantera`;
  }),
);

prizeAdminRoutes.post("/pris/:slug/hantera/administratorer", (c) =>
  prizeForm(c, "admin", async (prize, values) => {
    const { email } = parseInput(AdminForm, values);
    const person = await findPersonByEmail(c.get("deps").db, email);
    if (!person) throw validationFailed([{ field: "email", key: "prizes.error.noAccount" }]);
    await addPrizeAdmin(c.get("deps").db, prize.id, person.id);
    setFlash(c, c.get("t")("common.saved"));
    return `/pris/${prize.slug}/hantera`;
  }),
);

// ── One year ──────────────────────────────────────────────────────────────────

async function roundPage(c: AppContext, prize: Prize, round: Round, forms: Record<string, FormState> = {}) {
  const { db } = c.get("deps");
  const [criteria, questions, nominations, jury, conflicts, ranking, reviews, inForce] = await Promise.all([criteriaOf(db, round.id), screenQuestionsOf(db, round.id), nominationsOf(db, round.id), juryOf(db, round.id), conflictLog(db, round.id), roundRanking(db, round), reviewsOf(db, round.id), conflictsInForce(db, round.id)]);
  const parts = await partsOf(db, nominations.map((n) => n.id));
  c.header("Cache-Control", "private, no-store");
  return <ManageRoundPage ui={uiOf(c)} prize={prize} round={round} criteria={criteria} questions={questions} nominations={nominations} parts={parts} jury={jury} conflicts={conflicts} ranking={ranking} reviews={reviews} inForce={inForce} forms={forms} />;
}

prizeAdminRoutes.get(`/pris/:slug/${YEAR}/hantera`, async (c) => {
  const prize = await admin(c);
  return c.html(await roundPage(c, prize, await prizeRound(c, prize)));
});

/** The ranking as a file, one line per eligible nomination with its figure per criterion; it says nothing of the decision. */
prizeAdminRoutes.get(`/pris/:slug/${YEAR}/hantera/:file{rangordning\\.(csv|xlsx)}`, async (c) => {
  const { db } = c.get("deps");
  const prize = await admin(c);
  const round = await prizeRound(c, prize);
  const t = c.get("t");
  const [ranking, criteria, nominations] = await Promise.all([roundRanking(db, round), criteriaOf(db, round.id), nominationsOf(db, round.id)]);
  const parts = await partsOf(db, nominations.map((n) => n.id));
  const byId = new Map(nominations.map((n) => [n.id, n]));
  const figure = (v: number | null) => (v === null ? "" : Math.round(v * 100) / 100);
  const lines: Cell[][] = [
    [t("prizes.col.rank"), t("prizes.col.nomination"), t("prizes.field.organisation"), t("prizes.col.score"), t("prizes.col.reviews"), ...criteria.map((x) => x.title), t("prizes.col.shortlist")],
    ...ranking.map((r, i) => [i + 1, byId.get(r.nominationId)!.title, parts.get(r.nominationId)!.organisations.map((o) => o.name).join(", "), figure(r.score), r.reviews, ...criteria.map((x) => figure(r.byCriterion[x.id] ?? null)), byId.get(r.nominationId)!.shortlisted ? t("common.yes") : t("common.no")]),
  ];
  return spreadsheetDownload(c, `rangordning-${prize.slug}-${round.year}`, [{ name: `${prize.name} ${round.year}`, lines }], c.req.param("file").endsWith(".xlsx") ? "xlsx" : "csv");
});

/** One form of the year's admin page: back to it with a message, or the page again with that form's errors. */
function roundForm(path: string, scope: string | ((c: AppContext) => string), run: (c: AppContext, prize: Prize, round: Round, values: Record<string, string>) => Promise<string>) {
  prizeAdminRoutes.post(`/pris/:slug/${YEAR}/hantera/${path}`, async (c) => {
    const prize = await admin(c);
    const round = await prizeRound(c, prize);
    const values = await readForm(c);
    const name = typeof scope === "string" ? scope : scope(c);
    return submitForm(
      c,
      values,
      async () => {
        setFlash(c, await run(c, prize, round, values));
        return c.redirect(`/pris/${prize.slug}/${round.year}/hantera`, 303);
      },
      (form) => roundPage(c, prize, round, { [name]: form }),
      prizeLabels,
    );
  });
}

const nominationOf = async (c: AppContext, round: Round) => {
  const n = await findNomination(c.get("deps").db, round.id, idParam(c, "nid"));
  if (!n) throw notFound();
  return n;
};

roundForm("fas", "phase", async (c, _prize, round, values) => {
  const { phase } = parseInput(PhaseForm, values);
  await setPhase(c.get("deps").db, round, phase);
  return c.get("t")("common.saved");
});

roundForm("kriterier", "criterion", async (c, _prize, round, values) => {
  await addCriterion(c.get("deps").db, round.id, parseInput(CriterionForm, values));
  return c.get("t")("common.saved");
});

roundForm("kriterier/:cid", (c) => `weight-${c.req.param("cid")}`, async (c, _prize, round, values) => {
  if (!(await setCriterionWeight(c.get("deps").db, round.id, idParam(c, "cid"), parseInput(WeightForm, values).weight))) throw notFound();
  return c.get("t")("common.saved");
});

roundForm("behorighet", "screenQuestion", async (c, _prize, round, values) => {
  await addScreenQuestion(c.get("deps").db, round.id, parseInput(ScreenQuestionForm, values).text);
  return c.get("t")("common.saved");
});

/** The screener's answers: yes or no to each criterion; any no (or a note of why) sets the nomination aside, kept. */
roundForm("nomineringar/:nid/prova", (c) => `screen-${c.req.param("nid")}`, async (c, _prize, round, values) => {
  const { db } = c.get("deps");
  const n = await nominationOf(c, round);
  const questions = await screenQuestionsOf(db, round.id);
  const answers = questions.map((q) => ({ questionId: q.id, raw: values[`q.${q.id}`] ?? "" }));
  const missing = answers.filter((a) => a.raw !== "yes" && a.raw !== "no");
  if (missing.length) throw validationFailed(missing.map((a) => ({ field: `q.${a.questionId}`, key: "prizes.error.answer" })));
  const { note } = parseInput(ScreenNoteForm, values);
  const reason = await recordScreening(db, n, questions, new Map(answers.map((a) => [a.questionId, a.raw === "yes"])), note);
  return c.get("t")(reason ? "prizes.setAside" : "prizes.eligible", { title: n.title });
});

roundForm("nomineringar/:nid/aterstall", (c) => `screen-${c.req.param("nid")}`, async (c, _prize, round) => {
  const n = await nominationOf(c, round);
  await saveScreening(c.get("deps").db, n.id, [], null);
  return c.get("t")("prizes.restored", { title: n.title });
});

roundForm("nomineringar/:nid/kortlista", (c) => `short-${c.req.param("nid")}`, async (c, _prize, round, values) => {
  const n = await nominationOf(c, round);
  const on = values.shortlisted === "on";
  if (!(await setShortlisted(c.get("deps").db, round.id, n.id, on))) throw validationFailed([{ field: "shortlisted", key: "prizes.error.ineligible" }]);
  return c.get("t")(on ? "prizes.shortlisted" : "prizes.unshortlisted", { title: n.title });
});

/** A juror by e-mail: they log in with that address, state their organisations and judge. */
roundForm("jury", "juror", async (c, prize, round, values) => {
  const { db, now, config } = c.get("deps");
  const j = parseInput(JurorForm, values);
  if (!(await inviteJuror(db, prize, round, { email: j.email, name: j.jurorName }, config.publicUrl, now()))) throw validationFailed([{ field: "email", key: "prizes.error.alreadyJuror" }]);
  return c.get("t")("prizes.jurorInvited", { name: j.jurorName });
});

roundForm("beslut", "decision", async (c, _prize, round, values) => {
  const { db, now } = c.get("deps");
  const d = parseInput(DecisionForm, values);
  const winner = await findNomination(db, round.id, d.winnerId);
  if (!winner) throw validationFailed([{ field: "winnerId", key: "prizes.error.unknown" }]);
  await decide(db, round, winner, d.justification, now());
  return c.get("t")("prizes.decided");
});

roundForm("tillkannage", "announce", async (c, _prize, round) => {
  await announceNow(c.get("deps").db, round, mailContext(c), c.get("deps").now());
  return c.get("t")("prizes.announced");
});

/** A nomination's attachment: for the prize's admins and the jurors who judge it (no conflict). */
prizeAdminRoutes.get(`/pris/:slug/${YEAR}/filer/:fid`, async (c) => {
  const { db } = c.get("deps");
  const { prize, admin: isAdmin } = await loadPrizeFor(db, c.get("actor"), c.req.param("slug"));
  const round = await prizeRound(c, prize);
  const fid = c.req.param("fid");
  const n = isUuid(fid) ? await nominationOfFile(db, fid) : undefined;
  if (!n || n.roundId !== round.id) throw notFound();
  if (!isAdmin) {
    const actor = c.get("actor");
    const juror = actor ? await jurorOf(db, round.id, actor.personId) : undefined;
    if (!juror || !(await jurorNominations(db, round, juror)).some((l) => l.nomination.id === n.id)) throw notFound();
  }
  const store = dbFileStore(db);
  const file = await store.info(fid);
  if (!file) throw notFound();
  return sendStoredFile(c, store, file, true);
});
