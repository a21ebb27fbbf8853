// POST /oauth/introspect (RFC 7662): for an authenticated client; an inactive token gets only
// {"active": false}.
import { verifyAccessToken } from "@/lib/oauth/access-token";
import { authenticateClient } from "@/lib/oauth/client-auth";
import type { OAuthContext } from "@/lib/oauth/context";
import { OAuthError, oauthEndpoint, oauthJson, readForm } from "@/lib/oauth/http";

export function introspectionHandler(context: OAuthContext) {
  return oauthEndpoint(async (request) => {
    const form = await readForm(request);
    const config = await context.config.get();
    authenticateClient(request, form, config);
    const token = form.get("token");
    if (!token) throw new OAuthError("invalid_request", "token is required.");
    const claims = await verifyAccessToken(config.keys, context.issuer, context.now(), token);
    if (!claims?.jti) return oauthJson({ active: false });
    if (config.revokedJtis.has(claims.jti)) return oauthJson({ active: false });
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
