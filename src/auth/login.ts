/** Login by e-mail link. The link opens a confirmation page; only its POST spends the token. */
import type { Deps } from "../http/env.js";
import { translate, type Locale } from "../i18n/messages.js";
import { findOrCreatePersonByEmail } from "../people/repository.js";
import { consumeLoginToken, createLoginToken, createSession } from "./repository.js";

export async function sendLoginLink(deps: Deps, email: string, name: string | null, locale: Locale, returnTo: string): Promise<void> {
  const fallbackName = email.split("@")[0]!.slice(0, 200);
  const person = await findOrCreatePersonByEmail(deps.db, email, name ?? fallbackName);
  const minutes = deps.config.LOGIN_TOKEN_MINUTES;
  const token = await createLoginToken(deps.db, person.id, deps.now(), minutes);
  const link = `${deps.config.publicUrl}/logga-in/bekrafta?token=${encodeURIComponent(token)}&tillbaka=${encodeURIComponent(returnTo)}`;
  await deps.mailer.send({
    to: person.email!,
    subject: translate(locale, "login.mail.subject"),
    text: translate(locale, "login.mail.body", { link, minutes }),
  });
}

/** Spends the token and opens a session; null when the link is unknown, used or expired. */
export async function completeLogin(deps: Deps, token: string): Promise<{ sessionToken: string; personId: string } | null> {
  const personId = await consumeLoginToken(deps.db, token, deps.now());
  if (!personId) return null;
  const sessionToken = await createSession(deps.db, personId, deps.now(), deps.config.SESSION_DAYS);
  return { sessionToken, personId };
}
