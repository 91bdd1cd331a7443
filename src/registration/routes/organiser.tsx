/** Organiser pages for registration: settings, questions, invitations, the list and its actions, exports. */
import { Hono } from "hono";
import { z } from "zod";
import { canSeeSensitive, loadEventForWrite } from "../../auth/policy.js";
import type { AppContext, AppEnv } from "../../http/env.js";
import { setFlash } from "../../http/cookies.js";
import { fieldError, notFound, validationFailed, type FieldError } from "../../http/errors.js";
import { readForm, submitForm } from "../../http/forms.js";
import { emptyForm, uiOf, type FormState } from "../../http/ui.js";
import { issueToFieldError, parseInput } from "../../http/validation.js";
import { daysBetween, isoDate, shiftStockholmDays, stockholmToInstant } from "../../i18n/format.js";
import { lawfulBases, questionKinds, registrationModes, waitlistModes } from "../../db/schema.js";
import { searchOrganisations } from "../../organisations/repository.js";
import { LIMITS, checkbox, email, formDate, optionalId, optionalText, requiredText } from "../../shared/fields.js";
import { regContextOf } from "../context.js";
import { createInvitations, listInvitations } from "../invitations.js";
import { parsePeopleList } from "../../shared/people-list.js";
import { createQuestion, deleteQuestion, moveQuestion, updateQuestion } from "../question-admin.js";
import { summarise } from "../reports.js";
import { exportRegistrations } from "../export.js";
import { findRegistration, findSettings, listPools, nextInLine, listQuestions, listRegistrations, type RegistrationFilter, type Settings } from "../repository.js";
import { RegistrationFilterQuery } from "../schemas.js";
import { approveRegistration, cancelRegistration, changeAttendance, declineRegistration } from "../service.js";
import { addByOrganiser } from "../submit.js";
import { saveSettings } from "../settings.js";
import type { EventWithSpace } from "../../events/repository.js";
import { CancelRegistrationPage, EnglishWordingPage, QuestionEditPage, RegistrationSettingsPage, RegistrationsPage } from "../views/organiser.js";
import { findPersonById } from "../../people/repository.js";
import { firstCheckins } from "../../checkin/service.js";

export const registrationAdminRoutes = new Hono<AppEnv>();

const count = z
  .union([z.literal(""), z.string().trim().regex(/^\d{1,6}$/, { message: "validation.number" })])
  .optional()
  .transform((v) => (v ? Number(v) : null));
const optionalDate = z.union([z.literal(""), formDate]).optional().transform((v) => v || null);

const SettingsForm = z.object({
  placesOnsite: count,
  placesRemote: count,
  mode: z.enum(registrationModes).default("open"),
  waitlistMode: z.enum(waitlistModes).default("auto"),
  offerHours: z.string().trim().regex(/^\d{1,3}$/, { message: "validation.number" }).transform(Number).pipe(z.number().min(1).max(336)),
  opensDate: optionalDate,
  closesDate: optionalDate,
  cancelUntilDate: optionalDate,
  maxPerOrganisation: count,
  controller: optionalText(LIMITS.shortText),
  purpose: optionalText(2000),
  lawfulBasis: z.enum(lawfulBases).default("public_task"),
});

const labels = {
  placesOnsite: "regadm.placesOnsite",
  placesRemote: "regadm.placesRemote",
  offerHours: "regadm.offerHours",
  opensDate: "regadm.opens",
  closesDate: "regadm.closes",
  cancelUntilDate: "regadm.cancelUntil",
  maxPerOrganisation: "regadm.maxPerOrg",
  controller: "regadm.controller",
  purpose: "regadm.purpose",
  label: "regadm.questionLabel",
  kind: "regadm.questionKind",
  options: "regadm.options",
  invitees: "regadm.inviteList",
} as const;

/** A date field as an instant: the start of that day in Stockholm, or of the day after ("until and including"). */
function dayStart(date: string | null, field: string, nextDay = false): Date | null {
  if (!date) return null;
  const start = stockholmToInstant(date, "00:00");
  if (!start) throw fieldError(field, "validation.date");
  return nextDay ? shiftStockholmDays(start, 1) : start;
}

const dayBefore = (d: Date | null) => (d ? isoDate(shiftStockholmDays(d, -1)) : "");

