/** Walks the API's OpenAPI document: every property of every JSON body, for tests that try each one. */
export type Schema = { type?: string | string[]; $ref?: string; anyOf?: Schema[]; oneOf?: Schema[]; enum?: unknown[]; format?: string; pattern?: string; properties?: Record<string, Schema>; items?: Schema };

export interface BodyField {
  method: string;
  path: string;
  /** The path with {id} as the given event and other ids made up. */
  url: string;
  field: string;
  property: Schema;
}

export function bodyFields(doc: { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema: Schema }> } }>>; components: { schemas: Record<string, Schema> } }, eventId: string) {
  const resolve = (ref: string) => doc.components.schemas[ref.split("/").pop()!]!;
  const fields: BodyField[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      let schema = operation.requestBody?.content?.["application/json"]?.schema;
      if (!schema) continue;
      if (schema.$ref) schema = resolve(schema.$ref);
      // Registering takes any object and validates it as RegistrationInput (against the event's questions).
      if (!schema.properties && path === "/v1/events/{id}/registrations") schema = resolve("#/components/schemas/RegistrationInput");
      const url = path.replace("{id}", eventId).replace("{year}", "2026").replace(/\{\w+\}/g, "00000000-0000-4000-8000-000000000000");
      for (const [field, property] of Object.entries(schema.properties ?? {})) fields.push({ method: method.toUpperCase(), path, url, field, property });
    }
  }
  return { fields, resolve };
}
