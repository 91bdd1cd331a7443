/** Ids from a route's path or a form: anything that is not a uuid is a page that does not exist (404). */
import { z } from "zod";
import type { AppContext } from "./env.js";
import { notFound } from "./errors.js";

export const isUuid = (value: string | undefined): value is string => z.uuid().safeParse(value ?? "").success;

export function idParam(c: AppContext, name: string): string {
  const id = c.req.param(name) ?? "";
  if (!isUuid(id)) throw notFound();
  return id;
}
