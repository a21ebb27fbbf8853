// RFC 8414 / OpenID Connect Discovery metadata.
import { scopesSupported } from "@/lib/issuing";
import { PROMPT_VALUES, RESPONSE_MODES } from "@/lib/oauth/authorization-request";
import { PUBLIC_CLIENT_AUTH_METHOD, TOKEN_ENDPOINT_AUTH_METHODS } from "@/lib/oauth/client-auth";
import type { OAuthContext } from "@/lib/oauth/context";
import { SUPPORTED_GRANT_TYPES } from "@/lib/oauth/grants/index";
import { END_SESSION_PATH } from "@/lib/oauth/pages";
import { ID_TOKEN_SIGNING_ALG, SIGNING_ALG } from "@/lib/oauth/signing-keys";

/** Clients may cache the document briefly; scope changes show within this many seconds. */
export const DISCOVERY_MAX_AGE_SECONDS = 60;

export function discoveryHandler({ issuer, config }: Pick<OAuthContext, "issuer" | "config">) {
  return async (_request: Request): Promise<Response> => {
    const { catalogue } = await config.get();
    const metadata = {
      issuer,
      authorization_endpoint: `${issuer}/oauth/authorize`,
      token_endpoint: `${issuer}/oauth/token`,
      userinfo_endpoint: `${issuer}/oauth/userinfo`,
      jwks_uri: `${issuer}/oauth/jwks`,
      introspection_endpoint: `${issuer}/oauth/introspect`,
      revocation_endpoint: `${issuer}/oauth/revoke`,
      // RP-Initiated Logout 1.0 only: no front- or back-channel logout is published, as none is sent.
      end_session_endpoint: `${issuer}${END_SESSION_PATH}`,
      scopes_supported: scopesSupported([...catalogue.byName.values()]),
      response_types_supported: ["code"],
      response_modes_supported: RESPONSE_MODES,
      grant_types_supported: SUPPORTED_GRANT_TYPES,
      token_endpoint_auth_methods_supported: [...TOKEN_ENDPOINT_AUTH_METHODS, PUBLIC_CLIENT_AUTH_METHOD],
      introspection_endpoint_auth_methods_supported: TOKEN_ENDPOINT_AUTH_METHODS,
      revocation_endpoint_auth_methods_supported: [...TOKEN_ENDPOINT_AUTH_METHODS, PUBLIC_CLIENT_AUTH_METHOD],
      code_challenge_methods_supported: ["S256"],
      authorization_response_iss_parameter_supported: true,
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: [ID_TOKEN_SIGNING_ALG],
      claims_supported: ["sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "sid", "email", "name"],
      prompt_values_supported: PROMPT_VALUES,
      // OpenID Connect Discovery 3 defaults request_uri_parameter_supported to true: said false
      // here, as request, request_uri and claims are refused or ignored (the others default false).
      request_parameter_supported: false,
      request_uri_parameter_supported: false,
      claims_parameter_supported: false,
      access_token_signing_alg_values_supported: [SIGNING_ALG],
    };
    return Response.json(metadata, { headers: { "cache-control": `public, max-age=${DISCOVERY_MAX_AGE_SECONDS}` } });
  };
}
