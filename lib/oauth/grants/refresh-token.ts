// grant_type=refresh_token (RFC 6749 6): rotation on every use; presenting a rotated token
// revokes the whole grant (RFC 9700 4.14.2), except for a retry within the reuse interval whose
// successor is still unused, which gets a fresh rotation in the successor's place (its response
// was presumably lost). Whether the token may be used is decided in lib/oauth/token-status.ts, as
// for introspection and revocation.
import { decideToken } from "@/lib/issuing";
import type { OAuthContext } from "@/lib/oauth/context";
import { OAuthError } from "@/lib/oauth/errors";
import {
  extendGrantTokens,
  isUnusedRefreshToken,
  replaceSuccessor,
  revokeGrant,
  rotateRefreshToken,
} from "@/lib/oauth/grant-store";
import {
  decided,
  type GrantHandler,
  type GrantRequest,
  rememberRefreshToken,
  required,
  tokenResponse,
} from "@/lib/oauth/grants/grant";
import { parseScopeParameter } from "@/lib/oauth/scope-parameter";
import { lookupRefreshToken, mayRetryRotation, refreshTokenStatus } from "@/lib/oauth/token-status";
import { hashOpaqueToken } from "@/lib/secrets/random";
import { secondsOf } from "@/lib/time/epoch";

const grantRevoked = () => new OAuthError("invalid_grant", "The grant of this refresh token was revoked.");

/** What the issuing module decides for a refresh of a grant made at `issuedAt` with `scopes` for `authorized` resources. */
const decideRefresh = (
  { config, client, form, resources }: GrantRequest,
  now: number,
  { issuedAt, scopes, authorized }: { issuedAt: number; scopes: string[]; authorized: string[] },
) =>
  decideToken({
    settings: config.settings,
    scopes: config.catalogue,
    client: client.info,
    grantType: "refresh_token",
    requestedScopes: parseScopeParameter(form.get("scope")),
    now,
    grant: { issuedAt, scopes },
    resources,
    authorizedResources: authorized,
  });

/** Rotates the token `hash`: in a batch when it gets a successor, on its own when not. */
async function rotate(context: OAuthContext, hash: string, now: number, next: { expiresAt: number } | null) {
  if (!next) return rotateRefreshToken(context.prisma, hash, now, null);
  const successor = await context.rotations.rotate(hash, now, next);
  return successor === null ? null : { refreshToken: successor };
}

/**
 * A refresh token this process issued (lib/oauth/refresh-chains.ts): decided from its remembered
 * grant and rotated in one statement, which checks all that the lookup would. Null sends the
 * request down the full path, which looks the token up and answers as if this never ran: an
 * unknown token, another client's, one whose decision fails or needs the grant extended, or one
 * the statement did not rotate (used, expired, revoked, its user disabled).
 */
async function refreshKnown(request: GrantRequest, value: string, now: number) {
  const { context, config, client } = request;
  const known = context.refreshChains.take(config.catalogue, hashOpaqueToken(value));
  if (!known || known.grant.clientId !== client.info.clientId || now >= known.expiresAt) return null;
  const { grant } = known;
  const decision = decideRefresh(request, now, {
    issuedAt: grant.issuedAt,
    scopes: grant.scopes,
    authorized: grant.resources ?? [],
  });
  if (!decision.ok || decision.accessToken.expiresAt > grant.tokensExpireAt) return null;
  const rotated = await rotate(context, hashOpaqueToken(value), now, decision.refreshToken);
  if (!rotated) return null;
  rememberRefreshToken(request, decision, rotated.refreshToken, grant);
  return tokenResponse(request, decision, now, {
    id: grant.id,
    userId: grant.userId,
    authTime: grant.authTime,
    refreshToken: rotated.refreshToken,
  });
}

export const refreshToken: GrantHandler = async (request) => {
  const { context, client, form } = request;
  const { prisma, refreshReuseInterval } = context;
  const value = required(form, "refresh_token");
  const now = context.now();
  const known = await refreshKnown(request, value, now);
  if (known) return known;
  const row = await lookupRefreshToken(prisma, value);
  if (!row || row.grant.clientId !== client.info.clientId) {
    throw new OAuthError("invalid_grant", "The refresh token is invalid.");
  }
  const { grant } = row;
  const reused = async () => {
    await revokeGrant(prisma, grant.id, now);
    return new OAuthError("invalid_grant", "The refresh token was already used; the whole grant is revoked.");
  };
  const status = refreshTokenStatus(row, now);
  switch (status) {
    case "revoked":
      throw grantRevoked();
    case "user_disabled":
      throw new OAuthError("invalid_grant", "The user of this refresh token can no longer sign in.");
    case "rotated":
      if (!mayRetryRotation(row, now, refreshReuseInterval)) throw await reused();
      break;
    case "expired":
      throw new OAuthError("invalid_grant", "The refresh token has expired.");
    case "active":
      break;
  }
  const decision = decided(
    decideRefresh(request, now, {
      issuedAt: secondsOf(grant.issuedAt),
      scopes: grant.scopes,
      authorized: grant.resources,
    }),
  );
  // Only when an admin lengthened the access token lifetime since the grant began; extending
  // first is harmless should the rotation then fail.
  if (decision.accessToken.expiresAt > secondsOf(grant.tokensExpireAt)) {
    await extendGrantTokens(prisma, grant.id, decision.accessToken.expiresAt);
  }
  const next = decision.refreshToken;

  /** A retry within the interval: the unused successor gives way to a fresh token of the same expiry. */
  const retry = async () => {
    if (!next) return null;
    const replaced = await replaceSuccessor(prisma, row.id, now, next);
    if (!replaced) return null;
    const { expiresAt } = replaced;
    return {
      refreshToken: replaced.refreshToken,
      decision: { ...decision, refreshToken: { ...next, expiresAt, lifetime: expiresAt - now } },
    };
  };

  /**
   * Nothing was rotated or replaced: the grant was revoked or its user disabled meanwhile, or a
   * parallel request with the same token won the race. Within the reuse interval, a winner whose
   * token is still unused keeps the grant (this request is refused, not taken for a theft);
   * otherwise the token was reused, and the grant is revoked.
   */
  const lost = async () => {
    const after = await lookupRefreshToken(prisma, value);
    if (!after || refreshTokenStatus(after, now) !== "rotated") return grantRevoked();
    const winner = after.successorId;
    if (
      winner !== null &&
      winner !== row.successorId &&
      mayRetryRotation(after, now, refreshReuseInterval) &&
      (await isUnusedRefreshToken(prisma, winner))
    ) {
      return new OAuthError("invalid_grant", "A parallel request with this refresh token was answered instead.");
    }
    return reused();
  };

  const issued =
    status === "active"
      ? await rotate(context, row.id, now, next).then((rotated) => rotated && { ...rotated, decision })
      : await retry();
  if (!issued) throw await lost();
  rememberRefreshToken(request, issued.decision, issued.refreshToken, {
    id: grant.id,
    clientId: grant.clientId,
    userId: grant.userId,
    scopes: grant.scopes,
    resources: grant.resources,
    issuedAt: secondsOf(grant.issuedAt),
    authTime: secondsOf(grant.authTime),
    tokensExpireAt: Math.max(secondsOf(grant.tokensExpireAt), issued.decision.accessToken.expiresAt),
  });
  return tokenResponse(request, issued.decision, now, {
    id: grant.id,
    userId: grant.userId,
    authTime: secondsOf(grant.authTime),
    refreshToken: issued.refreshToken,
  });
};
