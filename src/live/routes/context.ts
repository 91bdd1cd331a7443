/**
 * What every live page needs first: the room of the code in the path, who is looking (a
 * participant's key, a moderator), and a uuid from the path.
 */
import { can, isPubliclyVisible } from "../../auth/policy.js";
import type { AppContext } from "../../http/env.js";
import { AppError, forbidden, notFound, unauthenticated } from "../../http/errors.js";
import { hasPass, participantKey, participantToken } from "../participant.js";
import { findRoomByCode, normaliseCode, type RoomWithContext } from "../service.js";

/** The room of the code in the path; a draft event's rooms exist only for its moderators. */
export async function roomOf(c: AppContext): Promise<RoomWithContext> {
  const code = normaliseCode(c.req.param("code") ?? "");
  if (!/^[A-Z0-9]{6}$/.test(code)) throw notFound();
  const ctx = await findRoomByCode(c.get("deps").db, code);
  if (!ctx) throw notFound();
  if (!isPubliclyVisible(ctx.event) && !(await can(c.get("deps").db, c.get("actor"), "live.moderate", ctx.event))) throw notFound();
  return ctx;
}

export async function moderatedRoom(c: AppContext): Promise<RoomWithContext> {
  const ctx = await roomOf(c);
  const actor = c.get("actor");
  if (!actor) throw unauthenticated();
  if (!(await can(c.get("deps").db, actor, "live.moderate", ctx.event))) throw forbidden();
  return ctx;
}

/** The participant's key in the room's event, and whether they may take part (the room may require registration). */
export function participantOf(c: AppContext, ctx: RoomWithContext) {
  const { linkKey } = c.get("deps");
  const token = participantToken(c);
  const key = participantKey(linkKey, ctx.event.id, token);
  const allowed = !ctx.room.requireRegistration || hasPass(c, linkKey, ctx.event.id, token);
  return { key, allowed };
}

/** The room of a participant's action, and their key; refused when the room requires registration they have not shown. */
export async function participantRoom(c: AppContext) {
  const ctx = await roomOf(c);
  const { key, allowed } = participantOf(c, ctx);
  if (!allowed) throw new AppError("forbidden", 403, { messageKey: "live.registeredOnly" });
  return { ctx, key };
}

/** A uuid from the path, or 404. */
export { idParam } from "../../http/params.js";

export const noStore = (c: AppContext) => c.header("Cache-Control", "private, no-store");

/**
 * The room read again after the last update id was taken: whatever changed between is
 * either in what the page shows or streamed after it, never missed.
 */
export async function fresh(c: AppContext, ctx: RoomWithContext): Promise<RoomWithContext> {
  return (await findRoomByCode(c.get("deps").db, ctx.room.code)) ?? ctx;
}
