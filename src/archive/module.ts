/** The archive: recordings with their captions, and materials, per session; searchable across years and regions. */
import type { Module } from "../http/module.js";
import { registerArchiveApi } from "./api.js";
import { archiveAdminRoutes } from "./routes/organiser.js";
import { archiveRoutes } from "./routes/public.js";
import { maxMaterialBytes } from "./views/organiser.js";

export const archiveModule: Module = {
  name: "archive",
  pages: [archiveAdminRoutes, archiveRoutes],
  api: [registerArchiveApi],
  // Materials may be 50 MB (ARCHIVE_MAX_FILE_MB): read as they arrive, never whole into memory.
  streamedUploads: [{ path: /^\/arrangor\/evenemang\/[^/]+\/arkiv\/[^/]+\/(textning|material)$/, maxBytes: maxMaterialBytes }],
};
