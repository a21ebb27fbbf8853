// Whether a token is still active: decided here once, and asked by every endpoint that accepts a
// token (introspection, userinfo, revocation, the refresh grant), so that they cannot drift apart
// (node-oidc-provider keeps this on its token model, lib/models/base_token.js).
import type { JWTPayload } from "jose";
import { sqlOf } from "@/lib/db/client";
import type { Grant, PrismaClient, RefreshToken, User } from "@/lib/generated/prisma/client";
import { withinReuseInterval } from "@/lib/issuing";
import { verifyAccessToken } from "@/lib/oauth/access-token";
import type { ConfigSnapshot } from "@/lib/oauth/config-cache";
import type { VerifiedTokenCache } from "@/lib/oauth/verified-tokens";
import { hashOpaqueToken } from "@/lib/secrets/random";
import { secondsOf } from "@/lib/time/epoch";

/** A JWT has three dot-separated parts; our opaque values never contain a dot. */
export const looksLikeJwt = (token: string) => token.split(".").length === 3;

/** The claims of an active access token; what every endpoint that accepts one reads. */
export interface ActiveAccessToken extends JWTPayload {
  jti: string;
  exp: number;
  sub: string;
  client_id: string;
  scope: string;
  /** The grant of a token a user granted; absent on client_credentials tokens. */
  gid?: string;
}

/**
 * The claims of an access token if it is active now: signed by one of our keys, of our issuer,
 * unexpired, not revoked itself, its grant not revoked, its user not disabled, its client not
 * deleted. Reads no database: the revocations and clients come from the cached snapshot, and a
 * token verified before is not verified again (lib/oauth/verified-tokens.ts) but still checked
 * against this snapshot's revocations and clients and against `now`.
 */
export async function activeAccessToken(
  config: ConfigSnapshot,
  issuer: string,
  now: number,
  token: string,
  verified: VerifiedTokenCache<ActiveAccessToken>,
): Promise<ActiveAccessToken | null> {
  const claims = await verified.claims(config.keys, token, now, () => verifiedClaims(config, issuer, now, token));
  if (!claims) return null;
  const { jti, sub, client_id: clientId, gid } = claims;
  const { revocations } = config;
  if (revocations.jtis.has(jti)) return null;
  if (gid !== undefined && revocations.grants.has(gid)) return null;
  // A user's token carries its grant; its subject is the user.
  if (gid !== undefined && revocations.disabledUsers.has(sub)) return null;
  // A deleted client's tokens end with it.
  if (!config.clients.has(clientId)) return null;
  return claims;
}

/** The claims of one of our unexpired access tokens, if they have the shape ours have. */
async function verifiedClaims(
  config: ConfigSnapshot,
  issuer: string,
  now: number,
  token: string,
): Promise<ActiveAccessToken | null> {
  const claims = await verifyAccessToken(config.keys, issuer, now, token);
  if (!claims) return null;
  const { jti, exp, sub, client_id: clientId, scope, gid } = claims;
  if (typeof jti !== "string" || typeof exp !== "number" || typeof sub !== "string") return null;
  if (typeof clientId !== "string" || typeof scope !== "string") return null;
  if (gid !== undefined && typeof gid !== "string") return null;
  return claims as ActiveAccessToken;
}

/** The stored row of a refresh token, with its grant and whether the grant's user is disabled. */
export type RefreshTokenRow = RefreshToken & { grant: Omit<Grant, "sid"> & { user: Pick<User, "disabledAt"> } };

/**
 * One statement on the pool (a refresh's first round trip, lib/db/client.ts sqlOf), prepared once
 * per connection; timestamps read as the UTC that Prisma stores.
 */
const LOOKUP_REFRESH_TOKEN = `
  SELECT r."id", r."grantId", r."expiresAt" AT TIME ZONE 'UTC' AS "expiresAt",
    r."rotatedAt" AT TIME ZONE 'UTC' AS "rotatedAt", r."successorId",
    r."introspectedAt" AT TIME ZONE 'UTC' AS "introspectedAt", r."createdAt" AT TIME ZONE 'UTC' AS "createdAt",
    g."clientId", g."userId", g."scopes", COALESCE(g."resources", '{}') AS "resources", g."issuedAt" AT TIME ZONE 'UTC' AS "issuedAt",
    g."authTime" AT TIME ZONE 'UTC' AS "authTime", g."tokensExpireAt" AT TIME ZONE 'UTC' AS "tokensExpireAt",
    g."revokedAt" AT TIME ZONE 'UTC' AS "revokedAt", u."disabledAt" AT TIME ZONE 'UTC' AS "disabledAt"
  FROM "RefreshToken" r JOIN "Grant" g ON g."id" = r."grantId" JOIN "User" u ON u."id" = g."userId"
  WHERE r."id" = $1`;

export async function lookupRefreshToken(prisma: PrismaClient, value: string): Promise<RefreshTokenRow | null> {
  const { rows } = await sqlOf(prisma).query({
    name: "lookup-refresh-token",
    text: LOOKUP_REFRESH_TOKEN,
    values: [hashOpaqueToken(value)],
  });
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    grantId: row.grantId,
    expiresAt: row.expiresAt,
    rotatedAt: row.rotatedAt,
    successorId: row.successorId,
    introspectedAt: row.introspectedAt,
    createdAt: row.createdAt,
    grant: {
      id: row.grantId,
      clientId: row.clientId,
      userId: row.userId,
      scopes: row.scopes,
      resources: row.resources,
      issuedAt: row.issuedAt,
      authTime: row.authTime,
      tokensExpireAt: row.tokensExpireAt,
      revokedAt: row.revokedAt,
      user: { disabledAt: row.disabledAt },
    },
  };
}

export type RefreshTokenStatus = "active" | "rotated" | "expired" | "revoked" | "user_disabled";

/**
 * What a refresh token is now. "rotated" matters apart from the others: presenting a rotated
 * token is a replay, and its grant is revoked (RFC 9700 4.14.2), unless it is a retry within the
 * reuse interval (mayRetryRotation).
 */
export function refreshTokenStatus(row: RefreshTokenRow, now: number): RefreshTokenStatus {
  if (row.grant.revokedAt) return "revoked";
  if (row.grant.user.disabledAt) return "user_disabled";
  if (row.rotatedAt) return "rotated";
  if (secondsOf(row.expiresAt) <= now) return "expired";
  return "active";
}

/**
 * Whether presenting this rotated refresh token again is a retry that may be answered: it was
 * rotated (not replaced by a retry) within the reuse interval (lib/issuing/refresh-reuse.ts).
 * Whether its successor is still unused is decided by the replacing statement itself
 * (replaceSuccessor in lib/oauth/grant-store.ts), where parallel requests cannot both pass.
 */
export const mayRetryRotation = (row: RefreshTokenRow, now: number, reuseInterval: number) =>
  row.rotatedAt !== null &&
  row.successorId !== null &&
  withinReuseInterval(secondsOf(row.rotatedAt), now, reuseInterval);

/** A refresh token that can still be used, or null. */
export async function activeRefreshToken(prisma: PrismaClient, value: string, now: number) {
  const row = await lookupRefreshToken(prisma, value);
  return row && refreshTokenStatus(row, now) === "active" ? row : null;
}
