/** The prize as everyone sees it: its years, the call for nominations, the nominator's own link, and the gallery. */
import { Hono } from "hono";
import { loadPrizeFor } from "../../auth/policy.js";
import { materialType } from "../../archive/sniff.js";
import { dbFileStore } from "../../archive/storage.js";
import { receiveUpload } from "../../archive/upload.js";
import { maxMaterialBytes } from "../../archive/views/organiser.js";
import { setFlash } from "../../http/cookies.js";
import type { AppContext, AppEnv } from "../../http/env.js";
import { AppError, conflict, notFound, validationFailed } from "../../http/errors.js";
import { readFormLists, submitForm } from "../../http/forms.js";
import { openFormLimit } from "../../http/middleware/rate-limit.js";
import { emptyForm, uiOf, type FormState } from "../../http/ui.js";
import { parseInput } from "../../http/validation.js";
import { organisationChoices, organisationNames } from "../../plans/repository.js";
import { findSpaceById } from "../../spaces/repository.js";
import { readLink } from "../../shared/signed-links.js";
import { allPrizes, findNomination, findRound, galleryRows, partsOf, planOptionsOf, roundsOf, criteriaOf, screenQuestionsOf, nominationsOf, type Nomination, type NominationParts, type Prize, type Round } from "../repository.js";
import { NominationEditForm, NominationForm, prizeLabels } from "../schemas.js";
import { announceDue, attachToNomination, editNomination, roundForVisitor, submitNomination, takesNominations } from "../service.js";
import { mailContext } from "../../plans/routes/params.js";
import { GalleryPage, NominationDonePage, NominationPage, PrizePage, PrizesPage, RoundPage } from "../views/public.js";

export const prizeRoutes = new Hono<AppEnv>();

const nominationLabels = { ...prizeLabels, title: "prizes.field.workTitle" } as const;
export const YEAR = ":year{[0-9]{4}}";

export async function prizeRound(c: AppContext, prize: Prize): Promise<Round> {
  const round = await findRound(c.get("deps").db, prize.id, Number(c.req.param("year")));
  if (!round) throw notFound();
  return round;
}

prizeRoutes.get("/pris", async (c) => c.html(<PrizesPage ui={uiOf(c)} prizes={await allPrizes(c.get("deps").db)} />));

prizeRoutes.get("/pris/galleri", async (c) => {
  const { db, now } = c.get("deps");
  await announceDue(db, mailContext(c), now());
  const rows = await galleryRows(db);
  const parts = await partsOf(db, rows.map((r) => r.nomination_id));
  return c.html(<GalleryPage ui={uiOf(c)} rows={rows} parts={parts} />);
});

prizeRoutes.get("/pris/:slug", async (c) => {
  const { db, now } = c.get("deps");
  const { prize, admin } = await loadPrizeFor(db, c.get("actor"), c.req.param("slug"));
  const rounds = await Promise.all((await roundsOf(db, prize.id)).map((r) => roundForVisitor(db, r, mailContext(c), now())));
  const winners = await winnersOf(c, rounds);
  return c.html(<PrizePage ui={uiOf(c)} prize={prize} rounds={rounds} winners={winners} admin={admin} now={now()} />);
});

/** The winning nomination of each announced round; nothing for any other. */
async function winnersOf(c: AppContext, rounds: Round[]): Promise<Map<string, Nomination>> {
  const winners = new Map<string, Nomination>();
  for (const r of rounds) {
    if (r.phase !== "announced" || !r.winnerId) continue;
    const n = await findNomination(c.get("deps").db, r.id, r.winnerId);
    if (n) winners.set(r.id, n);
  }
  return winners;
}

prizeRoutes.get(`/pris/:slug/${YEAR}`, async (c) => {
  const { db, now } = c.get("deps");
  const { prize, admin } = await loadPrizeFor(db, c.get("actor"), c.req.param("slug"));
  const round = await roundForVisitor(db, await prizeRound(c, prize), mailContext(c), now());
  const [criteria, questions] = await Promise.all([criteriaOf(db, round.id), screenQuestionsOf(db, round.id)]);
  let announced = null;
  if (round.phase === "announced") {
    const shown = (await nominationsOf(db, round.id)).filter((n) => n.id === round.winnerId || (n.shortlisted && n.ineligibleReason === null));
    announced = { winner: shown.find((n) => n.id === round.winnerId)!, shortlist: shown.filter((n) => n.id !== round.winnerId), parts: await partsOf(db, shown.map((n) => n.id)) };
  }
  return c.html(<RoundPage ui={uiOf(c)} prize={prize} round={round} criteria={criteria} questions={questions} announced={announced} admin={admin} open={takesNominations(round, now())} />);
});

