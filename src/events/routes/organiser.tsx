/**
 * Organiser pages: spaces, events, program and exhibitors. Each handler reads the
 * form, asks auth/policy.ts, calls a domain function and renders or redirects.
 */
import { copyRegistrationSetup } from "../../registration/copy.js";
import { Hono } from "hono";
import { z } from "zod";
import { canSeeSensitive, loadEventForWrite, requireActor, requirePlatformAdmin, requireSpaceManager } from "../../auth/policy.js";
import type { AppContext, AppEnv } from "../../http/env.js";
import { setFlash } from "../../http/cookies.js";
import { AppError, forbidden, notFound, validationFailed } from "../../http/errors.js";
import { readForm, readUpload, submitForm } from "../../http/forms.js";
import { emptyForm, uiOf, type FieldLabels, type FormState } from "../../http/ui.js";
import { issueToFieldError, parseInput } from "../../http/validation.js";
import { LIMITS, email, optionalCountyCode, optionalEmail, optionalSlug, optionalText, requiredText, slugify } from "../../shared/fields.js";
import { createPerson, findOrCreatePersonByEmail, searchPeople } from "../../people/repository.js";
import { addSpaceOrganiser, createSpace, findSpaceBySlug, listSpaceMembers, listSpaces, listSpacesOf, setSensitiveAccess, updateRetention } from "../../spaces/repository.js";
import { eventFormValues, eventFromForm, requireDate, sessionFormValues, sessionFromForm } from "../form-input.js";
import { addSessionPerson, findExhibitor, findSession, listExhibitors, listSessions } from "../program-repository.js";
import { imageProblem } from "../../files/repository.js";
import { findProgramConflicts } from "../program-rules.js";
import { createExhibitor, createSession, deleteExhibitor, deleteSession, setExhibitorLogo, updateExhibitor, updateSession } from "../program-service.js";
import { listSeries, listSpaceEvents, type EventRow } from "../repository.js";
import { ExhibitorInput, SessionPersonForm } from "../schemas.js";
import { copyEdition, createEvent, updateEvent } from "../service.js";
import { announceEventChange } from "../../registration/event-settings.js";
import { eventFigures } from "../../registration/event-figures.js";
import { DashboardPage, EditEventPage, ExhibitorEditPage, ExhibitorsPage, NewEventPage, ProgramAdminPage, SessionEditPage, SpacePage } from "../views/organiser.js";

export const organiserRoutes = new Hono<AppEnv>();

const eventLabels: FieldLabels = { title: "field.titleSv", description: "field.descriptionSv", regionCode: "field.region", seriesId: "field.series" };
const sessionLabels: FieldLabels = { title: "field.titleSv", description: "field.descriptionSv" };
const personLabels: FieldLabels = { title: "field.jobTitle" };

const SpaceForm = z.object({
  name: requiredText(LIMITS.name),
  slug: optionalSlug,
  description: optionalText(2000),
  regionCode: optionalCountyCode,
});

// ── Spaces ───────────────────────────────────────────────────────────────────
organiserRoutes.get("/arrangor", async (c) => {
  const actor = requireActor(c.get("actor"));
  const { db } = c.get("deps");
  const spaces = actor.isPlatformAdmin ? await listSpaces(db) : await listSpacesOf(db, actor.personId);
  return c.html(<DashboardPage ui={uiOf(c)} spaces={spaces} form={emptyForm()} />);
});

organiserRoutes.post("/arrangor/ny", async (c) => {
  requirePlatformAdmin(c.get("actor"));
  const values = await readForm(c);
  const { db } = c.get("deps");
  return submitForm(
    c,
    values,
    async () => {
      const input = parseInput(SpaceForm, values);
      const space = await createSpace(db, { ...input, slug: input.slug ?? slugify(input.name) });
      return c.redirect(`/arrangor/${space.slug}`, 303);
    },
    async (form) => <DashboardPage ui={uiOf(c)} spaces={await listSpaces(db)} form={form} />,
    { name: "field.spaceName", regionCode: "field.countyCode" },
  );
});

async function spaceFor(c: AppContext) {
  const space = await findSpaceBySlug(c.get("deps").db, (c.req.param("space") ?? "").slice(0, 80));
  if (!space) throw notFound();
  await requireSpaceManager(c.get("deps").db, c.get("actor"), space.id);
  return space;
}

