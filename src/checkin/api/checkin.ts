/** Check-in and event roles in the JSON API: the same rules as the pages, for scanning apps. */
import { createRoute, z } from "@hono/zod-openapi";
import type { Api } from "../../api/openapi.js";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../http/env.js";
import { IdParam, bearer, errorResponses, jsonBody, jsonResponse } from "../../api/openapi.js";
import { loadEventFor, requireActor } from "../../auth/policy.js";
import { grantEventRoleByEmail, listEventRoles, withdrawEventRole } from "../../auth/roles.js";
import { notFound } from "../../http/errors.js";
import { email } from "../../shared/fields.js";
import { eventRoleKinds } from "../schema.js";
import { findList, listsWithCounts, redeem, redeemJson, redeemKinds } from "../service.js";
import { OfflineJson, OfflineUpload, offlinePackage, redeemUpload } from "../offline.js";
import { eventKey } from "../tickets.js";
import { BadgeQuery, eventBadges, pdfResponse, registrationTicketPdf } from "../pdf-response.js";
import { ManageToken, authorize } from "../../registration/api/registrations.js";

const Counts = z.object({ expected: z.number().int(), arrived: z.number().int(), onsite: z.object({ expected: z.number().int(), arrived: z.number().int() }), remote: z.object({ expected: z.number().int(), arrived: z.number().int() }) });
const ListJson = z
  .object({ id: z.uuid(), eventId: z.uuid(), name: z.string(), attendance: z.enum(["onsite", "remote"]).nullable(), sessionId: z.uuid().nullable().openapi({ description: "A list for one session with seats: only those seated count." }), allowReentry: z.boolean(), counts: Counts })
  .openapi("CheckinList");
const RedeemInput = z
  .strictObject({
    // Read, never stored; a scanned code has no spaces.
    code: z.string().max(200).regex(/^\S+$/, { message: "checkin.result.invalid" }).optional().openapi({ description: "The ticket's code as scanned (SV1.…)." }),
    registrationId: z.uuid().optional().openapi({ description: "Or a registration found by name." }),
    nonce: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, { message: "checkin.error.nonce" }).openapi({ description: "Chosen by the scanner for each scan (8–100 letters, digits, - or _, e.g. a UUID); sending it again is the same check-in." }),
  })
  .refine((v) => !!v.code || !!v.registrationId, { message: "checkin.error.code_or_registration", path: ["code"] })
  .openapi("RedeemInput");
const RedeemJson = z
  .object({
    result: z.enum(redeemKinds),
    name: z.string().nullable(),
    organisationName: z.string().nullable(),
    at: z.string().nullable().openapi({ description: "When checked in (now, or the first time for \"already\")." }),
  })
  .openapi("RedeemResult");
const ListParams = z.object({ id: z.uuid({ message: "validation.uuid" }).openapi({ param: { name: "id", in: "path" } }) });
const RoleJson = z.object({ personId: z.uuid(), name: z.string(), email: z.string().nullable(), role: z.enum(eventRoleKinds) }).openapi("EventRole");

/** A check-in list the actor may scan on (check-in staff of its event, its organisers). */
async function stationList(db: Db, who: Actor | null, listId: string) {
  const actor = requireActor(who);
  const list = await findList(db, listId);
  if (!list) throw notFound();
  await loadEventFor(db, actor, list.eventId, "checkin.use");
  return { actor, list };
}

