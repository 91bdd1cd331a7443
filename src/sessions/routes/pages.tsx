/** The organiser's list of one session's seated and waiting participants, and its export. */
import { Hono } from "hono";
import { z } from "zod";
import { loadEventForWrite } from "../../auth/policy.js";
import { findSession } from "../../events/program-repository.js";
import type { AppContext, AppEnv } from "../../http/env.js";
import { notFound } from "../../http/errors.js";
import { uiOf } from "../../http/ui.js";
import { capitalise } from "../../i18n/messages.js";
import { csvText } from "../../shared/spreadsheet.js";
import { sessionParticipants } from "../service.js";
import { SessionSeatsPage } from "../views/seats.js";

export const seatRoutes = new Hono<AppEnv>();

async function sessionOf(c: AppContext) {
  const id = c.req.param("id") ?? "";
  const sid = c.req.param("sid") ?? "";
  if (!z.uuid().safeParse(id).success || !z.uuid().safeParse(sid).success) throw notFound();
  const event = await loadEventForWrite(c.get("deps").db, c.get("actor"), id);
  const session = await findSession(c.get("deps").db, event.id, sid);
  if (!session || session.seats === null) throw notFound();
  return { event, session, rows: await sessionParticipants(c.get("deps").db, session.id) };
}

seatRoutes.get("/arrangor/evenemang/:id/program/:sid/deltagare", async (c) => {
  const { event, session, rows } = await sessionOf(c);
  return c.html(<SessionSeatsPage ui={uiOf(c)} event={event} session={session} rows={rows} />);
});

seatRoutes.get("/arrangor/evenemang/:id/program/:sid/deltagare.csv", async (c) => {
  const { session, rows } = await sessionOf(c);
  const t = c.get("t");
  const lines = [
    [t("field.name"), t("field.email"), t("field.organisation"), t("reg.status"), t("seats.admin.chosenAt")].map(capitalise),
    ...rows.map((r) => [r.name, r.email ?? "", r.organisation ?? "", t(`seats.admin.status.${r.status}`), r.chosenAt]),
  ];
  c.header("Content-Disposition", `attachment; filename="pass-${session.id.slice(0, 8)}.csv"`);
  return c.body(csvText(lines), 200, { "Content-Type": "text/csv; charset=utf-8" });
});
