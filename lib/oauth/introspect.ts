// POST /oauth/introspect (RFC 7662): for an authenticated confidential client; an inactive token
// gets only {"active": false}. Access tokens are checked without the database (signature, expiry,
// cached revocations), and a token verified before is not verified again; a refresh token is
// looked up, only its own client learns about it, and that counts as a use of it.
// Whether a token is active is decided in lib/oauth/token-status.ts.
import { authenticateClient } from "@/lib/oauth/client-auth";
import type { OAuthContext } from "@/lib/oauth/context";
import { OAuthError, oauthJson } from "@/lib/oauth/errors";
import { markRefreshTokenIntrospected } from "@/lib/oauth/grant-store";
import { oauthEndpoint, readForm } from "@/lib/oauth/http";
import { activeAccessToken, activeRefreshToken, looksLikeJwt } from "@/lib/oauth/token-status";
import { secondsOf } from "@/lib/time/epoch";

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
      const refresh = await activeRefreshToken(context.prisma, token, now);
      if (!refresh || refresh.grant.clientId !== client.info.clientId) return oauthJson(INACTIVE);
      // Its client has it: a retry with the token it replaced is no longer a lost response's.
      await markRefreshTokenIntrospected(context.prisma, refresh.id, now);
      // No token_type: RFC 7662 2.2 means the type of an access token (RFC 6749 7.1) there.
      return oauthJson({
        active: true,
        scope: refresh.grant.scopes.join(" "),
        client_id: refresh.grant.clientId,
        sub: refresh.grant.userId,
        iss: context.issuer,
        iat: secondsOf(refresh.createdAt),
        exp: secondsOf(refresh.expiresAt),
      });
    }
    const claims = await activeAccessToken(config, context.issuer, now, token, context.verifiedTokens);
    if (!claims) return oauthJson(INACTIVE);
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
