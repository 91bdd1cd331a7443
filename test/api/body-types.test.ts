/**
 * Every field of every JSON body in the API, sent with a value of the wrong kind (a
 * number where text belongs, text where a list or an object belongs…): the answer names
 * that field and says what is wrong with it, in Swedish and in English, never "fill in"
 * as if it were missing and never under another field's name.
 */
import { expect, it } from "vitest";
import { api, createTestApp } from "../support/app.js";
import { describeEachDriver } from "../support/db.js";
import { makeAdmin, makeEvent } from "../support/factories.js";
import { openRegistration } from "../support/registration.js";
import { regContextOf } from "../../src/registration/context.js";

import { bodyFields, type Schema } from "../support/openapi.js";

/** The kinds a property accepts, from its JSON schema. */
function kinds(schema: Schema, resolve: (ref: string) => Schema): Set<string> {
  if (schema.$ref) return kinds(resolve(schema.$ref), resolve);
  const out = new Set<string>();
  for (const part of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) for (const k of kinds(part, resolve)) out.add(k);
  for (const t of Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []) out.add(t === "integer" ? "number" : t);
  if (schema.enum) for (const v of schema.enum) out.add(v === null ? "null" : typeof v);
  return out;
}

/** A value of a kind the property does not accept. */
function wrongValue(accepted: Set<string>): unknown {
  for (const [kind, value] of [["object", 12345], ["array", "ingen lista"], ["string", 12345], ["number", "inte ett tal"], ["boolean", "kanske"]] as const) {
    if (accepted.has(kind) && !accepted.has(typeof value === "number" ? "number" : "string")) return value;
  }
  return accepted.has("string") ? { inte: "text" } : "fel sort";
}

describeEachDriver("wrongly typed fields in every API body", (get) => {
  it("are answered with what is wrong with that very field", async () => {
    const t = createTestApp(get());
    const { token } = await makeAdmin(get().db);
    const event = await makeEvent(get().db, { published: true });
    await openRegistration(regContextOf(t.deps), event, { placesOnsite: 10 });
    const doc = await (await api(t).get("/v1/openapi.json")).json();
    const { fields, resolve } = bodyFields(doc, event.id);
    const checked: string[] = [];
    const wrong: string[] = [];
    for (const { method, path, url, field, property } of fields) {
      const value = wrongValue(kinds(property, resolve));
      for (const lang of ["sv", "en"] as const) {
        const res = await t.app.request(`http://localhost/api${url}?lang=${lang}`, {
          method,
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ [field]: value }),
        });
        const label = `${method} ${path} ${field}=${JSON.stringify(value)} (${lang})`;
        checked.push(label);
        const json = res.status === 204 ? null : await res.json();
        const detail = (json?.error?.details ?? []).find((d: { field: string }) => d.field === field || d.field.startsWith(`${field}.`));
        const problem =
          res.status !== 422 ? `answered ${res.status}` : !detail ? `no message for the field (${JSON.stringify(json.error.details)})` : detail.code === "required" ? `"${detail.message}" as if missing` : /beskrivning|description/i.test(detail.message) && !/description/i.test(field) ? `"${detail.message}" names another field` : null;
        if (problem) wrong.push(`${label}: ${problem}`);
      }
    }
    expect(checked.length).toBeGreaterThan(60);
    expect(wrong).toEqual([]);
  });

  it("says it in words a person understands", async () => {
    const t = createTestApp(get());
    const event = await makeEvent(get().db, { published: true });
    await openRegistration(regContextOf(t.deps), event, { placesOnsite: 10 });
    const say = async (body: unknown, lang = "sv") => (await (await api(t).post(`/v1/events/${event.id}/registrations?lang=${lang}`, body)).json()).error.details.map((d: { message: string }) => d.message);
    expect(await say({ name: "Anna", email: "anna@example.se", answers: 5 })).toEqual(['Svaren ska vara ett objekt med namngivna värden, till exempel {"fråga": "svar"}.']);
    expect(await say({ name: 5, email: "anna@example.se" })).toEqual(["Namn ska vara text."]);
    expect(await say({ name: "Anna", email: ["anna@example.se"] })).toEqual(["E-postadress ska vara text."]);
    expect(await say({ name: "Anna", email: "anna@example.se", attendance: "båt" })).toEqual(["Deltagandet ska vara något av: onsite, remote."]);
    expect(await say({ name: "Anna", email: "anna@example.se", answers: 5 }, "en")).toEqual(['The answers must be an object of named values, for example {"question": "answer"}.']);
    expect(await say({ email: "anna@example.se" })).toEqual(["Fyll i namn."]);
  });
});
