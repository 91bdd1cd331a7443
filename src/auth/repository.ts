/** Login links, sessions and API tokens: all stored hashed, all expiring or revocable. */
import { randomUUID } from "node:crypto";
import { and, desc, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { apiTokens, authSessions, loginTokens, people, spaceMembers } from "../db/schema.js";
import type { Actor } from "../http/env.js";
import { hashToken, newToken } from "./tokens.js";

export async function createLoginToken(db: Db, personId: string, now: Date, minutes: number): Promise<string> {
  const token = newToken();
  await db.insert(loginTokens).values({
    id: randomUUID(),
    personId,
    tokenHash: hashToken(token),
    expiresAt: new Date(now.getTime() + minutes * 60_000),
  });
  // Housekeeping: spent and expired links are of no further use.
  await db.delete(loginTokens).where(or(lt(loginTokens.expiresAt, now), lt(loginTokens.usedAt, now)));
  return token;
}

/** True when the link exists, is unused and unexpired. Reads only: safe for GET. */
export async function isLoginTokenUsable(db: Db, token: string, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: loginTokens.id })
    .from(loginTokens)
    .where(and(eq(loginTokens.tokenHash, hashToken(token)), isNull(loginTokens.usedAt), gt(loginTokens.expiresAt, now)));
  return row !== undefined;
}

/**
 * Spends a login link: one conditional UPDATE, so two simultaneous POSTs cannot both
 * succeed. Returns the person's id, or null when the link is unknown, used or expired.
 */
export async function consumeLoginToken(db: Db, token: string, now: Date): Promise<string | null> {
  const [row] = await db
    .update(loginTokens)
    .set({ usedAt: now })
    .where(and(eq(loginTokens.tokenHash, hashToken(token)), isNull(loginTokens.usedAt), gt(loginTokens.expiresAt, now)))
    .returning({ personId: loginTokens.personId });
  return row?.personId ?? null;
}

export async function createSession(db: Db, personId: string, now: Date, days: number): Promise<string> {
  const token = newToken();
  await db.insert(authSessions).values({
    id: randomUUID(),
    personId,
    tokenHash: hashToken(token),
    expiresAt: new Date(now.getTime() + days * 86400_000),
  });
  await db.delete(authSessions).where(lt(authSessions.expiresAt, now));
  return token;
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.delete(authSessions).where(eq(authSessions.tokenHash, hashToken(token)));
}

const actorColumns = {
  personId: people.id,
  name: people.name,
  email: people.email,
  isPlatformAdmin: people.isPlatformAdmin,
  // Read with the session (one indexed lookup), so that pages offer organisers' links only to organisers.
  organises: sql<boolean>`exists (select 1 from ${spaceMembers} m where m.person_id = ${people.id})`.mapWith(Boolean),
};

export async function actorFromSession(db: Db, token: string, now: Date): Promise<Actor | null> {
  const [row] = await db
    .select(actorColumns)
    .from(authSessions)
    .innerJoin(people, eq(people.id, authSessions.personId))
    .where(and(eq(authSessions.tokenHash, hashToken(token)), gt(authSessions.expiresAt, now)));
  return row ? { ...row, via: "session" } : null;
}

export async function actorFromApiToken(db: Db, token: string, now: Date): Promise<Actor | null> {
  const [row] = await db
    .select({ ...actorColumns, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(people, eq(people.id, apiTokens.personId))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  // Record use at most once a minute, so reads do not each cost a write.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId));
  }
  const { tokenId: _t, lastUsedAt: _l, ...actor } = row;
  return { ...actor, via: "token" };
}

export const API_TOKEN_PREFIX = "svk_";

export async function createApiToken(db: Db, personId: string, name: string): Promise<{ id: string; token: string }> {
  const token = newToken(API_TOKEN_PREFIX);
  const id = randomUUID();
  await db.insert(apiTokens).values({ id, personId, name, tokenHash: hashToken(token) });
  return { id, token };
}

export async function listApiTokens(db: Db, personId: string) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.personId, personId))
    .orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiToken(db: Db, personId: string, tokenId: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.personId, personId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}
