/**
 * The idea wall: participants post ideas (title, text, tags), vote for them once each and
 * comment briefly; the moderator hides, groups similar ideas under one, and marks the top
 * ones. Every change is published on the room's channel in its transaction (hub.ts).
 */
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { conflict, notFound } from "../http/errors.js";
import { publishLive, publishSoon } from "./hub.js";
import { liveIdeaComments, liveIdeaVotes, liveIdeas, type IdeaStatus } from "./schema.js";
import { channelOf, type LiveRoom } from "./service.js";

export type LiveIdea = typeof liveIdeas.$inferSelect;
export type LiveIdeaComment = typeof liveIdeaComments.$inferSelect;

/** Tags as typed ("öppna data, skola"): trimmed, lower case, at most five, none twice. */
export function tagsOf(input: string): string[] {
  const seen = new Set<string>();
  for (const t of input.split(/[,;\n]/)) {
    const tag = t.trim().replace(/\s+/g, " ").toLocaleLowerCase("sv-SE").slice(0, 30);
    if (tag && seen.size < 5) seen.add(tag);
  }
  return [...seen];
}

export async function postIdea(db: Db, room: LiveRoom, authorKey: string, input: { title: string; body: string | null; tags: string[]; name: string | null }, now: Date): Promise<LiveIdea> {
  if (!room.ideasOpen) throw conflict("live.error.ideasClosed");
  return db.transaction(async (tx) => {
    const [idea] = await tx.insert(liveIdeas).values({ id: randomUUID(), roomId: room.id, authorKey, displayName: input.name, title: input.title, body: input.body, tags: input.tags, createdAt: now }).returning();
    await publishLive(tx, channelOf(room.id), "ideas");
    return idea!;
  });
}

/** A vote for a shown idea, or the vote taken back when given already. True when it now counts. */
export async function toggleIdeaVote(db: Db, roomId: string, ideaId: string, voterKey: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [idea] = await tx.select({ id: liveIdeas.id }).from(liveIdeas).where(and(eq(liveIdeas.id, ideaId), eq(liveIdeas.roomId, roomId), eq(liveIdeas.status, "published"))).for("update");
    if (!idea) throw notFound();
    const added = await tx.insert(liveIdeaVotes).values({ ideaId, voterKey }).onConflictDoNothing().returning({ ideaId: liveIdeaVotes.ideaId });
    const voted = added.length > 0;
    if (!voted) await tx.delete(liveIdeaVotes).where(and(eq(liveIdeaVotes.ideaId, ideaId), eq(liveIdeaVotes.voterKey, voterKey)));
    await tx.update(liveIdeas).set({ votes: sql`${liveIdeas.votes} + ${voted ? 1 : -1}` }).where(eq(liveIdeas.id, ideaId));
    return voted;
  }).then((voted) => {
    publishSoon(db, channelOf(roomId), "ideas");
    return voted;
  });
}

export async function commentOnIdea(db: Db, room: LiveRoom, ideaId: string, authorKey: string, input: { text: string; name: string | null }, now: Date): Promise<void> {
  if (!room.ideasOpen) throw conflict("live.error.ideasClosed");
  await db.transaction(async (tx) => {
    const [idea] = await tx.select({ id: liveIdeas.id }).from(liveIdeas).where(and(eq(liveIdeas.id, ideaId), eq(liveIdeas.roomId, room.id), eq(liveIdeas.status, "published")));
    if (!idea) throw notFound();
    await tx.insert(liveIdeaComments).values({ id: randomUUID(), ideaId, authorKey, displayName: input.name, text: input.text, createdAt: now });
    await publishLive(tx, channelOf(room.id), "ideas");
  });
}

export const ideaActions = ["hide", "show", "top", "untop", "group", "ungroup", "hide-comment"] as const;
export type IdeaAction = (typeof ideaActions)[number];

/**
 * The moderator's work on the wall. Grouping puts an idea under another shown idea that is
 * not itself grouped (one level, so a group is one idea and those put under it); ideas
 * under a grouped one move with it. What the ideas said is never changed.
 */