function settingsValues(s: Settings | undefined, pools: { attendance: string; capacity: number }[]): Record<string, string> {
  return {
    placesOnsite: String(pools.find((p) => p.attendance === "onsite")?.capacity ?? ""),
    placesRemote: String(pools.find((p) => p.attendance === "remote")?.capacity ?? ""),
    mode: s?.mode ?? "open",
    waitlistMode: s?.waitlistMode ?? "auto",
    offerHours: String(s?.offerHours ?? 48),
    opensDate: s?.opensAt ? isoDate(s.opensAt) : "",
    closesDate: dayBefore(s?.closesAt ?? null),
    cancelUntilDate: dayBefore(s?.cancelUntil ?? null),
    maxPerOrganisation: s?.maxPerOrganisation ? String(s.maxPerOrganisation) : "",
    controller: s?.controller ?? "",
    purpose: s?.purpose ?? "",
    lawfulBasis: s?.lawfulBasis ?? "public_task",
  };
}

async function eventFor(c: AppContext) {
  const id = c.req.param("id") ?? "";
  if (!z.uuid().safeParse(id).success) throw notFound();
  return loadEventForWrite(c.get("deps").db, c.get("actor"), id);
}

async function renderSettings(c: AppContext, forms: { form?: FormState; questionForm?: FormState; inviteForm?: FormState } = {}) {
  const event = await eventFor(c);
  const { db } = c.get("deps");
  const [settings, pools, questions, invitations] = await Promise.all([findSettings(db, event.id), listPools(db, event.id), listQuestions(db, event.id), listInvitations(c.get("deps"), event.id)]);
  return (
    <RegistrationSettingsPage
      ui={uiOf(c)}
      event={event}
      pools={pools}
      questions={questions}
      invitationCount={invitations.length}
      form={forms.form ?? emptyForm(settingsValues(settings, pools))}
      questionForm={forms.questionForm ?? emptyForm({ kind: "short_text" })}
      inviteForm={forms.inviteForm ?? emptyForm()}
    />
  );
}

const settingsPath = (id: string) => `/arrangor/evenemang/${id}/anmalan`;

registrationAdminRoutes.get("/arrangor/evenemang/:id/anmalan", async (c) => c.html(await renderSettings(c)));

registrationAdminRoutes.post("/arrangor/evenemang/:id/anmalan", async (c) => {
  const event = await eventFor(c);
  const values = await readForm(c);
  return submitForm(
    c,
    values,
    async () => {
      const f = parseInput(SettingsForm, values);
      const opensAt = dayStart(f.opensDate, "opensDate");
      const closesAt = dayStart(f.closesDate, "closesDate", true);
      if (opensAt && closesAt && daysBetween(f.opensDate!, f.closesDate!) < 0) throw fieldError("closesDate", "validation.end_before_start");
      await saveSettings(regContextOf(c.get("deps")), event, {
        placesOnsite: f.placesOnsite ?? 0,
        placesRemote: f.placesRemote ?? 0,
        mode: f.mode,
        waitlistMode: f.waitlistMode,
        offerHours: f.offerHours,
        opensAt,
        closesAt,
        cancelUntil: dayStart(f.cancelUntilDate, "cancelUntilDate", true),
        maxPerOrganisation: f.maxPerOrganisation,
        controller: f.controller,
        purpose: f.purpose,
        lawfulBasis: f.lawfulBasis,
      });
      setFlash(c, c.get("t")("regadm.settingsSaved"));
      return c.redirect(settingsPath(event.id), 303);
    },
    (form) => renderSettings(c, { form }),
    labels,
  );
});

const QuestionForm = z.object({
  label: requiredText(300),
  kind: z.enum(questionKinds),
  options: z.string().max(5000).optional().default(""),
  required: checkbox,
  sensitive: checkbox,
  showIfQuestionId: optionalId,
  showIfValue: optionalText(60),
});

registrationAdminRoutes.post("/arrangor/evenemang/:id/anmalan/fragor", async (c) => {
  const event = await eventFor(c);
  const values = await readForm(c);
  return submitForm(
    c,
    values,
    async () => {
      const f = parseInput(QuestionForm, values);
      const options = f.options
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line, i) => ({ value: `o${i + 1}`, sv: line.slice(0, 200), en: null }));
      await createQuestion(c.get("deps").db, event.id, { label: f.label, labelEn: null, kind: f.kind, options, required: f.required, sensitive: f.sensitive, showIfQuestionId: f.showIfQuestionId, showIfValue: f.showIfValue, position: (await listQuestions(c.get("deps").db, event.id)).length + 1 });
      setFlash(c, c.get("t")("regadm.questionAdded", { question: f.label }));
      return c.redirect(`${settingsPath(event.id)}#questions`, 303);
    },
    (questionForm) => renderSettings(c, { questionForm }),
    labels,
  );
});

