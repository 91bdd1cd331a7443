/**
 * Name badges for organisers and check-in staff: a page to choose the sheet, the PDF of
 * all badges, and one badge at a time from the check-in station.
 */
import { Hono } from "hono";
import { z } from "zod";
import { loadEventFor } from "../../auth/policy.js";
import type { AppContext, AppEnv } from "../../http/env.js";
import { notFound } from "../../http/errors.js";
import { uiOf } from "../../http/ui.js";
import { parseInput } from "../../http/validation.js";
import { badgeCount } from "../badges.js";
import { BadgeQuery, eventBadges, pdfResponse } from "../pdf-response.js";
import { BadgesPage } from "../views/badges.js";

export const badgeRoutes = new Hono<AppEnv>();

async function eventOf(c: AppContext) {
  const id = c.req.param("id") ?? "";
  if (!z.uuid().safeParse(id).success) throw notFound();
  return loadEventFor(c.get("deps").db, c.get("actor"), id, "badges.print");
}

badgeRoutes.get("/arrangor/evenemang/:id/namnbrickor", async (c) => {
  const event = await eventOf(c);
  return c.html(<BadgesPage ui={uiOf(c)} event={event} count={await badgeCount(c.get("deps").db, event.id)} />);
});

badgeRoutes.get("/arrangor/evenemang/:id/namnbrickor.pdf", async (c) => {
  const event = await eventOf(c);
  const q = parseInput(BadgeQuery, c.req.query());
  const doc = await eventBadges(c.get("deps").db, event, q, c.get("t"), c.get("locale"));
  if (!doc) throw notFound();
  return pdfResponse(c, doc, `${event.slug}-namnbrickor.pdf`);
});
