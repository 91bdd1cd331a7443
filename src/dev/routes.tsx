import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { clientIp, isLoopback } from "../http/client-ip.js";
import { notFound } from "../http/errors.js";
import { uiOf } from "../http/ui.js";
import { Layout } from "../http/views/layout.js";
import { localStamp } from "../i18n/format.js";

export const devRoutes = new Hono<AppEnv>();

/** A mail's text with its web addresses as links, so that a login or manage link is one click away. */
function withLinks(text: string) {
  return text.split(/(https?:\/\/[^\s<>"]+)/g).map((part, i) => (i % 2 === 1 ? <a class="ds-link" href={part}>{part}</a> : part));
}

/**
 * The development mailbox, when no SMTP_URL is set. It shows login links, so it answers
 * only from this machine (or to a platform admin), never to the world.
 */
devRoutes.get("/dev/mail", (c) => {
  const { mailer } = c.get("deps");
  const actor = c.get("actor");
  if (mailer.mode !== "development" || !(isLoopback(clientIp(c)) || actor?.isPlatformAdmin)) throw notFound();
  const ui = uiOf(c);
  const title = ui.locale === "sv" ? "Utvecklingsbrevlåda" : "Development mailbox";
  return c.html(
    <Layout ui={ui} title={title}>
      <h1 class="ds-heading" data-size="lg">{title}</h1>
      <p class="ds-paragraph">
        {ui.locale === "sv"
          ? "Ingen e-postserver är inställd (SMTP_URL), så e-post visas här i stället för att skickas."
          : "No mail server is configured (SMTP_URL), so mail is shown here instead of being sent."}
      </p>
      {mailer.recent().map((m) => (
        <article class="stack">
          <h2 class="ds-heading" data-size="sm">{m.subject}</h2>
          <p class="meta">{`${m.to} · ${localStamp(m.sentAt)}`}</p>
          <pre class="mail">{withLinks(m.text)}</pre>
        </article>
      ))}
    </Layout>,
  );
});
