/** The development mailbox (/dev/mail), from this machine only. */
import type { Module } from "../http/module.js";
import { devRoutes } from "./routes.js";

export const devModule: Module = { name: "dev", pages: [devRoutes], api: [] };