async function renderSpace(c: AppContext, form: FormState = emptyForm(), retentionForm?: FormState) {
  const space = await spaceFor(c);
  const { db } = c.get("deps");
  const [events, members, canGrant] = await Promise.all([listSpaceEvents(db, space.id), listSpaceMembers(db, space.id), canSeeSensitive(db, c.get("actor"), space.id)]);
  const figures = await eventFigures(db, events, c.get("deps").now());
  const retention = retentionForm ?? emptyForm({ retentionDays: String(space.retentionDays), retentionAction: space.retentionAction });
  return <SpacePage ui={uiOf(c)} space={space} events={events} figures={figures} members={members} form={form} retentionForm={retention} canGrant={canGrant} />;
}

organiserRoutes.get("/arrangor/:space", async (c) => c.html(await renderSpace(c)));

organiserRoutes.post("/arrangor/:space/medlemmar", async (c) => {
  const space = await spaceFor(c);
  const values = await readForm(c);
  return submitForm(
    c,
    values,
    async () => {
      const input = parseInput(z.object({ email }), values);
      const person = await findOrCreatePersonByEmail(c.get("deps").db, input.email, input.email.split("@")[0]!);
      await addSpaceOrganiser(c.get("deps").db, space.id, person.id);
      setFlash(c, c.get("t")("common.saved"));
      return c.redirect(`/arrangor/${space.slug}`, 303);
    },
    (form) => renderSpace(c, form),
  );
});

const RetentionForm = z.object({
  retentionDays: z.string().trim().regex(/^\d{1,4}$/, { message: "validation.number" }).transform(Number).pipe(z.number().int().min(0).max(3650)),
  retentionAction: z.enum(["anonymise", "delete"]),
});

organiserRoutes.post("/arrangor/:space/gallring", async (c) => {
  const space = await spaceFor(c);
  const values = await readForm(c);
  return submitForm(
    c,
    values,
    async () => {
      await updateRetention(c.get("deps").db, space.id, parseInput(RetentionForm, values));
      setFlash(c, c.get("t")("common.saved"));
      return c.redirect(`/arrangor/${space.slug}#retention`, 303);
    },
    (retentionForm) => renderSpace(c, emptyForm(), retentionForm),
    { retentionDays: "regadm.retentionDays" },
  );
});

/** Health data: only an admin or an organiser who has the right may pass it on. */
organiserRoutes.post("/arrangor/:space/medlemmar/:pid/kansliga", async (c) => {
  const space = await spaceFor(c);
  const { db } = c.get("deps");
  if (!(await canSeeSensitive(db, c.get("actor"), space.id))) throw forbidden();
  const member = (await listSpaceMembers(db, space.id)).find((m) => m.personId === c.req.param("pid"));
  if (!member) throw notFound();
  await setSensitiveAccess(db, space.id, member.personId, !member.sensitiveAccess);
  setFlash(c, c.get("t")("common.saved"));
  return c.redirect(`/arrangor/${space.slug}`, 303);
});

// ── Events ───────────────────────────────────────────────────────────────────
organiserRoutes.get("/arrangor/:space/nytt-evenemang", async (c) => {
  const space = await spaceFor(c);
  const series = await listSeries(c.get("deps").db, space.id);
  const form = emptyForm({ format: "onsite", regionCode: space.regionCode ?? "", startTime: "09:00", endTime: "16:00" });
  return c.html(<NewEventPage ui={uiOf(c)} space={space} form={form} series={series} />);
});

organiserRoutes.post("/arrangor/:space/nytt-evenemang", async (c) => {
  const space = await spaceFor(c);
  const values = await readForm(c);
  const { db } = c.get("deps");
  return submitForm(
    c,
    values,
    async () => {
      const input = eventFromForm(values);
      const event = await createEvent(db, { ...input, spaceId: space.id }, { end: "endTime" });
      setFlash(c, c.get("t")("org.eventCreated", { event: event.titleSv }));
      return c.redirect(`/arrangor/evenemang/${event.id}`, 303);
    },
    async (form) => <NewEventPage ui={uiOf(c)} space={space} form={form} series={await listSeries(db, space.id)} />,
    eventLabels,
  );
});

