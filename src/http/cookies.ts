import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppContext } from "./env.js";

/** Cookie options in one place: httpOnly, SameSite=Lax, Secure when served over https. */
export function setSecureCookie(c: AppContext, name: string, value: string, maxAgeSeconds?: number) {
  setCookie(c, name, value, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure: c.get("deps").config.publicUrl.startsWith("https://"),
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  });
}

export function clearCookie(c: AppContext, name: string) {
  deleteCookie(c, name, { path: "/" });
}

export { getCookie };

const FLASH_COOKIE = "sv_flash";

/** Leaves a short message for the next page (POST → redirect → GET). */
export function setFlash(c: AppContext, message: string) {
  setSecureCookie(c, FLASH_COOKIE, encodeURIComponent(message.slice(0, 300)), 60);
}

export function takeFlash(c: AppContext): string | null {
  const raw = getCookie(c, FLASH_COOKIE);
  if (!raw) return null;
  clearCookie(c, FLASH_COOKIE);
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}
