/** Remote participation: stream and meeting links per event and session, for confirmed participants and remote speakers. */
import type { Module } from "../http/module.js";
import { registerRemoteApi } from "./api/remote.js";
import { remoteRoutes } from "./routes/pages.js";

export const remoteModule: Module = { name: "remote", pages: [remoteRoutes], api: [registerRemoteApi] };
