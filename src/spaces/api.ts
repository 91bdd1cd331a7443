/** Organiser spaces in the JSON API: create, list, change retention, organisers and their rights. */
import { createRoute, z } from "@hono/zod-openapi";
import type { Api } from "../api/openapi.js";
import { IdParam, bearer, errorResponses, jsonBody, jsonResponse } from "../api/openapi.js";
import { canSeeSensitive, requireActor, requirePlatformAdmin, requireSpaceManager } from "../auth/policy.js";
import { listSeries } from "../events/repository.js";
import { forbidden, notFound } from "../http/errors.js";
import { PersonJson, personJson } from "../people/api.js";
import { findOrCreatePersonByEmail, personWithOrganisation } from "../people/repository.js";
import { LIMITS, email, optionalCountyCode, optionalSlug, optionalText, requiredText, slugify } from "../shared/fields.js";
import { addSpaceOrganiser, createSpace, findSpaceById, listSpaceMembers, listSpaces, listSpacesOf, setSensitiveAccess, updateRetention, type Space } from "./repository.js";

const SpaceInput = z
  .strictObject({ name: requiredText(LIMITS.name), slug: optionalSlug, description: optionalText(2000), regionCode: optionalCountyCode })
  .openapi("SpaceInput");

export const SpaceJson = z
  .object({ id: z.uuid(), slug: z.string(), name: z.string(), description: z.string().nullable(), regionCode: z.string().nullable(), retentionDays: z.number().int(), retentionAction: z.enum(["anonymise", "delete"]) })
  .openapi("Space");

export const spaceJson = (s: Space): z.infer<typeof SpaceJson> => ({
  id: s.id,
  slug: s.slug,
  name: s.name,
  description: s.description,
  regionCode: s.regionCode,
  retentionDays: s.retentionDays,
  retentionAction: s.retentionAction,
});

export function registerSpaceApi(api: Api) {
  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/spaces",
      tags: ["Spaces"],
      summary: "Organiser spaces you can manage (all for a platform admin)",
      security: bearer,
      responses: { 200: jsonResponse(z.object({ data: z.array(SpaceJson) }), "Spaces."), 401: errorResponses[401] },
    }),
    async (c) => {
      const actor = requireActor(c.get("actor"));
      const { db } = c.get("deps");
      const rows = actor.isPlatformAdmin ? await listSpaces(db) : await listSpacesOf(db, actor.personId);
      return c.json({ data: rows.map(spaceJson) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/v1/spaces",
      tags: ["Spaces"],
      summary: "Create an organiser space (platform admins)",
      security: bearer,
      request: jsonBody(SpaceInput),
      responses: { 201: jsonResponse(SpaceJson, "The new space."), ...errorResponses },
    }),
    async (c) => {
      requirePlatformAdmin(c.get("actor"));
      const input = c.req.valid("json");
      const space = await createSpace(c.get("deps").db, { ...input, slug: input.slug ?? slugify(input.name) });
      return c.json(spaceJson(space), 201);
    },
  );

  api.openapi(
    createRoute({
      method: "patch",
      path: "/v1/spaces/{id}",
      tags: ["Spaces"],
      summary: "Set the space's retention rule (anonymise or delete registrations N days after each event)",
      security: bearer,
      request: { params: IdParam, ...jsonBody(z.strictObject({ retentionDays: z.number().int().min(0).max(3650), retentionAction: z.enum(["anonymise", "delete"]) }).openapi("RetentionInput")) },
      responses: { 200: jsonResponse(SpaceJson, "The space."), ...errorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { db } = c.get("deps");
      await requireSpaceManager(db, c.get("actor"), id);
      await updateRetention(db, id, c.req.valid("json"));
      return c.json(spaceJson((await findSpaceById(db, id))!), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "patch",
      path: "/v1/spaces/{id}/members/{personId}",
      tags: ["Spaces"],
      summary: "Give or take an organiser's right to see health data (by an admin or an organiser who has it)",
      security: bearer,
      request: { params: IdParam.extend({ personId: z.uuid().openapi({ param: { name: "personId", in: "path" } }) }), ...jsonBody(z.strictObject({ sensitiveAccess: z.boolean() })) },
      responses: { 204: { description: "Changed." }, ...errorResponses },
    }),
    async (c) => {
      const { id, personId } = c.req.valid("param");
      const { db } = c.get("deps");
      await requireSpaceManager(db, c.get("actor"), id);
      if (!(await canSeeSensitive(db, c.get("actor"), id))) throw forbidden();
      if (!(await listSpaceMembers(db, id)).some((m) => m.personId === personId)) throw notFound();
      await setSensitiveAccess(db, id, personId, c.req.valid("json").sensitiveAccess);
      return c.body(null, 204);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/spaces/{id}/series",
      tags: ["Spaces"],
      summary: "The space's event series (yearly editions)",
      security: bearer,
      request: { params: IdParam },
      responses: { 200: jsonResponse(z.object({ data: z.array(z.object({ id: z.uuid(), slug: z.string(), name: z.string() })) }), "Series."), ...errorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { db } = c.get("deps");
      await requireSpaceManager(db, c.get("actor"), id);
      return c.json({ data: (await listSeries(db, id)).map((s) => ({ id: s.id, slug: s.slug, name: s.name })) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/spaces/{id}/members",
      tags: ["Spaces"],
      summary: "The space's organisers",
      security: bearer,
      request: { params: IdParam },
      responses: { 200: jsonResponse(z.object({ data: z.array(z.object({ personId: z.uuid(), name: z.string(), email: z.string().nullable(), role: z.string() })) }), "Members."), ...errorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { db } = c.get("deps");
      await requireSpaceManager(db, c.get("actor"), id);
      return c.json({ data: await listSpaceMembers(db, id) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/v1/spaces/{id}/members",
      tags: ["Spaces"],
      summary: "Add an organiser to the space by e-mail",
      security: bearer,
      request: { params: IdParam, ...jsonBody(z.strictObject({ email, name: optionalText(LIMITS.name) }).openapi("MemberInput")) },
      responses: { 201: jsonResponse(PersonJson, "The organiser's profile (created if new)."), ...errorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { db } = c.get("deps");
      await requireSpaceManager(db, c.get("actor"), id);
      const input = c.req.valid("json");
      const person = await findOrCreatePersonByEmail(db, input.email, input.name ?? input.email.split("@")[0]!);
      await addSpaceOrganiser(db, id, person.id);
      return c.json(personJson((await personWithOrganisation(db, person.id))!), 201);
    },
  );
}
