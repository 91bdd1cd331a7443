/** Pages of the whole site: start, accessibility statement, language switch, health check, assets. */
import type { Module } from "../http/module.js";
import { pageRoutes } from "./routes.js";

export const pagesModule: Module = { name: "pages", pages: [pageRoutes], api: [] };
