/** Live: questions from the audience, polls and the big screen, for the room and the link. */
import type { Module } from "../http/module.js";
import { registerLiveApi } from "./api/live.js";
import { moderatorRoutes } from "./routes/moderator.js";
import { liveRoutes } from "./routes/pages.js";

export const liveModule: Module = { name: "live", pages: [liveRoutes, moderatorRoutes], api: [registerLiveApi] };
