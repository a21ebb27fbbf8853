// grant_type=client_credentials (RFC 6749 4.4): a confidential client for itself. Reads and
// writes no database: everything comes from the cached configuration.
import { decideToken } from "@/lib/issuing";
import { decided, type GrantHandler, tokenResponse } from "@/lib/oauth/grants/grant";
import { parseScopeParameter } from "@/lib/oauth/scope-parameter";

export const clientCredentials: GrantHandler = async (request) => {
  const { context, config, client, form, resources } = request;
  const now = context.now();
  const decision = decided(
    decideToken({
      settings: config.settings,
      scopes: config.catalogue,
      client: client.info,
      grantType: "client_credentials",
      requestedScopes: parseScopeParameter(form.get("scope")),
      now,
      resources,
    }),
  );
  return tokenResponse(request, decision, now, null);
};
