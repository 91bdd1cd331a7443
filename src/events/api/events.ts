import { copyRegistrationSetup } from "../../registration/copy.js";
import { createRoute, z } from "@hono/zod-openapi";
import { loadEventForRead, loadEventForWrite, requireActor, requireSpaceManager } from "../../auth/policy.js";
import { findEventById, listPublicEvents, type EventRow } from "../repository.js";
import type { Deps } from "../../http/env.js";
import { announceEventChange, applyRegistrationFields, registrationSummary } from "../../registration/event-settings.js";
import { EventCopy, EventCreate, EventListQuery, EventUpdate } from "../schemas.js";
import { copyEdition, createEvent, updateEvent } from "../service.js";
import { notFound } from "../../http/errors.js";
import type { Api } from "../../api/openapi.js";
import { IdParam, bearer, errorResponses, jsonBody, jsonResponse } from "../../api/openapi.js";
import { EventJson, eventJson } from "./present.js";

async function fullEventJson(deps: Deps, event: EventRow) {
  return { ...eventJson(event, deps.config.publicUrl), registration: await registrationSummary(deps, event.id) };
}

const EventList = z.object({ data: z.array(EventJson) }).openapi("EventList");

export function registerEventApi(api: Api) {
  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/events",
      tags: ["Events"],
      summary: "Published events",
      description: "Published (and cancelled) events, upcoming by default. No token needed.",
      request: { query: EventListQuery },
      responses: { 200: jsonResponse(EventList, "Events, soonest first (latest first for `when=past`)."), 422: errorResponses[422] },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const { db, now, config } = c.get("deps");
      const events = await listPublicEvents(db, { now: now(), when: q.when, regionCode: q.region, spaceSlug: q.space, limit: q.limit, offset: q.offset });
      return c.json({ data: events.map((e) => eventJson(e, config.publicUrl)) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/v1/events",
      tags: ["Events"],
      summary: "Create an event (as a draft)",
      security: bearer,
      request: jsonBody(EventCreate),
      responses: { 201: jsonResponse(EventJson, "The new draft."), ...errorResponses },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const { db } = c.get("deps");
      await requireSpaceManager(db, requireActor(c.get("actor")), input.spaceId);
      const event = await createEvent(db, input);
      await applyRegistrationFields(c.get("deps"), event, input);
      return c.json(await fullEventJson(c.get("deps"), event), 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/events/{id}",
      tags: ["Events"],
      summary: "One event",
      description: "Drafts are visible only to the space's organisers (Bearer token).",
      request: { params: IdParam },
      responses: { 200: jsonResponse(EventJson, "The event."), 404: errorResponses[404], 422: errorResponses[422] },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { db } = c.get("deps");
      const event = await loadEventForRead(db, c.get("actor"), await findEventById(db, id));
      return c.json(await fullEventJson(c.get("deps"), event), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "patch",
      path: "/v1/events/{id}",
      tags: ["Events"],
      summary: "Change, publish or cancel an event",
      security: bearer,
      request: { params: IdParam, ...jsonBody(EventUpdate) },
      responses: { 200: jsonResponse(EventJson, "The changed event."), ...errorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const patch = c.req.valid("json");
      const { db, now } = c.get("deps");
      const event = await loadEventForWrite(db, requireActor(c.get("actor")), id);
      const updated = await updateEvent(db, event, patch, now());
      await applyRegistrationFields(c.get("deps"), updated, patch);
      await announceEventChange(c.get("deps"), event, updated);
      return c.json(await fullEventJson(c.get("deps"), updated), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/v1/events/{id}/copy",
      tags: ["Events"],
      summary: "Copy an edition to a new date",
      description: "Creates a draft in the same series with the same details, program, exhibitors and registration setup (places, questions, modes, deadlines), every time moved by the same number of days. No registrations are copied.",
      security: bearer,
      request: { params: IdParam, ...jsonBody(EventCopy) },
      responses: { 201: jsonResponse(EventJson, "The new edition (draft)."), ...errorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { startDate } = c.req.valid("json");
      const { db, config } = c.get("deps");
      const event = await loadEventForWrite(db, requireActor(c.get("actor")), id);
      const copy = await copyEdition(db, event, startDate, [copyRegistrationSetup]);
      const full = await findEventById(db, copy.id);
      if (!full) throw notFound();
      return c.json(eventJson(full, config.publicUrl), 201);
    },
  );
}