async function eventFor(c: AppContext) {
  const id = c.req.param("id") ?? "";
  if (!z.uuid().safeParse(id).success) throw notFound();
  return loadEventForWrite(c.get("deps").db, c.get("actor"), id);
}

async function renderEdit(c: AppContext, form?: FormState, copyForm?: FormState) {
  const event = await eventFor(c);
  const series = await listSeries(c.get("deps").db, event.spaceId);
  return <EditEventPage ui={uiOf(c)} event={event} form={form ?? emptyForm(eventFormValues(event))} series={series} copyForm={copyForm ?? emptyForm()} />;
}

organiserRoutes.get("/arrangor/evenemang/:id", async (c) => c.html(await renderEdit(c)));

organiserRoutes.post("/arrangor/evenemang/:id", async (c) => {
  const event = await eventFor(c);
  const values = await readForm(c);
  const { db, now } = c.get("deps");
  return submitForm(
    c,
    values,
    async () => {
      const updated = await updateEvent(db, event, eventFromForm(values), now(), { end: "endTime" });
      await announceEventChange(c.get("deps"), event, updated);
      setFlash(c, c.get("t")("common.saved"));
      return c.redirect(`/arrangor/evenemang/${event.id}`, 303);
    },
    (form) => renderEdit(c, form),
    eventLabels,
  );
});

const statusActions = { publicera: "published", avpublicera: "draft", "stall-in": "cancelled" } as const;
for (const [path, status] of Object.entries(statusActions)) {
  organiserRoutes.post(`/arrangor/evenemang/:id/${path}`, async (c) => {
    const event = await eventFor(c);
    const { db, now } = c.get("deps");
    const updated = await updateEvent(db, event, { status }, now());
    await announceEventChange(c.get("deps"), event, updated);
    const t = c.get("t");
    setFlash(c, status === "published" ? t("org.published") : status === "cancelled" ? t("org.cancelled") : t("common.saved"));
    return c.redirect(`/arrangor/evenemang/${event.id}`, 303);
  });
}

organiserRoutes.post("/arrangor/evenemang/:id/kopiera", async (c) => {
  const event = await eventFor(c);
  const values = await readForm(c);
  const { db } = c.get("deps");
  return submitForm(
    c,
    values,
    async () => {
      const copy = await copyEdition(db, event, requireDate(values.startDate, "startDate"), [copyRegistrationSetup]);
      setFlash(c, c.get("t")("org.copied"));
      return c.redirect(`/arrangor/evenemang/${copy.id}`, 303);
    },
    (form) => renderEdit(c, undefined, form),
    { startDate: "field.startDate" },
  );
});

// ── Program ──────────────────────────────────────────────────────────────────
async function renderProgram(c: AppContext, form?: FormState) {
  const event = await eventFor(c);
  const sessions = await listSessions(c.get("deps").db, event.id);
  const warnings = findProgramConflicts(sessions.map((s) => ({ ...s, title: s.titleSv })));
  const defaults = emptyForm({ type: "seminar", date: eventFormValues(event).startDate!, startTime: "", endTime: "" });
  return <ProgramAdminPage ui={uiOf(c)} event={event} sessions={sessions} warnings={warnings} form={form ?? defaults} />;
}

organiserRoutes.get("/arrangor/evenemang/:id/program", async (c) => c.html(await renderProgram(c)));

organiserRoutes.post("/arrangor/evenemang/:id/program", async (c) => {
  const event = await eventFor(c);
  const values = await readForm(c);
  return submitForm(
    c,
    values,
    async () => {
      await createSession(c.get("deps").db, event, sessionFromForm(values), "endTime");
      setFlash(c, c.get("t")("org.sessionAdded", { session: values.title ?? "" }));
      return c.redirect(`/arrangor/evenemang/${event.id}/program`, 303);
    },
    (form) => renderProgram(c, form),
    sessionLabels,
  );
});

