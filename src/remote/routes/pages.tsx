/** Remote links: the organiser's page (no-JS forms) and the participant's "Delta på distans" page. */
import { Hono } from "hono";
import { z } from "zod";
import { loadEventForWrite } from "../../auth/policy.js";
import { listSessions } from "../../events/program-repository.js";
import { findEventById } from "../../events/repository.js";
import type { AppContext, AppEnv } from "../../http/env.js";
import { setFlash } from "../../http/cookies.js";
import { notFound } from "../../http/errors.js";
import { readForm, submitForm } from "../../http/forms.js";
import { emptyForm, uiOf, type FormState } from "../../http/ui.js";
import { parseInput } from "../../http/validation.js";
import { findRegistrationByManageToken } from "../../registration/repository.js";
import { EventLinkForm, LinkForm } from "../schemas.js";
import { linksFor, remoteOf, saveLink, saveSettings, setPublished, type RemoteLink } from "../service.js";
import { RemoteAdminPage, RemotePage, type RemoteLive } from "../views/remote.js";
import { ensureRooms, listRooms } from "../../live/service.js";

export const remoteRoutes = new Hono<AppEnv>();

async function eventOf(c: AppContext) {
  const id = c.req.param("id") ?? "";
  if (!z.uuid().safeParse(id).success) throw notFound();
  return loadEventForWrite(c.get("deps").db, c.get("actor"), id);
}

const linkValues = (l: RemoteLink | undefined): Record<string, string> => ({ url: l?.url ?? "", dialIn: l?.dialIn ?? "", meetingId: l?.meetingId ?? "", speakerUrl: l?.speakerUrl ?? "", speakerNote: l?.speakerNote ?? "" });

async function renderAdmin(c: AppContext, failed: { key: string; form: FormState } | null = null) {
  const event = await eventOf(c);
  const { db } = c.get("deps");
  const [{ settings, links }, sessions] = await Promise.all([remoteOf(db, event.id), listSessions(db, event.id)]);
  const forms: Record<string, FormState> = {
    event: emptyForm({ ...linkValues(links.find((l) => !l.sessionId)), showOnsite: settings?.showOnsite ? "on" : "", reminderMinutes: settings ? (settings.reminderMinutes === null ? "" : String(settings.reminderMinutes)) : "30" }),
  };
  for (const s of sessions) forms[s.id] = emptyForm(linkValues(links.find((l) => l.sessionId === s.id)));
  if (failed) forms[failed.key] = failed.form;
  return <RemoteAdminPage ui={uiOf(c)} event={event} settings={settings} links={links} sessions={sessions} forms={forms} />;
}

const labels = { url: "remote.url", dialIn: "remote.dialInField", meetingId: "remote.meetingIdField", speakerUrl: "remote.speakerUrl", speakerNote: "remote.speakerNote", reminderMinutes: "remote.reminderMinutes" } as const;
const back = (eventId: string) => `/arrangor/evenemang/${eventId}/distans`;

remoteRoutes.get("/arrangor/evenemang/:id/distans", async (c) => c.html(await renderAdmin(c)));

remoteRoutes.post("/arrangor/evenemang/:id/distans", async (c) => {
  const event = await eventOf(c);
  const values = await readForm(c);
  const { db, now } = c.get("deps");
  return submitForm(
    c,
    values,
    async () => {
      // One schema for both parts: every problem is shown at once, and nothing is saved before all is checked.
      const { showOnsite, reminderMinutes, ...link } = parseInput(EventLinkForm, values);
      await saveLink(db, event.id, null, link, now());
      await saveSettings(db, event.id, { showOnsite, reminderMinutes }, now());
      setFlash(c, c.get("t")("remote.saved"));
      return c.redirect(back(event.id), 303);
    },
    (form) => renderAdmin(c, { key: "event", form }),
    labels,
  );
});

remoteRoutes.post("/arrangor/evenemang/:id/distans/pass/:sid", async (c) => {
  const event = await eventOf(c);
  const sid = c.req.param("sid");
  const { db, now } = c.get("deps");
  if (!z.uuid().safeParse(sid).success || (await listSessions(db, event.id, sid)).length === 0) throw notFound();
  const values = await readForm(c);
  return submitForm(
    c,
    values,
    async () => {
      await saveLink(db, event.id, sid, parseInput(LinkForm, values), now());
      setFlash(c, c.get("t")("remote.saved"));
      return c.redirect(back(event.id), 303);
    },
    (form) => renderAdmin(c, { key: sid, form }),
    labels,
  );
});

remoteRoutes.post("/arrangor/evenemang/:id/distans/publicera", async (c) => {
  const event = await eventOf(c);
  const values = await readForm(c);
  const published = values.published === "1";
  await setPublished(c.get("deps").db, event.id, published, c.get("deps").now());
  setFlash(c, c.get("t")(published ? "remote.publishedNow" : "remote.unpublishedNow"));
  return c.redirect(back(event.id), 303);
});

/** The live rooms a registered participant may join, through their manage link (live.ts grants the pass there); none for one not (or no longer) taking part. */
async function liveFor(c: AppContext, token: string, registration: { eventId: string; status: string }): Promise<RemoteLive | null> {
  if (!["confirmed", "offered"].includes(registration.status)) return null;
  const { db } = c.get("deps");
  await ensureRooms(db, registration.eventId);
  const through = `/anmalan/${token}/live`;
  const rooms = await listRooms(db, registration.eventId);
  return {
    href: through,
    sessions: new Map(rooms.filter((r) => r.session).map((r) => [r.session!.id, { href: `${through}?rum=${r.room.code}`, code: r.room.code }])),
  };
}

/** The participant's page: reached from the manage link, never public, never cached. */
remoteRoutes.get("/anmalan/:token/distans", async (c) => {
  const { db, linkKey, now } = c.get("deps");
  const token = (c.req.param("token") ?? "").slice(0, 100);
  const registration = await findRegistrationByManageToken(db, linkKey, token);
  if (!registration) throw notFound();
  const event = (await findEventById(db, registration.eventId))!;
  c.header("Cache-Control", "private, no-store");
  const [links, program] = await Promise.all([linksFor(db, registration), listSessions(db, event.id)]);
  return c.html(<RemotePage ui={uiOf(c)} event={event} links={links} program={program} now={now()} live={await liveFor(c, token, registration)} />);
});
