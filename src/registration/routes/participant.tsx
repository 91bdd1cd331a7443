/** The participant's side: the registration form, the manage link, "Mina anmälningar". */
import { Hono } from "hono";
import { loadEventForRead, requireActor } from "../../auth/policy.js";
import type { AppContext, AppEnv } from "../../http/env.js";
import { clearCookie, setFlash } from "../../http/cookies.js";
import { SESSION_COOKIE } from "../../auth/middleware.js";
import { AppError, fieldError, notFound } from "../../http/errors.js";
import { withRegistrationLimits } from "../rate-limits.js";
import { emptyForm, uiOf, type FormState } from "../../http/ui.js";
import { readForm, submitForm } from "../../http/forms.js";
import { findEventById, findEventBySlug } from "../../events/repository.js";
import { searchOrganisations } from "../../organisations/repository.js";
import { findPersonById } from "../../people/repository.js";
import { findSpaceById } from "../../spaces/repository.js";
import { signLink } from "../../shared/signed-links.js";
import { regContextOf } from "../context.js";
import { findRegistrationByManageToken, findSettings, listPools, listQuestions, listRegistrationsOfPerson, waitlistPosition } from "../repository.js";
import { acceptOffer, cancelRegistration, changeAttendance, declineOffer, updateAnswers } from "../service.js";
import { validateAnswers } from "../questions.js";
import { parseRegistrationInput, registrationBlocker, submitRegistration } from "../submit.js";
import { withRegistrationSetup } from "../setup-cache.js";
import { ErasePage, ManagePage, MyRegistrationsPage, RegistrationFormPage, RegistrationResultPage } from "../views/participant.js";
import { exportPersonData } from "../personal-data.js";
import { erasePerson, erasureBlocker } from "../erasure.js";
import { listDelegationsOf } from "../delegations.js";
import { calendarInvite } from "../mails.js";
import { ticketCode, ticketQrSvg } from "../../checkin/tickets.js";
import { pdfResponse, registrationTicketPdf } from "../../checkin/pdf-response.js";
import { longDate, timeRange } from "../../i18n/format.js";
import { pick } from "../../i18n/messages.js";
import { rolesOfPerson } from "../../auth/roles.js";
import { checkSeatChoice, chooseSessions, choicesOf, sessionsWithSeats } from "../../sessions/service.js";
import { exhibitingOf, linksFor, speakerLinksOf } from "../../remote/service.js";

export const participantRoutes = new Hono<AppEnv>();

async function formContext(c: AppContext) {
  const { db } = c.get("deps");
  const event = await loadEventForRead(db, c.get("actor"), await findEventBySlug(db, (c.req.param("slug") ?? "").slice(0, 100)));
  const [settings, pools, questions, organisations, space] = await Promise.all([
    findSettings(db, event.id),
    listPools(db, event.id),
    listQuestions(db, event.id),
    searchOrganisations(db, "", { limit: 2000 }),
    findSpaceById(db, event.spaceId),
  ]);
  return { event, settings, pools, questions, organisations, space: space! };
}

async function renderForm(c: AppContext, form: FormState, invitationToken: string | null) {
  const ctx = await formContext(c);
  const blocker = await registrationBlocker(c.get("deps"), ctx.event);
  if (!ctx.settings) throw notFound();
  return (
    <RegistrationFormPage
      ui={uiOf(c)}
      {...ctx}
      settings={ctx.settings}
      form={form}
      blocker={blocker ? c.get("t")(blocker) : null}
      invitationToken={invitationToken}
      seatSessions={await sessionsWithSeats(c.get("deps").db, ctx.event.id)}
    />
  );
}

participantRoutes.get("/evenemang/:slug/anmalan", async (c) => {
  const actor = c.get("actor");
  const person = actor ? await findPersonById(c.get("deps").db, actor.personId) : undefined;
  const token = c.req.query("inbjudan")?.slice(0, 200) ?? null;
  return c.html(await renderForm(c, emptyForm({ organisationId: person?.organisationId ?? "" }), token));
});

