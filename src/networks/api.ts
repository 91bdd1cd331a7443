/** Networks in the JSON API: the list, a network with its members (when shown), meetings, decisions and actions, and recording a decision. */
import { createRoute, z } from "@hono/zod-openapi";
import type { Api } from "../api/openapi.js";
import { bearer, errorResponses, jsonBody, jsonResponse } from "../api/openapi.js";
import { loadNetworkFor, loadNetworkForManage } from "../auth/policy.js";
import { isoDate } from "../i18n/format.js";
import { SlugParam } from "../plans/api/plans.js";
import { calendarDate, optionalText, requiredText } from "../shared/fields.js";
import { actionsOfNetworks, addDecision, allNetworks, decisionsOf, documentsOf, meetingOf, meetingsOf, membersOf, type Decision } from "./repository.js";
import { networkKinds } from "./schema.js";
import { validationFailed } from "../http/errors.js";

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
