/** How often one may register: the same limits for the form and the API, counted in one round trip. */
import { clientIp } from "../http/client-ip.js";
import { rateLimit } from "../http/middleware/rate-limit.js";

/** Generous per address (a municipality's staff share one), strict per e-mail. */
export const registrationLimits = rateLimit(
  { name: "register-ip", limit: (c) => c.get("deps").config.REGISTRATION_RATE_PER_IP, windowMs: 60_000, key: (c) => `ip:${clientIp(c)}` },
  {
    name: "register-email",
    limit: 10,
    windowMs: 3600_000,
    key: async (c) => {
      const type = c.req.header("content-type") ?? "";
      const body: unknown = type.includes("json") ? await c.req.json().catch(() => null) : await c.req.parseBody().catch(() => null);
      const email = body && typeof body === "object" ? (body as { email?: unknown }).email : undefined;
      return typeof email === "string" && email.length < 300 ? `email:${email.trim().toLowerCase()}` : null;
    },
  },
);
