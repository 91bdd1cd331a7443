/** The organisation register in the JSON API: search, read, add. */
import { createRoute, z } from "@hono/zod-openapi";
import type { Api } from "../api/openapi.js";
import { IdParam, bearer, errorResponses, jsonBody, jsonResponse } from "../api/openapi.js";
import { requireActor } from "../auth/policy.js";
import { fieldError, notFound } from "../http/errors.js";
import { createOrganisation, findOrganisationById, searchOrganisations } from "./repository.js";
import { Organisation, OrganisationInput, OrganisationSearch } from "./schemas.js";

export const organisationJson = (o: z.infer<typeof Organisation>) => ({
  id: o.id,
  name: o.name,
  kind: o.kind,
  municipalityCode: o.municipalityCode,
  countyCode: o.countyCode,
  orgNumber: o.orgNumber,
});

export async function assertOrganisation(db: Parameters<typeof findOrganisationById>[0], id: string | null) {
  if (id && !(await findOrganisationById(db, id))) throw fieldError("organisationId", "validation.unknown_organisation");
}

export function registerOrganisationApi(api: Api) {
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

}
