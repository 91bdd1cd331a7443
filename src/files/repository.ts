/**
 * Uploaded images, stored in the database (see the files table). Only PNG, JPEG and WebP
 * are taken, recognised by their first bytes rather than by what the browser claims;
 * SVG is refused because it can carry scripts.
 */
import { createHash, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { files } from "../db/schema.js";
import { validationFailed, type FieldError } from "../http/errors.js";

/** The largest image taken; the whole form must stay under the server's body limit (256 kB). */
export const MAX_IMAGE_BYTES = 200 * 1024;

export function imageType(bytes: Buffer): "image/png" | "image/jpeg" | "image/webp" | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes.length >= 12 && bytes.toString("latin1", 0, 4) === "RIFF" && bytes.toString("latin1", 8, 12) === "WEBP") return "image/webp";
  return null;
}

/** What is wrong with an image sent in the form field `field`, or null when it can be taken. */
export function imageProblem(field: string, bytes: Buffer): FieldError | null {
  if (bytes.length > MAX_IMAGE_BYTES) return { field, key: "validation.image_too_large", params: { max: Math.round(MAX_IMAGE_BYTES / 1024) } };
  if (!imageType(bytes)) return { field, key: "validation.image_type" };
  return null;
}

/** Checks and stores an image sent in the form field `field`; its id, or a field error (422). */
export async function saveImage(db: Db, field: string, bytes: Buffer): Promise<string> {
  const problem = imageProblem(field, bytes);
  if (problem) throw validationFailed([problem]);
  const contentType = imageType(bytes)!;
  const id = randomUUID();
  await db.insert(files).values({ id, contentType, size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex"), bytes });
  return id;
}

export async function findFile(db: Db, id: string) {
  const [row] = await db.select().from(files).where(eq(files.id, id));
  return row;
}

export async function deleteFile(db: Db, id: string) {
  await db.delete(files).where(eq(files.id, id));
}

export const filePath = (id: string) => `/filer/${id}`;
