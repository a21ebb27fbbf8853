// The protocol's answer to "is this bearer token active, and what does it say", for the console's
// admin API (lib/accounts/console-api.ts, decision 012). The composition root hands it to the
// console (acceptBearerTokens), which may not import this stack. Whether a token is active is
// decided where every endpoint asks it (lib/oauth/token-status.ts).
import type { BearerVerifier } from "@/lib/accounts/console-api";
import type { OAuthContext } from "@/lib/oauth/context";
import { activeAccessToken, looksLikeJwt } from "@/lib/oauth/token-status";

export function bearerVerifier(context: OAuthContext): BearerVerifier {
  return async (token) => {
    if (!looksLikeJwt(token)) return null;
    const config = await context.config.get();
    const claims = await activeAccessToken(config, context.issuer, context.now(), token, context.verifiedTokens);
    if (!claims) return null;
    return {
      clientId: claims.client_id,
      subject: claims.sub,
      // A user's token carries its grant (authorization_code, refresh_token).
      delegated: claims.gid !== undefined,
      audiences: claims.aud === undefined ? [] : [claims.aud].flat(),
      scopes: claims.scope.split(" ").filter(Boolean),
    };
  };
}
