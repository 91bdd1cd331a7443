import type { Deps } from "../http/env.js";
import type { RegContext } from "./service.js";

/** "Samverka <no-reply@x.se>" → { name, email } for the invite's ORGANIZER. */
export function parseFrom(from: string): { name: string; email: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  return m ? { name: m[1]!.trim() || "Samverka", email: m[2]!.trim() } : { name: "Samverka", email: from.trim() };
}

export function regContextOf(deps: Deps): RegContext {
  return { db: deps.db, now: deps.now(), linkKey: deps.linkKey, publicUrl: deps.config.publicUrl, organizer: parseFrom(deps.config.MAIL_FROM) };
}
