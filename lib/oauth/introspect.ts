// POST /oauth/introspect (RFC 7662): for an authenticated confidential client; an inactive token
// gets only {"active": false}. Access tokens are checked without the database (signature, expiry,
// cached revocations); a refresh token is looked up, and only its own client learns about it.
import { verifyAccessToken } from "@/lib/oauth/access-token";
import { authenticateClient } from "@/lib/oauth/client-auth";
import type { OAuthContext } from "@/lib/oauth/context";
import { toSeconds } from "@/lib/oauth/grants";
import { OAuthError, oauthEndpoint, oauthJson, readForm } from "@/lib/oauth/http";
import { looksLikeJwt } from "@/lib/oauth/opaque-tokens";
import { findRefreshToken } from "@/lib/oauth/refresh-tokens";

const INACTIVE = { active: false };

export function introspectionHandler(context: OAuthContext) {
  return oauthEndpoint(async (request) => {
    const form = await readForm(request);
    const config = await context.config.get();
    const client = authenticateClient(request, form, config);
    const token = form.get("token");
    if (!token) throw new OAuthError("invalid_request", "token is required.");
    const now = context.now();
    if (!looksLikeJwt(token)) {
      const refresh = await findRefreshToken(context.prisma, token, now);
      if (!refresh || refresh.grant.clientId !== client.info.clientId) return oauthJson(INACTIVE);
      return oauthJson({
        active: true,
        token_type: "refresh_token",
        scope: refresh.grant.scopes.join(" "),
        client_id: refresh.grant.clientId,
        sub: refresh.grant.userId,
        iss: context.issuer,
        iat: toSeconds(refresh.createdAt),
        exp: toSeconds(refresh.expiresAt),
      });
    }
    const claims = await verifyAccessToken(config.keys, context.issuer, now, token);
    if (!claims?.jti || config.revokedJtis.has(claims.jti)) return oauthJson(INACTIVE);
    if (typeof claims.gid === "string" && config.revokedGrants.has(claims.gid)) return oauthJson(INACTIVE);
    // A deleted client's tokens end with it.
    if (typeof claims.client_id !== "string" || !config.clients.has(claims.client_id)) return oauthJson(INACTIVE);
    return oauthJson({
      active: true,
      token_type: "Bearer",
      scope: claims.scope,
      client_id: claims.client_id,
      sub: claims.sub,
      aud: claims.aud,
      iss: claims.iss,
      iat: claims.iat,
      exp: claims.exp,
      jti: claims.jti,
    });
  });
}
