// The grant types this server supports: one module each, registered here. The token endpoint
// dispatches on this list and discovery publishes it (node-oidc-provider's lib/actions/grants).
// Typed as a record of every GrantType the issuing module knows, so that none can be left out.
import type { GrantType } from "@/lib/issuing";
import { authorizationCode } from "@/lib/oauth/grants/authorization-code";
import { clientCredentials } from "@/lib/oauth/grants/client-credentials";
import type { GrantHandler } from "@/lib/oauth/grants/grant";
import { refreshToken } from "@/lib/oauth/grants/refresh-token";

export const GRANT_HANDLERS: Readonly<Record<GrantType, GrantHandler>> = {
  authorization_code: authorizationCode,
  refresh_token: refreshToken,
  client_credentials: clientCredentials,
};

/** `grant_types_supported` in discovery. */
export const SUPPORTED_GRANT_TYPES = Object.keys(GRANT_HANDLERS) as GrantType[];