/** Form fields → the API's RegistrationInput ("q.<id>" fields are answers; repeated ones are lists). */
async function readRegistrationForm(c: AppContext): Promise<{ input: Record<string, unknown> & { email?: string }; values: Record<string, string> }> {
  const body = await c.req.parseBody({ all: true });
  const values: Record<string, string> = {};
  const answers: Record<string, string | string[]> = {};
  const fields: Record<string, string> = {};
  for (const [key, raw] of Object.entries(body)) {
    if (key === "_csrf") continue;
    const list = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === "string");
    values[key] = list.join("\u001f");
    if (key.startsWith("q.")) answers[key.slice(2)] = list.length > 1 ? list : (list[0] ?? "");
    else fields[key] = list[0] ?? "";
  }
  const { name, email, organisationId, organisationName, attendance, invitationToken } = fields;
  const input = { name, email: email || undefined, organisationId, organisationName, attendance: attendance || undefined, answers, invitationToken: invitationToken || undefined };
  return { input, values };
}

participantRoutes.post("/evenemang/:slug/anmalan", async (c) => {
  const { db } = c.get("deps");
  const actor = c.get("actor");
  const { input, values } = await readRegistrationForm(c);
  return submitForm(
    c,
    values,
    () =>
      withRegistrationLimits(c, input.email, (limits) =>
      withRegistrationSetup(db, { slug: (c.req.param("slug") ?? "").slice(0, 100) }, !actor, async (setup, version) => {
        const event = await loadEventForRead(db, actor, setup?.event);
        const parsed = await parseRegistrationInput(c.get("deps"), event, input, c.get("locale"), setup!.questions, "form", !actor);
        const wanted = values.sessions ? values.sessions.split("\u001f").filter(Boolean) : [];
        if (wanted.length) await checkSeatChoice(db, event.id, wanted, c.get("locale"));
        const result = await submitRegistration(c.get("deps"), event, parsed.input, actor, c.get("locale"), { questions: parsed.questions, settings: setup!.settings, version }, limits);
        if (wanted.length && result.created && result.registration.status === "confirmed") await chooseSessions(db, result.registration.id, wanted, c.get("deps").now(), c.get("locale"));
        const person = result.registration.personId ? await findPersonById(db, result.registration.personId) : undefined;
        return c.html(
          <RegistrationResultPage ui={uiOf(c)} event={event} registration={result.registration} position={result.position} manageUrl={result.manageUrl} created={result.created} email={person?.email ?? null} questions={parsed.questions} pools={await listPools(db, event.id)} />,
          result.created ? 201 : 200,
        );
      })),
    (form) => renderForm(c, form, values.invitationToken || null),
    { organisationId: "field.organisation" },
  );
});

// ── The manage link: GET shows, POST acts (mail scanners only GET) ──────────────
async function managed(c: AppContext) {
  const { db, linkKey } = c.get("deps");
  const token = (c.req.param("token") ?? "").slice(0, 100);
  const registration = await findRegistrationByManageToken(db, linkKey, token);
  if (!registration) throw notFound();
  const event = (await findEventById(db, registration.eventId))!;
  const settings = await findSettings(db, event.id);
  const cancelDeadline = settings?.cancelUntil ?? event.startsAt;
  return { token, registration, event, cancelDeadline, canCancel: c.get("deps").now() < cancelDeadline };
}

async function renderManage(c: AppContext, forms: { answers?: FormState; seats?: FormState } = {}) {
  const answersForm = forms.answers;
  const m = await managed(c);
  const { db } = c.get("deps");
  const [position, pools, questions, sessions, choices, remote] = await Promise.all([waitlistPosition(db, m.registration), listPools(db, m.event.id), listQuestions(db, m.event.id), sessionsWithSeats(db, m.event.id), choicesOf(db, m.registration.id), linksFor(db, m.registration)]);
  const current: Record<string, string> = {};
  for (const [id, a] of Object.entries({ ...m.registration.answers, ...m.registration.sensitiveAnswers })) current[`q.${id}`] = Array.isArray(a) ? a.join("\u001f") : a;
  const ticket = m.registration.status === "confirmed" ? await ticketCode(db, m.registration) : null;
  return <ManagePage ui={uiOf(c)} {...m} position={position} pools={pools} questions={questions} answersForm={answersForm ?? emptyForm(current)} ticket={ticket ? { code: ticket, svg: await ticketQrSvg(ticket) } : null} seats={{ sessions, choices, form: forms.seats ?? emptyForm() }} remote={remote} />;
}

