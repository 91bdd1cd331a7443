import type { Hono } from "hono";
import type { Api } from "../api/openapi.js";
import type { AppEnv } from "./env.js";
import type { Config } from "../config.js";

/**
 * What a module gives the application: its pages (HTML routes, tried in the order
 * given) and its part of the JSON API (routes with their OpenAPI description). Each
 * module's folder has a `module.ts` that says this; `src/modules.ts` lists them.
 */
export interface Module {
  name: string;
  pages: Hono<AppEnv>[];
  api: ((api: Api) => void)[];
  /** POST paths whose multipart body the route reads as a stream (large files), with the most it may be. */
  streamedUploads?: { path: RegExp; maxBytes: (config: Config) => number }[];
}
