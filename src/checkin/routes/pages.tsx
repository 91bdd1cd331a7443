/**
 * Check-in pages for organisers and the check-in staff they name, and the event's roles
 * page for organisers. Every form works without JavaScript.
 */
import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { z } from "zod";
import { can, loadEventFor, type EventAction } from "../../auth/policy.js";
import { grantEventRoleByEmail, listEventRoles, withdrawEventRole } from "../../auth/roles.js";
import type { AppContext, AppEnv } from "../../http/env.js";
import { setFlash } from "../../http/cookies.js";
import { notFound, validationFailed } from "../../http/errors.js";
import { readForm, submitForm } from "../../http/forms.js";
import { emptyForm, uiOf, type FormState } from "../../http/ui.js";
import { parseInput } from "../../http/validation.js";
import { LIMITS, checkbox, email, requiredText } from "../../shared/fields.js";
import { eventRoleKinds } from "../schema.js";
import { createList, findList, listConflicts, listCounts, listsOf, listsWithCounts, redeem, redeemJson, searchList, type RedeemResult } from "../service.js";
import { OfflineUpload, offlinePackage, redeemUpload } from "../offline.js";
import { CheckinListsPage, CheckinStationPage, RolesPage, countText } from "../views/pages.js";
import { seatSessionsOf } from "../../sessions/service.js";

export const checkinRoutes = new Hono<AppEnv>();

async function eventFor(c: AppContext, action: EventAction) {
  const id = c.req.param("id") ?? "";
  if (!z.uuid().safeParse(id).success) throw notFound();
  return loadEventFor(c.get("deps").db, c.get("actor"), id, action);
}

const base = (id: string) => `/arrangor/evenemang/${id}/incheckning`;

async function renderLists(c: AppContext, form: FormState = emptyForm()) {
  const event = await eventFor(c, "checkin.use");
  const { db } = c.get("deps");
  const sessions = await seatSessionsOf(db, event.id);
  return <CheckinListsPage ui={uiOf(c)} event={event} lists={await listsWithCounts(db, event.id)} sessions={sessions} canConfigure={await can(db, c.get("actor"), "checkin.configure", event)} form={form} />;
}

checkinRoutes.get("/arrangor/evenemang/:id/incheckning", async (c) => c.html(await renderLists(c)));

const ListForm = z.object({ name: requiredText(LIMITS.shortText), attendance: z.enum(["", "onsite", "remote"]).default(""), allowReentry: checkbox, sessionId: z.union([z.literal(""), z.uuid({ message: "seats.error.unknown" })]).default("") });

checkinRoutes.post("/arrangor/evenemang/:id/incheckning", async (c) => {
  const event = await eventFor(c, "checkin.configure");
  const values = await readForm(c);
  return submitForm(
    c,
    values,
    async () => {
      const f = parseInput(ListForm, values);
      const lists = await listsOf(c.get("deps").db, event.id);
      if (lists.some((l) => l.name.toLowerCase() === f.name.toLowerCase())) throw validationFailed([{ field: "name", key: "checkin.error.list_taken" }]);
      if (f.sessionId && !(await seatSessionsOf(c.get("deps").db, event.id)).some((s) => s.id === f.sessionId)) throw validationFailed([{ field: "sessionId", key: "seats.error.unknown" }]);
      const list = await createList(c.get("deps").db, event.id, { name: f.name, attendance: f.attendance || null, allowReentry: f.allowReentry, sessionId: f.sessionId || null });
      setFlash(c, c.get("t")("checkin.listCreated", { list: list.name }));
      return c.redirect(base(event.id), 303);
    },
    (form) => renderLists(c, { ...form, id: "list" }),
    { name: "checkin.listName", sessionId: "checkin.listSession" },
  );
});

/** Every list's counts as the pages show them, for the pages' script to keep them current. */
checkinRoutes.get("/arrangor/evenemang/:id/incheckning/antal.json", async (c) => {
  const event = await eventFor(c, "checkin.use");
  const ui = uiOf(c);
  c.header("Cache-Control", "private, no-store");
  return c.json({ lists: Object.fromEntries((await listsWithCounts(c.get("deps").db, event.id)).map(({ list, counts }) => [list.id, countText(ui, counts)])) });
});

/** The event and the list a station page is about, each read once per request. */
async function stationList(c: AppContext) {
  const event = await eventFor(c, "checkin.use");
  const lid = c.req.param("lid") ?? "";
  const list = z.uuid().safeParse(lid).success ? await findList(c.get("deps").db, lid) : undefined;
  if (!list || list.eventId !== event.id) throw notFound();
  return { event, list };
}

