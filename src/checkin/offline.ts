/**
 * Scanning without a connection: what a station downloads (the list, the event's public
 * key, every registration's ticket version and status: the revocation list) and the
 * upload of what it checked in meanwhile. The API and the station's page both use these.
 */
import { z } from "@hono/zod-openapi";
import type { Db } from "../db/client.js";
import { findEventById } from "../events/repository.js";
import { offlineInstant, offlineList, redeemJson, uploadOffline, type CheckinList } from "./service.js";
import { eventKey } from "./tickets.js";

const Nonce = z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, { message: "checkin.error.nonce" });
export const OfflineUpload = z
  .strictObject({
    scans: z
      .array(
        z
          .strictObject({ code: z.string().max(200).regex(/^\S+$/, { message: "checkin.result.invalid" }).optional(), registrationId: z.uuid().optional(), nonce: Nonce, at: z.iso.datetime({ offset: true, message: "checkin.error.at" }) })
          .refine((v) => !!v.code || !!v.registrationId, { message: "checkin.error.code_or_registration", path: ["code"] }),
      )
      .min(1, { message: "checkin.error.no_scans" })
      .max(5000, { message: "checkin.error.too_many_scans" }),
  })
  .openapi("OfflineUpload");

const OfflineEntry = z.object({
  id: z.uuid(),
  version: z.number().int(),
  status: z.string(),
  attendance: z.enum(["onsite", "remote"]),
  name: z.string(),
  organisation: z.string().nullable(),
  checkedInAt: z.string().nullable(),
});
export const OfflineJson = z
  .object({
    list: z.object({ id: z.uuid(), name: z.string(), attendance: z.enum(["onsite", "remote"]).nullable(), allowReentry: z.boolean() }),
    eventId: z.uuid(),
    eventEndsAt: z.string().openapi({ description: "A station drops the kept list a day after this, when nothing is left to send." }),
    ticketPublicKey: z.string().openapi({ description: "Ed25519, SPKI DER in base64: verifies a ticket's signature without a connection." }),
    madeAt: z.string(),
    registrations: z.array(OfflineEntry).openapi({ description: "Every registration of the event with its ticket's current version. A ticket of an older version, or of a registration that is not confirmed, is revoked." }),
  })
  .openapi("OfflineList");

/** The list, its event's key and every registration a station needs to go on without a connection. */
export async function offlinePackage(db: Db, list: CheckinList, now: Date) {
  return {
    list: { id: list.id, name: list.name, attendance: list.attendance, allowReentry: list.allowReentry },
    eventId: list.eventId,
    eventEndsAt: (await findEventById(db, list.eventId))!.endsAt.toISOString(),
    ticketPublicKey: (await eventKey(db, list.eventId)).publicKeyBase64,
    madeAt: now.toISOString(),
    registrations: await offlineList(db, list),
  };
}

/** Redeems what a station scanned while offline; a scan with an impossible time is refused as invalid, the others go in. */
export async function redeemUpload(db: Db, list: CheckinList, upload: z.infer<typeof OfflineUpload>, by: string | null, now: Date) {
  const event = (await findEventById(db, list.eventId))!;
  const timed = upload.scans.map((s) => ({ ...s, when: offlineInstant(s.at, now, event.startsAt) }));
  const good = timed.filter((s) => s.when);
  const done = await uploadOffline(db, list, good.map((s) => ({ code: s.code, registrationId: s.registrationId, nonce: s.nonce, at: s.when! })), by);
  let k = 0;
  return timed.map((s) => ({ nonce: s.nonce, ...redeemJson(s.when ? done[k++]! : { kind: "invalid" }) }));
}

