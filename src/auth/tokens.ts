import { createHash, randomBytes } from "node:crypto";

/** 256 bits of randomness, URL-safe. */
export function newToken(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}

/** Tokens are stored only as their SHA-256; a leaked table lets nobody log in. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
