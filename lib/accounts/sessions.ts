// Browser sessions, shared by the console and the authorization pages: an httpOnly, SameSite=Lax
// cookie holding a random value, backed by a Session row (its hash) that can be deleted to sign
// the browser out. A disabled account's sessions count as signed out.
import { cookieValue, SESSION_COOKIE, sessionCookie } from "@/lib/accounts/cookies";
import { isRole, type Role } from "@/lib/accounts/roles";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashOpaqueToken, newOpaqueToken } from "@/lib/secrets/random";
import { dateOf, secondsOf } from "@/lib/time/epoch";

/** How long a sign-in lasts before the password is asked again. */
export const SESSION_LIFETIME_SECONDS = 8 * 3_600;

export interface SignedInSession {
  id: string;
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
  const [session] = await prisma.$queryRaw<SessionRow[]>`
    SELECT s."id", s."authTime", u."id" AS "userId", u."email", u."name", u."role",
      ARRAY(SELECT o."apiId" FROM "ApiOwner" o WHERE o."userId" = u."id" ORDER BY o."apiId") AS "apiIds"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId"
    WHERE s."id" = ${hashOpaqueToken(value)} AND s."expiresAt" > ${dateOf(now)} AND u."disabledAt" IS NULL`;
  if (!session) return null;
  return {
    id: session.id,
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

/** Starts a session for a user who just entered their password; returns its Set-Cookie header. */
export async function startSession(
  prisma: PrismaClient,
  userId: string,
  now: number,
  issuer: string,
): Promise<{ session: Pick<SignedInSession, "id" | "userId" | "authTime">; setCookie: string }> {
  const { value, hash } = newOpaqueToken();
  await prisma.session.create({
    data: {
      id: hash,
      userId,
      authTime: dateOf(now),
      expiresAt: dateOf(now + SESSION_LIFETIME_SECONDS),
    },
  });
  return {
    session: { id: hash, userId, authTime: now },
    setCookie: sessionCookie(value, SESSION_LIFETIME_SECONDS, issuer),
  };
}

/** Signs the browser out: its session row is deleted, so the cookie is worthless even if kept. */
export async function endSession(prisma: PrismaClient, request: Request, issuer: string): Promise<string> {
  const value = cookieValue(request, SESSION_COOKIE);
  if (value) await prisma.session.deleteMany({ where: { id: hashOpaqueToken(value) } });
  return sessionCookie("", 0, issuer);
}
