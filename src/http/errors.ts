/**
 * Errors with stable codes, a message for the person (in their language) and one for
 * the log. Unknown errors become a generic 500 with a correlation id; the person never
 * sees a stack trace. Modelled on Outline's server/errors.ts and Documenso's AppError.
 */
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { MessageKey, Params } from "../i18n/messages.js";

export type ErrorCode =
  | "validation_failed"
  | "invalid_json"
  | "invalid_text"
  | "not_found"
  | "forbidden"
  | "unauthenticated"
  | "csrf_failed"
  | "rate_limited"
  | "busy"
  | "payload_too_large"
  | "incomplete_body"
  | "invalid_form"
  | "unsupported_media_type"
  | "conflict"
  | "token_invalid"
  | "database_unavailable"
  | "internal";

export interface FieldError {
  /** Dotted path of the field, as named in the form or JSON body. */
  field: string;
  key: MessageKey;
  params?: Params;
}

export class AppError extends Error {
  readonly messageKey: MessageKey;
  constructor(
    readonly code: ErrorCode,
    readonly status: ContentfulStatusCode,
    options: { messageKey?: MessageKey; fields?: FieldError[]; logMessage?: string; retryAfterSeconds?: number } = {},
  ) {
    super(options.logMessage ?? code);
    this.messageKey = options.messageKey ?? (`error.${code}` as MessageKey);
    this.fields = options.fields ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
  readonly fields: FieldError[];
  /** For 429 and 503: when to try again (RFC 9110 §10.2.3). */
  readonly retryAfterSeconds: number | undefined;
}

export const notFound = () => new AppError("not_found", 404);
export const forbidden = () => new AppError("forbidden", 403);
export const unauthenticated = () => new AppError("unauthenticated", 401);
export const conflict = (messageKey: MessageKey = "error.conflict", field?: string) =>
  new AppError("conflict", 409, {
    messageKey,
    fields: field ? [{ field, key: messageKey }] : [],
  });
export const validationFailed = (fields: FieldError[]) =>
  new AppError("validation_failed", 422, { fields });
export const fieldError = (field: string, key: MessageKey, params?: Params) =>
  validationFailed([{ field, key, ...(params ? { params } : {}) }]);

/** True for errors that mean "the database cannot be reached", on either driver. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string; cause?: unknown } | undefined;
  if (!e) return false;
  const codes = ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "57P01", "57P02", "57P03", "08000", "08001", "08003", "08006"];
  if (e.code && codes.includes(e.code)) return true;
  if (
    typeof e.message === "string" &&
    /Connection terminated|connection timeout|timeout exceeded when trying to connect|PGlite is closed|Cannot use a pool after calling end|not queryable|terminating connection|the database system is (shutting down|starting up|in recovery)|connect ECONN/i.test(e.message)
  )
    return true;
  return e.cause !== undefined && e.cause !== err ? isDatabaseUnavailable(e.cause) : false;
}

interface PgError {
  code?: string;
  constraint?: string;
  message?: string;
  cause?: unknown;
}

/** The first error in the cause chain (drivers and Drizzle wrap them) with a SQLSTATE that matches. */
function pgErrorWith(err: unknown, code: RegExp): PgError | undefined {
  let e = err as PgError | undefined;
  for (let depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === "string" && code.test(e.code)) return e;
    e = e.cause as PgError | undefined;
  }
  return undefined;
}

/**
 * A PostgreSQL data exception (SQLSTATE class 22: a character the encoding cannot hold,
 * a value out of range): input that validation should have refused. It is answered as
 * bad input, never as a 500; the caller logs it as a gap in validation.
 */
export const isDataException = (err: unknown): boolean => pgErrorWith(err, /^22[0-9A-Z]{3}$/) !== undefined;

/** PostgreSQL unique violation, optionally on a named constraint. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = pgErrorWith(err, /^23505$/);
  return !!e && (!constraint || e.constraint === constraint || (e.message ?? "").includes(constraint));
}
