// POST /oauth/revoke (RFC 7009): a client revokes its own tokens; the answer is 200 whether or
// not the token was valid, so that it reveals nothing. Revoking a refresh token revokes its whole
// grant (RFC 7009 2.1): every refresh and access token issued from it. It writes to the database,
// so it shares the token endpoint's limit per client (lib/oauth/client-limit.ts).
import { changeConfig } from "@/lib/db/config-change";
import { verifyAccessToken } from "@/lib/oauth/access-token";
import { authenticateClient } from "@/lib/oauth/client-auth";
import { refuseOverLimit } from "@/lib/oauth/client-limit";
import type { OAuthContext } from "@/lib/oauth/context";
import { revokeGrant } from "@/lib/oauth/grants";
import { OAuthError, oauthEndpoint, readForm } from "@/lib/oauth/http";
import { looksLikeJwt } from "@/lib/oauth/opaque-tokens";
import { findRefreshToken } from "@/lib/oauth/refresh-tokens";

export function revocationHandler(context: OAuthContext) {
  return oauthEndpoint(async (request) => {
    const form = await readForm(request);
    const config = await context.config.get();
    const overLimit = refuseOverLimit(context, request, form, config);
    if (overLimit) return overLimit;
    const client = authenticateClient(request, form, config, { allowPublic: true });
    const token = form.get("token");
    if (!token) throw new OAuthError("invalid_request", "token is required.");
    const now = context.now();
    if (!looksLikeJwt(token)) {
      const refresh = await findRefreshToken(context.prisma, token, now);
      if (refresh && refresh.grant.clientId === client.info.clientId) await revokeGrant(refresh.grantId, now);
    } else {
      const claims = await verifyAccessToken(config.keys, context.issuer, now, token);
      if (claims?.jti && claims.exp && claims.client_id === client.info.clientId) {
        const { jti, exp } = claims;
        // A change every process's cache picks up, as revocations must reach every introspection.
        await changeConfig((tx) =>
          tx.revokedToken.upsert({ where: { jti }, create: { jti, expiresAt: new Date(exp * 1000) }, update: {} }),
        );
      }
    }
    return new Response(null, { status: 200, headers: { "cache-control": "no-store" } });
  });
}