const QuestionEditForm = z.object({
  label: requiredText(300),
  labelEn: optionalText(300),
  newOptions: z.string().max(5000).optional().default(""),
  required: checkbox,
  sensitive: checkbox,
});

/** The event (which the actor may change) and one of its questions. */
async function questionFor(c: AppContext) {
  const event = await eventFor(c);
  const qid = c.req.param("qid") ?? "";
  const question = z.uuid().safeParse(qid).success ? (await listQuestions(c.get("deps").db, event.id)).find((q) => q.id === qid) : undefined;
  if (!question) throw notFound();
  return { event, question };
}

registrationAdminRoutes.get("/arrangor/evenemang/:id/anmalan/fragor/:qid", async (c) => {
  const { event, question } = await questionFor(c);
  const values: Record<string, string> = { label: question.labelSv, labelEn: question.labelEn ?? "", required: question.required ? "on" : "", sensitive: question.sensitive ? "on" : "" };
  for (const o of question.options) values[`opt.${o.value}`] = o.sv;
  return c.html(<QuestionEditPage ui={uiOf(c)} event={event} question={question} form={emptyForm(values)} />);
});

registrationAdminRoutes.post("/arrangor/evenemang/:id/anmalan/fragor/:qid", async (c) => {
  const { event, question } = await questionFor(c);
  const values = await readForm(c);
  return submitForm(
    c,
    values,
    async () => {
      const f = parseInput(QuestionEditForm, values);
      const kept = [];
      for (const o of question.options) {
        if (values[`remove.${o.value}`] === "on") continue;
        const sv = (values[`opt.${o.value}`] ?? o.sv).trim().slice(0, 200);
        if (!sv) throw fieldError(`opt.${o.value}`, "reg.error.option_empty");
        kept.push({ value: o.value, sv });
      }
      const added = f.newOptions.split(/\r?\n/).map((line) => line.trim().slice(0, 200)).filter(Boolean).map((sv) => ({ sv }));
      await updateQuestion(c.get("deps").db, event.id, question.id, { label: f.label, labelEn: f.labelEn, options: [...kept, ...added], required: f.required, sensitive: f.sensitive });
      setFlash(c, c.get("t")("common.saved"));
      return c.redirect(`${settingsPath(event.id)}#q-${question.id}`, 303);
    },
    (form) => <QuestionEditPage ui={uiOf(c)} event={event} question={question} form={form} />,
    { ...labels, labelEn: "regadm.questionLabelEn", newOptions: "regadm.newOptions" },
  );
});

// ── The form's English wording, all on one page ─────────────────────────────
const englishPath = (id: string) => `${settingsPath(id)}/engelska`;

registrationAdminRoutes.get("/arrangor/evenemang/:id/anmalan/engelska", async (c) => {
  const event = await eventFor(c);
  const questions = await listQuestions(c.get("deps").db, event.id);
  const values: Record<string, string> = {};
  for (const q of questions) {
    values[`labelEn.${q.id}`] = q.labelEn ?? "";
    for (const o of q.options) values[`optEn.${q.id}.${o.value}`] = o.en ?? "";
  }
  return c.html(<EnglishWordingPage ui={uiOf(c)} event={event} questions={questions} form={emptyForm(values)} />);
});

registrationAdminRoutes.post("/arrangor/evenemang/:id/anmalan/engelska", async (c) => {
  const event = await eventFor(c);
  const { db } = c.get("deps");
  const questions = await listQuestions(db, event.id);
  const values = await readForm(c);
  return submitForm(
    c,
    values,
    async () => {
      // Every field is checked before anything is saved, and every problem is told at once.
      const problems: FieldError[] = [];
      const text = (name: string, max: number) => {
        const r = optionalText(max).safeParse(values[name] ?? "");
        if (!r.success) problems.push(...r.error.issues.map((i) => ({ ...issueToFieldError(i, values[name], "form"), field: name })));
        return r.success ? (r.data ?? null) : null;
      };
      const changes = questions.map((q) => ({ q, labelEn: text(`labelEn.${q.id}`, 300), options: q.options.map((o) => ({ value: o.value, sv: o.sv, en: text(`optEn.${q.id}.${o.value}`, 200) })) }));
      if (problems.length) throw validationFailed(problems);
      await db.transaction(async (tx) => {
        for (const x of changes) await updateQuestion(tx, event.id, x.q.id, { labelEn: x.labelEn, ...(x.q.options.length ? { options: x.options } : {}) });
      });
      setFlash(c, c.get("t")("regadm.englishSaved"));
      return c.redirect(englishPath(event.id), 303);
    },
    (form) => <EnglishWordingPage ui={uiOf(c)} event={event} questions={questions} form={form} />,
  );
});

