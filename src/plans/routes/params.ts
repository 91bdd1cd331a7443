/** Ids and years from a plan route's path: anything that is not one is a page that does not exist (404). */
import type { AppContext } from "../../http/env.js";
import { notFound } from "../../http/errors.js";

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function uuidParam(c: AppContext, name: string): string {
  const v = c.req.param(name) ?? "";
  if (!UUID.test(v)) throw notFound();
  return v;
}

export function yearParam(c: AppContext): number {
  const raw = c.req.param("year") ?? "";
  const y = Number(raw);
  if (!/^\d{4}$/.test(raw) || y < 2000 || y > 2100) throw notFound();
  return y;
}

/** What a plan mail needs to link back: the public address and the key of signed links. */
export const mailContext = (c: AppContext) => ({ publicUrl: c.get("deps").config.publicUrl, linkKey: c.get("deps").linkKey });
