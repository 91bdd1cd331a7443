/** The yearly prize: call for nominations, screener, a jury that cannot judge its own, weighted criteria, a sealed decision, the gallery. */
import { maxMaterialBytes } from "../archive/views/organiser.js";
import type { Module } from "../http/module.js";
import { registerPrizeAdminApi } from "./api-admin.js";
import { registerPrizeSetupApi } from "./api-setup.js";
import { registerPrizeApi } from "./api.js";
import { prizeAdminRoutes } from "./routes/admin.js";
import { prizeJuryRoutes } from "./routes/jury.js";
import { prizeRoutes } from "./routes/public.js";

export const prizesModule: Module = {
  name: "prizes",
  pages: [prizeAdminRoutes, prizeJuryRoutes, prizeRoutes],
  api: [registerPrizeApi, registerPrizeSetupApi, registerPrizeAdminApi],
  streamedUploads: [{ path: /^\/pris\/[^/]+\/\d{4}\/nominering\/[^/]+\/bilaga$/, maxBytes: maxMaterialBytes }],
};
