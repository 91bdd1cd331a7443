/**
 * The JSON API's root: every module adds its routes (with their OpenAPI description,
 * src/<module>/api/), then the OpenAPI document and the docs are served. Nothing else.
 */
import { modules } from "../modules.js";
import { docs } from "./docs.js";
import { newApi, requireTokenForChanges } from "./openapi.js";

export const apiRoutes = newApi();
apiRoutes.use("/v1/*", requireTokenForChanges());
for (const module of modules) for (const register of module.api) register(apiRoutes);
apiRoutes.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
  type: "http",
  scheme: "bearer",
  description: "A personal API token (svk_…) from your profile page or `npm run cli -- admin:create`.",
});

apiRoutes.doc31("/v1/openapi.json", (c) => ({
  openapi: "3.1.0",
  info: {
    title: "Samverka API",
    version: "1.0.0",
    description:
      "Events, program, organisations and people. Errors are `{\"error\":{\"code\",\"message\"}}` with the message in the caller's language (Accept-Language or ?lang=sv|en).",
    license: { name: "EUPL-1.2", identifier: "EUPL-1.2" },
  },
  servers: [{ url: `${c.get("deps").config.publicUrl}/api` }],
}));

apiRoutes.route("/docs", docs);
