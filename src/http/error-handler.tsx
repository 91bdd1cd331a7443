import type { ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { translator, type Locale } from "../i18n/messages.js";
import type { AppContext, AppEnv } from "./env.js";
import { AppError, isDatabaseUnavailable, isDataException } from "./errors.js";
import { fieldMessage, uiOf } from "./ui.js";
import { Layout } from "./views/layout.js";

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof HTTPException) {
    if (err.status === 413) return new AppError("payload_too_large", 413);
    if (err.status === 415) return new AppError("unsupported_media_type", 415);
    if (err.status === 400) return new AppError("invalid_json", 400, { logMessage: err.message });
    if (err.status === 401) return new AppError("unauthenticated", 401);
    if (err.status === 403) return new AppError("forbidden", 403);
    if (err.status === 404) return new AppError("not_found", 404);
  }
  if (err instanceof SyntaxError) return new AppError("invalid_json", 400, { logMessage: err.message });
  if (isDatabaseUnavailable(err)) return new AppError("database_unavailable", 503, { logMessage: String(err) });
  if (isDataException(err)) {
    console.warn(`[validation gap] the database refused a value: ${String((err as { cause?: unknown }).cause ?? err)}`);
    return new AppError("invalid_text", 400);
  }
  const cause = (err as { cause?: unknown } | undefined)?.cause;
  const causeText = cause instanceof Error ? `\ncaused by: ${cause.message}` : "";
  return new AppError("internal", 500, { logMessage: err instanceof Error ? `${err.stack ?? err.message}${causeText}` : String(err) });
}

/**
 * One place that turns every error into a response: JSON `{"error":{code,message}}`
 * for the API, a page for people; a 500 shows only a correlation id.
 */
export function renderError(err: unknown, c: AppContext) {
  const appError = toAppError(err);
  const requestId = c.get("requestId") ?? "-";
  const locale: Locale = c.get("locale") ?? "sv";
  const t = c.get("t") ?? translator(locale);
  if (appError.status >= 500) {
    console.error(`[error] ${requestId} ${c.req.method} ${c.req.path}: ${appError.message}`);
  }
  const message = t(appError.messageKey, { id: requestId });
  if (appError.retryAfterSeconds !== undefined) c.header("Retry-After", String(appError.retryAfterSeconds));
  else if (appError.status === 503) c.header("Retry-After", "5");
  if (c.req.path.startsWith("/api/")) {
    const details = appError.fields.map((f) => ({ field: f.field, code: f.key.replace(/^validation\./, ""), message: fieldMessage(t, f) }));
    return c.json(
      { error: { code: appError.code, message, ...(details.length ? { details } : {}), requestId } },
      appError.status,
    );
  }
  if (appError.status === 401 && c.req.method === "GET") {
    return c.redirect(`/logga-in?tillbaka=${encodeURIComponent(c.req.path)}`, 303);
  }
  const ui = {
    ...(c.get("csrfToken") ? uiOf(c) : { t, locale, path: c.req.path, actor: null, csrf: "", flash: null }),
    t,
    locale,
  };
  return c.html(
    <Layout ui={ui} title={t("error.title")}>
      <h1 class="ds-heading" data-size="lg">{t("error.title")}</h1>
      <div class="ds-alert" data-color={appError.status >= 500 ? "danger" : "warning"} role="alert">
        <p class="ds-paragraph">{message}</p>
        {appError.fields.length > 0 && (
          <ul>
            {appError.fields.map((f) => (
              <li>{fieldMessage(t, f)}</li>
            ))}
          </ul>
        )}
      </div>
      <p class="ds-paragraph">
        <a class="ds-link" href="/">{t("common.back")}</a>
      </p>
    </Layout>,
    appError.status,
  );
}

export const onError: ErrorHandler<AppEnv> = (err, c) => renderError(err, c);
export const onNotFound: NotFoundHandler<AppEnv> = (c) => renderError(new AppError("not_found", 404), c);
