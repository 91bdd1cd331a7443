/** The organisation register (SCB's regions and municipalities, and everyone else). */
import type { Module } from "../http/module.js";
import { registerOrganisationApi } from "./api.js";
import { organisationRoutes } from "./routes.js";

export const organisationsModule: Module = { name: "organisations", pages: [organisationRoutes], api: [registerOrganisationApi] };