export function registerCheckinApi(api: Api) {
  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/registrations/{id}/ticket",
      tags: ["Check-in"],
      summary: "A confirmed registration's ticket as a printable PDF (manage token or organiser)",
      request: { params: IdParam, query: ManageToken },
      responses: { 200: { description: "application/pdf", content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } } }, ...errorResponses },
    }),
    async (c) => {
      const { registration, event } = await authorize(c, c.req.valid("param").id);
      if (registration.status !== "confirmed") throw notFound();
      return pdfResponse(c, await registrationTicketPdf(c.get("deps").db, registration, event, c.get("t"), c.get("locale")), `${event.slug}-biljett.pdf`) as never;
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/checkin-lists/{id}/offline",
      tags: ["Check-in"],
      summary: "Everything a scanner needs to check people in without a connection",
      security: bearer,
      request: { params: ListParams },
      responses: { 200: jsonResponse(OfflineJson, "The list, the key and the registrations."), ...errorResponses },
    }),
    async (c) => {
      const { db, now } = c.get("deps");
      const { list } = await stationList(db, c.get("actor"), c.req.valid("param").id);
      return c.json(await offlinePackage(db, list, now()), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/v1/checkin-lists/{id}/offline",
      tags: ["Check-in"],
      summary: "Upload check-ins made without a connection",
      description: "Each scan is redeemed at the time it was made, marked as made offline. A ticket already checked in (by another station, or twice offline) is kept and answered `conflict`, for the organiser to see; the same nonce again gives the same answer.",
      security: bearer,
      request: { params: ListParams, ...jsonBody(OfflineUpload) },
      responses: { 200: jsonResponse(z.object({ data: z.array(RedeemJson.extend({ nonce: z.string() })) }), "One answer per scan, in the order sent."), ...errorResponses },
    }),
    async (c) => {
      const { db, now } = c.get("deps");
      const { actor, list } = await stationList(db, c.get("actor"), c.req.valid("param").id);
      return c.json({ data: await redeemUpload(db, list, c.req.valid("json"), actor.personId, now()) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/events/{id}/badges",
      tags: ["Check-in"],
      summary: "Name badges as a tagged PDF with embedded fonts (organisers and check-in staff)",
      description: "Everyone with a confirmed place on site, and the program's people in the room who have not registered; or one registration's badge. Streamed: pages arrive as they are drawn.",
      security: bearer,
      request: { params: IdParam, query: BadgeQuery },
      responses: { 200: { description: "application/pdf", content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } } }, ...errorResponses },
    }),
    async (c) => {
      const { db } = c.get("deps");
      const event = await loadEventFor(db, requireActor(c.get("actor")), c.req.valid("param").id, "badges.print");
      const doc = await eventBadges(db, event, c.req.valid("query"), c.get("t"), c.get("locale"));
      if (!doc) throw notFound();
      return pdfResponse(c, doc, `${event.slug}-namnbrickor.pdf`) as never;
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/events/{id}/checkin-lists",
      tags: ["Check-in"],
      summary: "The event's check-in lists with arrived and expected, and the public key that verifies its tickets",
      security: bearer,
      request: { params: IdParam },
      responses: { 200: jsonResponse(z.object({ data: z.array(ListJson), ticketPublicKey: z.string().openapi({ description: "Ed25519, SPKI DER in base64." }) }), "Lists and key."), ...errorResponses },
    }),
    async (c) => {
      const { db } = c.get("deps");
      const event = await loadEventFor(db, requireActor(c.get("actor")), c.req.valid("param").id, "checkin.use");
      const data = (await listsWithCounts(db, event.id)).map(({ list: l, counts }) => ({ id: l.id, eventId: l.eventId, name: l.name, attendance: l.attendance, sessionId: l.sessionId, allowReentry: l.allowReentry, counts }));
      return c.json({ data, ticketPublicKey: (await eventKey(db, event.id)).publicKeyBase64 }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/v1/checkin-lists/{id}/redeem",
      tags: ["Check-in"],
      summary: "Check a ticket (or a registration found by name) in on a list",
      description: "Refusals (a forged, revoked or foreign ticket, one already used, a cancelled registration) are answered 200 with the reason in `result`: they are answers for the person at the desk, not errors of the request.",
      security: bearer,
      request: { params: ListParams, ...jsonBody(RedeemInput) },
      responses: { 200: jsonResponse(RedeemJson, "What to tell the person at the desk."), ...errorResponses },
    }),
    async (c) => {
      const { db, now } = c.get("deps");
      const { actor, list } = await stationList(db, c.get("actor"), c.req.valid("param").id);
      const body = c.req.valid("json");
      const r = await redeem(db, list, { code: body.code, registrationId: body.registrationId, nonce: body.nonce, by: actor.personId, at: now() });
      return c.json(redeemJson(r), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/events/{id}/roles",
      tags: ["Check-in"],
      summary: "Who holds which role for the event (organisers)",
      security: bearer,
      request: { params: IdParam },
      responses: { 200: jsonResponse(z.object({ data: z.array(RoleJson) }), "The roles."), ...errorResponses },
    }),
    async (c) => {
      const { db } = c.get("deps");
      const event = await loadEventFor(db, requireActor(c.get("actor")), c.req.valid("param").id, "roles.manage");
      return c.json({ data: (await listEventRoles(db, event.id)).map((r) => ({ personId: r.personId, name: r.name, email: r.email, role: r.role })) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/v1/events/{id}/roles",
      tags: ["Check-in"],
      summary: "Give someone a role for the event, by e-mail",
      security: bearer,
      request: { params: IdParam, ...jsonBody(z.strictObject({ email, role: z.enum(eventRoleKinds) }).openapi("EventRoleInput")) },
      responses: { 201: jsonResponse(RoleJson, "The role given."), ...errorResponses },
    }),
    async (c) => {
      const { db } = c.get("deps");
      const actor = requireActor(c.get("actor"));
      const event = await loadEventFor(db, actor, c.req.valid("param").id, "roles.manage");
      const body = c.req.valid("json");
      const person = await grantEventRoleByEmail(db, event.id, body.email, body.role, actor.personId);
      return c.json({ personId: person.id, name: person.name, email: person.email, role: body.role }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "delete",
      path: "/v1/events/{id}/roles/{personId}/{role}",
      tags: ["Check-in"],
      summary: "Withdraw a role",
      security: bearer,
      request: { params: IdParam.extend({ personId: z.uuid({ message: "validation.uuid" }).openapi({ param: { name: "personId", in: "path" } }), role: z.enum(eventRoleKinds).openapi({ param: { name: "role", in: "path" } }) }) },
      responses: { 204: { description: "Withdrawn." }, ...errorResponses },
    }),
    async (c) => {
      const { db } = c.get("deps");
      const { id, personId, role } = c.req.valid("param");
      const event = await loadEventFor(db, requireActor(c.get("actor")), id, "roles.manage");
      if (!(await withdrawEventRole(db, event.id, personId, role))) throw notFound();
      return c.body(null, 204);
    },
  );
}
