/**
 * Who a live participant is, without knowing who they are: a random token in a cookie of
 * their browser, and from it one key per event (an HMAC with the instance's link key), so
 * a participant's questions and votes in two events cannot be joined, and nothing that
 * names a person is stored with them. When the room requires registration, a pass for the
 * event is set beside the token by the participant's manage link; the pass says only
 * "registered for this event", not which registration.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { AppContext } from "../http/env.js";
import { getCookie, setSecureCookie } from "../http/cookies.js";

const TOKEN_COOKIE = "sv_live";
const PASS_COOKIE = "sv_live_pass";
/** A conference and its follow-up days; then a new token (a new key) is taken. */
const TOKEN_DAYS = 14;

const mac = (key: Buffer, text: string) => createHmac("sha256", key).update(text).digest("base64url");

/** This browser's token, made and set when it has none. */
export function participantToken(c: AppContext): string {
  const found = getCookie(c, TOKEN_COOKIE);
  if (found && /^[A-Za-z0-9_-]{32}$/.test(found)) return found;
  const token = randomBytes(24).toString("base64url");
  setSecureCookie(c, TOKEN_COOKIE, token, TOKEN_DAYS * 86_400);
  return token;
}

/** The participant's key in an event: the same for all rooms of the event, another in the next. */
export const participantKey = (linkKey: Buffer, eventId: string, token: string) => mac(linkKey, `live:${eventId}:${token}`).slice(0, 32);

/** Passes of this browser: the events it has shown a registration for. */
function passes(c: AppContext): string[] {
  return (getCookie(c, PASS_COOKIE) ?? "").split(",").filter((p) => /^[0-9a-f-]{36}\.[A-Za-z0-9_-]{22}$/.test(p)).slice(-20);
}

const passFor = (linkKey: Buffer, eventId: string, token: string) => `${eventId}.${mac(linkKey, `live-pass:${eventId}:${token}`).slice(0, 22)}`;

export function grantPass(c: AppContext, linkKey: Buffer, eventId: string): void {
  const token = participantToken(c);
  const mine = passFor(linkKey, eventId, token);
  const kept = passes(c).filter((p) => !p.startsWith(`${eventId}.`));
  setSecureCookie(c, PASS_COOKIE, [...kept, mine].join(","), TOKEN_DAYS * 86_400);
}

export function hasPass(c: AppContext, linkKey: Buffer, eventId: string, token: string): boolean {
  const want = Buffer.from(passFor(linkKey, eventId, token));
  return passes(c).some((p) => {
    const got = Buffer.from(p);
    return got.length === want.length && timingSafeEqual(got, want);
  });
}