export async function moderateIdea(db: Db, room: LiveRoom, ideaId: string, action: IdeaAction, o: { under?: string; commentId?: string } = {}): Promise<void> {
  await db.transaction(async (tx) => {
    const [idea] = await tx.select().from(liveIdeas).where(and(eq(liveIdeas.id, ideaId), eq(liveIdeas.roomId, room.id))).for("update");
    if (!idea) throw notFound();
    const set = (values: Partial<LiveIdea>) => tx.update(liveIdeas).set(values).where(eq(liveIdeas.id, ideaId));
    if (action === "hide" || action === "show") await set({ status: (action === "hide" ? "hidden" : "published") satisfies IdeaStatus });
    if (action === "top" || action === "untop") await set({ top: action === "top" });
    if (action === "ungroup") await set({ groupedUnder: null });
    if (action === "group") {
      const [head] = o.under ? await tx.select().from(liveIdeas).where(and(eq(liveIdeas.id, o.under), eq(liveIdeas.roomId, room.id))) : [];
      if (!head || head.id === idea.id || head.groupedUnder !== null || head.status !== "published") throw conflict("live.error.groupHead");
      await set({ groupedUnder: head.id });
      await tx.update(liveIdeas).set({ groupedUnder: head.id }).where(and(eq(liveIdeas.roomId, room.id), eq(liveIdeas.groupedUnder, idea.id)));
    }
    if (action === "hide-comment") {
      if (!o.commentId) throw notFound();
      const hidden = await tx.update(liveIdeaComments).set({ status: "hidden" }).where(and(eq(liveIdeaComments.id, o.commentId), eq(liveIdeaComments.ideaId, idea.id))).returning({ id: liveIdeaComments.id });
      if (hidden.length === 0) throw notFound();
    }
    await publishLive(tx, channelOf(room.id), "ideas");
  });
}

export interface IdeaWithComments extends LiveIdea {
  comments: LiveIdeaComment[];
  /** Ideas put under this one. */
  grouped: LiveIdea[];
}

/**
 * The wall as shown: group heads, the top ones first, then by votes (a group counts the
 * votes of all its ideas), then in the order posted; each with its comments and the ideas
 * grouped under it.
 */
export async function listIdeas(db: Db, roomId: string, statuses: IdeaStatus[] = ["published"]): Promise<IdeaWithComments[]> {
  const ideas = await db.select().from(liveIdeas).where(and(eq(liveIdeas.roomId, roomId), inArray(liveIdeas.status, statuses))).orderBy(asc(liveIdeas.seq)).limit(1000);
  if (ideas.length === 0) return [];
  const comments = await db
    .select()
    .from(liveIdeaComments)
    .where(and(inArray(liveIdeaComments.ideaId, ideas.map((i) => i.id)), eq(liveIdeaComments.status, "published")))
    .orderBy(asc(liveIdeaComments.seq));
  const shown = new Set(ideas.map((i) => i.id));
  const heads = ideas.filter((i) => !i.groupedUnder || !shown.has(i.groupedUnder));
  const score = (h: LiveIdea) => h.votes + ideas.filter((i) => i.groupedUnder === h.id).reduce((n, i) => n + i.votes, 0);
  return heads
    .map((h) => ({ ...h, comments: comments.filter((c) => c.ideaId === h.id), grouped: ideas.filter((i) => i.groupedUnder === h.id) }))
    .sort((a, b) => Number(b.top) - Number(a.top) || score(b) - score(a) || a.seq - b.seq);
}

export async function ideaVotesBy(db: Db, roomId: string, voterKey: string): Promise<Set<string>> {
  const rows = await db
    .select({ id: liveIdeaVotes.ideaId })
    .from(liveIdeaVotes)
    .innerJoin(liveIdeas, eq(liveIdeas.id, liveIdeaVotes.ideaId))
    .where(and(eq(liveIdeas.roomId, roomId), eq(liveIdeaVotes.voterKey, voterKey)));
  return new Set(rows.map((r) => r.id));
}

/** Every idea of a room with its votes, group and comments count: for the export and the action plan. */
export async function ideasForExport(db: Db, roomId: string) {
  return db
    .select({ idea: liveIdeas, comments: sql<number>`(select count(*) from live_idea_comments c where c.idea_id = ${liveIdeas.id} and c.status = 'published')`.mapWith(Number) })
    .from(liveIdeas)
    .where(eq(liveIdeas.roomId, roomId))
    .orderBy(desc(liveIdeas.top), desc(liveIdeas.votes), asc(liveIdeas.seq));
}
