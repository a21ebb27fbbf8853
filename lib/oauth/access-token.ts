// Access tokens are JWTs in the RFC 9068 profile, signed with the active key.
import { randomBytes } from "node:crypto";
import { type JWTPayload, jwtVerify, SignJWT } from "jose";
import type { ScopeCatalogue } from "@/lib/issuing";
import { type KeyRing, SIGNING_ALG } from "@/lib/oauth/signing-keys";

export const ACCESS_TOKEN_TYPE = "at+jwt";

export interface AccessTokenClaims {
  sub: string;
  clientId: string;
  scopes: string[];
  lifetime: number;
  /** Tokens a user granted carry their grant (`gid`), so that revoking the grant revokes them. */
  grantId?: string;
  authTime?: number;
}

/** The audiences of a token: the APIs of its granted scopes (the issuer when it has none). */
export function audiencesOf(scopes: string[], catalogue: ScopeCatalogue, issuer: string): string[] {
  const apis = new Set(scopes.map((name) => catalogue.byName.get(name)?.api.name).filter((api) => api !== undefined));
  return apis.size > 0 ? [...apis].sort() : [issuer];
}

export function signAccessToken(
  keys: KeyRing,
  issuer: string,
  now: number,
  claims: AccessTokenClaims,
  catalogue: ScopeCatalogue,
): Promise<string> {
  const payload: Record<string, unknown> = { client_id: claims.clientId, scope: claims.scopes.join(" ") };
  if (claims.grantId) payload.gid = claims.grantId;
  if (claims.authTime) payload.auth_time = claims.authTime;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: SIGNING_ALG, kid: keys.active[SIGNING_ALG].kid, typ: ACCESS_TOKEN_TYPE })
    .setIssuer(issuer)
    .setSubject(claims.sub)
    .setAudience(audiencesOf(claims.scopes, catalogue, issuer))
    .setIssuedAt(now)
    .setExpirationTime(now + claims.lifetime)
    .setJti(randomBytes(16).toString("base64url"))
    .sign(keys.active[SIGNING_ALG].key);
}

/** The claims of one of our unexpired access tokens, or null. */
export async function verifyAccessToken(
  keys: KeyRing,
  issuer: string,
  now: number,
  token: string,
): Promise<JWTPayload | null> {
  try {
    const { payload } = await jwtVerify(
      token,
      (header) => {
        const key = header.kid ? keys.verificationKeys.get(header.kid) : undefined;
        if (!key) throw new Error("unknown key");
        return key;
      },
      { issuer, typ: ACCESS_TOKEN_TYPE, currentDate: new Date(now * 1000), algorithms: [SIGNING_ALG] },
    );
    return payload;
  } catch {
    return null;
  }
}
