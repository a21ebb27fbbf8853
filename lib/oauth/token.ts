// POST /oauth/token. Every decision (scopes, lifetimes, refusals) comes from lib/issuing.
// client_credentials writes nothing to the database.
import { decideToken, type GrantType } from "@/lib/issuing";
import { signAccessToken } from "@/lib/oauth/access-token";
import { authenticateClient } from "@/lib/oauth/client-auth";
import type { OAuthContext } from "@/lib/oauth/context";
import { OAuthError, oauthEndpoint, oauthJson, readForm } from "@/lib/oauth/http";
import { SCOPE_TOKEN } from "@/lib/validation";

/** The grants this token endpoint serves so far; the others answer unsupported_grant_type. */
export const SUPPORTED_GRANT_TYPES: GrantType[] = ["client_credentials"];

/** The scope parameter: scope tokens separated by single spaces (RFC 6749 section 3.3). */
export function parseScopeParameter(scope: string | undefined): string[] {
  if (!scope) return [];
  const names = scope.split(" ");
  if (names.some((name) => !SCOPE_TOKEN.test(name))) {
    throw new OAuthError("invalid_scope", "The scope parameter is malformed.");
  }
  return names;
}

export function tokenHandler(context: OAuthContext) {
  return oauthEndpoint(async (request) => {
    const form = await readForm(request);
    const config = await context.config.get();
    const client = authenticateClient(request, form, config);
    const grantType = form.get("grant_type");
    if (!grantType) throw new OAuthError("invalid_request", "grant_type is required.");
    if (!SUPPORTED_GRANT_TYPES.includes(grantType as GrantType)) {
      throw new OAuthError("unsupported_grant_type", `The grant type ${grantType} is not supported.`);
    }
    const now = context.now();
    const decision = decideToken({
      settings: config.settings,
      scopes: config.catalogue,
      client: client.info,
      grantType: grantType as GrantType,
      requestedScopes: parseScopeParameter(form.get("scope")),
      now,
    });
    if (!decision.ok) throw new OAuthError(decision.error, decision.description);
    const accessToken = await signAccessToken(
      config.keys,
      context.issuer,
      now,
      {
        sub: client.info.clientId,
        clientId: client.info.clientId,
        scopes: decision.grantedScopes,
        lifetime: decision.accessToken.lifetime,
      },
      config.catalogue,
    );
    return oauthJson({
      access_token: accessToken,
      token_type: "Bearer",
      expires_in: decision.accessToken.lifetime,
      scope: decision.grantedScopes.join(" "),
    });
  });
}