/** The station with its counts and search results as they are now, and the answer to a scan, if one was made. */
async function renderStation(c: AppContext, { event, list }: Awaited<ReturnType<typeof stationList>>, result: RedeemResult | null) {
  const { db } = c.get("deps");
  const q = (c.req.query("q") ?? "").trim().slice(0, 100);
  // The one page that may use the camera (to read tickets); every other page refuses it.
  c.header("Permissions-Policy", "camera=(self), microphone=(), geolocation=(), interest-cohort=()");
  const [counts, found, conflicts] = await Promise.all([listCounts(db, list), q ? searchList(db, list, q) : Promise.resolve(null), listConflicts(db, list)]);
  return c.html(<CheckinStationPage ui={uiOf(c)} event={event} list={list} counts={counts} q={q} found={found} result={result} conflicts={conflicts} nonce={() => randomUUID()} />, result?.kind === "invalid" ? 422 : 200);
}

checkinRoutes.get("/arrangor/evenemang/:id/incheckning/:lid", async (c) => renderStation(c, await stationList(c), null));

const RedeemForm = z.object({ nonce: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/), code: z.string().trim().max(200).optional(), registrationId: z.uuid().optional() });

checkinRoutes.post("/arrangor/evenemang/:id/incheckning/:lid", async (c) => {
  const station = await stationList(c);
  const values = await readForm(c);
  const parsed = RedeemForm.safeParse(values);
  const { db, now } = c.get("deps");
  // A broken form (no nonce, a made-up id) is answered as "not a valid ticket", and nothing is recorded.
  const result: RedeemResult =
    !parsed.success || (!parsed.data.code && !parsed.data.registrationId)
      ? { kind: "invalid" }
      : await redeem(db, station.list, { code: parsed.data.code, registrationId: parsed.data.registrationId, nonce: parsed.data.nonce, by: c.get("actor")!.personId, at: now() });
  // The station's script asks for JSON, to show the answer without loading the page again.
  if ((c.req.header("accept") ?? "").includes("application/json")) return c.json(redeemJson(result), 200);
  return renderStation(c, station, result);
});

/** What the station's script keeps to go on without a connection (never cached by anyone else). */
checkinRoutes.get("/arrangor/evenemang/:id/incheckning/:lid/offline.json", async (c) => {
  const { list } = await stationList(c);
  c.header("Cache-Control", "private, no-store");
  return c.json(await offlinePackage(c.get("deps").db, list, c.get("deps").now()));
});

/** Check-ins made while offline, sent by the station's script when the connection is back. */
checkinRoutes.post("/arrangor/evenemang/:id/incheckning/:lid/offline", async (c) => {
  const { list } = await stationList(c);
  const values = await readForm(c);
  let scans: unknown;
  try {
    scans = JSON.parse(values.scans ?? "");
  } catch {
    throw validationFailed([{ field: "scans", key: "checkin.error.scans_json" }]);
  }
  const upload = parseInput(OfflineUpload, { scans });
  const { db, now } = c.get("deps");
  return c.json({ data: await redeemUpload(db, list, upload, c.get("actor")!.personId, now()) });
});

// ── Roles ────────────────────────────────────────────────────────────────────
const rolesPath = (id: string) => `/arrangor/evenemang/${id}/roller`;

async function renderRoles(c: AppContext, form: FormState = emptyForm()) {
  const event = await eventFor(c, "roles.manage");
  return <RolesPage ui={uiOf(c)} event={event} roles={await listEventRoles(c.get("deps").db, event.id)} form={form} />;
}

checkinRoutes.get("/arrangor/evenemang/:id/roller", async (c) => c.html(await renderRoles(c)));

const RoleForm = z.object({ email, role: z.enum(eventRoleKinds) });

checkinRoutes.post("/arrangor/evenemang/:id/roller", async (c) => {
  const event = await eventFor(c, "roles.manage");
  const values = await readForm(c);
  return submitForm(
    c,
    values,
    async () => {
      const f = parseInput(RoleForm, values);
      const person = await grantEventRoleByEmail(c.get("deps").db, event.id, f.email, f.role, c.get("actor")!.personId);
      const t = c.get("t");
      setFlash(c, t("roles.granted", { name: person.name, role: t(`roles.kind.${f.role}`).toLowerCase() }));
      return c.redirect(rolesPath(event.id), 303);
    },
    (form) => renderRoles(c, form),
    { email: "roles.email", role: "roles.role" },
  );
});

checkinRoutes.post("/arrangor/evenemang/:id/roller/:pid/:role/ta-bort", async (c) => {
  const event = await eventFor(c, "roles.manage");
  const pid = c.req.param("pid");
  const role = z.enum(eventRoleKinds).safeParse(c.req.param("role"));
  if (!z.uuid().safeParse(pid).success || !role.success) throw notFound();
  if (!(await withdrawEventRole(c.get("deps").db, event.id, pid, role.data))) throw notFound();
  setFlash(c, c.get("t")("roles.withdrawn"));
  return c.redirect(rolesPath(event.id), 303);
});
