/** Delegations through the API: a logged-in contact (Bearer token) registers colleagues. */
import { createRoute, z } from "@hono/zod-openapi";
import { loadEventForRead, requireActor } from "../../auth/policy.js";
import { attendanceModes } from "../../db/schema.js";
import { findEventById } from "../../events/repository.js";
import { AppError } from "../../http/errors.js";
import { LIMITS, email, id as uuid, requiredText } from "../../shared/fields.js";
import { regContextOf } from "../context.js";
import type { Db } from "../../db/client.js";
import { findPersonById } from "../../people/repository.js";
import { addDelegates, changeDelegateAttendance, createDelegation, delegationMembers, loadDelegationFor, replaceDelegate } from "../delegations.js";
import { registrationBlocker } from "../submit.js";
import { waitlistPosition } from "../repository.js";
import type { Api } from "../../api/openapi.js";
import { IdParam, bearer, errorResponses, jsonBody, jsonResponse } from "../../api/openapi.js";

const Person = z.strictObject({ name: requiredText(LIMITS.name), email, attendance: z.enum(attendanceModes).optional().openapi({ description: "How this person takes part; the delegation's attendance when left out." }) });
const DelegationInput = z.strictObject({ organisationId: uuid, attendance: z.enum(attendanceModes).default("onsite"), people: z.array(Person).min(1).max(200) }).openapi("DelegationInput");
const Member = z.object({ registrationId: z.uuid(), name: z.string().nullable(), email: z.string().nullable(), status: z.string(), attendance: z.string(), position: z.number().int().nullable(), answersMissing: z.boolean().openapi({ description: "A required question is still unanswered (each delegate answers on their own page)." }) });
const DelegationJson = z.object({ id: z.uuid(), eventId: z.uuid(), members: z.array(Member), failed: z.array(z.object({ email: z.string(), error: z.string() })).optional() }).openapi("Delegation");

