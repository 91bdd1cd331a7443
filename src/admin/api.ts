/** The platform admin's part of the JSON API. */
import { createRoute, z } from "@hono/zod-openapi";
import type { Api } from "../api/openapi.js";
import { bearer, errorResponses, jsonResponse } from "../api/openapi.js";
import { requirePlatformAdmin } from "../auth/policy.js";
import { findStoredPersonnummer } from "./personnummer-report.js";

const Finding = z.object({ table: z.string(), column: z.string(), rowId: z.string(), excerpt: z.string().openapi({ description: "The text around it, with the number's digits hidden." }) }).openapi("PersonnummerFinding");

export function registerAdminApi(api: Api) {
  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/admin/personnummer",
      tags: ["Administration"],
      summary: "Where personnummer are stored (platform admins): names, answers, mails written before free text refused them",
      security: bearer,
      responses: { 200: jsonResponse(z.object({ data: z.array(Finding), complete: z.boolean() }), "Every place found (the first 1,000), numbers hidden."), 401: errorResponses[401], 403: errorResponses[403] },
    }),
    async (c) => {
      requirePlatformAdmin(c.get("actor"));
      const report = await findStoredPersonnummer(c.get("deps").db);
      return c.json({ data: report.findings, complete: report.complete }, 200);
    },
  );
}