participantRoutes.get("/anmalan/:token", async (c) => c.html(await renderManage(c)));

/** The calendar entry of a confirmed registration, the same one the confirmation mail carries. */
participantRoutes.get("/anmalan/:token/kalender.ics", async (c) => {
  const m = await managed(c);
  const { db, now } = c.get("deps");
  const person = m.registration.personId ? await findPersonById(db, m.registration.personId) : undefined;
  if (m.registration.status !== "confirmed" || !person?.email) throw notFound();
  const ctx = regContextOf(c.get("deps"));
  const body = calendarInvite({
    locale: c.get("locale"),
    event: m.event,
    person: { name: person.name, email: person.email },
    registrationId: m.registration.id,
    sequence: m.registration.icsSequence,
    publicUrl: ctx.publicUrl,
    organizer: ctx.organizer,
    attendance: m.registration.attendance,
    stamp: now(),
  });
  c.header("Content-Disposition", `attachment; filename="${m.event.slug}.ics"`);
  return c.body(body, 200, { "Content-Type": "text/calendar; charset=utf-8; method=REQUEST" });
});

/** The sessions with seats the person holds or waits for, sent as a whole (a no-JS form). */
participantRoutes.post("/anmalan/:token/pass", async (c) => {
  const m = await managed(c);
  const body = await c.req.parseBody({ all: true });
  const sent = ([] as unknown[]).concat(body.sessions ?? []).filter((v): v is string => typeof v === "string" && v !== "");
  const values = { sessions: sent.join("\u001f") };
  return submitForm(
    c,
    values,
    async () => {
      if (sent.some((v) => !/^[0-9a-f-]{36}$/i.test(v))) throw fieldError("sessions", "seats.error.unknown");
      await chooseSessions(c.get("deps").db, m.registration.id, sent, c.get("deps").now(), c.get("locale"));
      setFlash(c, c.get("t")("seats.saved"));
      return c.redirect(`/anmalan/${m.token}`, 303);
    },
    (form) => renderManage(c, { seats: form }),
  );
});

/** The ticket as one A4 page to print; only a confirmed registration has one. */
participantRoutes.get("/anmalan/:token/biljett.pdf", async (c) => {
  const m = await managed(c);
  if (m.registration.status !== "confirmed") throw notFound();
  return pdfResponse(c, await registrationTicketPdf(c.get("deps").db, m.registration, m.event, c.get("t"), c.get("locale")), `${m.event.slug}-biljett.pdf`);
});

participantRoutes.post("/anmalan/:token/svar", async (c) => {
  const m = await managed(c);
  const { input, values } = await readRegistrationForm(c);
  return submitForm(
    c,
    values,
    async () => {
      const questions = await listQuestions(c.get("deps").db, m.event.id);
      const { answers, sensitiveAnswers } = validateAnswers(questions, (input as { answers: Record<string, unknown> }).answers, c.get("locale"));
      await updateAnswers(regContextOf(c.get("deps")), m.registration.id, answers, sensitiveAnswers);
      setFlash(c, c.get("t")("reg.manage.saved"));
      return c.redirect(`/anmalan/${m.token}`, 303);
    },
    (form) => renderManage(c, { answers: form }),
  );
});

const manageAction = (path: string, act: (c: AppContext, id: string) => Promise<unknown>, message: "reg.manage.cancelled" | "reg.manage.accepted" | "reg.manage.declined" | "reg.manage.saved") =>
  participantRoutes.post(`/anmalan/:token/${path}`, async (c) => {
    const m = await managed(c);
    await act(c, m.registration.id);
    setFlash(c, c.get("t")(message));
    return c.redirect(`/anmalan/${m.token}`, 303);
  });

manageAction(
  "avboka",
  async (c, id) => {
    const m = await managed(c);
    if (!m.canCancel) throw new AppError("conflict", 409, { messageKey: "reg.error.cancel_deadline" });
    await cancelRegistration(regContextOf(c.get("deps")), id);
  },
  "reg.manage.cancelled",
);
manageAction("acceptera", (c, id) => acceptOffer(regContextOf(c.get("deps")), id), "reg.manage.accepted");
manageAction("avsta", (c, id) => declineOffer(regContextOf(c.get("deps")), id), "reg.manage.declined");
manageAction(
  "andra",
  async (c, id) => {
    const body = await c.req.parseBody();
    const to = body.attendance === "remote" ? "remote" : body.attendance === "onsite" ? "onsite" : null;
    if (!to) throw new AppError("validation_failed", 422, { fields: [{ field: "attendance", key: "reg.error.attendance" }] });
    await changeAttendance(regContextOf(c.get("deps")), id, to);
  },
  "reg.manage.saved",
);