async function renderSession(c: AppContext, forms: { form?: FormState; personForm?: FormState; newPersonForm?: FormState } = {}) {
  const event = await eventFor(c);
  const { db } = c.get("deps");
  const session = await findSession(db, event.id, c.req.param("sid") ?? "");
  if (!session) throw notFound();
  const people = await searchPeople(db, "", 500);
  return (
    <SessionEditPage
      ui={uiOf(c)}
      event={event}
      session={session}
      people={people}
      form={forms.form ?? emptyForm(sessionFormValues(session))}
      personForm={forms.personForm ?? emptyForm({ role: "speaker" })}
      newPersonForm={forms.newPersonForm ?? emptyForm({ role: "speaker" })}
    />
  );
}

const sessionPath = (eventId: string, sessionId: string) => `/arrangor/evenemang/${eventId}/program/${sessionId}`;

async function sessionOf(c: AppContext) {
  const event = await eventFor(c);
  const session = await findSession(c.get("deps").db, event.id, c.req.param("sid") ?? "");
  if (!session) throw notFound();
  return { event, session };
}

organiserRoutes.get("/arrangor/evenemang/:id/program/:sid", async (c) => c.html(await renderSession(c)));

organiserRoutes.post("/arrangor/evenemang/:id/program/:sid", async (c) => {
  const { event, session } = await sessionOf(c);
  const values = await readForm(c);
  const { db, now } = c.get("deps");
  return submitForm(
    c,
    values,
    async () => {
      await updateSession(db, event, session.id, sessionFromForm(values), now(), "endTime");
      setFlash(c, c.get("t")("common.saved"));
      return c.redirect(sessionPath(event.id, session.id), 303);
    },
    (form) => renderSession(c, { form }),
    sessionLabels,
  );
});

organiserRoutes.post("/arrangor/evenemang/:id/program/:sid/ta-bort", async (c) => {
  const { event, session } = await sessionOf(c);
  await deleteSession(c.get("deps").db, event, session.id);
  setFlash(c, c.get("t")("org.sessionRemoved", { session: session.titleSv }));
  return c.redirect(`/arrangor/evenemang/${event.id}/program`, 303);
});

organiserRoutes.post("/arrangor/evenemang/:id/program/:sid/personer", async (c) => {
  const { event, session } = await sessionOf(c);
  const values = await readForm(c);
  const { db, now } = c.get("deps");
  return submitForm(
    c,
    values,
    async () => {
      const input = parseInput(SessionPersonForm, values);
      const people = [...session.people.filter((p) => p.personId !== input.personId), input];
      await updateSession(db, event, session.id, { people }, now());
      setFlash(c, c.get("t")("common.saved"));
      return c.redirect(`${sessionPath(event.id, session.id)}#people`, 303);
    },
    (personForm) => renderSession(c, { personForm }),
  );
});

organiserRoutes.post("/arrangor/evenemang/:id/program/:sid/ny-person", async (c) => {
  const { event, session } = await sessionOf(c);
  const values = await readForm(c);
  const { db } = c.get("deps");
  const NewPersonForm = z.object({
    name: requiredText(LIMITS.name),
    title: optionalText(LIMITS.title),
    email: optionalEmail,
    role: SessionPersonForm.shape.role,
    remote: SessionPersonForm.shape.remote,
  });
  return submitForm(
    c,
    values,
    async () => {
      const input = parseInput(NewPersonForm, values);
      if (event.status === "cancelled") throw new AppError("conflict", 409, { messageKey: "error.not_editable" });
      const person = await createPerson(db, { name: input.name, title: input.title, email: input.email });
      await addSessionPerson(db, session.id, { personId: person.id, role: input.role, remote: input.remote });
      setFlash(c, c.get("t")("common.saved"));
      return c.redirect(`${sessionPath(event.id, session.id)}#people`, 303);
    },
    (newPersonForm) => renderSession(c, { newPersonForm }),
    personLabels,
  );
});

organiserRoutes.post("/arrangor/evenemang/:id/program/:sid/personer/:pid/ta-bort", async (c) => {
  const { event, session } = await sessionOf(c);
  const { db, now } = c.get("deps");
  const personId = c.req.param("pid");
  await updateSession(db, event, session.id, { people: session.people.filter((p) => p.personId !== personId) }, now());
  setFlash(c, c.get("t")("org.personRemoved"));
  return c.redirect(`${sessionPath(event.id, session.id)}#people`, 303);
});

