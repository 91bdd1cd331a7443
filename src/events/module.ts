/** Events, series and editions, program and exhibitors: public pages, the organiser's pages, the API. */
import type { Module } from "../http/module.js";
import { registerEventApi } from "./api/events.js";
import { registerProgramApi } from "./api/program.js";
import { organiserRoutes } from "./routes/organiser.js";
import { publicEventRoutes } from "./routes/public.js";

export const eventsModule: Module = { name: "events", pages: [publicEventRoutes, organiserRoutes], api: [registerEventApi, registerProgramApi] };
