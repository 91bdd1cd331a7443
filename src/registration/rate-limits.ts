/**
 * How often one may register, the same for the form and the API: generous per client
 * address (a municipality's staff share one), strict per e-mail. Counted exactly once per
 * request (PendingLimits): on PostgreSQL usually inside the statement that registers.
 */
import { clientIp } from "../http/client-ip.js";
import type { AppContext } from "../http/env.js";
import { PendingLimits, type LimitCheck } from "../http/rate-limit-store.js";

function registrationChecks(c: AppContext, email: unknown): LimitCheck[] {
  const checks: LimitCheck[] = [{ key: `register-ip:ip:${clientIp(c)}`, windowMs: 60_000, limit: c.get("deps").config.REGISTRATION_RATE_PER_IP }];
  if (typeof email === "string" && email.trim() && email.length < 300) checks.push({ key: `register-email:email:${email.trim().toLowerCase()}`, windowMs: 3600_000, limit: 10 });
  return checks;
}

/**
 * Runs a registration with its limits. Whatever way it ends, they are counted once; a
 * request that fails (bad input, closed) while over a limit is answered 429, as if it
 * had been counted first.
 */
export async function withRegistrationLimits<T>(c: AppContext, email: unknown, run: (limits: PendingLimits) => Promise<T>): Promise<T> {
  const deps = c.get("deps");
  const limits = new PendingLimits(deps.rateLimits, registrationChecks(c, email), deps.now().getTime());
  try {
    return await run(limits);
  } catch (err) {
    await limits.enforce();
    throw err;
  }
}
