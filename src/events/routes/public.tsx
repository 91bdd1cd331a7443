import { Hono } from "hono";
import { canManageSpace, loadEventForRead } from "../../auth/policy.js";
import type { AppContext, AppEnv } from "../../http/env.js";
import { fingerprintOf, servedRecently } from "../../http/page-cache.js";
import { pageFingerprint, type PagePart } from "../page-fingerprint.js";
import { listExhibitors, listSessions } from "../program-repository.js";
import { findEventBySlug, listPublicEvents, listSeriesEditions, type EventWithSpace } from "../repository.js";
import { findSettings } from "../../registration/repository.js";
import { findSpaceById } from "../../spaces/repository.js";
import { registrationBlocker } from "../../registration/submit.js";
import { EventListPage, EventPage, HomePage, NationalPage, ProgramPage, SchedulePage, SpeakersPage } from "../views/public.js";
import { isLive } from "../views/schedule.js";

export const publicEventRoutes = new Hono<AppEnv>();

/** Lists are kept by a fingerprint of the rows they show (read first, on every visit not served by time). */
publicEventRoutes.get("/", servedRecently, async (c) => {
  const { db, now } = c.get("deps");
  const upcoming = await listPublicEvents(db, { now: now(), when: "upcoming", limit: 10, offset: 0 });
  return c.get("pageCache").page(c, fingerprintOf(upcoming), async (ui) => <HomePage ui={ui} upcoming={upcoming} />);
});

publicEventRoutes.get("/evenemang", servedRecently, async (c) => {
  const { db, now } = c.get("deps");
  const when = c.req.query("when") === "past" ? "past" : "upcoming";
  const regionParam = c.req.query("region") ?? "";
  const region = /^\d{2}$/.test(regionParam) ? regionParam : null;
  const events = await listPublicEvents(db, { now: now(), when, regionCode: region, limit: 200, offset: 0 });
  return c.get("pageCache").page(c, fingerprintOf([events, when, region]), async (ui) => <EventListPage ui={ui} events={events} when={when} region={region} />);
});

publicEventRoutes.get("/nationellt", servedRecently, async (c) => {
  const { db, now } = c.get("deps");
  const events = await listPublicEvents(db, { now: now(), when: "upcoming", limit: 500, offset: 0 });
  return c.get("pageCache").page(c, fingerprintOf(events), async (ui) => <NationalPage ui={ui} events={events} />);
});

async function visibleEvent(c: AppContext) {
  const { db } = c.get("deps");
  const slug = c.req.param("slug") ?? "";
  const event = await loadEventForRead(db, c.get("actor"), slug.length <= 100 ? await findEventBySlug(db, slug) : undefined);
  const canManage = await canManageSpace(db, c.get("actor"), event.spaceId);
  return { event, canManage };
}

/** The fingerprint of what an event page shows, for visitors who are not logged in. */
const fingerprintFor = (c: AppContext, eventId: string, parts: PagePart[]) =>
  c.get("actor") ? Promise.resolve(null) : pageFingerprint(c.get("deps").db, eventId, parts, c.get("deps").now());

/**
 * A page is rendered from what is read after its fingerprint, so a change in between
 * gives newer content under an older key (never asked for again), never the reverse.
 */
const reread = async (c: AppContext, event: EventWithSpace) => (await findEventBySlug(c.get("deps").db, event.slug)) ?? event;

/** On the day the page shows what is on now: kept a minute at most, and made from the program too. */
const liveKey = (event: EventWithSpace, now: Date, fingerprint: string | null) => (fingerprint && isLive(event, now) ? `${fingerprint}@${Math.floor(now.getTime() / 60_000)}` : fingerprint);

publicEventRoutes.get("/evenemang/:slug", servedRecently, async (c) => {
  const { db } = c.get("deps");
  let { event, canManage } = await visibleEvent(c);
  const now = c.get("deps").now();
  const live = isLive(event, now);
  return c.get("pageCache").page(c, liveKey(event, now, await fingerprintFor(c, event.id, live ? ["exhibitors", "editions", "registration", "program"] : ["exhibitors", "editions", "registration"])), async (ui) => {
    event = await reread(c, event);
    const [exhibitors, editions] = await Promise.all([
      listExhibitors(db, event.id),
      event.seriesId ? listSeriesEditions(db, event.seriesId) : Promise.resolve([]),
    ]);
    const publicEditions = canManage ? editions : editions.filter((e) => e.status !== "draft");
    const settings = await findSettings(db, event.id);
    const blocker = settings ? await registrationBlocker(c.get("deps"), event, { settings }) : null;
    const space = settings ? await findSpaceById(db, event.spaceId) : undefined;
    const registration = settings && space ? { open: blocker === null, message: blocker ? ui.t(blocker) : null, settings, space } : null;
    return <EventPage ui={ui} event={event} exhibitors={exhibitors} editions={publicEditions} canManage={canManage} registration={registration} live={live ? { sessions: await listSessions(db, event.id), now } : null} />;
  });
});

publicEventRoutes.get("/evenemang/:slug/schema", servedRecently, async (c) => {
  let { event, canManage } = await visibleEvent(c);
  const now = c.get("deps").now();
  return c.get("pageCache").page(c, liveKey(event, now, await fingerprintFor(c, event.id, ["program"])), async (ui) => {
    event = await reread(c, event);
    return <SchedulePage ui={ui} event={event} sessions={await listSessions(c.get("deps").db, event.id)} canManage={canManage} now={now} />;
  });
});

publicEventRoutes.get("/evenemang/:slug/program", servedRecently, async (c) => {
  let { event, canManage } = await visibleEvent(c);
  const track = c.req.query("spar")?.slice(0, 200) || null;
  return c.get("pageCache").page(c, await fingerprintFor(c, event.id, ["program"]), async (ui) => {
    event = await reread(c, event);
    const sessions = await listSessions(c.get("deps").db, event.id);
    return <ProgramPage ui={ui} event={event} sessions={sessions} track={track} canManage={canManage} />;
  });
});

publicEventRoutes.get("/evenemang/:slug/talare", servedRecently, async (c) => {
  let { event, canManage } = await visibleEvent(c);
  return c.get("pageCache").page(c, await fingerprintFor(c, event.id, ["program"]), async (ui) => {
    event = await reread(c, event);
    const sessions = await listSessions(c.get("deps").db, event.id);
    return <SpeakersPage ui={ui} event={event} sessions={sessions} canManage={canManage} />;
  });
});
