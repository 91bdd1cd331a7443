/** Delegation pages: the contact registers colleagues, then sees and manages them. */
import { Hono } from "hono";
import { z } from "zod";
import { loadEventForRead, requireActor } from "../../auth/policy.js";
import type { AppContext, AppEnv } from "../../http/env.js";
import { setFlash } from "../../http/cookies.js";
import { AppError, notFound, validationFailed } from "../../http/errors.js";
import { readForm, submitForm } from "../../http/forms.js";
import { emptyForm, formStateFromError, uiOf } from "../../http/ui.js";
import { parseInput } from "../../http/validation.js";
import { findEventById, findEventBySlug } from "../../events/repository.js";
import { searchOrganisations } from "../../organisations/repository.js";
import { findPersonById } from "../../people/repository.js";
import { LIMITS, checkbox, email, id as uuid, requiredText } from "../../shared/fields.js";
import { regContextOf } from "../context.js";
import { addDelegates, changeDelegateAttendance, createDelegation, delegationMembers, loadDelegationFor, replaceDelegate } from "../delegations.js";
import { parsePeopleList } from "../../shared/people-list.js";
import { listPools, waitlistPosition } from "../repository.js";
import { registrationBlocker } from "../submit.js";
import { DelegationFormPage, DelegationPage } from "../views/delegation.js";
import type { Attendance } from "../../db/schema.js";

export const delegationRoutes = new Hono<AppEnv>();

const DelegationForm = z.object({
  organisationId: uuid,
  attendance: z.enum(["onsite", "remote"]).default("onsite"),
  people: z.string().max(50_000),
  includeMe: checkbox,
});

const MAX_DELEGATES = 200;

/** The contact, as they are in their profile. */
async function contactOf(c: AppContext) {
  const actor = requireActor(c.get("actor"));
  const person = await findPersonById(c.get("deps").db, actor.personId);
  return { personId: actor.personId, name: person?.name ?? actor.name, email: person?.email ?? actor.email, locale: person?.locale ?? null };
}

async function eventOf(c: AppContext) {
  const { db } = c.get("deps");
  return loadEventForRead(db, c.get("actor"), await findEventBySlug(db, (c.req.param("slug") ?? "").slice(0, 100)));
}

async function renderForm(c: AppContext, form = emptyForm()) {
  const event = await eventOf(c);
  const { db } = c.get("deps");
  const blocker = await registrationBlocker(c.get("deps"), event);
  return <DelegationFormPage ui={uiOf(c)} event={event} form={form} organisations={await searchOrganisations(db, "", { limit: 2000 })} pools={await listPools(db, event.id)} blocker={blocker ? c.get("t")(blocker) : null} />;
}

delegationRoutes.get("/evenemang/:slug/delegation", async (c) => {
  const actor = requireActor(c.get("actor"));
  const person = await findPersonById(c.get("deps").db, actor.personId);
  return c.html(await renderForm(c, emptyForm({ organisationId: person?.organisationId ?? "", includeMe: "on" })));
});

delegationRoutes.post("/evenemang/:slug/delegation", async (c) => {
  requireActor(c.get("actor"));
  const event = await eventOf(c);
  const values = await readForm(c);
  return submitForm(
    c,
    values,
    async () => {
      const blocker = await registrationBlocker(c.get("deps"), event);
      if (blocker) throw new AppError("conflict", 409, { messageKey: blocker });
      const f = parseInput(DelegationForm, values);
      const contact = await contactOf(c);
      const listed = parsePeopleList(f.people, "people", { nameRequired: true, max: MAX_DELEGATES });
      if (listed.errors.length && !(f.includeMe && listed.people.length === 0 && listed.errors.every((e) => e.key === "validation.required"))) throw validationFailed(listed.errors);
      const list = listed.people.map((d) => ({ name: d.name!, email: d.email, attendance: d.attendance }));
      if (f.includeMe && contact.email && !list.some((d) => d.email === contact.email)) list.unshift({ name: contact.name, email: contact.email, attendance: null });
      const { delegation, outcomes } = await createDelegation(regContextOf(c.get("deps")), event, contact, f.organisationId, f.attendance as Attendance, list);
      const failed = outcomes.filter((o) => o.error).map((o) => ({ email: o.email, error: c.get("t")(o.error!) }));
      return c.html(await renderDelegation(c, delegation.id, failed), 201);
    },
    (form) => renderForm(c, form),
    { people: "deleg.people", organisationId: "field.organisation" },
  );
});

