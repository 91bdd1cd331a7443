/** The jury's pages: state one's organisations, judge the nominations one has no conflict with, declare a conflict. */
import { Hono } from "hono";
import { loadPrizeFor, requireJuror } from "../../auth/policy.js";
import type { Db } from "../../db/client.js";
import { setFlash } from "../../http/cookies.js";
import type { AppContext, AppEnv } from "../../http/env.js";
import { AppError, notFound, validationFailed, type FieldError } from "../../http/errors.js";
import { readForm, submitForm } from "../../http/forms.js";
import { idParam, isUuid } from "../../http/params.js";
import { emptyForm, formStateFromError, uiOf, type FormState } from "../../http/ui.js";
import { parseInput } from "../../http/validation.js";
import { organisationChoices, organisationNames } from "../../plans/repository.js";
import { findSpaceById } from "../../spaces/repository.js";
import { criteriaOf, declareConflict, jurorOrganisationIds, partsOf, saveReview, stateOrganisations, syncHardConflicts, type Juror, type Prize, type Round } from "../repository.js";
import { ConflictForm, prizeLabels, ReviewComment, scoreValue } from "../schemas.js";
import { jurorNominations, jurorsMayScore } from "../service.js";
import { JuryNominationPage, JuryPage } from "../views/jury.js";
import { prizeRound, YEAR } from "./public.js";

export const prizeJuryRoutes = new Hono<AppEnv>();

async function asJuror(c: AppContext): Promise<{ prize: Prize; round: Round; juror: Juror }> {
  const { db } = c.get("deps");
  const { prize } = await loadPrizeFor(db, c.get("actor"), c.req.param("slug")!);
  const round = await prizeRound(c, prize);
  return { prize, round, juror: await requireJuror(db, c.get("actor"), round) };
}

async function juryPage(c: AppContext, prize: Prize, round: Round, juror: Juror, form?: FormState) {
  const { db } = c.get("deps");
  const space = await findSpaceById(db, prize.spaceId);
  const [list, organisations, mine] = await Promise.all([jurorNominations(db, round, juror), organisationChoices(db, space?.regionCode ?? null), jurorOrganisationIds(db, juror.id)]);
  const parts = await partsOf(db, list.map((l) => l.nomination.id));
  const orgForm = form ?? emptyForm(Object.fromEntries(mine.slice(0, 3).map((id, i) => [`org${i + 1}`, id])));
  return <JuryPage ui={uiOf(c)} prize={prize} round={round} juror={juror} list={list} parts={parts} organisations={organisations} form={orgForm} />;
}

prizeJuryRoutes.get(`/pris/:slug/${YEAR}/jury`, async (c) => {
  const { prize, round, juror } = await asJuror(c);
  c.header("Cache-Control", "private, no-store");
  return c.html(await juryPage(c, prize, round, juror));
});

/** The juror's organisations (those they work for or represent): any overlap with a nomination's is a conflict, in the same transaction. */
prizeJuryRoutes.post(`/pris/:slug/${YEAR}/jury/organisationer`, async (c) => {
  const { db, now } = c.get("deps");
  const { prize, round, juror } = await asJuror(c);
  const values = await readForm(c);
  return submitForm(
    c,
    values,
    async () => {
      const ids = [...new Set(["org1", "org2", "org3"].map((k) => values[k] ?? "").filter(Boolean))];
      if (ids.length === 0) throw validationFailed([{ field: "org1", key: "prizes.error.organisation" }]);
      if (!ids.every(isUuid) || (await organisationNames(db, ids)).size !== ids.length) throw validationFailed([{ field: "org1", key: "prizes.error.unknown" }]);
      await db.transaction(async (tx) => {
        await stateOrganisations(tx as unknown as Db, juror.id, ids, now());
        await syncHardConflicts(tx as unknown as Db, round.id, now());
      });
      setFlash(c, c.get("t")("prizes.jury.stated"));
      return c.redirect(`/pris/${prize.slug}/${round.year}/jury`, 303);
    },
    (form) => juryPage(c, prize, round, juror, form),
    prizeLabels,
  );
});

