/** Registration fields on the event (API names) ↔ settings and pools. */
import type { Deps } from "../http/env.js";
import type { EventRow } from "../events/repository.js";
import { regContextOf } from "./context.js";
import { findSettings, listPools } from "./repository.js";
import { saveSettings, type SettingsInput } from "./settings.js";
import { notifyEventChange } from "./service.js";

export interface ApiRegistrationFields {
  placesOnsite?: number | null;
  placesRemote?: number | null;
  registrationMode?: SettingsInput["mode"];
  waitlistMode?: SettingsInput["waitlistMode"];
  offerHours?: number;
  registrationOpensAt?: Date | null;
  registrationClosesAt?: Date | null;
  cancelUntil?: Date | null;
  maxPerOrganisation?: number | null;
  privacyController?: string | null;
  privacyPurpose?: string | null;
  lawfulBasis?: SettingsInput["lawfulBasis"];
}

const keys: (keyof ApiRegistrationFields)[] = ["placesOnsite", "placesRemote", "registrationMode", "waitlistMode", "offerHours", "registrationOpensAt", "registrationClosesAt", "cancelUntil", "maxPerOrganisation", "privacyController", "privacyPurpose", "lawfulBasis"];

export function hasRegistrationFields(input: object): boolean {
  return keys.some((k) => k in input && (input as Record<string, unknown>)[k] !== undefined);
}

export async function applyRegistrationFields(deps: Deps, event: EventRow, f: ApiRegistrationFields): Promise<void> {
  if (!hasRegistrationFields(f)) return;
  await saveSettings(regContextOf(deps), event, {
    placesOnsite: f.placesOnsite === null ? 0 : f.placesOnsite,
    placesRemote: f.placesRemote === null ? 0 : f.placesRemote,
    mode: f.registrationMode,
    waitlistMode: f.waitlistMode,
    offerHours: f.offerHours,
    opensAt: f.registrationOpensAt,
    closesAt: f.registrationClosesAt,
    cancelUntil: f.cancelUntil,
    maxPerOrganisation: f.maxPerOrganisation,
    controller: f.privacyController,
    purpose: f.privacyPurpose,
    lawfulBasis: f.lawfulBasis,
  });
}

export async function registrationSummary(deps: Deps, eventId: string) {
  const settings = await findSettings(deps.db, eventId);
  if (!settings) return null;
  const pools = await listPools(deps.db, eventId);
  const pool = (a: "onsite" | "remote") => pools.find((p) => p.attendance === a);
  return {
    placesOnsite: pool("onsite")?.capacity ?? 0,
    placesRemote: pool("remote")?.capacity ?? 0,
    takenOnsite: pool("onsite")?.taken ?? 0,
    takenRemote: pool("remote")?.taken ?? 0,
    registrationMode: settings.mode,
    waitlistMode: settings.waitlistMode,
    offerHours: settings.offerHours,
    registrationOpensAt: settings.opensAt?.toISOString() ?? null,
    registrationClosesAt: settings.closesAt?.toISOString() ?? null,
    cancelUntil: settings.cancelUntil?.toISOString() ?? null,
    maxPerOrganisation: settings.maxPerOrganisation,
    privacyController: settings.controller,
    privacyPurpose: settings.purpose,
    lawfulBasis: settings.lawfulBasis,
  };
}

/** Registered people hear when a published event moves or is cancelled (with updated invites). */
export async function announceEventChange(deps: Deps, before: EventRow, after: EventRow): Promise<void> {
  const ctx = regContextOf(deps);
  if (after.status === "cancelled" && before.status !== "cancelled") {
    await notifyEventChange(ctx, after, "event_cancelled");
    return;
  }
  const moved =
    before.startsAt.getTime() !== after.startsAt.getTime() ||
    before.endsAt.getTime() !== after.endsAt.getTime() ||
    before.venue !== after.venue ||
    before.address !== after.address;
  if (after.status === "published" && moved) await notifyEventChange(ctx, after, "event_changed");
}
