/** Uploaded images (exhibitors' logos), stored in the database and served at /filer/:id. */
import type { Module } from "../http/module.js";
import { fileRoutes } from "./routes.js";

export const filesModule: Module = { name: "files", pages: [fileRoutes], api: [] };
