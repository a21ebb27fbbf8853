// Access tokens are JWTs in the RFC 9068 profile, signed with the active key.
import { sign } from "node:crypto";
import { type JWTPayload, jwtVerify } from "jose";
import { type KeyRing, SIGNING_ALG, verificationKeyOf } from "@/lib/oauth/signing-keys";
import { newRandomId } from "@/lib/secrets/random";
import { dateOf } from "@/lib/time/epoch";

export const ACCESS_TOKEN_TYPE = "at+jwt";

export interface AccessTokenClaims {
  sub: string;
  clientId: string;
  scopes: string[];
  /** `aud`, as the issuing module decided it; the issuer when it is empty (a token without scopes). */
  audiences: string[];
  lifetime: number;
  /** Tokens a user granted carry their grant (`gid`), so that revoking the grant revokes them. */
  grantId?: string;
  authTime?: number;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/**
 * The one JWS not made by jose: the token endpoint's hot path. jose 6 signs through WebCrypto,
 * whose per-call overhead cost about 30% of client_credentials throughput here (README,
 * Benchmarks). The header and claims are ours, the signature is
 * node:crypto's ES256 (IEEE P1363 form, RFC 7518 3.4) on the threadpool, and jose verifies these
 * tokens everywhere: introspection, userinfo, the tests, and openid-client in the e2e suite.
 */
export function signAccessToken(
  keys: KeyRing,
  issuer: string,
  now: number,
  claims: AccessTokenClaims,
): Promise<string> {
  const payload: JWTPayload & Record<string, unknown> = {
    iss: issuer,
    sub: claims.sub,
    aud: claims.audiences.length > 0 ? claims.audiences : [issuer],
    iat: now,
    exp: now + claims.lifetime,
    jti: newRandomId(),
    client_id: claims.clientId,
    scope: claims.scopes.join(" "),
  };
  if (claims.grantId) payload.gid = claims.grantId;
  if (claims.authTime) payload.auth_time = claims.authTime;
  const { kid, keyObject } = keys.active[SIGNING_ALG];
  const input = `${base64url({ alg: SIGNING_ALG, kid, typ: ACCESS_TOKEN_TYPE })}.${base64url(payload)}`;
  return new Promise((resolve, reject) =>
    sign("sha256", Buffer.from(input), { key: keyObject, dsaEncoding: "ieee-p1363" }, (error, signature) =>
      error ? reject(error) : resolve(`${input}.${signature.toString("base64url")}`),
    ),
  );
}

/** The claims of one of our unexpired access tokens, or null. */
export async function verifyAccessToken(
  keys: KeyRing,
  issuer: string,
  now: number,
  token: string,
): Promise<JWTPayload | null> {
  try {
    const { payload } = await jwtVerify(token, verificationKeyOf(keys), {
      issuer,
      typ: ACCESS_TOKEN_TYPE,
      currentDate: dateOf(now),
      algorithms: [SIGNING_ALG],
    });
    return payload;
  } catch {
    return null;
  }
}