// ── Mina anmälningar ─────────────────────────────────────────────────────────
participantRoutes.get("/mina-anmalningar", async (c) => {
  const actor = requireActor(c.get("actor"));
  const { db, linkKey } = c.get("deps");
  const rows = await listRegistrationsOfPerson(db, actor.personId);
  const items = [];
  for (const r of rows) {
    const event = await findEventById(db, r.eventId);
    if (!event) continue;
    const ticket = r.status === "confirmed" ? await ticketCode(db, r) : null;
    items.push({ event, registration: r, managePath: `/anmalan/${signLink(linkKey, "registration", r.id, r.manageVersion)}`, position: await waitlistPosition(db, r), remote: !!(await linksFor(db, r)), ticketSvg: ticket ? await ticketQrSvg(ticket) : null });
  }
  const delegationItems = [];
  for (const d of await listDelegationsOf(db, actor.personId)) {
    const event = await findEventById(db, d.eventId);
    if (event) delegationItems.push({ id: d.id, event });
  }
  const tasks = (await rolesOfPerson(db, actor.personId)).filter((r) => r.role === "checkin");
  const t = c.get("t");
  const locale = c.get("locale");
  const program = [
    ...(await speakerLinksOf(db, actor.personId)).map((x) => ({
      text: `${pick(locale, x.event.titleSv, x.event.titleEn)}: ${t("remote.speakerLine", { role: t(`role.${x.role}`), session: pick(locale, x.session.titleSv, x.session.titleEn), when: `${longDate(x.session.startsAt, locale)}, ${timeRange(x.session.startsAt, x.session.endsAt, locale)}` })}${x.remote ? ` (${t("role.remote")})` : ""}`,
      link: x.link ? { speakerUrl: x.link.speakerUrl, speakerNote: x.link.speakerNote } : null,
    })),
    ...(await exhibitingOf(db, actor.personId)).map((x) => ({ text: `${pick(locale, x.titleSv, x.titleEn)}: ${t("remote.exhibitorLine", { name: x.name, booth: x.booth ? `, ${t("field.booth")} ${x.booth}` : "" })}`, link: null })),
  ];
  return c.html(<MyRegistrationsPage ui={uiOf(c)} items={items} delegations={delegationItems} tasks={tasks} program={program} />);
});

participantRoutes.get("/mina-anmalningar/mina-uppgifter.json", async (c) => {
  const actor = requireActor(c.get("actor"));
  const data = await exportPersonData(c.get("deps").db, actor.personId);
  c.header("Content-Disposition", 'attachment; filename="mina-uppgifter.json"');
  return c.json(data);
});

// ── Radera mina uppgifter ────────────────────────────────────────────────────
async function renderErase(c: AppContext, form: FormState = emptyForm()) {
  const actor = requireActor(c.get("actor"));
  const blocker = await erasureBlocker(c.get("deps").db, actor.personId);
  return <ErasePage ui={uiOf(c)} form={form} blocker={blocker ? c.get("t")(blocker.key, { spaces: blocker.spaces.join(", ") }) : null} />;
}

participantRoutes.get("/mina-anmalningar/radera", async (c) => c.html(await renderErase(c)));

participantRoutes.post("/mina-anmalningar/radera", async (c) => {
  const actor = requireActor(c.get("actor"));
  const values = await readForm(c);
  return submitForm(
    c,
    values,
    async () => {
      if (values.confirm !== "on") throw fieldError("confirm", "erase.confirm_required");
      await erasePerson(regContextOf(c.get("deps")), actor.personId);
      // The session went with the person; the cookie goes too.
      clearCookie(c, SESSION_COOKIE);
      setFlash(c, c.get("t")("erase.done"));
      return c.redirect("/", 303);
    },
    (form) => renderErase(c, form),
  );
});
