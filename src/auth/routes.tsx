import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { clearCookie, getCookie, setFlash, setSecureCookie } from "../http/cookies.js";
import { AppError, fieldError, notFound } from "../http/errors.js";
import { readForm, safeReturnPath, submitForm } from "../http/forms.js";
import { clientIp } from "../http/client-ip.js";
import { rateLimit } from "../http/middleware/rate-limit.js";
import { emptyForm, uiOf, type FormState } from "../http/ui.js";
import { parseInput } from "../http/validation.js";
import { findOrganisationById, searchOrganisations } from "../organisations/repository.js";
import { findPersonById, normaliseEmail, updatePerson } from "../people/repository.js";
import { completeLogin, sendLoginLink } from "./login.js";
import { SESSION_COOKIE } from "./middleware.js";
import { requireActor } from "./policy.js";
import { createApiToken, deleteSession, isLoginTokenUsable, listApiTokens, revokeApiToken } from "./repository.js";
import { ApiTokenInput, LoginConfirm, LoginRequest, ProfileInput } from "./schemas.js";
import { ConfirmLoginPage, LoginPage, LoginSentPage, ProfilePage } from "./views.js";
import type { AppContext } from "../http/env.js";

export const authRoutes = new Hono<AppEnv>();

/** At most 5 links an hour per address and 30 per client address (mail bombing, enumeration). */
const loginLimits = rateLimit(
  { name: "login-ip", limit: 30, windowMs: 3600_000, key: (c) => `ip:${clientIp(c)}` },
  {
    name: "login",
    limit: 5,
    windowMs: 3600_000,
    key: async (c) => {
      const body = await c.req.parseBody();
      return typeof body.email === "string" && body.email.trim() ? `email:${normaliseEmail(body.email).slice(0, 254)}` : null;
    },
  },
);
const confirmLimit = rateLimit({ name: "login-confirm", limit: 30, windowMs: 600_000, key: (c) => `ip:${clientIp(c)}` });

authRoutes.get("/logga-in", (c) => {
  const returnTo = safeReturnPath(c.req.query("tillbaka"));
  return c.html(<LoginPage ui={uiOf(c)} form={emptyForm()} returnTo={returnTo} />);
});

authRoutes.post("/logga-in", loginLimits, async (c) => {
  const values = await readForm(c);
  const returnTo = safeReturnPath(values.tillbaka);
  return submitForm(
    c,
    values,
    async () => {
      const input = parseInput(LoginRequest, values);
      await sendLoginLink(c.get("deps"), input.email, input.name ?? null, c.get("locale"), returnTo);
      return c.html(<LoginSentPage ui={uiOf(c)} email={input.email} minutes={c.get("deps").config.LOGIN_TOKEN_MINUTES} />);
    },
    (form) => <LoginPage ui={uiOf(c)} form={form} returnTo={returnTo} />,
    { name: "field.name" },
  );
});

/** GET never spends the token: mail scanners (Microsoft Safe Links) open links first. */
authRoutes.get("/logga-in/bekrafta", async (c) => {
  const token = (c.req.query("token") ?? "").slice(0, 200);
  const usable = token.length >= 10 && (await isLoginTokenUsable(c.get("deps").db, token, c.get("deps").now()));
  return c.html(
    <ConfirmLoginPage ui={uiOf(c)} token={token} returnTo={safeReturnPath(c.req.query("tillbaka"))} usable={usable} />,
    usable ? 200 : 400,
  );
});

authRoutes.post("/logga-in/bekrafta", confirmLimit, async (c) => {
  const values = await readForm(c);
  const parsed = LoginConfirm.safeParse(values);
  const result = parsed.success ? await completeLogin(c.get("deps"), parsed.data.token) : null;
  if (!result) throw new AppError("token_invalid", 400);
  setSecureCookie(c, SESSION_COOKIE, result.sessionToken, c.get("deps").config.SESSION_DAYS * 86400);
  setFlash(c, c.get("t")("login.done"));
  // Back where the person was; never to the login pages themselves.
  const back = safeReturnPath(values.tillbaka, "/profil");
  return c.redirect(back.startsWith("/logga-in") ? "/profil" : back, 303);
});

authRoutes.post("/logga-ut", async (c) => {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) await deleteSession(c.get("deps").db, token);
  clearCookie(c, SESSION_COOKIE);
  setFlash(c, c.get("t")("logout.done"));
  return c.redirect("/", 303);
});

async function renderProfile(c: AppContext, form?: FormState, tokenForm?: FormState, newToken?: string) {
  const actor = requireActor(c.get("actor"));
  const { db } = c.get("deps");
  const person = await findPersonById(db, actor.personId);
  if (!person) throw notFound();
  const organisations = await searchOrganisations(db, "", { limit: 1000 });
  const tokens = await listApiTokens(db, actor.personId);
  const state =
    form ??
    emptyForm({ name: person.name, organisationId: person.organisationId ?? "", title: person.title ?? "", bio: person.bio ?? "" });
  return (
    <ProfilePage ui={uiOf(c)} form={state} organisations={organisations} tokens={tokens} tokenForm={tokenForm ?? emptyForm()} newToken={newToken} />
  );
}

authRoutes.get("/profil", async (c) => c.html(await renderProfile(c)));

authRoutes.post("/profil", async (c) => {
  const actor = requireActor(c.get("actor"));
  const values = await readForm(c);
  const { db } = c.get("deps");
  return submitForm(
    c,
    values,
    async () => {
      const input = parseInput(ProfileInput, values);
      if (input.organisationId && !(await findOrganisationById(db, input.organisationId))) throw fieldError("organisationId", "validation.unknown_organisation");
      await updatePerson(db, actor.personId, input);
      setFlash(c, c.get("t")("common.saved"));
      return c.redirect("/profil", 303);
    },
    (form) => renderProfile(c, form),
    { name: "field.name", title: "field.jobTitle" },
  );
});

authRoutes.post("/profil/api-nycklar", async (c) => {
  const actor = requireActor(c.get("actor"));
  const values = await readForm(c);
  return submitForm(
    c,
    values,
    async () => {
      const input = parseInput(ApiTokenInput, values);
      const { token } = await createApiToken(c.get("deps").db, actor.personId, input.tokenName);
      return c.html(await renderProfile(c, undefined, undefined, token), 201);
    },
    (tokenForm) => renderProfile(c, undefined, tokenForm),
  );
});

authRoutes.post("/profil/api-nycklar/:id/aterkalla", async (c) => {
  const actor = requireActor(c.get("actor"));
  const id = c.req.param("id");
  if (!/^[0-9a-f-]{36}$/.test(id) || !(await revokeApiToken(c.get("deps").db, actor.personId, id, c.get("deps").now()))) {
    throw notFound();
  }
  setFlash(c, c.get("t")("profile.revoked"));
  return c.redirect("/profil#api-tokens", 303);
});
