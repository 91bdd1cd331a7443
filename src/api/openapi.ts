/** Helpers that keep each API route definition short. */
import { OpenAPIHono, z, type RouteConfig } from "@hono/zod-openapi";
import type { AppEnv } from "../http/env.js";
import { unauthenticated, validationFailed } from "../http/errors.js";
import type { MiddlewareHandler } from "hono";
import { issueToFieldError } from "../http/validation.js";

export function newApi() {
  return new OpenAPIHono<AppEnv>({
    // Every rejected input becomes the same 422 with field messages in the caller's language.
    defaultHook: (result) => {
      // @hono/zod-validator hands the hook what was sent as `data`, also when it failed.
      if (!result.success) throw validationFailed(result.error.issues.map((i) => issueToFieldError(i, (result as { data?: unknown }).data)));
    },
  });
}

export type Api = ReturnType<typeof newApi>;

/** Changes anyone may make: registering, acting with a registration's own manage token, sending an idea for a plan, nominating for a prize. */
const PUBLIC_CHANGES = [/^\/api\/v1\/events\/[^/]+\/registrations$/, /^\/api\/v1\/registrations\/[^/]+(\/(accept-offer|decline-offer|sessions))?$/, /^\/api\/v1\/plans\/[^/]+\/ideas$/, /^\/api\/v1\/prizes\/[^/]+\/years\/[^/]+\/nominations$/];

/** Every change through the API needs a Bearer token; asked before the body is read (401 before 422). */
export function requireTokenForChanges(): MiddlewareHandler<AppEnv> {
  return async function requireTokenForChangesMiddleware(c, next) {
    if (!["GET", "HEAD", "OPTIONS"].includes(c.req.method) && !c.get("actor") && !PUBLIC_CHANGES.some((re) => re.test(c.req.path))) {
      c.header("WWW-Authenticate", 'Bearer realm="samverka"');
      throw unauthenticated();
    }
    await next();
  };
}

/** Every error answer: a stable code, a message in the caller's language, each field's problem. */
export const ErrorJson = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "validation_failed" }),
      message: z.string().openapi({ example: "Några uppgifter behöver rättas." }),
      details: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
      requestId: z.string(),
    }),
  })
  .openapi("Error");

const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: ErrorJson } } });

export const errorResponses = {
  400: errorResponse("Malformed request (e.g. invalid JSON)."),
  401: errorResponse("Missing or invalid Bearer token."),
  403: errorResponse("The token's person may not do this."),
  404: errorResponse("Not found, or not visible to the caller."),
  409: errorResponse("Conflicts with existing data."),
  413: errorResponse("Body larger than 256 kB."),
  422: errorResponse("Input failed validation; `details` lists each field."),
  429: errorResponse("Too many requests."),
} as const;

export const jsonBody = <S extends z.ZodType>(schema: S) => ({
  body: { content: { "application/json": { schema } }, required: true },
});

export const jsonResponse = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const bearer: RouteConfig["security"] = [{ bearerAuth: [] }];

export const IdParam = z.object({ id: z.uuid({ message: "validation.uuid" }).openapi({ param: { name: "id", in: "path" } }) });
export const SessionParams = IdParam.extend({
  sessionId: z.uuid({ message: "validation.uuid" }).openapi({ param: { name: "sessionId", in: "path" } }),
});
export const ExhibitorParams = IdParam.extend({
  exhibitorId: z.uuid({ message: "validation.uuid" }).openapi({ param: { name: "exhibitorId", in: "path" } }),
});