// ── Nominating ────────────────────────────────────────────────────────────────

async function formChoices(c: AppContext, prize: Prize, round: Round) {
  const { db } = c.get("deps");
  const space = await findSpaceById(db, prize.spaceId);
  const [organisations, plan] = await Promise.all([organisationChoices(db, space?.regionCode ?? null), planOptionsOf(db, round.planId)]);
  return { organisations, plan };
}

/** The call's form, or the nominator's own page of their nomination (`own`: its link and what it holds). */
async function nominationPage(c: AppContext, prize: Prize, round: Round, form: FormState, own?: { token: string; parts: NominationParts }) {
  const choices = await formChoices(c, prize, round);
  return <NominationPage ui={uiOf(c)} prize={prize} round={round} form={form} choices={choices} {...(own ? { token: own.token } : {})} files={own?.parts.files ?? []} maxBytes={maxMaterialBytes(c.get("deps").config)} />;
}

/** The form's fields; a nomination without any organisation says so beside the other errors (the schema's own check runs only on an otherwise valid form). */
function parseNomination<S extends typeof NominationForm | typeof NominationEditForm>(schema: S, values: Record<string, string>): ReturnType<S["parse"]> {
  try {
    return parseInput(schema, values) as ReturnType<S["parse"]>;
  } catch (err) {
    if (err instanceof AppError && err.status === 422 && !["org1", "org2", "org3"].some((k) => values[k]) && !err.fields.some((f) => f.field === "org1")) err.fields.push({ field: "org1", key: "prizes.error.organisation" });
    throw err;
  }
}

/** The nomination's choices, checked against the register and the round's plan; goals come as a group of boxes. */
async function checkChoices<T extends { organisationIds: string[]; actionIds: string[] }>(c: AppContext, prize: Prize, round: Round, input: T, values: Record<string, string>): Promise<T & { goalIds: string[] }> {
  const { plan } = await formChoices(c, prize, round);
  const goalIds = [...new Set((values.goals ?? "").split("\u001f").filter(Boolean))];
  const errors = [
    ...((await organisationNames(c.get("deps").db, input.organisationIds)).size === input.organisationIds.length ? [] : [{ field: "org1", key: "prizes.error.unknown" as const }]),
    ...(goalIds.every((g) => plan.goals.some((x) => x.id === g)) ? [] : [{ field: "goals", key: "prizes.error.unknown" as const }]),
    ...(input.actionIds.every((a) => plan.actions.some((x) => x.id === a)) ? [] : [{ field: "action1", key: "prizes.error.unknown" as const }]),
  ];
  if (errors.length) throw validationFailed(errors);
  return { ...input, goalIds };
}

prizeRoutes.get(`/pris/:slug/${YEAR}/nominera`, async (c) => {
  const { prize } = await loadPrizeFor(c.get("deps").db, c.get("actor"), c.req.param("slug"));
  const round = await prizeRound(c, prize);
  if (!takesNominations(round, c.get("deps").now())) return c.html(<NominationDonePage ui={uiOf(c)} prize={prize} round={round} kind="closed" />, 409);
  return c.html(await nominationPage(c, prize, round, emptyForm({ nominatorName: c.get("actor")?.name ?? "" })));
});

prizeRoutes.post(`/pris/:slug/${YEAR}/nominera`, openFormLimit("prize-nomination", 20), async (c) => {
  const { db, now } = c.get("deps");
  const { prize } = await loadPrizeFor(db, c.get("actor"), c.req.param("slug"));
  const round = await prizeRound(c, prize);
  const values = await readFormLists(c);
  return submitForm(
    c,
    values,
    async () => {
      if (!takesNominations(round, now())) throw conflict("prizes.error.closed");
      const input = await checkChoices(c, prize, round, parseNomination(NominationForm, values), values);
      await submitNomination(db, prize, round, input, uiOf(c).locale, mailContext(c), now());
      return c.html(<NominationDonePage ui={uiOf(c)} prize={prize} round={round} kind="received" email={input.nominatorEmail} />);
    },
    (form) => nominationPage(c, prize, round, form),
    nominationLabels,
  );
});

