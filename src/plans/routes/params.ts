/** Years from a plan route's path (anything else is a page that does not exist: 404), and what plan mails link with. */
import type { AppContext } from "../../http/env.js";
import { notFound } from "../../http/errors.js";

export function yearParam(c: AppContext): number {
  const raw = c.req.param("year") ?? "";
  const y = Number(raw);
  if (!/^\d{4}$/.test(raw) || y < 2000 || y > 2100) throw notFound();
  return y;
}

/** What a plan mail needs to link back: the public address and the key of signed links. */
export const mailContext = (c: AppContext) => ({ publicUrl: c.get("deps").config.publicUrl, linkKey: c.get("deps").linkKey });
