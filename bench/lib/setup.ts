/** Builds benchmark data through the public API, the way an integration would. */
export async function call(url: string, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = res.status === 204 ? null : await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json as any;
}

let counter = 0;

export async function makeSpace(url: string, token: string) {
  return call(url, token, "POST", "/v1/spaces", { name: `Bench ${Date.now()} ${counter++}`, regionCode: "24" });
}

export async function makeEvent(url: string, token: string, spaceId: string, o: { places?: number; title?: string } = {}) {
  const event = await call(url, token, "POST", "/v1/events", {
    spaceId,
    title: o.title ?? `Rusningen ${counter++}`,
    startsAt: "2030-11-21T09:00:00+01:00",
    endsAt: "2030-11-21T17:00:00+01:00",
    format: "onsite",
    ...(o.places ? { placesOnsite: o.places } : {}),
  });
  await call(url, token, "PATCH", `/v1/events/${event.id}`, { status: "published" });
  return event;
}

/** A full conference day: 60 sessions in 4 rooms, 80 people in roles. */
export async function makeProgram(url: string, token: string, eventId: string) {
  const people: string[] = [];
  for (let i = 0; i < 80; i++) {
    people.push((await call(url, token, "POST", "/v1/people", { name: `Talare ${i + 1}`, title: "Digitaliseringsstrateg" })).id);
  }
  const rooms = ["Stora salen", "Sal A", "Sal B", "Sal C"];
  for (let i = 0; i < 60; i++) {
    const slot = Math.floor(i / rooms.length);
    const start = 9 * 60 + slot * 30;
    const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
    const speakers = [people[(i * 2) % 80]!, people[(i * 2 + 1) % 80]!];
    await call(url, token, "POST", `/v1/events/${eventId}/sessions`, {
      type: i % 7 === 0 ? "panel" : "seminar",
      title: `Pass ${i + 1}: digital samverkan i praktiken`,
      description: "Hur kommunerna i länet gör gemensam sak kring e-tjänster, arkitektur och informationssäkerhet.",
      room: rooms[i % rooms.length],
      track: i % 2 ? "Verksamhet" : "Teknik",
      startsAt: `2030-11-21T${hhmm(start)}:00+01:00`,
      endsAt: `2030-11-21T${hhmm(start + 25)}:00+01:00`,
      people: speakers.map((personId, k) => ({ personId, role: i % 7 === 0 && k === 0 ? "moderator" : "speaker", remote: k === 1 && i % 5 === 0 })),
    });
  }
}
