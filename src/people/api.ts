/** People in the JSON API: the caller's own profile, and organisers finding or adding contributors. */
import { createRoute, z } from "@hono/zod-openapi";
import type { Api } from "../api/openapi.js";
import { bearer, errorResponses, jsonBody, jsonResponse } from "../api/openapi.js";
import { requireActor, requirePlatformAdmin } from "../auth/policy.js";
import { ProfileInput } from "../auth/schemas.js";
import { notFound } from "../http/errors.js";
import { assertOrganisation } from "../organisations/api.js";
import { LIMITS, optionalEmail, optionalId, optionalText, requiredText, searchQuery } from "../shared/fields.js";
import { listSpacesOf } from "../spaces/repository.js";
import { createPerson, personWithOrganisation, searchPeople, updatePerson } from "./repository.js";

export const PersonJson = z
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

export const personJson = (p: { id: string; name: string; email: string | null; organisationId: string | null; organisationName: string | null; title: string | null; bio: string | null }) => ({
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

export function registerPeopleApi(api: Api) {
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

}
