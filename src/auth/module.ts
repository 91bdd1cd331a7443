/** Logging in by e-mail link, sessions, the profile page and API tokens. */
import type { Module } from "../http/module.js";
import { authRoutes } from "./routes.js";

export const authModule: Module = { name: "auth", pages: [authRoutes], api: [] };