for (const [path, step] of [["flytta-upp", -1], ["flytta-ned", 1]] as const) {
  registrationAdminRoutes.post(`/arrangor/evenemang/:id/anmalan/fragor/:qid/${path}`, async (c) => {
    const { event, question } = await questionFor(c);
    await moveQuestion(c.get("deps").db, event.id, question.id, step);
    return c.redirect(`${settingsPath(event.id)}#q-${question.id}`, 303);
  });
}

registrationAdminRoutes.post("/arrangor/evenemang/:id/anmalan/fragor/:qid/ta-bort", async (c) => {
  const event = await eventFor(c);
  const qid = c.req.param("qid");
  if (!z.uuid().safeParse(qid).success) throw notFound();
  await deleteQuestion(c.get("deps").db, event.id, qid);
  setFlash(c, c.get("t")("regadm.questionRemoved"));
  return c.redirect(`${settingsPath(event.id)}#questions`, 303);
});

registrationAdminRoutes.post("/arrangor/evenemang/:id/anmalan/inbjudningar", async (c) => {
  const event = await eventFor(c);
  const values = await readForm(c);
  return submitForm(
    c,
    values,
    async () => {
      const listed = parsePeopleList((values.invitees ?? "").slice(0, 100_000), "invitees", { nameRequired: false, max: 2000 });
      if (listed.errors.length) throw validationFailed(listed.errors);
      const n = await createInvitations(regContextOf(c.get("deps")), event, listed.people);
      setFlash(c, c.get("t")("regadm.invited", { count: n }));
      return c.redirect(`${settingsPath(event.id)}#invitations`, 303);
    },
    (inviteForm) => renderSettings(c, { inviteForm }),
    labels,
  );
});

// ── The list ─────────────────────────────────────────────────────────────────
const LIST_PAGE_SIZE = 100;

function filterOf(c: AppContext): { filter: RegistrationFilter; raw: Record<string, string> } {
  const raw = Object.fromEntries(["q", "status", "attendance", "organisationKind", "region", "municipality"].map((k) => [k, (c.req.query(k) ?? "").trim().slice(0, 100)]).filter(([, v]) => v));
  const parsed = RegistrationFilterQuery.safeParse(raw);
  const f = parsed.success ? parsed.data : {};
  return {
    filter: { q: f.q, status: f.status, attendance: f.attendance, organisationKind: f.organisationKind, municipalityCode: f.municipality, countyCode: f.region },
    raw: parsed.success ? (raw as Record<string, string>) : {},
  };
}

async function renderList(c: AppContext, addForm: FormState = emptyForm({ attendance: "onsite" })) {
  const event = await eventFor(c);
  const { db } = c.get("deps");
  const { filter, raw } = filterOf(c);
  const pageNumber = Math.min(Math.max(1, Number.parseInt(c.req.query("sida") ?? "1", 10) || 1), 100_000);
  const questions = await listQuestions(db, event.id);
  const [rows, summary, pools, organisations, showSensitive] = await Promise.all([
    listRegistrations(db, event.id, filter, { limit: LIST_PAGE_SIZE, offset: (pageNumber - 1) * LIST_PAGE_SIZE }),
    summarise(db, event.id, filter, questions),
    listPools(db, event.id),
    searchOrganisations(db, "", { limit: 2000 }),
    canSeeSensitive(db, c.get("actor"), event.spaceId),
  ]);
  const query = new URLSearchParams(raw).toString();
  const checkedIn = await firstCheckins(db, rows.map((r) => r.id));
  return (
    <RegistrationsPage
      ui={uiOf(c)}
      event={event}
      rows={rows}
      checkedIn={checkedIn}
      filter={raw}
      page={{ number: pageNumber, size: LIST_PAGE_SIZE, total: summary.count }}
      totals={summary.totals}
      catering={summary.catering}
      questions={questions}
      showSensitive={showSensitive}
      pools={pools}
      organisations={organisations}
      addForm={addForm}
      exportQuery={query ? `?${query}` : ""}
    />
  );
}

