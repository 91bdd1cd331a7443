import { createRoute, z } from "@hono/zod-openapi";
import { canManageSpace, loadEventForRead, loadEventForWrite, requireActor } from "../../auth/policy.js";
import { findSession, listExhibitors, listSessions } from "../program-repository.js";
import { findProgramConflicts } from "../program-rules.js";
import { createExhibitor, createSession, deleteExhibitor, deleteSession, updateExhibitor, updateSession } from "../program-service.js";
import { findEventById } from "../repository.js";
import { ExhibitorInput, SessionCreate, SessionUpdate } from "../schemas.js";
import { warningText } from "../views/organiser.js";
import { notFound } from "../../http/errors.js";
import type { AppContext } from "../../http/env.js";
import { uiOf } from "../../http/ui.js";
import type { Api } from "../../api/openapi.js";
import { ExhibitorParams, IdParam, SessionParams, bearer, errorResponses, jsonBody, jsonResponse } from "../../api/openapi.js";
import { ExhibitorJson, SessionJson, WarningJson, exhibitorJson, sessionJson, warningJson } from "./present.js";

const Program = z
  .object({ data: z.array(SessionJson), warnings: z.array(WarningJson).openapi({ description: "Overlaps in a room and people booked twice; shown to organisers only." }) })
  .openapi("Program");

async function programOf(c: AppContext, eventId: string, includeWarnings: boolean) {
  const sessions = await listSessions(c.get("deps").db, eventId);
  const ui = uiOf(c);
  const warnings = includeWarnings
    ? findProgramConflicts(sessions.map((s) => ({ ...s, title: s.titleSv }))).map((w) => warningJson(w, warningText(ui, w)))
    : [];
  return { data: sessions.map(sessionJson), warnings };
}

export function registerProgramApi(api: Api) {
  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/events/{id}/sessions",
      tags: ["Program"],
      summary: "The event's program",
      request: { params: IdParam },
      responses: { 200: jsonResponse(Program, "Sessions in time order."), 404: errorResponses[404], 422: errorResponses[422] },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { db } = c.get("deps");
      const event = await loadEventForRead(db, c.get("actor"), await findEventById(db, id));
      return c.json(await programOf(c, event.id, await canManageSpace(db, c.get("actor"), event.spaceId)), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/v1/events/{id}/sessions",
      tags: ["Program"],
      summary: "Add a session",
      security: bearer,
      request: { params: IdParam, ...jsonBody(SessionCreate) },
      responses: { 201: jsonResponse(z.object({ session: SessionJson, warnings: z.array(WarningJson) }), "The new session and the program's warnings."), ...errorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { db } = c.get("deps");
      const event = await loadEventForWrite(db, requireActor(c.get("actor")), id);
      const sessionId = await createSession(db, event, c.req.valid("json"));
      const program = await programOf(c, event.id, true);
      const session = program.data.find((s) => s.id === sessionId)!;
      return c.json({ session, warnings: program.warnings }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/events/{id}/sessions/{sessionId}",
      tags: ["Program"],
      summary: "One session",
      request: { params: SessionParams },
      responses: { 200: jsonResponse(SessionJson, "The session."), 404: errorResponses[404], 422: errorResponses[422] },
    }),
    async (c) => {
      const { id, sessionId } = c.req.valid("param");
      const { db } = c.get("deps");
      const event = await loadEventForRead(db, c.get("actor"), await findEventById(db, id));
      const session = await findSession(db, event.id, sessionId);
      if (!session) throw notFound();
      return c.json(sessionJson(session), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "patch",
      path: "/v1/events/{id}/sessions/{sessionId}",
      tags: ["Program"],
      summary: "Change a session",
      security: bearer,
      request: { params: SessionParams, ...jsonBody(SessionUpdate) },
      responses: { 200: jsonResponse(z.object({ session: SessionJson, warnings: z.array(WarningJson) }), "The changed session and the program's warnings."), ...errorResponses },
    }),
    async (c) => {
      const { id, sessionId } = c.req.valid("param");
      const { db, now } = c.get("deps");
      const event = await loadEventForWrite(db, requireActor(c.get("actor")), id);
      await updateSession(db, event, sessionId, c.req.valid("json"), now());
      const program = await programOf(c, event.id, true);
      return c.json({ session: program.data.find((s) => s.id === sessionId)!, warnings: program.warnings }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "delete",
      path: "/v1/events/{id}/sessions/{sessionId}",
      tags: ["Program"],
      summary: "Remove a session",
      security: bearer,
      request: { params: SessionParams },
      responses: { 204: { description: "Removed." }, ...errorResponses },
    }),
    async (c) => {
      const { id, sessionId } = c.req.valid("param");
      const { db } = c.get("deps");
      const event = await loadEventForWrite(db, requireActor(c.get("actor")), id);
      await deleteSession(db, event, sessionId);
      return c.body(null, 204);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/events/{id}/exhibitors",
      tags: ["Program"],
      summary: "The event's exhibitors",
      request: { params: IdParam },
      responses: { 200: jsonResponse(z.object({ data: z.array(ExhibitorJson) }), "Exhibitors by name."), 404: errorResponses[404], 422: errorResponses[422] },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { db } = c.get("deps");
      const event = await loadEventForRead(db, c.get("actor"), await findEventById(db, id));
      return c.json({ data: (await listExhibitors(db, event.id)).map((x) => exhibitorJson(x, c.get("deps").config.publicUrl)) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/v1/events/{id}/exhibitors",
      tags: ["Program"],
      summary: "Add an exhibitor",
      security: bearer,
      request: { params: IdParam, ...jsonBody(ExhibitorInput) },
      responses: { 201: jsonResponse(ExhibitorJson, "The new exhibitor."), ...errorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { db } = c.get("deps");
      const event = await loadEventForWrite(db, requireActor(c.get("actor")), id);
      return c.json(exhibitorJson(await createExhibitor(db, event, c.req.valid("json")), c.get("deps").config.publicUrl), 201);
    },
  );

  api.openapi(
    createRoute({
      method: "put",
      path: "/v1/events/{id}/exhibitors/{exhibitorId}",
      tags: ["Program"],
      summary: "Replace an exhibitor's details",
      security: bearer,
      request: { params: ExhibitorParams, ...jsonBody(ExhibitorInput) },
      responses: { 200: jsonResponse(ExhibitorJson, "The exhibitor."), ...errorResponses },
    }),
    async (c) => {
      const { id, exhibitorId } = c.req.valid("param");
      const { db } = c.get("deps");
      const event = await loadEventForWrite(db, requireActor(c.get("actor")), id);
      return c.json(exhibitorJson(await updateExhibitor(db, event, exhibitorId, c.req.valid("json")), c.get("deps").config.publicUrl), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "delete",
      path: "/v1/events/{id}/exhibitors/{exhibitorId}",
      tags: ["Program"],
      summary: "Remove an exhibitor",
      security: bearer,
      request: { params: ExhibitorParams },
      responses: { 204: { description: "Removed." }, ...errorResponses },
    }),
    async (c) => {
      const { id, exhibitorId } = c.req.valid("param");
      const { db } = c.get("deps");
      const event = await loadEventForWrite(db, requireActor(c.get("actor")), id);
      await deleteExhibitor(db, event, exhibitorId);
      return c.body(null, 204);
    },
  );
}
