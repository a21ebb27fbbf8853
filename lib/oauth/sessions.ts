// Browser sessions of the sign-in page: an httpOnly, SameSite=Lax cookie holding a random value,
// backed by a Session row (its hash) that can be deleted to sign the browser out.
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

export async function readSession(
  prisma: PrismaClient,
  request: Request,
  now: number,
): Promise<SignedInSession | null> {
  const value = cookieValue(request, SESSION_COOKIE);
  if (!value) return null;
  const session = await prisma.session.findUnique({
    where: { id: hashOpaqueToken(value) },
    select: { id: true, authTime: true, expiresAt: true, user: { select: { id: true, email: true, name: true } } },
  });
  if (!session || session.expiresAt.getTime() <= now * 1000) return null;
  return {
    id: session.id,
    userId: session.user.id,
    email: session.user.email,
    name: session.user.name,
    authTime: Math.floor(session.authTime.getTime() / 1000),
  };
}

/** Starts a session for a user who just entered their password; returns its Set-Cookie header. */
export async function startSession(
  prisma: PrismaClient,
  userId: string,
  now: number,
  secure: boolean,
): Promise<{ session: Omit<SignedInSession, "email" | "name">; setCookie: string }> {
  const { value, hash } = newOpaqueToken();
  await prisma.session.create({
    data: {
      id: hash,
      userId,
      authTime: new Date(now * 1000),
      expiresAt: new Date((now + SESSION_LIFETIME_SECONDS) * 1000),
    },
  });
  const attributes = ["Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${SESSION_LIFETIME_SECONDS}`];
  if (secure) attributes.push("Secure");
  return {
    session: { id: hash, userId, authTime: now },
    setCookie: `${SESSION_COOKIE}=${value}; ${attributes.join("; ")}`,
  };
}
