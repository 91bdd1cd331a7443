/** The archive in the JSON API: search it, and one event's recordings and materials (files are fetched from their address). */
import { createRoute, z } from "@hono/zod-openapi";
import type { Api } from "../api/openapi.js";
import { errorResponses, IdParam, jsonResponse } from "../api/openapi.js";
import { findEventById } from "../events/repository.js";
import { notFound } from "../http/errors.js";
import { searchArchive, type ArchiveSession } from "./repository.js";
import { captionStatuses } from "./schema.js";
import { fileHref } from "./views/session.js";

const SessionJson = z
  .object({
    sessionId: z.uuid(),
    eventId: z.uuid(),
    eventSlug: z.string(),
    eventTitle: z.string(),
    title: z.string(),
    titleEn: z.string().nullable(),
    startsAt: z.string(),
    theme: z.string().nullable(),
    speakers: z.array(z.string()),
    organisations: z.array(z.string()),
    recording: z
      .object({ url: z.string(), provider: z.string(), embedUrl: z.string().nullable(), captions: z.enum(captionStatuses), captionsUrl: z.string().nullable() })
      .nullable()
      .openapi({ description: "captions: file (WebVTT at captionsUrl), platform (the video service shows them) or none." }),
    materials: z.array(z.object({ title: z.string(), filename: z.string(), contentType: z.string(), size: z.number().int(), url: z.string().openapi({ description: "Streams the file; takes Range and If-None-Match." }) })),
  })
  .openapi("ArchiveSession");

const json = (s: ArchiveSession) => ({
  sessionId: s.id,
  eventId: s.eventId,
  eventSlug: s.eventSlug,
  eventTitle: s.eventTitle,
  title: s.title,
  titleEn: s.titleEn,
  startsAt: s.startsAt.toISOString(),
  theme: s.track,
  speakers: s.speakers,
  organisations: s.organisations,
  recording: s.recording ? { url: s.recording.url, provider: s.recording.provider, embedUrl: s.recording.embedUrl, captions: s.recording.captions, captionsUrl: s.recording.captionsFileId ? fileHref(s.recording.captionsFileId, "textning.vtt") : null } : null,
  materials: s.materials.map((m) => ({ title: m.title, filename: m.filename, contentType: m.contentType, size: m.size, url: fileHref(m.fileId, m.filename) })),
});

const Query = z.object({
  q: z.string().max(100).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  region: z.string().regex(/^\d{2}$/, { message: "validation.invalid" }).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export function registerArchiveApi(api: Api) {
  api.openapi(
    createRoute({ method: "get", path: "/v1/archive", tags: ["Archive"], summary: "Recordings and materials of published events, newest first; q searches titles, speakers, organisations and themes", request: { query: Query }, responses: { 200: jsonResponse(z.array(SessionJson), "Sessions with a recording or materials."), 422: errorResponses[422] } }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json((await searchArchive(c.get("deps").db, { q: q.q, year: q.year, region: q.region, limit: q.limit ?? 50 })).map(json), 200);
    },
  );
  api.openapi(
    createRoute({ method: "get", path: "/v1/events/{id}/archive", tags: ["Archive"], summary: "A published event's recordings and materials, in programme order", request: { params: IdParam }, responses: { 200: jsonResponse(z.array(SessionJson), "The event's sessions with a recording or materials."), 404: errorResponses[404] } }),
    async (c) => {
      const event = await findEventById(c.get("deps").db, c.req.valid("param").id);
      if (!event || (event.status !== "published" && event.status !== "cancelled")) throw notFound();
      const sessions = await searchArchive(c.get("deps").db, { eventId: event.id, limit: 500 });
      return c.json(sessions.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()).map(json), 200);
    },
  );
}
