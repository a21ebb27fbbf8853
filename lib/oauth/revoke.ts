// POST /oauth/revoke (RFC 7009): a client revokes its own tokens; the answer is 200 whether or
// not the token was valid, so that it reveals nothing. Revoking a refresh token revokes its whole
// grant (RFC 7009 2.1): every refresh and access token issued from it. It writes to the database,
// so it shares the token endpoint's limit per client (lib/oauth/client-limit.ts). A revocation
// reloads the revocations of every process's cache, not the configuration.
import { authenticateClient } from "@/lib/oauth/client-auth";
import { refuseOverLimit } from "@/lib/oauth/client-limit";
import type { OAuthContext } from "@/lib/oauth/context";
import { OAuthError } from "@/lib/oauth/errors";
import { revokeAccessToken, revokeGrant } from "@/lib/oauth/grant-store";
import { oauthEndpoint, readForm } from "@/lib/oauth/http";
import { activeAccessToken, activeRefreshToken, looksLikeJwt } from "@/lib/oauth/token-status";

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
      const refresh = await activeRefreshToken(context.prisma, token, now);
      if (refresh && refresh.grant.clientId === client.info.clientId)
        await revokeGrant(context.prisma, refresh.grantId, now);
    } else {
      // An inactive token needs no revocation; another client's is not this one's to revoke.
      const claims = await activeAccessToken(config, context.issuer, now, token, context.verifiedTokens);
      if (claims && claims.client_id === client.info.clientId)
        await revokeAccessToken(context.prisma, claims.jti, claims.exp);
    }
    return new Response(null, { status: 200, headers: { "cache-control": "no-store" } });
  });
}
