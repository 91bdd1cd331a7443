import { randomBytes } from "node:crypto";
import type { Db } from "../../src/db/client.js";
import type { EventRow } from "../../src/events/repository.js";
import type { RegContext } from "../../src/registration/service.js";
import { saveSettings, type SettingsInput } from "../../src/registration/settings.js";

export function regContext(db: Db, now = new Date("2026-11-23T10:00:00Z")): RegContext {
  return { db, now, linkKey: randomBytes(32), publicUrl: "http://localhost", organizer: { name: "Samverka", email: "no-reply@samverka.local" } };
}

export async function openRegistration(ctx: RegContext, event: EventRow, input: SettingsInput = {}) {
  await saveSettings(ctx, event, { placesOnsite: 100, ...input });
}
