import { Hono } from "hono";
import { requireActor } from "../auth/policy.js";
import type { AppEnv } from "../http/env.js";
import { setFlash } from "../http/cookies.js";
import { readForm, submitForm } from "../http/forms.js";
import { emptyForm, uiOf } from "../http/ui.js";
import { parseInput } from "../http/validation.js";
import { organisationKinds } from "../db/schema.js";
import { createOrganisation, searchOrganisations } from "./repository.js";
import { OrganisationInput } from "./schemas.js";
import { AddOrganisationPage, OrganisationsPage } from "./views.js";

export const organisationRoutes = new Hono<AppEnv>();

organisationRoutes.get("/organisationer", async (c) => {
  const q = (c.req.query("q") ?? "").trim().slice(0, 100);
  const kindParam = c.req.query("kind");
  const kind = organisationKinds.find((k) => k === kindParam);
  const results = await searchOrganisations(c.get("deps").db, q, { kind, limit: 400 });
  return c.html(<OrganisationsPage ui={uiOf(c)} q={q} kind={kind ?? ""} results={results} />);
});

organisationRoutes.get("/organisationer/ny", (c) => {
  requireActor(c.get("actor"));
  return c.html(<AddOrganisationPage ui={uiOf(c)} form={emptyForm({ kind: "state_agency" })} />);
});

organisationRoutes.post("/organisationer/ny", async (c) => {
  requireActor(c.get("actor"));
  const values = await readForm(c);
  return submitForm(
    c,
    values,
    async () => {
      const org = await createOrganisation(c.get("deps").db, parseInput(OrganisationInput, values));
      setFlash(c, c.get("t")("orgs.created", { organisation: org.name }));
      return c.redirect(`/organisationer?q=${encodeURIComponent(org.name)}`, 303);
    },
    (form) => <AddOrganisationPage ui={uiOf(c)} form={form} />,
  );
});