async function ownNomination(c: AppContext) {
  const { db, linkKey } = c.get("deps");
  const { prize } = await loadPrizeFor(db, c.get("actor"), c.req.param("slug")!);
  const round = await prizeRound(c, prize);
  const id = readLink(linkKey, "nomination", c.req.param("token") ?? "");
  const nomination = id ? await findNomination(db, round.id, id) : undefined;
  if (!nomination) throw notFound();
  const parts = (await partsOf(db, [nomination.id])).get(nomination.id)!;
  return { prize, round, nomination, own: { token: c.req.param("token")!, parts } };
}

const nominationValues = (n: Nomination, parts: NominationParts): Record<string, string> => ({
  title: n.title,
  summary: n.summary,
  links: n.links.join("\n"),
  ownWork: n.ownWork ? "on" : "",
  ...Object.fromEntries(parts.organisations.slice(0, 3).map((o, i) => [`org${i + 1}`, o.id])),
  ...Object.fromEntries(parts.actions.slice(0, 3).map((a, i) => [`action${i + 1}`, a.id])),
  goals: parts.goals.map((g) => g.id).join("\u001f"),
});

prizeRoutes.get(`/pris/:slug/${YEAR}/nominering/:token`, async (c) => {
  const { prize, round, nomination, own } = await ownNomination(c);
  if (!takesNominations(round, c.get("deps").now())) return c.html(<NominationDonePage ui={uiOf(c)} prize={prize} round={round} kind="closed" />);
  return c.html(await nominationPage(c, prize, round, emptyForm(nominationValues(nomination, own.parts)), own));
});

prizeRoutes.post(`/pris/:slug/${YEAR}/nominering/:token`, async (c) => {
  const { db, now } = c.get("deps");
  const { prize, round, nomination, own } = await ownNomination(c);
  const values = await readFormLists(c);
  return submitForm(
    c,
    values,
    async () => {
      const input = await checkChoices(c, prize, round, parseNomination(NominationEditForm, values), values);
      await editNomination(db, prize, round, nomination, input, mailContext(c), now());
      setFlash(c, c.get("t")("common.saved"));
      return c.redirect(`/pris/${prize.slug}/${round.year}/nominering/${c.req.param("token")}`, 303);
    },
    (form) => nominationPage(c, prize, round, form, own),
    nominationLabels,
  );
});

/** An attachment to one's own nomination, streamed into the file store. */
prizeRoutes.post(`/pris/:slug/${YEAR}/nominering/:token/bilaga`, async (c) => {
  const { db, now } = c.get("deps");
  const { prize, round, nomination, own } = await ownNomination(c);
  const store = dbFileStore(db);
  const maxBytes = maxMaterialBytes(c.get("deps").config);
  const upload = await receiveUpload(c, store, { field: "file", maxBytes, identify: materialType });
  const again = async (message: string) => {
    if (upload.file) await store.delete(upload.file.id);
    return c.html(await nominationPage(c, prize, round, { values: nominationValues(nomination, own.parts), errors: { file: message } }, own), 422);
  };
  if (upload.refused) return again(c.get("t")(`archive.error.${upload.refused}`, { max: `${Math.round(maxBytes / 1048576)} MB` }));
  if (!upload.file) return again(c.get("t")("archive.error.noFile"));
  if (!takesNominations(round, now())) return again(c.get("t")("prizes.error.closed"));
  if (own.parts.files.length >= 5) return again(c.get("t")("prizes.error.tooManyFiles"));
  await attachToNomination(db, prize, round, nomination, upload.file.id, mailContext(c), now());
  setFlash(c, c.get("t")("archive.materialSaved"));
  return c.redirect(`/pris/${prize.slug}/${round.year}/nominering/${c.req.param("token")}`, 303);
});
