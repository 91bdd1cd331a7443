/** Networks in the JSON API: the list, a network with its members (when shown), meetings, decisions and actions, and recording a decision. */
import { createRoute, z } from "@hono/zod-openapi";
import type { Api } from "../api/openapi.js";
import { bearer, errorResponses, jsonBody, jsonResponse } from "../api/openapi.js";
import { loadNetworkFor, loadNetworkForManage, requireSpaceManager } from "../auth/policy.js";
import type { AppContext } from "../http/env.js";
import { decisionToAction, decisionUpdatesAction, holdMeeting } from "./service.js";
import { isoDate } from "../i18n/format.js";
import { SlugParam } from "../plans/api/plans.js";
import { calendarDate, email, instant, optionalEmail, optionalText, requiredText } from "../shared/fields.js";
import { mailContext } from "../plans/routes/params.js";
import { networkSlug } from "./schemas.js";
import { findOrganisationById } from "../organisations/repository.js";
import { actionsOfNetworks, addDecision, addMember, allNetworks, createNetwork, decisionsOf, findDecision, documentsOf, meetingOf, meetingsOf, membersOf, positionsOf, type Decision } from "./repository.js";
import { networkKinds } from "./schema.js";
import { notFound, validationFailed } from "../http/errors.js";

const NetworkSummaryJson = z.object({ slug: z.string(), name: z.string(), kind: z.enum(networkKinds), description: z.string().nullable() }).openapi("NetworkSummary");
const DecisionJson = z.object({ id: z.uuid(), ref: z.string().nullable(), text: z.string(), decidedOn: z.string(), meetingId: z.uuid().nullable(), actionId: z.uuid().nullable(), actionRole: z.enum(["created", "updated"]).nullable() }).openapi("NetworkDecision");
const NetworkJson = NetworkSummaryJson.extend({
  contactName: z.string().nullable(),
  members: z
    .array(z.object({ name: z.string(), organisation: z.string().nullable(), position: z.string(), positionEn: z.string(), fromOn: z.string(), toOn: z.string().nullable(), current: z.boolean() }))
    .nullable()
    .openapi({ description: "Null when the network shows its members to its members only." }),
  meetings: z.array(z.object({ id: z.uuid(), slug: z.string(), title: z.string(), startsAt: z.string(), endsAt: z.string(), status: z.string(), documents: z.array(z.object({ title: z.string(), kind: z.enum(["minutes", "document"]), href: z.string() })).nullable() })),
  decisions: z.array(DecisionJson),
  actions: z.array(z.object({ id: z.uuid(), ref: z.string(), title: z.string(), planSlug: z.string(), year: z.number().int(), status: z.string(), progress: z.number().int().nullable() })),
}).openapi("Network");
const DecisionInput = z.object({ text: requiredText(4000), ref: optionalText(20), decidedOn: calendarDate, meetingId: z.uuid({ message: "validation.uuid" }).optional() }).openapi("NetworkDecisionInput");

const decisionJson = (d: Decision) => ({ id: d.id, ref: d.ref, text: d.text, decidedOn: d.decidedOn, meetingId: d.eventId, actionId: d.actionId, actionRole: d.actionRole ?? null });

