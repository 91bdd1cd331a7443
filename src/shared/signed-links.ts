/**
 * Capability links (manage a registration, a delegation, an invitation): the id plus an
 * HMAC-SHA256 of purpose, id and version under the instance key. Nothing secret is
 * stored per link; raising the version revokes every earlier link for that id.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { instanceSettings } from "../db/schema.js";

export type LinkPurpose = "registration" | "delegation" | "invitation" | "follow" | "survey" | "nomination";

export function signLink(key: Buffer, purpose: LinkPurpose, id: string, version = 1): string {
  const mac = createHmac("sha256", key).update(`${purpose}:${id}:${version}`).digest("base64url").slice(0, 32);
  return `${id}.${mac}`;
}

/** The id inside a link whose signature matches (for the given version), else null. */
export function readLink(key: Buffer, purpose: LinkPurpose, token: string, versionOf: (id: string) => number = () => 1): string | null {
  const m = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!m) return null;
  const expected = signLink(key, purpose, m[1]!, versionOf(m[1]!));
  const a = Buffer.from(expected);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b) ? m[1]! : null;
}

/** SECRET_KEY when set; otherwise a key made once and kept in the database. */
export async function loadLinkKey(db: Db, configured: string | undefined): Promise<Buffer> {
  if (configured) return Buffer.from(configured, "utf8");
  await db
    .insert(instanceSettings)
    .values({ key: "link_key", value: randomBytes(32).toString("base64url") })
    .onConflictDoNothing();
  const [row] = await db.select().from(instanceSettings).where(eq(instanceSettings.key, "link_key"));
  return Buffer.from(row!.value, "utf8");
}