const listPath = (id: string) => `/arrangor/evenemang/${id}/anmalningar`;

registrationAdminRoutes.get("/arrangor/evenemang/:id/anmalningar", async (c) => c.html(await renderList(c)));

const AddForm = z.object({ name: requiredText(LIMITS.name), email, organisationId: optionalId, attendance: z.enum(["onsite", "remote"]).default("onsite") });

registrationAdminRoutes.post("/arrangor/evenemang/:id/anmalningar", async (c) => {
  const event = await eventFor(c);
  const values = await readForm(c);
  return submitForm(
    c,
    values,
    async () => {
      const f = parseInput(AddForm, values);
      await addByOrganiser(c.get("deps"), event, { ...f, organisationName: null, answers: {} });
      setFlash(c, c.get("t")("regadm.personAdded", { name: f.name }));
      return c.redirect(listPath(event.id), 303);
    },
    (addForm) => renderList(c, addForm),
    { organisationId: "field.organisation" },
  );
});

async function registrationOf(c: AppContext, event: EventWithSpace) {
  const rid = c.req.param("rid") ?? "";
  const r = z.uuid().safeParse(rid).success ? await findRegistration(c.get("deps").db, rid) : undefined;
  if (!r || r.eventId !== event.id) throw notFound();
  return r;
}

/** Cancelling someone asks first, and says who they are and what happens to their place. */
registrationAdminRoutes.get("/arrangor/evenemang/:id/anmalningar/:rid/avboka", async (c) => {
  const event = await eventFor(c);
  const r = await registrationOf(c, event);
  if (r.status === "cancelled" || r.status === "declined") return c.redirect(listPath(event.id), 303);
  const { db } = c.get("deps");
  const person = r.personId ? await findPersonById(db, r.personId) : undefined;
  const holds = r.status === "confirmed" || r.status === "offered";
  const next = holds ? await nextInLine(db, event.id, r.attendance, r.id) : undefined;
  const settings = await findSettings(db, event.id);
  return c.html(<CancelRegistrationPage ui={uiOf(c)} event={event} registration={r} name={person?.name ?? "–"} next={next?.name ?? null} waitlistMode={settings?.waitlistMode ?? "auto"} offerHours={settings?.offerHours ?? 0} />);
});

registrationAdminRoutes.post("/arrangor/evenemang/:id/anmalningar/:rid/avboka", async (c) => {
  const event = await eventFor(c);
  const r = await registrationOf(c, event);
  const { db } = c.get("deps");
  const person = r.personId ? await findPersonById(db, r.personId) : undefined;
  await cancelRegistration(regContextOf(c.get("deps")), r.id);
  setFlash(c, c.get("t")("regadm.cancelled", { name: person?.name ?? "–" }));
  return c.redirect(listPath(event.id), 303);
});

const rowActions = {
  godkann: approveRegistration,
  avsla: declineRegistration,
  flytta: async (ctx: Parameters<typeof cancelRegistration>[0], id: string) => {
    const r = await findRegistration(ctx.db, id);
    return changeAttendance(ctx, id, r!.attendance === "onsite" ? "remote" : "onsite");
  },
} as const;

for (const [path, act] of Object.entries(rowActions)) {
  registrationAdminRoutes.post(`/arrangor/evenemang/:id/anmalningar/:rid/${path}`, async (c) => {
    const event = await eventFor(c);
    const r = await registrationOf(c, event);
    await act(regContextOf(c.get("deps")), r.id);
    setFlash(c, c.get("t")("common.saved"));
    return c.redirect(listPath(event.id), 303);
  });
}

async function sendExport(c: AppContext, format: "csv" | "xlsx") {
  const event = await eventFor(c);
  const file = await exportRegistrations(c.get("deps"), c.get("actor"), event, filterOf(c).filter, format, c.get("t"), c.get("locale"));
  c.header("Content-Disposition", `attachment; filename="${file.filename}"`);
  return c.body(file.body, 200, { "Content-Type": file.contentType });
}

registrationAdminRoutes.get("/arrangor/evenemang/:id/anmalningar/export.csv", (c) => sendExport(c, "csv"));
registrationAdminRoutes.get("/arrangor/evenemang/:id/anmalningar/export.xlsx", (c) => sendExport(c, "xlsx"));
