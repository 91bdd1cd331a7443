/** Registration endpoints: public registering (rate limited), the person's manage token, organisers' lists and actions. */
import { createRoute, z } from "@hono/zod-openapi";
import { authorizeRegistration, canManageSpace, canSeeSensitive, loadEventForRead, loadEventForWrite, requireActor } from "../../auth/policy.js";
import { attendanceModes, registrationStatuses } from "../../db/schema.js";
import type { AppContext } from "../../http/env.js";
import { AppError } from "../../http/errors.js";
import { regContextOf } from "../context.js";
import { summarise } from "../reports.js";
import { exportRegistrations } from "../export.js";
import { findSettings, listQuestions, listRegistrations, listRegistrationsOfPerson, waitlistPosition, type RegistrationRow } from "../repository.js";
import { createInvitations } from "../invitations.js";
import { withRegistrationSetup } from "../setup-cache.js";
import { email, optionalText } from "../../shared/fields.js";
import { PageQuery, RegistrationFilterQuery, RegistrationInput, RegistrationResult } from "../schemas.js";
import { acceptOffer, approveRegistration, cancelRegistration, changeAttendance, declineOffer, declineRegistration, manageUrl, updateAnswers } from "../service.js";
import { validateAnswers } from "../questions.js";
import { addByOrganiser, parseRegistrationInput, submitRegistration } from "../submit.js";
import { withRegistrationLimits } from "../rate-limits.js";
import type { Api } from "../../api/openapi.js";
import { IdParam, bearer, errorResponses, jsonResponse } from "../../api/openapi.js";
import { ticketCode } from "../../checkin/tickets.js";