async function renderDelegation(c: AppContext, delegationId: string, failed: { email: string; error: string }[] = [], replaceForms: Record<string, ReturnType<typeof emptyForm>> = {}, addForm = emptyForm({ attendance: "onsite" })) {
  const actor = requireActor(c.get("actor"));
  const { db } = c.get("deps");
  const delegation = await loadDelegationFor(db, delegationId, actor.personId, actor.isPlatformAdmin);
  const event = (await findEventById(db, delegation.eventId))!;
  const rows = await delegationMembers(db, delegation.id);
  const members = [];
  for (const r of rows) members.push({ registration: r.registration, name: r.name, email: r.email, position: await waitlistPosition(db, r.registration), answersMissing: r.answersMissing });
  const blocker = await registrationBlocker(c.get("deps"), event);
  return <DelegationPage ui={uiOf(c)} event={event} members={members} failed={failed} replaceForms={replaceForms} delegationId={delegation.id} pools={await listPools(db, event.id)} addForm={addForm} canAdd={!blocker} />;
}

const delegationId = (c: AppContext) => {
  const id = c.req.param("id") ?? "";
  if (!z.uuid().safeParse(id).success) throw notFound();
  return id;
};

delegationRoutes.get("/delegation/:id", async (c) => c.html(await renderDelegation(c, delegationId(c))));

delegationRoutes.post("/delegation/:id/byt/:rid", async (c) => {
  const actor = requireActor(c.get("actor"));
  const id = delegationId(c);
  const rid = c.req.param("rid") ?? "";
  const delegation = await loadDelegationFor(c.get("deps").db, id, actor.personId, actor.isPlatformAdmin);
  const raw = await readForm(c);
  const values = { name: raw[`name-${rid}`] ?? "", email: raw[`email-${rid}`] ?? "" };
  try {
    const input = parseInput(z.object({ name: requiredText(LIMITS.name), email }), values);
    await replaceDelegate(regContextOf(c.get("deps")), delegation, rid, input);
    setFlash(c, c.get("t")("deleg.replaced"));
    return c.redirect(`/delegation/${id}`, 303);
  } catch (err) {
    if (err instanceof AppError && (err.status === 422 || err.status === 409)) {
      return c.html(await renderDelegation(c, id, [], { [rid]: formStateFromError(c.get("t"), values, err, { name: "deleg.replaceName", email: "deleg.replaceEmail" }) }), err.status);
    }
    throw err;
  }
});

delegationRoutes.post("/delegation/:id/lagg-till", async (c) => {
  const contact = await contactOf(c);
  const actor = requireActor(c.get("actor"));
  const id = delegationId(c);
  const { db } = c.get("deps");
  const delegation = await loadDelegationFor(db, id, actor.personId, actor.isPlatformAdmin);
  const values = await readForm(c);
  try {
    const event = (await findEventById(db, delegation.eventId))!;
    const blocker = await registrationBlocker(c.get("deps"), event);
    if (blocker) throw new AppError("conflict", 409, { messageKey: blocker });
    const f = parseInput(DelegationForm.pick({ attendance: true, people: true }), values);
    const listed = parsePeopleList(f.people, "people", { nameRequired: true, max: MAX_DELEGATES });
    if (listed.errors.length) throw validationFailed(listed.errors);
    const outcomes = await addDelegates(regContextOf(c.get("deps")), event, delegation, contact.name, f.attendance as Attendance, listed.people.map((d) => ({ name: d.name!, email: d.email, attendance: d.attendance })));
    const failed = outcomes.filter((o) => o.error).map((o) => ({ email: o.email, error: c.get("t")(o.error!) }));
    if (failed.length) return c.html(await renderDelegation(c, id, failed), 200);
    setFlash(c, c.get("t")("deleg.added", { count: outcomes.length }));
    return c.redirect(`/delegation/${id}`, 303);
  } catch (err) {
    if (err instanceof AppError && (err.status === 422 || err.status === 409)) {
      return c.html(await renderDelegation(c, id, [], {}, formStateFromError(c.get("t"), values, err, { people: "deleg.people" })), err.status);
    }
    throw err;
  }
});

delegationRoutes.post("/delegation/:id/deltagande/:rid", async (c) => {
  const actor = requireActor(c.get("actor"));
  const id = delegationId(c);
  const rid = c.req.param("rid") ?? "";
  if (!z.uuid().safeParse(rid).success) throw notFound();
  const delegation = await loadDelegationFor(c.get("deps").db, id, actor.personId, actor.isPlatformAdmin);
  const values = await readForm(c);
  const to = parseInput(z.object({ attendance: z.enum(["onsite", "remote"]) }), { attendance: values[`attendance-${rid}`] ?? "" }).attendance;
  await changeDelegateAttendance(regContextOf(c.get("deps")), delegation, rid, to);
  setFlash(c, c.get("t")("deleg.attendanceChanged"));
  return c.redirect(`/delegation/${id}#m-${rid}`, 303);
});
