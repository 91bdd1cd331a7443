/**
 * Where the archive's files live. The interface is what an object store (S3, Azure Blob)
 * would implement; the one here keeps them in the database in chunks of 256 kB, so that
 * every instance on one PostgreSQL serves every file, a file is written and read a chunk
 * at a time (never whole in memory), and a range is read from the chunks it covers.
 * Each chunk is its own statement: an upload never holds a transaction open (on PGlite that
 * would stop every other query for as long as the upload takes); a file is only visible
 * once complete, and one left incomplete (the upload broke off) is removed a day later.
 */
import { createHash, randomUUID } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { storedFileChunks, storedFiles } from "./schema.js";

export const CHUNK_BYTES = 256 * 1024;

export interface StoredFile {
  id: string;
  contentType: string;
  filename: string;
  size: number;
  sha256: string;
  chunkSize: number;
}

/** Why a file was not kept: larger than allowed, or not what it must be. */
export class FileRefused extends Error {
  constructor(readonly reason: "too_large" | "type" | "empty") {
    super(reason);
  }
}

export interface PutOptions {
  filename: string;
  maxBytes: number;
  /** Its content type from its first bytes (up to a chunk, or all of a smaller file), or null to refuse it. */
  identify: (head: Buffer) => string | null;
}

export interface FileStore {
  put(source: AsyncIterable<Buffer | Uint8Array> | Iterable<Buffer | Uint8Array>, o: PutOptions): Promise<StoredFile>;
  info(id: string): Promise<StoredFile | null>;
  /** Bytes start..end (inclusive) of a complete file, a chunk at a time. */
  read(file: StoredFile, start: number, end: number): AsyncIterable<Buffer>;
  delete(id: string): Promise<void>;
}

export function dbFileStore(db: Db): FileStore {
  return {
    async put(source, o) {
      await db.delete(storedFiles).where(and(eq(storedFiles.complete, false), lt(storedFiles.createdAt, sql`now() - interval '1 day'`)));
      const id = randomUUID();
      await db.insert(storedFiles).values({ id, contentType: "application/octet-stream", filename: o.filename, chunkSize: CHUNK_BYTES });
      const hash = createHash("sha256");
      let size = 0;
      let seq = 0;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      let contentType: string | null = null;
      const flush = async (all: boolean) => {
        while (pendingBytes >= CHUNK_BYTES || (all && pendingBytes > 0)) {
          const joined = Buffer.concat(pending, pendingBytes);
          const chunk = joined.subarray(0, Math.min(CHUNK_BYTES, joined.length));
          if (contentType === null) {
            contentType = o.identify(chunk);
            if (contentType === null) throw new FileRefused("type");
          }
          await db.insert(storedFileChunks).values({ fileId: id, seq: seq++, bytes: Buffer.from(chunk) });
          const rest = joined.subarray(chunk.length);
          pending = rest.length ? [Buffer.from(rest)] : [];
          pendingBytes = rest.length;
        }
      };
      try {
        for await (const part of source) {
          const buf = Buffer.isBuffer(part) ? part : Buffer.from(part);
          size += buf.length;
          if (size > o.maxBytes) throw new FileRefused("too_large");
          hash.update(buf);
          pending.push(buf);
          pendingBytes += buf.length;
          await flush(false);
        }
        await flush(true);
        if (size === 0) throw new FileRefused("empty");
        const sha256 = hash.digest("hex");
        await db.update(storedFiles).set({ contentType: contentType!, size, sha256, complete: true }).where(eq(storedFiles.id, id));
        return { id, contentType: contentType!, filename: o.filename, size, sha256, chunkSize: CHUNK_BYTES };
      } catch (err) {
        await db.delete(storedFiles).where(eq(storedFiles.id, id));
        throw err;
      }
    },

    async info(id) {
      const [row] = await db.select().from(storedFiles).where(and(eq(storedFiles.id, id), eq(storedFiles.complete, true)));
      return row ? { id: row.id, contentType: row.contentType, filename: row.filename, size: Number(row.size), sha256: row.sha256!, chunkSize: row.chunkSize } : null;
    },

    async *read(file, start, end) {
      const first = Math.floor(start / file.chunkSize);
      const last = Math.floor(end / file.chunkSize);
      // One chunk per query, so that a long download holds one chunk in memory at a time.
      for (let seq = first; seq <= last; seq++) {
        const [row] = await db.select({ bytes: storedFileChunks.bytes }).from(storedFileChunks).where(and(eq(storedFileChunks.fileId, file.id), eq(storedFileChunks.seq, seq)));
        if (!row) return;
        const from = seq === first ? start - seq * file.chunkSize : 0;
        const to = seq === last ? end - seq * file.chunkSize + 1 : row.bytes.length;
        yield row.bytes.subarray(from, to);
      }
    },

    async delete(id) {
      await db.delete(storedFiles).where(eq(storedFiles.id, id));
    },
  };
}