export function registerNetworkApi(api: Api) {
  api.openapi(
    createRoute({ method: "get", path: "/v1/networks", tags: ["Networks"], summary: "Every network and council", responses: { 200: jsonResponse(z.array(NetworkSummaryJson), "The networks.") } }),
    async (c) => c.json((await allNetworks(c.get("deps").db)).map((n) => ({ slug: n.slug, name: n.name, kind: n.kind, description: n.description })), 200),
  );

  api.openapi(
    createRoute({ method: "get", path: "/v1/networks/{slug}", tags: ["Networks"], summary: "A network: members (when shown to you), meetings with their documents (when shown to you), decisions and the actions it owns", request: { params: SlugParam }, responses: { 200: jsonResponse(NetworkJson, "The network."), 404: errorResponses[404] } }),
    async (c) => {
      const { db, now } = c.get("deps");
      const today = isoDate(now());
      const a = await loadNetworkFor(db, c.get("actor"), c.req.valid("param").slug, today);
      const n = a.network;
      const [members, meetings, documents, decisions, actions] = await Promise.all([a.seesMembers ? membersOf(db, n.id, today) : null, meetingsOf(db, [n.id], a.manages), a.seesDocuments ? documentsOf(db, n.id) : null, decisionsOf(db, n.id), actionsOfNetworks(db, [n.id], a.manages)]);
      return c.json(
        {
          slug: n.slug,
          name: n.name,
          kind: n.kind,
          description: n.description,
          contactName: n.contactName,
          members: members?.map((m) => ({ name: m.name, organisation: m.organisation, position: m.position, positionEn: m.positionEn, fromOn: m.fromOn, toOn: m.toOn, current: m.current })) ?? null,
          meetings: meetings.map((m) => ({ id: m.eventId, slug: m.slug, title: m.title, startsAt: m.startsAt.toISOString(), endsAt: m.endsAt.toISOString(), status: m.status, documents: documents?.filter((d) => d.eventId === m.eventId).map((d) => ({ title: d.title, kind: d.kind, href: `/natverk/${n.slug}/dokument/${d.id}/${encodeURIComponent(d.filename)}` })) ?? null })),
          decisions: decisions.map(decisionJson),
          actions: actions.map((x) => ({ id: x.id, ref: x.ref, title: x.title, planSlug: x.planSlug, year: x.year, status: x.status, progress: x.progress })),
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({ method: "post", path: "/v1/networks/{slug}/decisions", tags: ["Networks"], summary: "Record a decision of the network (its managers)", security: bearer, request: { params: SlugParam, ...jsonBody(DecisionInput) }, responses: { 201: jsonResponse(DecisionJson, "The decision."), ...errorResponses } }),
    async (c) => {
      const { db, now } = c.get("deps");
      const a = await loadNetworkForManage(db, c.get("actor"), c.req.valid("param").slug, isoDate(now()));
      const body = c.req.valid("json");
      if (body.meetingId && !(await meetingOf(db, a.network.id, body.meetingId))) throw validationFailed([{ field: "meetingId", key: "networks.error.unknown" }]);
      const d = await addDecision(db, a.network.id, { eventId: body.meetingId ?? null, ref: body.ref ?? null, text: body.text, decidedOn: body.decidedOn });
      return c.json(decisionJson(d), 201);
    },
  );
}

const MemberInput = z
  .object({
    email,
    name: requiredText(120),
    organisationId: z.uuid({ message: "validation.uuid" }).optional(),
    position: z.string().max(30).regex(/^[a-z0-9-]+$/, { message: "networks.error.unknown" }).openapi({ description: "The key of a position of the space's list, e.g. ledamot." }),
    fromOn: calendarDate,
    toOn: calendarDate.optional(),
    manages: z.boolean().optional(),
  })
  .refine((m) => !m.toOn || m.fromOn <= m.toOn, { path: ["toOn"], message: "networks.error.termOrder" })
  .openapi("NetworkMemberInput");
const MeetingInput = z.object({ title: requiredText(200), startsAt: instant, endsAt: instant, venue: optionalText(200), publish: z.boolean().optional() }).openapi("NetworkMeetingInput");

/** Members and meetings through the API, as the manage page has them (its managers). */
export function registerNetworkManageApi(api: Api) {
  api.openapi(
    createRoute({ method: "post", path: "/v1/networks/{slug}/members", tags: ["Networks"], summary: "Add a term for a person (found by e-mail, or listed as new) with organisation, position and dates", security: bearer, request: { params: SlugParam, ...jsonBody(MemberInput) }, responses: { 201: { description: "Added." }, ...errorResponses } }),
    async (c) => {
      const { db, now } = c.get("deps");
      const a = await loadNetworkForManage(db, c.get("actor"), c.req.valid("param").slug, isoDate(now()));
      const m = c.req.valid("json");
      const position = (await positionsOf(db, a.network.spaceId)).find((p) => p.key === m.position);
      if (!position) throw validationFailed([{ field: "position", key: "networks.error.unknown" }]);
      if (m.organisationId && !(await findOrganisationById(db, m.organisationId))) throw validationFailed([{ field: "organisationId", key: "networks.error.unknown" }]);
      await addMember(db, a.network, { email: m.email, name: m.name, organisationId: m.organisationId ?? null, positionId: position.id, fromOn: m.fromOn, toOn: m.toOn ?? null, manages: m.manages ?? false });
      return c.body(null, 201);
    },
  );

  api.openapi(
    createRoute({ method: "post", path: "/v1/networks/{slug}/meetings", tags: ["Networks"], summary: "Hold a meeting: an event of the network's space (program, invitations and registration as any event)", security: bearer, request: { params: SlugParam, ...jsonBody(MeetingInput) }, responses: { 201: jsonResponse(z.object({ id: z.uuid(), slug: z.string() }).openapi("NetworkMeeting"), "The meeting's event."), ...errorResponses } }),
    async (c) => {
      const { db, now } = c.get("deps");
      const a = await loadNetworkForManage(db, c.get("actor"), c.req.valid("param").slug, isoDate(now()));
      const m = c.req.valid("json");
      const event = await holdMeeting(db, a.network, { title: m.title, startsAt: m.startsAt, endsAt: m.endsAt, venue: m.venue ?? null, publish: m.publish ?? false }, now());
      return c.json({ id: event.id, slug: event.slug }, 201);
    },
  );
}

const NetworkInput = z
  .object({ spaceId: z.uuid({ message: "validation.uuid" }), slug: networkSlug, name: requiredText(120), kind: z.enum(networkKinds), description: optionalText(4000), contactName: optionalText(120), contactEmail: optionalEmail, membersPublic: z.boolean().optional(), documentsPublic: z.boolean().optional() })
  .openapi("NetworkInput");
const DecisionIdParams = SlugParam.extend({ id: z.uuid({ message: "validation.uuid" }).openapi({ param: { name: "id", in: "path" } }) });
const ToActionInput = z.object({ actionPlanId: z.uuid({ message: "validation.uuid" }), ref: requiredText(20), title: requiredText(200) }).openapi("NetworkDecisionToAction");
const UpdateInput = z.object({ actionId: z.uuid({ message: "validation.uuid" }), status: z.string().max(60).regex(/^[a-z0-9_-]+$/, { message: "plans.error.unknown" }).openapi({ description: "The key of a status of the space's catalogue." }), progress: z.number().int().min(0).max(100).optional(), comment: requiredText(2000) }).openapi("NetworkDecisionUpdate");
const TiedJson = z.object({ actionId: z.uuid(), ref: z.string(), title: z.string() }).openapi("NetworkDecisionAction");

/** Creating a network, and a decision into the plan (a new action, or an update of one). */
export function registerNetworkPlanApi(api: Api) {
  api.openapi(
    createRoute({ method: "post", path: "/v1/networks", tags: ["Networks"], summary: "Create a network, council or working group in a space you organise", security: bearer, request: jsonBody(NetworkInput), responses: { 201: jsonResponse(NetworkSummaryJson, "The network."), ...errorResponses } }),
    async (c) => {
      const { db } = c.get("deps");
      const { spaceId, ...body } = c.req.valid("json");
      await requireSpaceManager(db, c.get("actor"), spaceId);
      const n = await createNetwork(db, spaceId, { slug: body.slug, name: body.name, kind: body.kind, description: body.description ?? null, contactName: body.contactName ?? null, contactEmail: body.contactEmail, membersPublic: body.membersPublic ?? false, documentsPublic: body.documentsPublic ?? false });
      return c.json({ slug: n.slug, name: n.name, kind: n.kind, description: n.description }, 201);
    },
  );

  const decisionOf = async (c: AppContext, slug: string, id: string) => {
    const { db, now } = c.get("deps");
    const a = await loadNetworkForManage(db, c.get("actor"), slug, isoDate(now()));
    const decision = await findDecision(db, a.network.id, id);
    if (!decision) throw notFound();
    return { network: a.network, decision };
  };

  api.openapi(
    createRoute({ method: "post", path: "/v1/networks/{slug}/decisions/{id}/action", tags: ["Networks"], summary: "Make the decision a new action of one of the space's action plans, owned by the network (its managers)", security: bearer, request: { params: DecisionIdParams, ...jsonBody(ToActionInput) }, responses: { 201: jsonResponse(TiedJson, "The new action."), ...errorResponses } }),
    async (c) => {
      const params = c.req.valid("param");
      const { network, decision } = await decisionOf(c, params.slug, params.id);
      const a = await decisionToAction(c.get("deps").db, network, decision, c.req.valid("json"), c.get("deps").now());
      return c.json({ actionId: a.id, ref: a.ref, title: a.title }, 201);
    },
  );

  api.openapi(
    createRoute({ method: "post", path: "/v1/networks/{slug}/decisions/{id}/update", tags: ["Networks"], summary: "Update an action of the space's plans with the decision: a progress report that says so (its managers)", security: bearer, request: { params: DecisionIdParams, ...jsonBody(UpdateInput) }, responses: { 200: jsonResponse(TiedJson, "The action updated."), ...errorResponses } }),
    async (c) => {
      const { db, now } = c.get("deps");
      const params = c.req.valid("param");
      const { network, decision } = await decisionOf(c, params.slug, params.id);
      const body = c.req.valid("json");
      const a = await decisionUpdatesAction(db, network, decision, { actionId: body.actionId, status: { key: body.status }, progress: body.progress ?? null, comment: body.comment, field: "status" }, c.get("actor")!, c.get("locale"), mailContext(c), now());
      return c.json({ actionId: a.id, ref: a.ref, title: a.title }, 200);
    },
  );
}
