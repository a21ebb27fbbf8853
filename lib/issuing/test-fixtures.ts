// Builders for the issuing tests.
import { decideToken, type TokenRequest } from "./decide";
import type { ClientInfo, ScopeInfo } from "./types";

type ApiOverrides = Partial<ScopeInfo["api"]>;

export function scope(
  name: string,
  overrides: Partial<Omit<ScopeInfo, "api">> & { api?: ApiOverrides } = {},
): ScopeInfo {
  const { api, ...rest } = overrides;
  const apiName = api?.name ?? "api";
  return {
    id: `scope-${name}`,
    name,
    displayName: name,
    description: "",
    required: false,
    emphasize: false,
    showInDiscoveryDocument: true,
    accessTokenLifetime: null,
    refreshTokenLifetime: null,
    lifecycle: "active",
    deprecatedAt: null,
    sunsetAt: null,
    replacedBy: null,
    deprecationNote: "",
    documentationUrl: null,
    ...rest,
    api: {
      id: "api-1",
      name: apiName,
      resourceUri: `https://${apiName}.example`,
      accessTokenLifetime: null,
      refreshTokenLifetime: null,
      ...api,
    },
  };
}

export function client(overrides: Partial<ClientInfo> = {}): ClientInfo {
  return {
    clientId: "client-1",
    name: "Test client",
    allowedScopes: [],
    allowedGrantTypes: ["authorization_code", "refresh_token", "client_credentials"],
    accessTokenLifetime: null,
    refreshTokenLifetime: null,
    ...overrides,
  };
}

/** The decision of a request that must be granted; a refusal fails the test with its reason. */
export function ok(request: TokenRequest) {
  const decision = decideToken(request);
  if (!decision.ok) throw new Error(`refused: ${decision.error} ${decision.description}`);
  return decision;
}
