// The console's gate: who sent this request, and may they use the console at all. Every route
// handler calls it (lib/api/route.ts); what each role may do is decided in lib/auth/permissions.ts.
// Two kinds of callers: a person with a session cookie, and a machine with a bearer token of the
// console's own API (RFC 6750; decision 012), which acts as an admin within its token's scopes.
import {
  CONSOLE_API_AUDIENCES,
  CONSOLE_SCOPES_FOR,
  type ConsoleAccess,
  verifyBearerToken,
} from "@/lib/accounts/console-api";
import { type Actor, CONSOLE_ROLES } from "@/lib/accounts/roles";
import { readSession, readSessionValue, type SignedInSession } from "@/lib/accounts/sessions";
import { db } from "@/lib/db/client";
import { AppError, BearerError } from "@/lib/errors";
import { systemClock } from "@/lib/time/epoch";

export const NO_CONSOLE_ACCESS = "This account can only sign in to applications; it has no access to the console.";

function toActor(session: SignedInSession | null): Actor {
  if (!session) throw new BearerError("UNAUTHORIZED", "Sign in to use the console, or send a bearer token.");
  if (!CONSOLE_ROLES.has(session.role)) throw new AppError("FORBIDDEN", NO_CONSOLE_ACCESS);
  return {
    kind: "user",
    id: session.userId,
    email: session.email,
    role: session.role,
    apiIds: session.apiIds,
    sessionId: session.id,
  };
}

/** The signed-in console user of an API request: 401 without a session, 403 for a `user`. */
export async function requireActor(request: Request): Promise<Actor> {
  return toActor(await readSession(db(), request, systemClock()));
}

/** The same for a page, from its cookie value; null when nobody is signed in. */
export async function pageSession(cookie: string | undefined): Promise<SignedInSession | null> {
  return readSessionValue(db(), cookie, systemClock());
}

/**
 * The token of an `Authorization: Bearer` header (RFC 6750 2.1; the scheme is case-insensitive),
 * "" for a Bearer header without one, null when the request has no bearer credentials.
 */
export function bearerTokenOf(request: Request): string | null {
  const match = /^Bearer(?:\s+(\S*))?\s*$/i.exec(request.headers.get("authorization") ?? "");
  return match ? (match[1] ?? "") : null;
}

/**
 * The machine behind a bearer token, if the token may do `access`: active (ours, unexpired, not
 * revoked, its client not deleted), for the console's API (its audience), issued to a client for
 * itself (client_credentials: a token a user granted never acts on the console), and holding a
 * scope that allows `access`. 401 invalid_token or 403 insufficient_scope otherwise (RFC 6750 3.1).
 */
export async function requireBearerActor(token: string, access: ConsoleAccess): Promise<Actor> {
  const claims = token ? await verifyBearerToken(token) : null;
  if (!claims)
    throw new BearerError(
      "UNAUTHORIZED",
      "The access token is not active (expired, revoked or not ours).",
      "invalid_token",
    );
  if (!claims.audiences.some((audience) => CONSOLE_API_AUDIENCES.includes(audience))) {
    throw new BearerError(
      "UNAUTHORIZED",
      `The access token is not for this API: its audience must be ${CONSOLE_API_AUDIENCES.join(" or ")}.`,
      "invalid_token",
    );
  }
  if (claims.delegated || claims.subject !== claims.clientId) {
    throw new BearerError(
      "UNAUTHORIZED",
      "The admin API accepts only tokens a client got for itself (client_credentials), not tokens a user granted.",
      "invalid_token",
    );
  }
  const allowed: readonly string[] = CONSOLE_SCOPES_FOR[access];
  if (!claims.scopes.some((scope) => allowed.includes(scope))) {
    throw new BearerError(
      "FORBIDDEN",
      `This request needs the scope ${allowed[0]}${allowed.length > 1 ? ` (or ${allowed.slice(1).join(", ")})` : ""}.`,
      "insufficient_scope",
      allowed[0],
    );
  }
  const client = await db().oAuthClient.findUnique({ where: { clientId: claims.clientId }, select: { id: true } });
  if (!client) throw new BearerError("UNAUTHORIZED", "The access token's client no longer exists.", "invalid_token");
  return { kind: "client", id: client.id, email: claims.clientId, role: "admin", apiIds: [], sessionId: null };
}
