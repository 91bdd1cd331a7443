/** The participant's own agenda page: stars by form (works without JavaScript). */
import { Hono } from "hono";
import { loadEventForRead, requireActor } from "../../auth/policy.js";
import { listSessions } from "../../events/program-repository.js";
import { findEventBySlug } from "../../events/repository.js";
import { eventPath } from "../../events/present.js";
import type { AppContext, AppEnv } from "../../http/env.js";
import { setFlash } from "../../http/cookies.js";
import { readForm } from "../../http/forms.js";
import { uiOf } from "../../http/ui.js";
import { pick } from "../../i18n/messages.js";
import { agendaOf, setStar } from "../agenda.js";
import { AgendaPage } from "../views/agenda.js";

export const agendaRoutes = new Hono<AppEnv>();

async function eventOf(c: AppContext) {
  const actor = requireActor(c.get("actor"));
  const slug = (c.req.param("slug") ?? "").slice(0, 100);
  const event = await loadEventForRead(c.get("deps").db, actor, await findEventBySlug(c.get("deps").db, slug));
  return { actor, event };
}

agendaRoutes.get("/evenemang/:slug/min-agenda", async (c) => {
  const { actor, event } = await eventOf(c);
  const { db } = c.get("deps");
  const [sessions, marks] = await Promise.all([listSessions(db, event.id), agendaOf(db, actor.personId, event.id)]);
  return c.html(<AgendaPage ui={uiOf(c)} event={event} sessions={sessions} marks={marks} />);
});

agendaRoutes.post("/evenemang/:slug/min-agenda", async (c) => {
  const { actor, event } = await eventOf(c);
  const values = await readForm(c);
  const { db } = c.get("deps");
  const sessionId = /^[0-9a-f-]{36}$/i.test(values.sessionId ?? "") ? values.sessionId! : "00000000-0000-0000-0000-000000000000";
  const star = values.star === "1";
  await setStar(db, actor.personId, event.id, sessionId, star);
  const [session] = await listSessions(db, event.id, sessionId);
  setFlash(c, c.get("t")(star ? "agenda.starred" : "agenda.unstarred", { session: pick(c.get("locale"), session!.titleSv, session!.titleEn) }));
  return c.redirect(`${eventPath(event)}/min-agenda`, 303);
});
