/** The organiser's archive of an event: recordings with their captions status, WebVTT captions and materials, uploaded as streams. */
import { Hono } from "hono";
import { z } from "zod";
import { loadEventFor } from "../../auth/policy.js";
import type { EventWithSpace } from "../../events/repository.js";
import { setFlash } from "../../http/cookies.js";
import type { AppContext, AppEnv } from "../../http/env.js";
import { AppError, notFound } from "../../http/errors.js";
import { readForm } from "../../http/forms.js";
import { parseInput } from "../../http/validation.js";
import { idParam } from "../../http/params.js";
import { uiOf, type FormState } from "../../http/ui.js";
import type { MessageKey, Params } from "../../i18n/messages.js";
import { requiredText } from "../../shared/fields.js";
import { checkWebVtt, MAX_CAPTION_BYTES } from "../captions.js";
import { recordingPlace } from "../recordings.js";
import { addMaterial, eventArchive, recordingOf, removeMaterial, removeRecording, sessionOfEvent, setCaptionsFile, setRecording } from "../repository.js";
import { materialType } from "../sniff.js";
import { dbFileStore, type FileStore, type StoredFile } from "../storage.js";
import { receiveUpload } from "../upload.js";
import { maxMaterialBytes, ManageArchivePage } from "../views/organiser.js";
import { sizeText } from "../views/session.js";

export const archiveAdminRoutes = new Hono<AppEnv>();

const MaterialForm = z.object({ title: requiredText(200) });

const managed = (c: AppContext) => loadEventFor(c.get("deps").db, c.get("actor"), idParam(c, "id"), "event.manage");
const storeOf = (c: AppContext): FileStore => dbFileStore(c.get("deps").db);
const base = (event: EventWithSpace) => `/arrangor/evenemang/${event.id}/arkiv`;

async function page(c: AppContext, event: EventWithSpace, forms: Record<string, FormState> = {}, status: 200 | 409 | 413 | 422 = 200) {
  const sessions = await eventArchive(c.get("deps").db, event.id);
  return c.html(<ManageArchivePage ui={uiOf(c)} event={event} sessions={sessions} forms={forms} maxBytes={maxMaterialBytes(c.get("deps").config)} />, status);
}

/** The page again with one form's field error (nothing was kept). */
const refuse = (c: AppContext, event: EventWithSpace, scope: string, values: Record<string, string>, field: string, key: MessageKey, params?: Params) =>
  page(c, event, { [scope]: { values, errors: { [field]: c.get("t")(key, params) } } }, 422);

const done = (c: AppContext, event: EventWithSpace, sessionId: string, message: string) => {
  setFlash(c, message);
  return c.redirect(`${base(event)}#s-${sessionId}`, 303);
};

async function sessionOf(c: AppContext, event: EventWithSpace): Promise<string> {
  const sid = idParam(c, "sid");
  if (!(await sessionOfEvent(c.get("deps").db, event.id, sid))) throw notFound();
  return sid;
}

archiveAdminRoutes.get("/arrangor/evenemang/:id/arkiv", async (c) => page(c, await managed(c)));

archiveAdminRoutes.post("/arrangor/evenemang/:id/arkiv/:sid/inspelning", async (c) => {
  const event = await managed(c);
  const sid = await sessionOf(c, event);
  const values = await readForm(c);
  const { db, now } = c.get("deps");
  const url = (values.url ?? "").trim();
  if (!url) {
    await removeRecording(db, sid);
    return done(c, event, sid, c.get("t")("archive.removed"));
  }
  const place = url.length <= 2000 ? recordingPlace(url) : null;
  if (!place) return refuse(c, event, `rec-${sid}`, values, "url", "archive.error.url");
  await setRecording(db, sid, url, place, values.platformCaptions === "on", now());
  return done(c, event, sid, c.get("t")("archive.saved"));
});

const tooLargeText = (c: AppContext, bytes: number) => sizeText(uiOf(c), bytes);

archiveAdminRoutes.post("/arrangor/evenemang/:id/arkiv/:sid/textning", async (c) => {
  const event = await managed(c);
  const sid = await sessionOf(c, event);
  const { db, now } = c.get("deps");
  const store = storeOf(c);
  const upload = await receiveUpload(c, store, { field: "file", maxBytes: MAX_CAPTION_BYTES, identify: () => "text/vtt" });
  const scope = `vtt-${sid}`;
  if (upload.refused) return refuse(c, event, scope, {}, "file", `archive.error.${upload.refused}`, { max: tooLargeText(c, MAX_CAPTION_BYTES) });
  if (!upload.file) return refuse(c, event, scope, {}, "file", "archive.error.noFile");
  const file = upload.file;
  const discard = async (key: MessageKey, params?: Params) => {
    await store.delete(file.id);
    return refuse(c, event, scope, {}, "file", key, params);
  };
  if (!(await recordingOf(db, sid))) return discard("archive.error.noRecording");
  const check = checkWebVtt(await readAll(store, file), c.get("locale"));
  if (!check.ok) return discard("archive.error.vtt", { problems: check.problems.map((p) => c.get("t")("archive.error.vttLine", { line: p.line, message: p.message })).join("; ") });
  const old = await setCaptionsFile(db, sid, file.id, now());
  if (old) await store.delete(old);
  return done(c, event, sid, c.get("t")("archive.captionsSaved", { count: check.cues }));
});

/** A small file (captions: at most 1 MB) whole. */
async function readAll(store: FileStore, file: StoredFile): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of store.read(file, 0, file.size - 1)) parts.push(part);
  return Buffer.concat(parts);
}

archiveAdminRoutes.post("/arrangor/evenemang/:id/arkiv/:sid/material", async (c) => {
  const event = await managed(c);
  const sid = await sessionOf(c, event);
  const store = storeOf(c);
  const maxBytes = maxMaterialBytes(c.get("deps").config);
  const upload = await receiveUpload(c, store, { field: "file", maxBytes, identify: materialType });
  const scope = `mat-${sid}`;
  const values = { title: upload.fields.title ?? "" };
  if (upload.refused) return refuse(c, event, scope, values, "file", `archive.error.${upload.refused}`, { max: tooLargeText(c, maxBytes) });
  let title: string;
  try {
    title = parseInput(MaterialForm, values).title;
  } catch (err) {
    if (upload.file) await store.delete(upload.file.id);
    if (!(err instanceof AppError) || !err.fields[0]) throw err;
    return refuse(c, event, scope, values, "title", err.fields[0].key, { ...err.fields[0].params, field: c.get("t")("archive.field.title") });
  }
  if (!upload.file) return refuse(c, event, scope, values, "file", "archive.error.noFile");
  try {
    await addMaterial(c.get("deps").db, sid, upload.file.id, title, c.get("deps").now());
  } catch (err) {
    await store.delete(upload.file.id);
    throw err;
  }
  return done(c, event, sid, c.get("t")("archive.materialSaved"));
});

archiveAdminRoutes.post("/arrangor/evenemang/:id/arkiv/material/:mid/ta-bort", async (c) => {
  const event = await managed(c);
  const fileId = await removeMaterial(c.get("deps").db, event.id, idParam(c, "mid"));
  await storeOf(c).delete(fileId);
  setFlash(c, c.get("t")("archive.materialRemoved"));
  return c.redirect(base(event), 303);
});
