/** The platform admin's tools: the personnummer report (pages and API); the CLI's commands live beside them. */
import type { Module } from "../http/module.js";
import { registerAdminApi } from "./api.js";
import { adminRoutes } from "./routes/pages.js";

export const adminModule: Module = { name: "admin", pages: [adminRoutes], api: [registerAdminApi] };
