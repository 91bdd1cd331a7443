/** Factories that create what they need, parents included (after Outline's test factories). */
import { randomBytes } from "node:crypto";
import type { Db } from "../../src/db/client.js";
import { createApiToken } from "../../src/auth/repository.js";
import { stockholmToInstant } from "../../src/i18n/format.js";
import { createPerson } from "../../src/people/repository.js";
import { addSpaceOrganiser, createSpace, type Space } from "../../src/spaces/repository.js";
import { createEvent, publishEvent } from "../../src/events/service.js";
import { findEventById, type EventWithSpace } from "../../src/events/repository.js";
import { createSession } from "../../src/events/program-service.js";
import type { SessionType } from "../../src/db/schema.js";

const uniq = () => randomBytes(4).toString("hex");

export async function makeSpace(db: Db, overrides: Partial<{ name: string; regionCode: string | null }> = {}): Promise<Space> {
  const id = uniq();
  return createSpace(db, { slug: `space-${id}`, name: overrides.name ?? `Arrangör ${id}`, regionCode: overrides.regionCode === undefined ? "24" : overrides.regionCode });
}

export async function makePerson(db: Db, overrides: Partial<{ name: string; email: string | null; admin: boolean }> = {}) {
  const id = uniq();
  return createPerson(db, {
    name: overrides.name ?? `Person ${id}`,
    email: overrides.email === undefined ? `person-${id}@example.se` : overrides.email,
    isPlatformAdmin: overrides.admin ?? false,
  });
}

/** An organiser of a (new or given) space, with an API token. */
export async function makeOrganiser(db: Db, space?: Space) {
  const s = space ?? (await makeSpace(db));
  const person = await makePerson(db);
  await addSpaceOrganiser(db, s.id, person.id);
  const { token } = await createApiToken(db, person.id, "test");
  return { space: s, person, token };
}

export async function makeAdmin(db: Db) {
  const person = await makePerson(db, { admin: true });
  const { token } = await createApiToken(db, person.id, "test");
  return { person, token };
}

export const at = (date: string, time: string) => stockholmToInstant(date, time)!;

export async function makeEvent(
  db: Db,
  o: Partial<{ space: Space; title: string; date: string; start: string; end: string; published: boolean; format: "onsite" | "hybrid" | "digital" }> = {},
): Promise<EventWithSpace> {
  const space = o.space ?? (await makeSpace(db));
  const date = o.date ?? "2027-11-18";
  const e = await createEvent(db, {
    spaceId: space.id,
    slug: null,
    title: o.title ?? `Konferens ${uniq()}`,
    titleEn: null,
    description: null,
    descriptionEn: null,
    venue: "Folkets hus",
    address: null,
    format: o.format ?? "onsite",
    seriesId: null,
    regionCode: null,
    startsAt: at(date, o.start ?? "09:00"),
    endsAt: at(date, o.end ?? "16:00"),
  });
  if (o.published) await publishEvent(db, e, new Date());
  return (await findEventById(db, e.id))!;
}

export async function makeSession(
  db: Db,
  event: EventWithSpace,
  o: Partial<{ type: SessionType; title: string; start: string; end: string; room: string | null; people: { personId: string; role: "speaker" | "moderator" | "panellist"; remote: boolean }[] }> = {},
) {
  const date = event.startsAt.toISOString().slice(0, 10);
  return createSession(db, event, {
    type: o.type ?? "seminar",
    title: o.title ?? `Pass ${uniq()}`,
    titleEn: null,
    description: null,
    descriptionEn: null,
    room: o.room === undefined ? "Sal A" : o.room,
    track: null,
    startsAt: at(date, o.start ?? "10:00"),
    endsAt: at(date, o.end ?? "11:00"),
    people: o.people ?? [],
  });
}
