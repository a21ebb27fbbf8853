// grant_type=refresh_token (RFC 6749 6): rotation on every use; presenting a rotated token
// revokes the whole grant (RFC 9700 4.14.2). Whether the token may be used is decided in
// lib/oauth/token-status.ts, as for introspection and revocation.
import { decideToken } from "@/lib/issuing";
import { OAuthError } from "@/lib/oauth/errors";
import { extendGrantTokens, revokeGrant, rotateRefreshToken } from "@/lib/oauth/grant-store";
import { decided, type GrantHandler, required, tokenResponse } from "@/lib/oauth/grants/grant";
import { parseScopeParameter } from "@/lib/oauth/scope-parameter";
import { lookupRefreshToken, refreshTokenStatus } from "@/lib/oauth/token-status";
import { secondsOf } from "@/lib/time/epoch";

export const refreshToken: GrantHandler = async (request) => {
  const { context, config, client, form } = request;
  const { prisma } = context;
  const value = required(form, "refresh_token");
  const now = context.now();
  const row = await lookupRefreshToken(prisma, value);
  if (!row || row.grant.clientId !== client.info.clientId) {
    throw new OAuthError("invalid_grant", "The refresh token is invalid.");
  }
  const { grant } = row;
  const reused = async () => {
    await revokeGrant(prisma, grant.id, now);
    return new OAuthError("invalid_grant", "The refresh token was already used; the whole grant is revoked.");
  };
  switch (refreshTokenStatus(row, now)) {
    case "revoked":
      throw new OAuthError("invalid_grant", "The grant of this refresh token was revoked.");
    case "user_disabled":
      throw new OAuthError("invalid_grant", "The user of this refresh token can no longer sign in.");
    case "rotated":
      throw await reused();
    case "expired":
      throw new OAuthError("invalid_grant", "The refresh token has expired.");
    case "active":
      break;
  }
  const decision = decided(
    decideToken({
      settings: config.settings,
      scopes: config.catalogue,
      client: client.info,
      grantType: "refresh_token",
      requestedScopes: parseScopeParameter(form.get("scope")),
      now,
      grant: { issuedAt: secondsOf(grant.issuedAt), scopes: grant.scopes },
    }),
  );
  // Only when an admin lengthened the access token lifetime since the grant began; extending
  // first is harmless should the rotation then fail.
  if (decision.accessToken.expiresAt > secondsOf(grant.tokensExpireAt)) {
    await extendGrantTokens(prisma, grant.id, decision.accessToken.expiresAt);
  }
  const rotated = await rotateRefreshToken(prisma, row.id, now, decision.refreshToken);
  if (!rotated) {
    // Rotated by a parallel request (a replay), or the grant was revoked or its user disabled meanwhile.
    const after = await lookupRefreshToken(prisma, value);
    if (after && refreshTokenStatus(after, now) !== "rotated") {
      throw new OAuthError("invalid_grant", "The grant of this refresh token was revoked.");
    }
    throw await reused();
  }
  return tokenResponse(request, decision, now, {
    id: grant.id,
    userId: grant.userId,
    authTime: secondsOf(grant.authTime),
    refreshToken: rotated.refreshToken,
  });
};
