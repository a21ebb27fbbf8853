// RFC 8414 / OpenID Connect Discovery metadata. Endpoints join as they arrive.
import { scopesSupported } from "@/lib/issuing";
import { TOKEN_ENDPOINT_AUTH_METHODS } from "@/lib/oauth/client-auth";
import { SIGNING_ALG } from "@/lib/oauth/signing-keys";
import { SUPPORTED_GRANT_TYPES } from "@/lib/oauth/token";
import { loadDiscoverableScopes } from "@/lib/scopes/load-scope-infos";

/** Clients may cache the document briefly; scope changes show within this many seconds. */
export const DISCOVERY_MAX_AGE_SECONDS = 60;

export function discoveryHandler({ issuer }: { issuer: string }) {
  return async (_request: Request): Promise<Response> => {
    const metadata = {
      issuer,
      token_endpoint: `${issuer}/oauth/token`,
      jwks_uri: `${issuer}/oauth/jwks`,
      introspection_endpoint: `${issuer}/oauth/introspect`,
      revocation_endpoint: `${issuer}/oauth/revoke`,
      scopes_supported: scopesSupported(await loadDiscoverableScopes()),
      grant_types_supported: SUPPORTED_GRANT_TYPES,
      token_endpoint_auth_methods_supported: TOKEN_ENDPOINT_AUTH_METHODS,
      introspection_endpoint_auth_methods_supported: TOKEN_ENDPOINT_AUTH_METHODS,
      revocation_endpoint_auth_methods_supported: TOKEN_ENDPOINT_AUTH_METHODS,
      code_challenge_methods_supported: ["S256"],
      access_token_signing_alg_values_supported: [SIGNING_ALG],
    };
    return Response.json(metadata, { headers: { "cache-control": `public, max-age=${DISCOVERY_MAX_AGE_SECONDS}` } });
  };
}
