/** Seats in sessions in the JSON API: a registration's choices (manage token or organiser) and a session's list (organisers). */
import { createRoute, z } from "@hono/zod-openapi";
import type { Api } from "../../api/openapi.js";
import { IdParam, SessionParams, bearer, errorResponses, jsonBody, jsonResponse } from "../../api/openapi.js";
import { loadEventForWrite, requireActor } from "../../auth/policy.js";
import { findSession } from "../../events/program-repository.js";
import { notFound } from "../../http/errors.js";
import { ManageToken, authorize } from "../../registration/api/registrations.js";
import { chooseSessions, choicesOf, sessionParticipants } from "../service.js";
import { agendaOf, setStars } from "../agenda.js";
import { findEventById } from "../../events/repository.js";
import { loadEventForRead } from "../../auth/policy.js";

const ChoiceJson = z.object({ sessionId: z.uuid(), status: z.enum(["seated", "waiting"]), position: z.number().int().nullable().openapi({ description: "Place in the session's waiting list (1 = next)." }) }).openapi("SessionChoice");
const Choices = z.object({ data: z.array(ChoiceJson) });

export function registerSeatApi(api: Api) {
  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/registrations/{id}/sessions",
      tags: ["Registration"],
      summary: "The sessions with seats a registration holds or waits for (manage token or organiser)",
      request: { params: IdParam, query: ManageToken },
      responses: { 200: jsonResponse(Choices, "The choices."), ...errorResponses },
    }),
    async (c) => {
      const { registration } = await authorize(c, c.req.valid("param").id);
      return c.json({ data: await choicesOf(c.get("deps").db, registration.id) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "put",
      path: "/v1/registrations/{id}/sessions",
      tags: ["Registration"],
      summary: "Choose sessions with seats: the whole set (what is left out is given up)",
      description: "A new choice is seated when a seat is free and nobody waits, else it waits in order; a seat given up goes to the first in line. Two sessions at the same time, or a registration without a confirmed place, are refused and nothing changes.",
      request: { params: IdParam, query: ManageToken, ...jsonBody(z.strictObject({ sessionIds: z.array(z.uuid({ message: "validation.uuid" })).max(100) }).openapi("SessionChoiceInput")) },
      responses: { 200: jsonResponse(Choices, "The choices now."), ...errorResponses },
    }),
    async (c) => {
      const { registration } = await authorize(c, c.req.valid("param").id);
      const { db, now } = c.get("deps");
      return c.json({ data: (await chooseSessions(db, registration.id, c.req.valid("json").sessionIds, now(), c.get("locale"))).choices }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/events/{id}/sessions/{sessionId}/seats",
      tags: ["Program"],
      summary: "Who is seated on, and waiting for, a session (organisers)",
      security: bearer,
      request: { params: SessionParams },
      responses: {
        200: jsonResponse(z.object({ seats: z.number().int(), data: z.array(z.object({ registrationId: z.uuid(), name: z.string(), organisation: z.string().nullable(), status: z.enum(["seated", "waiting"]), chosenAt: z.string() })) }), "The list, seated first, then in line."),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { db } = c.get("deps");
      const { id, sessionId } = c.req.valid("param");
      const event = await loadEventForWrite(db, requireActor(c.get("actor")), id);
      const session = await findSession(db, event.id, sessionId);
      if (!session || session.seats === null) throw notFound();
      const rows = await sessionParticipants(db, session.id);
      return c.json({ seats: session.seats, data: rows.map((r) => ({ registrationId: r.registrationId, name: r.name, organisation: r.organisation, status: r.status, chosenAt: r.chosenAt.toISOString() })) }, 200);
    },
  );

  const Agenda = z.object({ data: z.array(z.object({ sessionId: z.uuid(), starred: z.boolean(), seated: z.boolean() }).openapi("AgendaEntry")) });
  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/events/{id}/agenda",
      tags: ["Program"],
      summary: "My agenda for the event: the sessions I starred and those I hold a seat in",
      security: bearer,
      request: { params: IdParam },
      responses: { 200: jsonResponse(Agenda, "My agenda."), ...errorResponses },
    }),
    async (c) => {
      const { db } = c.get("deps");
      const actor = requireActor(c.get("actor"));
      const event = await loadEventForRead(db, actor, await findEventById(db, c.req.valid("param").id));
      return c.json({ data: await agendaOf(db, actor.personId, event.id) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "put",
      path: "/v1/events/{id}/agenda",
      tags: ["Program"],
      summary: "Star exactly these sessions of the event (seats are not changed here)",
      security: bearer,
      request: { params: IdParam, ...jsonBody(z.strictObject({ sessionIds: z.array(z.uuid({ message: "validation.uuid" })).max(500) }).openapi("AgendaInput")) },
      responses: { 200: jsonResponse(Agenda, "My agenda now."), ...errorResponses },
    }),
    async (c) => {
      const { db } = c.get("deps");
      const actor = requireActor(c.get("actor"));
      const event = await loadEventForRead(db, actor, await findEventById(db, c.req.valid("param").id));
      await setStars(db, actor.personId, event.id, c.req.valid("json").sessionIds);
      return c.json({ data: await agendaOf(db, actor.personId, event.id) }, 200);
    },
  );
}