export function registerDelegationApi(api: Api) {
  api.openapi(
    createRoute({ method: "post", path: "/v1/events/{id}/delegations", tags: ["Registration"], summary: "Register a delegation (the token's person is the contact)", security: bearer, request: { params: IdParam, ...jsonBody(DelegationInput) }, responses: { 201: jsonResponse(DelegationJson, "Each person registered on their own; `failed` lists who could not be (e.g. the organisation's cap)."), ...errorResponses } }),
    async (c) => {
      const actor = requireActor(c.get("actor"));
      const { db } = c.get("deps");
      const event = await loadEventForRead(db, actor, await findEventById(db, c.req.valid("param").id));
      const blocker = await registrationBlocker(c.get("deps"), event);
      if (blocker) throw new AppError("conflict", 409, { messageKey: blocker });
      const input = c.req.valid("json");
      const { delegation, outcomes } = await createDelegation(regContextOf(c.get("deps")), event, await contactOf(db, actor), input.organisationId, input.attendance, input.people);
      const members = await membersJson(c.get("deps").db, delegation.id);
      return c.json({ id: delegation.id, eventId: event.id, members, failed: outcomes.filter((o) => o.error).map((o) => ({ email: o.email, error: c.get("t")(o.error!) })) }, 201);
    },
  );

  api.openapi(
    createRoute({ method: "get", path: "/v1/delegations/{id}", tags: ["Registration"], summary: "A delegation (its contact only)", security: bearer, request: { params: IdParam }, responses: { 200: jsonResponse(DelegationJson, "The delegation."), ...errorResponses } }),
    async (c) => {
      const actor = requireActor(c.get("actor"));
      const d = await loadDelegationFor(c.get("deps").db, c.req.valid("param").id, actor.personId, actor.isPlatformAdmin);
      return c.json({ id: d.id, eventId: d.eventId, members: await membersJson(c.get("deps").db, d.id) }, 200);
    },
  );

  api.openapi(
    createRoute({ method: "post", path: "/v1/delegations/{id}/people", tags: ["Registration"], summary: "Add colleagues to a delegation (its contact only)", security: bearer, request: { params: IdParam, ...jsonBody(z.strictObject({ attendance: z.enum(attendanceModes).default("onsite"), people: z.array(Person).min(1).max(200) })) }, responses: { 200: jsonResponse(DelegationJson, "The delegation with the new colleagues; `failed` lists who could not be registered."), ...errorResponses } }),
    async (c) => {
      const actor = requireActor(c.get("actor"));
      const { db } = c.get("deps");
      const d = await loadDelegationFor(db, c.req.valid("param").id, actor.personId, actor.isPlatformAdmin);
      const event = (await findEventById(db, d.eventId))!;
      const blocker = await registrationBlocker(c.get("deps"), event);
      if (blocker) throw new AppError("conflict", 409, { messageKey: blocker });
      const body = c.req.valid("json");
      const outcomes = await addDelegates(regContextOf(c.get("deps")), event, d, (await contactOf(db, actor)).name, body.attendance, body.people);
      return c.json({ id: d.id, eventId: d.eventId, members: await membersJson(db, d.id), failed: outcomes.filter((o) => o.error).map((o) => ({ email: o.email, error: c.get("t")(o.error!) })) }, 200);
    },
  );

  api.openapi(
    createRoute({ method: "patch", path: "/v1/delegations/{id}/members/{registrationId}", tags: ["Registration"], summary: "Change how one delegate takes part (within capacity; its contact only)", security: bearer, request: { params: IdParam.extend({ registrationId: uuid.openapi({ param: { name: "registrationId", in: "path" } }) }), ...jsonBody(z.strictObject({ attendance: z.enum(attendanceModes) })) }, responses: { 200: jsonResponse(DelegationJson, "The delegation after the change."), ...errorResponses } }),
    async (c) => {
      const actor = requireActor(c.get("actor"));
      const { db } = c.get("deps");
      const { id, registrationId } = c.req.valid("param");
      const d = await loadDelegationFor(db, id, actor.personId, actor.isPlatformAdmin);
      await changeDelegateAttendance(regContextOf(c.get("deps")), d, registrationId, c.req.valid("json").attendance);
      return c.json({ id: d.id, eventId: d.eventId, members: await membersJson(db, d.id) }, 200);
    },
  );

  api.openapi(
    createRoute({ method: "post", path: "/v1/delegations/{id}/replace", tags: ["Registration"], summary: "Give a delegate's place to someone else", security: bearer, request: { params: IdParam, ...jsonBody(z.strictObject({ registrationId: uuid, name: requiredText(LIMITS.name), email })) }, responses: { 200: jsonResponse(DelegationJson, "The delegation after the change."), ...errorResponses } }),
    async (c) => {
      const actor = requireActor(c.get("actor"));
      const d = await loadDelegationFor(c.get("deps").db, c.req.valid("param").id, actor.personId, actor.isPlatformAdmin);
      const body = c.req.valid("json");
      await replaceDelegate(regContextOf(c.get("deps")), d, body.registrationId, body);
      return c.json({ id: d.id, eventId: d.eventId, members: await membersJson(c.get("deps").db, d.id) }, 200);
    },
  );
}

async function membersJson(db: Db, delegationId: string) {
  const rows = await delegationMembers(db, delegationId);
  const out = [];
  for (const r of rows) out.push({ registrationId: r.registration.id, name: r.name, email: r.email, status: r.registration.status, attendance: r.registration.attendance, position: await waitlistPosition(db, r.registration), answersMissing: r.answersMissing });
  return out;
}

async function contactOf(db: Db, actor: { personId: string; name: string; email: string | null }) {
  const person = await findPersonById(db, actor.personId);
  return { personId: actor.personId, name: person?.name ?? actor.name, email: person?.email ?? actor.email, locale: person?.locale ?? null };
}