// ── Exhibitors ───────────────────────────────────────────────────────────────
async function renderExhibitors(c: AppContext, form: FormState = emptyForm()) {
  const event = await eventFor(c);
  const exhibitors = await listExhibitors(c.get("deps").db, event.id);
  return <ExhibitorsPage ui={uiOf(c)} event={event} exhibitors={exhibitors} form={form} />;
}

organiserRoutes.get("/arrangor/evenemang/:id/utstallare", async (c) => c.html(await renderExhibitors(c)));

/** The exhibitor form's fields and its logo, every problem of both told at once; nothing is written. */
async function readExhibitorForm(c: AppContext) {
  const { removeLogo, ...values } = await readForm(c);
  const logo = await readUpload(c, "logo");
  const parsed = ExhibitorInput.safeParse(values);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => issueToFieldError(i, values, "form"));
  const logoProblem = logo && imageProblem("logo", logo);
  if (logoProblem) problems.push(logoProblem);
  /** The checked input, or every problem at once (422), before anything is written. */
  const check = (): ExhibitorInput => {
    if (!parsed.success || problems.length) throw validationFailed(problems);
    return parsed.data;
  };
  return { values, logo, removeLogo: removeLogo === "on", check };
}

const exhibitorLabels = { description: "field.descriptionSv", website: "field.website", logo: "field.logo" } as const;

organiserRoutes.post("/arrangor/evenemang/:id/utstallare", async (c) => {
  const event = await eventFor(c);
  const form = await readExhibitorForm(c);
  const { db } = c.get("deps");
  return submitForm(
    c,
    form.values,
    async () => {
      const x = await createExhibitor(db, event, form.check());
      if (form.logo) await setExhibitorLogo(db, event, x.id, form.logo);
      setFlash(c, c.get("t")("org.exhibitorAdded", { exhibitor: x.name }));
      return c.redirect(`/arrangor/evenemang/${event.id}/utstallare`, 303);
    },
    (f) => renderExhibitors(c, f),
    exhibitorLabels,
  );
});

async function exhibitorFor(c: AppContext, event: EventRow) {
  const xid = c.req.param("xid") ?? "";
  const x = z.uuid().safeParse(xid).success ? await findExhibitor(c.get("deps").db, event.id, xid) : undefined;
  if (!x) throw notFound();
  return x;
}

organiserRoutes.get("/arrangor/evenemang/:id/utstallare/:xid", async (c) => {
  const event = await eventFor(c);
  const x = await exhibitorFor(c, event);
  const values = { name: x.name, booth: x.booth ?? "", website: x.website ?? "", description: x.descriptionSv ?? "", descriptionEn: x.descriptionEn ?? "" };
  return c.html(<ExhibitorEditPage ui={uiOf(c)} event={event} exhibitor={x} form={emptyForm(values)} />);
});

organiserRoutes.post("/arrangor/evenemang/:id/utstallare/:xid", async (c) => {
  const event = await eventFor(c);
  const x = await exhibitorFor(c, event);
  const form = await readExhibitorForm(c);
  const { db } = c.get("deps");
  return submitForm(
    c,
    form.values,
    async () => {
      // The organisation link is not on the form: it is kept as it was.
      const updated = await updateExhibitor(db, event, x.id, { ...(form.check()), organisationId: x.organisationId });
      if (form.logo || form.removeLogo) await setExhibitorLogo(db, event, x.id, form.logo);
      setFlash(c, c.get("t")("org.exhibitorSaved", { exhibitor: updated.name }));
      return c.redirect(`/arrangor/evenemang/${event.id}/utstallare`, 303);
    },
    (f) => <ExhibitorEditPage ui={uiOf(c)} event={event} exhibitor={x} form={f} />,
    exhibitorLabels,
  );
});

organiserRoutes.post("/arrangor/evenemang/:id/utstallare/:xid/ta-bort", async (c) => {
  const event = await eventFor(c);
  const xid = c.req.param("xid");
  if (!z.uuid().safeParse(xid).success) throw notFound();
  await deleteExhibitor(c.get("deps").db, event, xid);
  setFlash(c, c.get("t")("org.exhibitorRemoved"));
  return c.redirect(`/arrangor/evenemang/${event.id}/utstallare`, 303);
});

