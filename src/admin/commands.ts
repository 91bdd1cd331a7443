/** What an administrator does from the command line, whether run directly or through the running server. */
import { z } from "zod";
import { createApiToken } from "../auth/repository.js";
import type { Db } from "../db/client.js";
import { findOrCreatePersonByEmail, setPlatformAdmin } from "../people/repository.js";

export const AdminCreateInput = z.strictObject({
  email: z.email().transform((e) => e.trim().toLowerCase()),
  name: z.string().trim().min(1).max(200).optional(),
});

export interface AdminCreated {
  person: { id: string; name: string; email: string };
  token: string;
}

/** Creates (or finds) the person, makes them platform admin and gives them a new API token. */
export async function createPlatformAdmin(db: Db, input: z.infer<typeof AdminCreateInput>, today: Date): Promise<AdminCreated> {
  const person = await findOrCreatePersonByEmail(db, input.email, input.name ?? input.email.split("@")[0]!);
  await setPlatformAdmin(db, person.id);
  const { token } = await createApiToken(db, person.id, `cli ${today.toISOString().slice(0, 10)}`);
  return { person: { id: person.id, name: person.name, email: person.email ?? input.email }, token };
}
