// Browser sessions, shared by the console and the authorization pages: an httpOnly, SameSite=Lax
// cookie holding a random value, backed by a Session row (its hash) that can be deleted to sign
// the browser out. A disabled account's sessions count as signed out.
import { isRole, type Role } from "@/lib/auth/roles";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashOpaqueToken, newOpaqueToken } from "@/lib/oauth/opaque-tokens";

export const SESSION_COOKIE = "scope_console_session";
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

export function cookieValue(request: Request, name: string): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
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
    WHERE s."id" = ${hashOpaqueToken(value)} AND s."expiresAt" > ${new Date(now * 1000)} AND u."disabledAt" IS NULL`;
  if (!session) return null;
  return {
    id: session.id,
    userId: session.userId,
    email: session.email,
    name: session.name,
    role: isRole(session.role) ? session.role : "user",
    apiIds: session.apiIds,
    authTime: Math.floor(session.authTime.getTime() / 1000),
  };
}

export const readSession = (prisma: PrismaClient, request: Request, now: number) =>
  readSessionValue(prisma, cookieValue(request, SESSION_COOKIE), now);

function sessionCookie(value: string, maxAge: number, secure: boolean): string {
  const attributes = ["Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAge}`];
  if (secure) attributes.push("Secure");
  return `${SESSION_COOKIE}=${value}; ${attributes.join("; ")}`;
}

/** Starts a session for a user who just entered their password; returns its Set-Cookie header. */
export async function startSession(
  prisma: PrismaClient,
  userId: string,
  now: number,
  secure: boolean,
): Promise<{ session: Pick<SignedInSession, "id" | "userId" | "authTime">; setCookie: string }> {
  const { value, hash } = newOpaqueToken();
  await prisma.session.create({
    data: {
      id: hash,
      userId,
      authTime: new Date(now * 1000),
      expiresAt: new Date((now + SESSION_LIFETIME_SECONDS) * 1000),
    },
  });
  return {
    session: { id: hash, userId, authTime: now },
    setCookie: sessionCookie(value, SESSION_LIFETIME_SECONDS, secure),
  };
}

/** Signs the browser out: its session row is deleted, so the cookie is worthless even if kept. */
export async function endSession(prisma: PrismaClient, request: Request, secure: boolean): Promise<string> {
  const value = cookieValue(request, SESSION_COOKIE);
  if (value) await prisma.session.deleteMany({ where: { id: hashOpaqueToken(value) } });
  return sessionCookie("", 0, secure);
}
