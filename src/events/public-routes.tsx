import { Hono } from "hono";
import { canManageSpace, loadEventForRead } from "../auth/policy.js";
import type { AppContext, AppEnv } from "../http/env.js";
import { uiOf } from "../http/ui.js";
import { listExhibitors, listSessions } from "./program-repository.js";
import { findEventBySlug, listPublicEvents, listSeriesEditions } from "./repository.js";
import { findSettings } from "../registration/repository.js";
import { findSpaceById } from "../spaces/repository.js";
import { registrationBlocker } from "../registration/submit.js";
import { EventListPage, EventPage, HomePage, NationalPage, ProgramPage, SpeakersPage } from "./views/public.js";

export const publicEventRoutes = new Hono<AppEnv>();

publicEventRoutes.get("/", async (c) => {
  const { db, now } = c.get("deps");
  const upcoming = await listPublicEvents(db, { now: now(), when: "upcoming", limit: 10, offset: 0 });
  return c.html(<HomePage ui={uiOf(c)} upcoming={upcoming} />);
});

publicEventRoutes.get("/evenemang", async (c) => {
  const { db, now } = c.get("deps");
  const when = c.req.query("when") === "past" ? "past" : "upcoming";
  const regionParam = c.req.query("region") ?? "";
  const region = /^\d{2}$/.test(regionParam) ? regionParam : null;
  const events = await listPublicEvents(db, { now: now(), when, regionCode: region, limit: 200, offset: 0 });
  return c.html(<EventListPage ui={uiOf(c)} events={events} when={when} region={region} />);
});

publicEventRoutes.get("/nationellt", async (c) => {
  const { db, now } = c.get("deps");
  const events = await listPublicEvents(db, { now: now(), when: "upcoming", limit: 500, offset: 0 });
  return c.html(<NationalPage ui={uiOf(c)} events={events} />);
});

async function visibleEvent(c: AppContext) {
  const { db } = c.get("deps");
  const slug = c.req.param("slug") ?? "";
  const event = await loadEventForRead(db, c.get("actor"), slug.length <= 100 ? await findEventBySlug(db, slug) : undefined);
  const canManage = await canManageSpace(db, c.get("actor"), event.spaceId);
  return { event, canManage };
}

publicEventRoutes.get("/evenemang/:slug", async (c) => {
  const { db } = c.get("deps");
  const { event, canManage } = await visibleEvent(c);
  const [exhibitors, editions] = await Promise.all([
    listExhibitors(db, event.id),
    event.seriesId ? listSeriesEditions(db, event.seriesId) : Promise.resolve([]),
  ]);
  const publicEditions = canManage ? editions : editions.filter((e) => e.status !== "draft");
  const settings = await findSettings(db, event.id);
  const blocker = settings ? await registrationBlocker(c.get("deps"), event) : null;
  const space = settings ? await findSpaceById(db, event.spaceId) : undefined;
  const registration = settings && space ? { open: blocker === null, message: blocker ? c.get("t")(blocker) : null, settings, space } : null;
  return c.html(<EventPage ui={uiOf(c)} event={event} exhibitors={exhibitors} editions={publicEditions} canManage={canManage} registration={registration} />);
});

publicEventRoutes.get("/evenemang/:slug/program", async (c) => {
  const { event, canManage } = await visibleEvent(c);
  const sessions = await listSessions(c.get("deps").db, event.id);
  const track = c.req.query("spar")?.slice(0, 200) || null;
  return c.html(<ProgramPage ui={uiOf(c)} event={event} sessions={sessions} track={track} canManage={canManage} />);
});

publicEventRoutes.get("/evenemang/:slug/talare", async (c) => {
  const { event, canManage } = await visibleEvent(c);
  const sessions = await listSessions(c.get("deps").db, event.id);
  return c.html(<SpeakersPage ui={uiOf(c)} event={event} sessions={sessions} canManage={canManage} />);
});
