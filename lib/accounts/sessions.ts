// Browser sessions, shared by the console and the authorization pages: an httpOnly, SameSite=Lax
// cookie holding a random value, backed by a Session row (its hash) that can be deleted to sign
// the browser out. A disabled account's sessions count as signed out. Each session also has a
// random public id (the ID token's `sid`), never the cookie's hash, which would name the cookie.
import { cookieValue, SESSION_COOKIE, sessionCookie } from "@/lib/accounts/cookies";
import { isRole, type Role } from "@/lib/accounts/roles";
import { changeRevocations } from "@/lib/config/change";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { OFFLINE_ACCESS } from "@/lib/issuing";
import { hashOpaqueToken, newOpaqueToken, newRandomId } from "@/lib/secrets/random";
import { dateOf, secondsOf } from "@/lib/time/epoch";

/** How long a sign-in lasts before the password is asked again. */
export const SESSION_LIFETIME_SECONDS = 8 * 3_600;
/** A session's last use is written at most this often, so that most requests write nothing. */
export const SESSION_TOUCH_SECONDS = 60;

export interface SignedInSession {
  /** The SHA-256 of the cookie value: never shown, never put in a token. */
  id: string;
  /** The public identifier: the ID token's `sid`. */
  publicId: string;
  userId: string;
  email: string;
  name: string;
  role: Role;
  apiIds: string[];
  /** Epoch seconds of the password entry. */
  authTime: number;
}

interface SessionRow {
  id: string;
  publicId: string;
  authTime: Date;
  userId: string;
  email: string;
  name: string;
  role: string;
  apiIds: string[];
}

/**
 * The session a cookie value names, if it is current and its user is enabled. One statement: every
 * console request runs it, and on the embedded database's single connection each round trip counts.
 */
export async function readSessionValue(
  prisma: PrismaClient,
  value: string | null | undefined,
  now: number,
): Promise<SignedInSession | null> {
  if (!value) return null;
  const id = hashOpaqueToken(value);
  // The last use is written by the same statement (a data-modifying WITH runs whatever the SELECT
  // reads), and only when it is older than SESSION_TOUCH_SECONDS.
  const [session] = await prisma.$queryRaw<SessionRow[]>`
    WITH touched AS (
      UPDATE "Session" SET "lastUsedAt" = ${dateOf(now)}
      WHERE "id" = ${id} AND "lastUsedAt" < ${dateOf(now - SESSION_TOUCH_SECONDS)} AND "expiresAt" > ${dateOf(now)}
    )
    SELECT s."id", s."publicId", s."authTime", u."id" AS "userId", u."email", u."name", u."role",
      ARRAY(SELECT o."apiId" FROM "ApiOwner" o WHERE o."userId" = u."id" ORDER BY o."apiId") AS "apiIds"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId"
    WHERE s."id" = ${id} AND s."expiresAt" > ${dateOf(now)} AND u."disabledAt" IS NULL`;
  if (!session) return null;
  return {
    id: session.id,
    publicId: session.publicId,
    userId: session.userId,
    email: session.email,
    name: session.name,
    role: isRole(session.role) ? session.role : "user",
    apiIds: session.apiIds,
    authTime: secondsOf(session.authTime),
  };
}

export const readSession = (prisma: PrismaClient, request: Request, now: number) =>
  readSessionValue(prisma, cookieValue(request, SESSION_COOKIE), now);

/** A session as the sign-in starts it. */
export type StartedSession = Pick<SignedInSession, "id" | "publicId" | "userId" | "authTime">;

/**
 * Starts a session for a user who just entered their password, in place of the browser's previous
 * one (`previous`, its cookie value: no session fixation, the cookie value is always new); returns
 * its Set-Cookie header. The same user signing in again keeps the session's public id, and so the
 * applications it authorized (their tokens name it as `sid`); another user's session ends as by
 * signing out. `device` is the summary of the browser's User-Agent (lib/accounts/device.ts).
 */
export async function startSession(
  prisma: PrismaClient,
  userId: string,
  now: number,
  issuer: string,
  options: { device?: string; previous?: string | null } = {},
): Promise<{ session: StartedSession; setCookie: string }> {
  const previousId = options.previous ? hashOpaqueToken(options.previous) : null;
  const previous = previousId
    ? await prisma.session.findUnique({ where: { id: previousId }, select: { userId: true, publicId: true } })
    : null;
  if (previousId && previous?.userId !== userId) await endSessions(prisma, { id: previousId }, now);
  const { value, hash } = newOpaqueToken();
  const started = {
    id: hash,
    authTime: dateOf(now),
    expiresAt: dateOf(now + SESSION_LIFETIME_SECONDS),
    device: options.device ?? "",
    lastUsedAt: dateOf(now),
  };
  const answer = (publicId: string) => ({
    session: { id: hash, publicId, userId, authTime: now },
    setCookie: sessionCookie(value, SESSION_LIFETIME_SECONDS, issuer),
  });
  if (previousId && previous?.userId === userId) {
    // The row moves to the new cookie's hash in one statement: of two sign-ins sent together with
    // the same old cookie (a double click), one moves it and the other starts a session of its own.
    const moved = await prisma.session.updateMany({ where: { id: previousId, userId }, data: started });
    if (moved.count === 1) return answer(previous.publicId);
  }
  const publicId = newRandomId();
  await prisma.session.create({ data: { ...started, publicId, userId } });
  return answer(publicId);
}

/**
 * The one way a session ends, whoever ends it (signing out of the console, RP-initiated logout,
 * the sessions page, a new sign-in in the same browser): its row is deleted, so its cookie is
 * worthless even if kept, and the grants it authorized are revoked, refresh and access tokens
 * alike, except those holding offline_access, which were asked for to outlive the sign-in
 * (node-oidc-provider and Keycloak do the same). One transaction of changeRevocations, so every
 * process's token endpoints learn of it at once, with whatever `also` writes (an audit entry).
 * Returns the public ids of the sessions ended.
 */
export async function endSessions(
  prisma: PrismaClient,
  where: Prisma.SessionWhereInput,
  now: number,
  also?: (tx: Prisma.TransactionClient, sids: string[]) => Promise<void>,
): Promise<string[]> {
  return changeRevocations(prisma, async (tx) => {
    const sessions = await tx.session.findMany({ where, select: { id: true, publicId: true } });
    if (sessions.length === 0) return [];
    const sids = sessions.map((session) => session.publicId);
    await tx.session.deleteMany({ where: { id: { in: sessions.map((session) => session.id) } } });
    // Codes not yet redeemed would start a grant of the ended session: they go too.
    await tx.authorizationCode.deleteMany({ where: { sid: { in: sids }, consumedAt: null } });
    await tx.grant.updateMany({
      where: { sid: { in: sids }, revokedAt: null, NOT: { scopes: { has: OFFLINE_ACCESS } } },
      data: { revokedAt: dateOf(now) },
    });
    await also?.(tx, sids);
    return sids;
  });
}

/** Signs the browser out (endSessions); returns the Set-Cookie header that clears its cookie. */
export async function endSession(prisma: PrismaClient, request: Request, issuer: string, now: number): Promise<string> {
  const value = cookieValue(request, SESSION_COOKIE);
  if (value) await endSessions(prisma, { id: hashOpaqueToken(value) }, now);
  return sessionCookie("", 0, issuer);
}
