/** Networks and councils: members with positions and terms, meetings as events with their documents, decisions into the plan. */
import { maxMaterialBytes } from "../archive/views/organiser.js";
import type { Module } from "../http/module.js";
import { registerNetworkApi, registerNetworkManageApi, registerNetworkPlanApi } from "./api.js";
import { networkManageRoutes } from "./routes/manage.js";
import { networkRoutes } from "./routes/public.js";

export const networksModule: Module = {
  name: "networks",
  pages: [networkManageRoutes, networkRoutes],
  api: [registerNetworkApi, registerNetworkManageApi, registerNetworkPlanApi],
  // Minutes and documents are files of the archive's store, read as they arrive.
  streamedUploads: [{ path: /^\/natverk\/[^/]+\/hantera\/moten\/[^/]+\/dokument$/, maxBytes: maxMaterialBytes }],
};
