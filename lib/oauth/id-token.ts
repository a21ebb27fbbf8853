// OpenID Connect ID tokens and the user claims that `email` and `profile` allow.
import { compactVerify, SignJWT } from "jose";
import { ID_TOKEN_SIGNING_ALG, type KeyRing, verificationKeyOf } from "@/lib/oauth/signing-keys";

export interface UserProfile {
  id: string;
  email: string;
  name: string;
}

/** The claims a client may read about the user, by the scopes it was granted. */
export function userClaims(user: UserProfile, scopes: string[]): Record<string, string> {
  const claims: Record<string, string> = {};
  if (scopes.includes("email")) claims.email = user.email;
  if (scopes.includes("profile") && user.name) claims.name = user.name;
  return claims;
}

export function signIdToken(
  keys: KeyRing,
  issuer: string,
  now: number,
  token: {
    user: UserProfile;
    clientId: string;
    scopes: string[];
    authTime: number;
    nonce: string | null;
    /** The public id of the session it was issued in, so that logout can name the session. */
    sid?: string | null;
    lifetime: number;
  },
): Promise<string> {
  const signing = keys.active[ID_TOKEN_SIGNING_ALG];
  const claims: Record<string, unknown> = { auth_time: token.authTime, ...userClaims(token.user, token.scopes) };
  if (token.nonce) claims.nonce = token.nonce;
  if (token.sid) claims.sid = token.sid;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ID_TOKEN_SIGNING_ALG, kid: signing.kid, typ: "JWT" })
    .setIssuer(issuer)
    .setSubject(token.user.id)
    .setAudience(token.clientId)
    .setIssuedAt(now)
    .setExpirationTime(now + token.lifetime)
    .sign(signing.key);
}

/** What an `id_token_hint` says: whose it is, for which clients, and of which session. */
export interface IdTokenHint {
  subject: string;
  audiences: string[];
  /** The session it was issued in, when it names one. */
  sid: string | null;
}

/**
 * An `id_token_hint` (OpenID Connect Core 3.1.2.1, RP-Initiated Logout 1.0 2): one of our ID
 * tokens (our signature, our issuer), expired or not, since it only names the user the client saw
 * last; null for anything else.
 */
export async function verifyIdTokenHint(keys: KeyRing, issuer: string, token: string): Promise<IdTokenHint | null> {
  let payload: unknown;
  try {
    const verified = await compactVerify(
      token,
      verificationKeyOf(keys),
      // Only ID tokens are RS256: an access token (ES256) is no hint.
      { algorithms: [ID_TOKEN_SIGNING_ALG] },
    );
    payload = JSON.parse(new TextDecoder().decode(verified.payload));
  } catch {
    return null;
  }
  if (typeof payload !== "object" || payload === null) return null;
  const { iss, aud, sub, sid } = payload as Record<string, unknown>;
  const audiences = (Array.isArray(aud) ? aud : [aud]).filter((value): value is string => typeof value === "string");
  if (iss !== issuer || audiences.length === 0 || typeof sub !== "string") return null;
  return { subject: sub, audiences, sid: typeof sid === "string" ? sid : null };
}

/** The subject of an `id_token_hint` for this client (verifyIdTokenHint, and the client in `aud`), or null. */
export async function idTokenHintSubject(
  keys: KeyRing,
  issuer: string,
  clientId: string,
  token: string,
): Promise<string | null> {
  const hint = await verifyIdTokenHint(keys, issuer, token);
  return hint?.audiences.includes(clientId) ? hint.subject : null;
}
