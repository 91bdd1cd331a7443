/** A stored file as a download, streamed, with Range (resumable, seekable) and ETag; every module's files go out this way. */
import { Readable } from "node:stream";
import type { AppContext } from "../http/env.js";
import { noneMatch } from "../http/middleware/representation.js";
import type { FileStore, StoredFile } from "./storage.js";

/** "bytes=a-b", "bytes=a-" or "bytes=-n" as an inclusive range of the file; null for anything else (then the whole file is sent). */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | "unsatisfiable" | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec((header ?? "").trim());
  if (!m || (m[1] === "" && m[2] === "")) return null;
  let start: number;
  let end: number;
  if (m[1] === "") {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return "unsatisfiable";
  return { start, end };
}

/** The file (whoever calls has decided the reader may have it); one that not everybody may read is never kept by shared caches. */
export function sendStoredFile(c: AppContext, store: FileStore, file: StoredFile, restricted = false): Response {
  const etag = `"${file.sha256}"`;
  const cache = restricted ? "private, no-cache" : "no-cache";
  const headers: Record<string, string> = {
    "Content-Type": file.contentType === "text/vtt" ? "text/vtt; charset=utf-8" : file.contentType,
    "Accept-Ranges": "bytes",
    ETag: etag,
    "Cache-Control": cache,
    "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
  };
  if (noneMatch(c.req.header("if-none-match"), etag)) return c.body(null, 304, { ETag: etag, "Cache-Control": cache });
  // If-Range: a range only of the same file; otherwise the whole (RFC 9110 §13.1.5).
  const ifRange = c.req.header("if-range");
  const range = ifRange && ifRange !== etag ? null : parseRange(c.req.header("range"), file.size);
  if (range === "unsatisfiable") return c.body(null, 416, { "Content-Range": `bytes */${file.size}` });
  const { start, end } = range ?? { start: 0, end: file.size - 1 };
  headers["Content-Length"] = String(end - start + 1);
  if (range) headers["Content-Range"] = `bytes ${start}-${end}/${file.size}`;
  return c.body(Readable.toWeb(Readable.from(store.read(file, start, end))) as unknown as ReadableStream, range ? 206 : 200, headers);
}
