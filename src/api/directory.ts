/** Organisations, people, spaces and the caller's own profile. */
import { createRoute, z } from "@hono/zod-openapi";
import { canSeeSensitive, requireActor, requirePlatformAdmin, requireSpaceManager } from "../auth/policy.js";
import { ProfileInput } from "../auth/schemas.js";
import { fieldError, forbidden, notFound } from "../http/errors.js";
import { createOrganisation, findOrganisationById, searchOrganisations } from "../organisations/repository.js";
import { Organisation, OrganisationInput, OrganisationSearch } from "../organisations/schemas.js";
import { createPerson, findOrCreatePersonByEmail, personWithOrganisation, searchPeople, updatePerson } from "../people/repository.js";
import { LIMITS, email, optionalCountyCode, optionalEmail, optionalId, optionalSlug, optionalText, requiredText, searchQuery, slugify } from "../shared/fields.js";
import { addSpaceOrganiser, createSpace, findSpaceById, listSpaceMembers, listSpaces, listSpacesOf, setSensitiveAccess, updateRetention } from "../spaces/repository.js";
import { listSeries } from "../events/repository.js";
import type { Api } from "./openapi.js";
import { IdParam, bearer, errorResponses, jsonBody, jsonResponse } from "./openapi.js";
import { SpaceJson, spaceJson } from "./present.js";

const PersonJson = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string().nullable(),
    organisationId: z.uuid().nullable(),
    organisationName: z.string().nullable(),
    title: z.string().nullable(),
    bio: z.string().nullable(),
  })
  .openapi("Person");

const personJson = (p: { id: string; name: string; email: string | null; organisationId: string | null; organisationName: string | null; title: string | null; bio: string | null }) => ({
  id: p.id,
  name: p.name,
  email: p.email,
  organisationId: p.organisationId,
  organisationName: p.organisationName,
  title: p.title,
  bio: p.bio,
});

const PersonInput = z
  .strictObject({
    name: requiredText(LIMITS.name),
    email: optionalEmail,
    organisationId: optionalId,
    title: optionalText(LIMITS.title),
    bio: optionalText(2000),
  })
  .openapi("PersonInput");

const SpaceInput = z
  .strictObject({ name: requiredText(LIMITS.name), slug: optionalSlug, description: optionalText(2000), regionCode: optionalCountyCode })
  .openapi("SpaceInput");

const organisationJson = (o: z.infer<typeof Organisation>) => ({
  id: o.id,
  name: o.name,
  kind: o.kind,
  municipalityCode: o.municipalityCode,
  countyCode: o.countyCode,
  orgNumber: o.orgNumber,
});

async function assertOrganisation(db: Parameters<typeof findOrganisationById>[0], id: string | null) {
  if (id && !(await findOrganisationById(db, id))) throw fieldError("organisationId", "validation.unknown_organisation");
}

export function registerDirectoryRoutes(api: Api) {
  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/organisations",
      tags: ["Organisations"],
      summary: "Search the organisation register",
      description: "All 21 regions and 290 municipalities (SCB codes) and added organisations. Search by name, kommunkod, länskod or organisation number.",
      request: { query: OrganisationSearch },
      responses: { 200: jsonResponse(z.object({ data: z.array(Organisation) }), "Best matches first."), 422: errorResponses[422] },
    }),
    async (c) => {
      const { q, kind } = c.req.valid("query");
      const rows = await searchOrganisations(c.get("deps").db, q, { kind, limit: 100 });
      return c.json({ data: rows.map(organisationJson) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/organisations/{id}",
      tags: ["Organisations"],
      summary: "One organisation",
      request: { params: IdParam },
      responses: { 200: jsonResponse(Organisation, "The organisation."), 404: errorResponses[404], 422: errorResponses[422] },
    }),
    async (c) => {
      const org = await findOrganisationById(c.get("deps").db, c.req.valid("param").id);
      if (!org) throw notFound();
      return c.json(organisationJson(org), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/v1/organisations",
      tags: ["Organisations"],
      summary: "Add an organisation (agency, academia, company, association, other)",
      security: bearer,
      request: jsonBody(OrganisationInput),
      responses: { 201: jsonResponse(Organisation, "The new organisation."), ...errorResponses },
    }),
    async (c) => {
      requireActor(c.get("actor"));
      const org = await createOrganisation(c.get("deps").db, c.req.valid("json"));
      return c.json(organisationJson(org), 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/me",
      tags: ["People"],
      summary: "The token's own profile",
      security: bearer,
      responses: { 200: jsonResponse(PersonJson, "Your profile."), 401: errorResponses[401] },
    }),
    async (c) => {
      const actor = requireActor(c.get("actor"));
      const p = await personWithOrganisation(c.get("deps").db, actor.personId);
      if (!p) throw notFound();
      return c.json(personJson(p), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "patch",
      path: "/v1/me",
      tags: ["People"],
      summary: "Change your profile",
      security: bearer,
      request: jsonBody(ProfileInput),
      responses: { 200: jsonResponse(PersonJson, "Your profile."), ...errorResponses },
    }),
    async (c) => {
      const actor = requireActor(c.get("actor"));
      const { db } = c.get("deps");
      const input = c.req.valid("json");
      await assertOrganisation(db, input.organisationId);
      await updatePerson(db, actor.personId, input);
      return c.json(personJson((await personWithOrganisation(db, actor.personId))!), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/people",
      tags: ["People"],
      summary: "Find people (organisers only), e.g. to add a speaker",
      security: bearer,
      request: { query: z.object({ q: searchQuery }) },
      responses: { 200: jsonResponse(z.object({ data: z.array(PersonJson) }), "Matches by name or e-mail."), ...errorResponses },
    }),
    async (c) => {
      const actor = requireActor(c.get("actor"));
      const { db } = c.get("deps");
      if (!actor.isPlatformAdmin && (await listSpacesOf(db, actor.personId)).length === 0) requirePlatformAdmin(actor);
      const rows = await searchPeople(db, c.req.valid("query").q, 50);
      return c.json({ data: rows.map(personJson) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/v1/people",
      tags: ["People"],
      summary: "Create a profile for a speaker or contributor (organisers only)",
      security: bearer,
      request: jsonBody(PersonInput),
      responses: { 201: jsonResponse(PersonJson, "The new profile."), ...errorResponses },
    }),
    async (c) => {
      const actor = requireActor(c.get("actor"));
      const { db } = c.get("deps");
      if (!actor.isPlatformAdmin && (await listSpacesOf(db, actor.personId)).length === 0) requirePlatformAdmin(actor);
      const input = c.req.valid("json");
      await assertOrganisation(db, input.organisationId);
      const person = await createPerson(db, input);
      return c.json(personJson((await personWithOrganisation(db, person.id))!), 201);
    },
  );

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
