// OpenID Connect ID tokens and the user claims that `email` and `profile` allow.
import { SignJWT } from "jose";
import { ID_TOKEN_SIGNING_ALG, type KeyRing } from "@/lib/oauth/signing-keys";

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
    lifetime: number;
  },
): Promise<string> {
  const signing = keys.active[ID_TOKEN_SIGNING_ALG];
  const claims: Record<string, unknown> = { auth_time: token.authTime, ...userClaims(token.user, token.scopes) };
  if (token.nonce) claims.nonce = token.nonce;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ID_TOKEN_SIGNING_ALG, kid: signing.kid, typ: "JWT" })
    .setIssuer(issuer)
    .setSubject(token.user.id)
    .setAudience(token.clientId)
    .setIssuedAt(now)
    .setExpirationTime(now + token.lifetime)
    .sign(signing.key);
}
