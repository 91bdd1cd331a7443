/** Remote links in the JSON API: the organiser's (read and set) and a registration's own view. */
import { createRoute, z } from "@hono/zod-openapi";
import type { Api } from "../../api/openapi.js";
import { IdParam, bearer, errorResponses, jsonBody, jsonResponse } from "../../api/openapi.js";
import { loadEventForWrite, requireActor } from "../../auth/policy.js";
import { listSessions } from "../../events/program-repository.js";
import { fieldError } from "../../http/errors.js";
import { ManageToken, authorize } from "../../registration/api/registrations.js";
import { LIMITS, optionalText, optionalUrl } from "../../shared/fields.js";
import { LinkJson } from "../schemas.js";
import { linksFor, remoteOf, saveLink, saveSettings, setPublished } from "../service.js";

const Remote = z
  .object({
    published: z.boolean(),
    showOnsite: z.boolean(),
    reminderMinutes: z.number().int().nullable(),
    links: z.array(LinkJson),
  })
  .openapi("RemoteAccess");

const RemoteInput = z
  .strictObject({
    published: z.boolean().optional(),
    showOnsite: z.boolean().optional(),
    reminderMinutes: z.number({ message: "remote.error.minutes" }).int({ message: "remote.error.minutes" }).min(5, { message: "remote.error.minutes" }).max(1440, { message: "remote.error.minutes" }).nullable().optional(),
    links: z
      .array(z.strictObject({ sessionId: z.uuid({ message: "validation.uuid" }).nullable(), url: optionalUrl, dialIn: optionalText(LIMITS.shortText), meetingId: optionalText(LIMITS.shortText), speakerUrl: optionalUrl, speakerNote: optionalText(LIMITS.longText) }))
      .max(500)
      .optional()
      .openapi({ description: "Each link given replaces that one (all fields empty removes it); links not given are kept." }),
  })
  .openapi("RemoteAccessInput");

async function present(db: Parameters<typeof remoteOf>[0], eventId: string) {
  const { settings, links } = await remoteOf(db, eventId);
  return {
    published: !!settings?.publishedAt,
    showOnsite: settings?.showOnsite ?? false,
    reminderMinutes: settings ? settings.reminderMinutes : 30,
    links: links.map((l) => ({ sessionId: l.sessionId, url: l.url, dialIn: l.dialIn, meetingId: l.meetingId, speakerUrl: l.speakerUrl, speakerNote: l.speakerNote })),
  };
}

export function registerRemoteApi(api: Api) {
  api.openapi(
    createRoute({ method: "get", path: "/v1/events/{id}/remote", tags: ["Remote"], summary: "The event's remote links and their settings (organisers)", security: bearer, request: { params: IdParam }, responses: { 200: jsonResponse(Remote, "Links and settings."), ...errorResponses } }),
    async (c) => {
      const { db } = c.get("deps");
      const event = await loadEventForWrite(db, requireActor(c.get("actor")), c.req.valid("param").id);
      return c.json(await present(db, event.id), 200);
    },
  );

  api.openapi(
    createRoute({ method: "patch", path: "/v1/events/{id}/remote", tags: ["Remote"], summary: "Set links, settings, or publish them to confirmed participants (organisers)", security: bearer, request: { params: IdParam, ...jsonBody(RemoteInput) }, responses: { 200: jsonResponse(Remote, "Links and settings now."), ...errorResponses } }),
    async (c) => {
      const { db, now } = c.get("deps");
      const event = await loadEventForWrite(db, requireActor(c.get("actor")), c.req.valid("param").id);
      const body = c.req.valid("json");
      const sessions = await listSessions(db, event.id);
      body.links?.forEach((l, i) => {
        if (l.sessionId && !sessions.some((s) => s.id === l.sessionId)) throw fieldError(`links.${i}.sessionId`, "agenda.error.unknown");
      });
      const { settings } = await remoteOf(db, event.id);
      if (body.showOnsite !== undefined || body.reminderMinutes !== undefined) {
        await saveSettings(db, event.id, { showOnsite: body.showOnsite ?? settings?.showOnsite ?? false, reminderMinutes: body.reminderMinutes !== undefined ? body.reminderMinutes : (settings?.reminderMinutes ?? 30) }, now());
      }
      for (const l of body.links ?? []) await saveLink(db, event.id, l.sessionId, { url: l.url ?? null, dialIn: l.dialIn ?? null, meetingId: l.meetingId ?? null, speakerUrl: l.speakerUrl ?? null, speakerNote: l.speakerNote ?? null }, now());
      if (body.published !== undefined) await setPublished(db, event.id, body.published, now());
      return c.json(await present(db, event.id), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/registrations/{id}/remote",
      tags: ["Remote"],
      summary: "The links this registration may use (manage token or organiser)",
      description: "Empty until the organiser publishes them, and for registrations that are not confirmed or that are on site when the organiser shows links to remote participants only.",
      request: { params: IdParam, query: ManageToken },
      responses: { 200: jsonResponse(z.object({ data: z.array(LinkJson) }), "The links, the event's first."), ...errorResponses },
    }),
    async (c) => {
      const { registration } = await authorize(c, c.req.valid("param").id);
      const v = await linksFor(c.get("deps").db, registration);
      const shown = v ? [...(v.event ? [v.event] : []), ...v.sessions.map((s) => s.link)] : [];
      return c.json({ data: shown.map((l) => ({ sessionId: l.sessionId, url: l.url, dialIn: l.dialIn, meetingId: l.meetingId })) }, 200);
    },
  );
}