/** One nomination as the juror may see it; a conflicted juror, or one who has not stated their organisations, learns nothing of it. */
async function judged(c: AppContext) {
  const { db } = c.get("deps");
  const { prize, round, juror } = await asJuror(c);
  const nid = idParam(c, "nid");
  const entry = (await jurorNominations(db, round, juror)).find((l) => l.nomination.id === nid);
  if (!entry) throw notFound();
  return { prize, round, juror, entry };
}

async function nominationPage(c: AppContext, form?: FormState, status: 200 | 409 | 422 = 200) {
  const { db } = c.get("deps");
  const { prize, round, entry } = await judged(c);
  const [criteria, parts] = await Promise.all([criteriaOf(db, round.id), partsOf(db, [entry.nomination.id])]);
  const values = form ?? emptyForm({ comment: entry.own?.comment ?? "", ...Object.fromEntries(Object.entries(entry.own?.scores ?? {}).map(([k, v]) => [`score.${k}`, String(v)])) });
  c.header("Cache-Control", "private, no-store");
  return c.html(<JuryNominationPage ui={uiOf(c)} prize={prize} round={round} entry={entry} parts={parts.get(entry.nomination.id)!} criteria={criteria} mayScore={jurorsMayScore(round)} form={values} />, status);
}

prizeJuryRoutes.get(`/pris/:slug/${YEAR}/jury/:nid`, (c) => nominationPage(c));

prizeJuryRoutes.post(`/pris/:slug/${YEAR}/jury/:nid`, async (c) => {
  const { db, now } = c.get("deps");
  const { prize, round, juror, entry } = await judged(c);
  const values = await readForm(c);
  const t = c.get("t");
  // The nomination is on the juror's list (stated, eligible, no conflict): only the phase is left to ask.
  if (!jurorsMayScore(round)) return nominationPage(c, { values, errors: {}, message: t("prizes.error.notJudging") }, 409);
  const criteria = await criteriaOf(db, round.id);
  const errors: FieldError[] = [];
  const scores: { criterionId: string; score: number }[] = [];
  for (const cr of criteria) {
    const raw = values[`score.${cr.id}`] ?? "";
    if (raw === "") continue;
    const parsed = scoreValue.safeParse(raw);
    if (parsed.success) scores.push({ criterionId: cr.id, score: parsed.data });
    else errors.push({ field: `score.${cr.id}`, key: "prizes.error.score" });
  }
  let comment: string | null = null;
  try {
    comment = parseInput(ReviewComment, values).comment;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    errors.push(...err.fields);
  }
  if (errors.length) {
    return nominationPage(c, formStateFromError(t, values, validationFailed(errors), prizeLabels), 422);
  }
  await saveReview(db, juror.id, entry.nomination.id, scores, comment, now());
  setFlash(c, t(scores.length === criteria.length ? "prizes.jury.saved" : "prizes.jury.savedIncomplete"));
  return c.redirect(`/pris/${prize.slug}/${round.year}/jury/${entry.nomination.id}`, 303);
});

/** A conflict of the juror's own choosing, with the reason: logged for the admins, and the nomination leaves the juror's list. */
prizeJuryRoutes.post(`/pris/:slug/${YEAR}/jury/:nid/jav`, async (c) => {
  const { db, now } = c.get("deps");
  const { prize, round, juror, entry } = await judged(c);
  const values = await readForm(c);
  try {
    const { reason } = parseInput(ConflictForm, values);
    await declareConflict(db, juror.id, entry.nomination.id, reason, now());
  } catch (err) {
    if (err instanceof AppError && err.status === 422) return nominationPage(c, formStateFromError(c.get("t"), values, err, prizeLabels), 422);
    throw err;
  }
  setFlash(c, c.get("t")("prizes.jury.declared", { title: entry.nomination.title }));
  return c.redirect(`/pris/${prize.slug}/${round.year}/jury`, 303);
});
