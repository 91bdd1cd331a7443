/**
 * A multipart form with one file, read as it arrives (busboy): the CSRF token must come
 * first, before the file (the form's hidden field is its first); the file goes straight
 * to the store a chunk at a time, and stops at the size limit; the other fields are short
 * texts. The route is one of its module's `streamedUploads`, so nothing read the body before.
 */
import { Readable } from "node:stream";
import { IncomingMessage } from "node:http";
import busboy from "busboy";
import type { AppContext } from "../http/env.js";
import { AppError } from "../http/errors.js";
import { CSRF_FIELD, equal } from "../http/middleware/csrf.js";
import { FileRefused, type FileStore, type PutOptions, type StoredFile } from "./storage.js";

export interface Upload {
  fields: Record<string, string>;
  file: StoredFile | null;
  /** Why the file was not kept (it is not stored then). */
  refused: FileRefused["reason"] | null;
}

const csrfFailed = () => new AppError("csrf_failed", 403, { logMessage: "csrf token missing or wrong before the file" });

export function receiveUpload(c: AppContext, store: FileStore, o: { field: string; maxBytes: number; identify: (filename: string, head: Buffer) => string | null }): Promise<Upload> {
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  const source: Readable = incoming instanceof IncomingMessage ? incoming : Readable.fromWeb((c.req.raw.body ?? new ReadableStream()) as never);
  const headers = Object.fromEntries(c.req.raw.headers.entries());
  return new Promise<Upload>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers, defParamCharset: "utf8", limits: { files: 1, fields: 20, fieldSize: 10_000, fileSize: o.maxBytes, parts: 30 } });
    } catch {
      reject(new AppError("invalid_form", 400));
      return;
    }
    const fields: Record<string, string> = {};
    let csrfOk = false;
    let stored: Promise<StoredFile | null> = Promise.resolve(null);
    let refused: FileRefused["reason"] | null = null;
    let failed: unknown = null;
    parser.on("field", (name, value) => {
      // The shared NUL guard leaves streamed uploads to their route: no field may hold one (PostgreSQL text cannot).
      if (name.includes("\u0000") || value.includes("\u0000")) failed = failed ?? new AppError("invalid_text", 400, { logMessage: "NUL character in an upload's field" });
      else if (name === CSRF_FIELD) csrfOk = equal(value, c.get("csrfToken"));
      else fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      if (!csrfOk || failed) {
        failed = failed ?? csrfFailed();
        stream.resume();
        return;
      }
      if (name !== o.field || !info.filename) {
        stream.resume();
        return;
      }
      const filename = info.filename.replace(/[\\/\u0000-\u001f"]/g, "_").slice(-200);
      // busboy stops at fileSize and says so; the store refuses more than maxBytes itself too.
      let truncated = false;
      stream.on("limit", () => (truncated = true));
      const put: PutOptions = { filename, maxBytes: o.maxBytes, identify: (head) => o.identify(filename, head) };
      stored = store.put(stream, put).then(
        (file) => (truncated ? store.delete(file.id).then(() => { refused = "too_large"; return null; }) : file),
        (err) => {
          stream.resume();
          if (err instanceof FileRefused) refused = err.reason;
          else failed = err;
          return null;
        },
      );
    });
    parser.on("error", () => {
      failed = failed ?? new AppError("invalid_form", 400);
    });
    parser.on("close", () => {
      void stored.then(async (file) => {
        // Whatever refuses the request after the file was kept takes the file away with it.
        if ((failed || !csrfOk) && file) await store.delete(file.id);
        if (failed) reject(failed);
        else if (!csrfOk) reject(csrfFailed());
        else resolve({ fields, file, refused });
      });
    });
    source.on("error", () => {
      failed = failed ?? new AppError("incomplete_body", 400);
      parser.destroy();
      void stored.then(() => reject(failed));
    });
    source.pipe(parser);
  });
}
