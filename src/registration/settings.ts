/** The organiser's registration settings for an event, and its places per attendance mode. */
import { registrationSettings, type Attendance, type LawfulBasis, type RegistrationMode, type WaitlistMode } from "../db/schema.js";
import type { EventRow } from "../events/repository.js";
import { fieldError } from "../http/errors.js";
import { listPools } from "./repository.js";
import { setCapacity, type RegContext } from "./service.js";

export interface SettingsInput {
  opensAt?: Date | null;
  closesAt?: Date | null;
  mode?: RegistrationMode;
  waitlistMode?: WaitlistMode;
  offerHours?: number;
  cancelUntil?: Date | null;
  maxPerOrganisation?: number | null;
  controller?: string | null;
  purpose?: string | null;
  lawfulBasis?: LawfulBasis;
  placesOnsite?: number | null;
  placesRemote?: number | null;
}

/** Which attendance modes an event's format allows. */
export function allowedAttendance(format: EventRow["format"]): Attendance[] {
  return format === "onsite" ? ["onsite"] : format === "digital" ? ["remote"] : ["onsite", "remote"];
}

export async function saveSettings(ctx: RegContext, event: EventRow, input: SettingsInput): Promise<void> {
  const { placesOnsite, placesRemote, ...rest } = input;
  if (rest.opensAt && rest.closesAt && rest.closesAt <= rest.opensAt) throw fieldError("closesAt", "validation.end_before_start");
  const allowed = allowedAttendance(event.format);
  const pools = await listPools(ctx.db, event.id);
  const capacities: Partial<Record<Attendance, number>> = {};
  for (const [attendance, value, field] of [["onsite", placesOnsite, "placesOnsite"], ["remote", placesRemote, "placesRemote"]] as const) {
    if (value === undefined || value === null) continue;
    if (value > 0 && !allowed.includes(attendance)) throw fieldError(field, "reg.error.attendance");
    const taken = pools.find((p) => p.attendance === attendance)?.taken ?? 0;
    if (value < taken) throw fieldError(field, "reg.error.capacity_low", { taken });
    capacities[attendance] = value;
  }
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  await ctx.db
    .insert(registrationSettings)
    .values({ eventId: event.id, ...defined, updatedAt: ctx.now })
    .onConflictDoUpdate({ target: registrationSettings.eventId, set: { ...defined, updatedAt: ctx.now } });
  if (Object.keys(capacities).length) await setCapacity(ctx, event, capacities);
}
