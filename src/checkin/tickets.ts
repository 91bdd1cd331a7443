/**
 * Tickets. A ticket's code holds no personal data: the registration's id and its ticket
 * version, signed with the event's Ed25519 key ("SV1.<data>.<signature>", base64url), in
 * the spirit of pretix's signed offline tickets. A scanner with the event's public key
 * can tell a real ticket from a forged or guessed one without a connection; a cancelled
 * registration, or one whose ticket was re-issued (another kind of place), is refused by
 * the server and listed as revoked for scanners.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { eventKeys } from "../db/schema.js";

const PREFIX = "SV1";
type EventKey = { privateKey: KeyObject; publicKey: KeyObject; publicKeyBase64: string };
/** Kept per process as the promise, so that a rush's first requests read (or make) the key once. */
const cache = new Map<string, Promise<EventKey>>();

/** The event's key pair, made the first time it is needed (one row; with several instances the first insert wins). */
export function eventKey(db: Db, eventId: string): Promise<EventKey> {
  let kept = cache.get(eventId);
  if (!kept) {
    kept = loadKey(db, eventId);
    cache.set(eventId, kept);
    kept.catch(() => cache.delete(eventId));
  }
  return kept;
}

async function loadKey(db: Db, eventId: string): Promise<EventKey> {
  let [row] = await db.select().from(eventKeys).where(eq(eventKeys.eventId, eventId));
  if (!row) {
    const pair = generateKeyPairSync("ed25519");
    const fresh = {
      eventId,
      publicKey: pair.publicKey.export({ type: "spki", format: "der" }).toString("base64"),
      privateKey: pair.privateKey.export({ type: "pkcs8", format: "der" }).toString("base64"),
    };
    await db.insert(eventKeys).values(fresh).onConflictDoNothing();
    [row] = await db.select().from(eventKeys).where(eq(eventKeys.eventId, eventId));
  }
  return {
    privateKey: createPrivateKey({ key: Buffer.from(row!.privateKey, "base64"), format: "der", type: "pkcs8" }),
    publicKey: createPublicKey({ key: Buffer.from(row!.publicKey, "base64"), format: "der", type: "spki" }),
    publicKeyBase64: row!.publicKey,
  };
}

const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ""), "hex");
const uuidOf = (b: Buffer) => {
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

export async function ticketCode(db: Db, r: { id: string; eventId: string; ticketVersion: number }): Promise<string> {
  const data = Buffer.alloc(20);
  uuidBytes(r.id).copy(data, 0);
  data.writeUInt32BE(r.ticketVersion, 16);
  const body = `${PREFIX}.${data.toString("base64url")}`;
  const signature = sign(null, Buffer.from(body), (await eventKey(db, r.eventId)).privateKey);
  return `${body}.${signature.toString("base64url")}`;
}

/** What a scanned text says, before its signature is checked: null when it is not a ticket at all. */
export function readTicket(code: string): { registrationId: string; version: number; body: string; signature: Buffer } | null {
  const m = /^SV1\.([A-Za-z0-9_-]{27})\.([A-Za-z0-9_-]{86})$/.exec(code.trim());
  if (!m) return null;
  const data = Buffer.from(m[1]!, "base64url");
  const signature = Buffer.from(m[2]!, "base64url");
  if (data.length !== 20 || signature.length !== 64) return null;
  return { registrationId: uuidOf(data.subarray(0, 16)), version: data.readUInt32BE(16), body: `${PREFIX}.${m[1]}`, signature };
}

/** Whether the ticket was signed with this event's key. */
export async function signedBy(db: Db, eventId: string, ticket: NonNullable<ReturnType<typeof readTicket>>): Promise<boolean> {
  return verify(null, Buffer.from(ticket.body), (await eventKey(db, eventId)).publicKey, ticket.signature);
}

/** The ticket as an SVG QR code (error correction M: it still scans from a cracked phone screen). */
export async function ticketQrSvg(code: string): Promise<string> {
  const { default: QRCode } = await import("qrcode");
  return QRCode.toString(code, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}