const RegistrationJson = z
  .object({
    id: z.uuid(),
    eventId: z.uuid(),
    status: z.enum(registrationStatuses),
    attendance: z.enum(attendanceModes),
    position: z.number().int().nullable(),
    offerExpiresAt: z.string().nullable(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    organisationId: z.uuid().nullable(),
    organisationName: z.string().nullable(),
    municipalityCode: z.string().nullable(),
    countyCode: z.string().nullable(),
    answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    sensitiveAnswers: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional().openapi({ description: "Only for organisers with the right to see health data." }),
    createdAt: z.string(),
  })
  .openapi("Registration");

export const ManageToken = z.object({ token: z.string().max(100).optional().openapi({ description: "The manage token from the e-mailed link (or header X-Manage-Token)." }) });

async function resultJson(c: AppContext, r: RegistrationRow, url: string | null, knownPosition?: number | null) {
  return {
    id: r.id,
    status: r.status,
    attendance: r.attendance,
    position: knownPosition !== undefined ? knownPosition : await waitlistPosition(c.get("deps").db, r),
    offerExpiresAt: r.offerExpiresAt?.toISOString() ?? null,
    manageUrl: url,
    // The ticket goes where the manage link goes: to the person themselves and to organisers.
    ticket: url && r.status === "confirmed" ? await ticketCode(c.get("deps").db, r) : null,
  };
}

/** The one authorization for a registration (auth/policy.ts), with the token from header or query. */
export const authorize = (c: AppContext, id: string, organiserOnly = false) =>
  authorizeRegistration(c.get("deps").db, c.get("deps").linkKey, c.get("actor"), id, c.req.header("x-manage-token") ?? c.req.query("token"), organiserOnly);

export function registerRegistrationApi(api: Api) {
  // Registering takes any object (its answers depend on the event's questions) and reads it as RegistrationInput.
  api.openAPIRegistry.register("RegistrationInput", RegistrationInput);
  api.openapi(
    createRoute({
      method: "post",
      path: "/v1/events/{id}/registrations",
      tags: ["Registration"],
      summary: "Register for an event (no token needed; rate limited)",
      description: "201 with the new registration; 200 with the existing one when the person (e-mail) is already registered, never a duplicate. Status is confirmed, waitlisted (with position), offered or pending_approval. With a participant's token the token's person is registered; with an organiser's token and another person's e-mail, that person is added (as on the organiser page).",
      request: { params: IdParam, body: { content: { "application/json": { schema: z.record(z.string(), z.unknown()).openapi({ description: "See RegistrationInput." }) } }, required: true } },
      responses: { 201: jsonResponse(RegistrationResult, "Registered."), 200: jsonResponse(RegistrationResult, "Already registered."), ...errorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { db } = c.get("deps");
      const actor = c.get("actor");
      const body = c.req.valid("json");
      return withRegistrationLimits(c, body.email, (limits) =>
        withRegistrationSetup(db, { id }, !actor, async (setup, version) => {
          const event = await loadEventForRead(db, actor, setup?.event);
          const { input, questions } = await parseRegistrationInput(c.get("deps"), event, body, c.get("locale"), setup!.questions, "api", !actor);
          // An organiser's token adding someone else: outside the window and mode, like the organiser page.
          if (actor && input.email && input.email !== actor.email && (await canManageSpace(db, actor, event.spaceId))) {
            await limits.enforce();
            const result = await addByOrganiser(c.get("deps"), event, input, questions);
            return c.json(await resultJson(c, result.registration, manageUrl(regContextOf(c.get("deps")), result.registration)), result.created ? 201 : 200);
          }
          const result = await submitRegistration(c.get("deps"), event, input, actor, c.get("locale"), { questions, settings: setup!.settings, version }, limits);
          return c.json(await resultJson(c, result.registration, result.manageUrl, result.position), result.created ? 201 : 200);
        }),
      );
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/events/{id}/registrations",
      tags: ["Registration"],
      summary: "Registrations, filtered (organisers)",
      security: bearer,
      description: "One page (limit, offset) of the registrations the filter matches, in arrival order; total, totals and catering counts cover every match, not just the page. Totals per region and municipality count confirmed and waiting apart; catering counts only those confirmed on site, per option, and free texts without names.",
      request: { params: IdParam, query: RegistrationFilterQuery.extend(PageQuery.shape) },
      responses: {
        200: jsonResponse(z.object({ data: z.array(RegistrationJson), total: z.number().int(), limit: z.number().int(), offset: z.number().int(), totals: z.unknown(), catering: z.unknown() }), "Registrations in arrival order, with totals."),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const f = c.req.valid("query");
      const { db } = c.get("deps");
      const event = await loadEventForWrite(db, requireActor(c.get("actor")), id);
      const sensitive = await canSeeSensitive(db, c.get("actor"), event.spaceId);
      const filter = { q: f.q, status: f.status, attendance: f.attendance, organisationKind: f.organisationKind, municipalityCode: f.municipality, countyCode: f.region };
      const questions = await listQuestions(db, event.id);
      const [rows, summary] = await Promise.all([listRegistrations(db, event.id, filter, { limit: f.limit, offset: f.offset }), summarise(db, event.id, filter, questions)]);
      return c.json(
        {
          data: rows.map((r) => ({
            id: r.id,
            eventId: r.eventId,
            status: r.status,
            attendance: r.attendance,
            position: r.position,
            offerExpiresAt: r.offerExpiresAt?.toISOString() ?? null,
            name: r.name,
            email: r.email,
            organisationId: r.organisationId,
            organisationName: r.organisationName,
            municipalityCode: r.municipalityCode,
            countyCode: r.countyCode,
            answers: r.answers,
            ...(sensitive ? { sensitiveAnswers: r.sensitiveAnswers } : {}),
            createdAt: r.createdAt.toISOString(),
          })),
          total: summary.count,
          limit: f.limit,
          offset: f.offset,
          totals: summary.totals,
          catering: summary.catering.map((x) => ({ questionId: x.question.id, answered: x.answered, options: x.options.map((o) => ({ value: o.option.value, count: o.count })), yes: x.yes, no: x.no, texts: x.texts })),
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/events/{id}/registrations/export",
      tags: ["Registration"],
      summary: "Export the filtered registrations as CSV or XLSX (organisers)",
      security: bearer,
      request: { params: IdParam, query: RegistrationFilterQuery.extend({ format: z.enum(["csv", "xlsx"]).default("csv") }) },
      responses: { 200: { description: "text/csv or an Excel workbook." }, ...errorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const f = c.req.valid("query");
      const { db } = c.get("deps");
      const event = await loadEventForWrite(db, requireActor(c.get("actor")), id);
      const filter = { q: f.q, status: f.status, attendance: f.attendance, organisationKind: f.organisationKind, municipalityCode: f.municipality, countyCode: f.region };
      const file = await exportRegistrations(c.get("deps"), c.get("actor"), event, filter, f.format, c.get("t"), c.get("locale"));
      c.header("Content-Disposition", `attachment; filename="${file.filename}"`);
      return c.body(file.body, 200, { "Content-Type": file.contentType });
    },
  );

  const registrationRoute = (method: "get" | "delete" | "post" | "patch", path: string, summary: string, extra: object = {}) =>
    createRoute({ method, path, tags: ["Registration"], summary, request: { params: IdParam, query: ManageToken, ...extra }, responses: { 200: jsonResponse(RegistrationResult, "The registration."), ...errorResponses } });

  api.openapi(registrationRoute("get", "/v1/registrations/{id}", "One registration (manage token or organiser)"), async (c) => {
    const { registration } = await authorize(c, c.req.valid("param").id);
    return c.json(await resultJson(c, registration, null), 200);
  });

  api.openapi(registrationRoute("delete", "/v1/registrations/{id}", "Cancel (manage token before the deadline, or organiser); the place goes to the next in line"), async (c) => {
    const { registration, event, asOrganiser } = await authorize(c, c.req.valid("param").id);
    const settings = await findSettings(c.get("deps").db, event.id);
    if (!asOrganiser && c.get("deps").now() >= (settings?.cancelUntil ?? event.startsAt)) throw new AppError("conflict", 409, { messageKey: "reg.error.cancel_deadline" });
    const row = await cancelRegistration(regContextOf(c.get("deps")), registration.id);
    return c.json(await resultJson(c, row, null), 200);
  });

  api.openapi(
    createRoute({
      method: "patch",
      path: "/v1/registrations/{id}",
      tags: ["Registration"],
      summary: "Change attendance (within capacity) or answers",
      request: { params: IdParam, query: ManageToken, body: { content: { "application/json": { schema: z.strictObject({ attendance: z.enum(attendanceModes).optional(), answers: z.record(z.string().max(64), z.union([z.string().max(5000), z.array(z.string().max(200)).max(50)])).optional() }) } }, required: true } },
      responses: { 200: jsonResponse(RegistrationResult, "The registration."), ...errorResponses },
    }),
    async (c) => {
      const { registration, event } = await authorize(c, c.req.valid("param").id);
      const body = c.req.valid("json");
      const ctx = regContextOf(c.get("deps"));
      let row = registration;
      if (body.answers) {
        const { answers, sensitiveAnswers } = validateAnswers(await listQuestions(c.get("deps").db, event.id), body.answers, c.get("locale"));
        row = await updateAnswers(ctx, registration.id, answers, sensitiveAnswers);
      }
      if (body.attendance) row = await changeAttendance(ctx, registration.id, body.attendance);
      return c.json(await resultJson(c, row, null), 200);
    },
  );

  for (const [path, summary, organiserOnly, act] of [
    ["accept-offer", "Accept an offered place", false, acceptOffer],
    ["decline-offer", "Decline an offered place", false, declineOffer],
    ["approve", "Approve (organisers)", true, approveRegistration],
    ["decline", "Decline (organisers)", true, declineRegistration],
  ] as const) {
    api.openapi(registrationRoute("post", `/v1/registrations/{id}/${path}`, summary), async (c) => {
      const { registration } = await authorize(c, c.req.valid("param").id, organiserOnly);
      const row = await act(regContextOf(c.get("deps")), registration.id);
      return c.json(await resultJson(c, row, organiserOnly ? null : manageUrl(regContextOf(c.get("deps")), row)), 200);
    });
  }

  api.openapi(
    createRoute({ method: "post", path: "/v1/events/{id}/invitations", tags: ["Registration"], summary: "Send personal invitations (organisers)", security: bearer, request: { params: IdParam, body: { content: { "application/json": { schema: z.strictObject({ invitees: z.array(z.strictObject({ email, name: optionalText(200) })).min(1).max(2000) }).openapi("InvitationsInput") } }, required: true } }, responses: { 201: jsonResponse(z.object({ invited: z.number().int() }), "How many new invitations were sent (already invited addresses are skipped)."), ...errorResponses } }),
    async (c) => {
      const { db } = c.get("deps");
      const event = await loadEventForWrite(db, requireActor(c.get("actor")), c.req.valid("param").id);
      return c.json({ invited: await createInvitations(regContextOf(c.get("deps")), event, c.req.valid("json").invitees) }, 201);
    },
  );

  api.openapi(
    createRoute({ method: "get", path: "/v1/me/registrations", tags: ["Registration"], summary: "Your own registrations (Mina anmälningar)", security: bearer, responses: { 200: jsonResponse(z.object({ data: z.array(RegistrationResult.extend({ eventId: z.uuid() })) }), "Newest first."), 401: errorResponses[401] } }),
    async (c) => {
      const actor = requireActor(c.get("actor"));
      const ctx = regContextOf(c.get("deps"));
      const rows = await listRegistrationsOfPerson(c.get("deps").db, actor.personId);
      const data = [];
      for (const r of rows) data.push({ ...(await resultJson(c, r, manageUrl(ctx, r))), eventId: r.eventId });
      return c.json({ data }, 200);
    },
  );

}
