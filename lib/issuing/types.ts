// The inputs of every token decision. Pure data: no database rows, no clock.

export const GRANT_TYPES = ["authorization_code", "refresh_token", "client_credentials"] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

export const CLIENT_TYPES = ["confidential", "public"] as const;
export type ClientType = (typeof CLIENT_TYPES)[number];

/**
 * The grants a public client may use: PKCE binds its codes and rotation its refresh tokens, while
 * client_credentials would let anyone who knows its client_id act as it. The client schema refuses
 * the others for a public client and the token endpoint lets a public client authenticate for these only.
 */
export const PUBLIC_CLIENT_GRANT_TYPES: readonly GrantType[] = ["authorization_code", "refresh_token"];

export const mayUseGrant = (type: ClientType, grantType: GrantType) =>
  type === "confidential" || PUBLIC_CLIENT_GRANT_TYPES.includes(grantType);

/** Service-wide lifetimes, in seconds. */
export interface ServiceSettings {
  accessTokenLifetime: number;
  /** A refresh token without offline access lives this long... */
  refreshTokenLifetime: number;
  /** ...and its grant no longer than this after the user's consent. */
  refreshAbsoluteLifetime: number;
  /** A refresh token with offline access lives this long... */
  offlineRefreshTokenLifetime: number;
  /** ...and its grant no longer than this after the user's consent. */
  offlineAbsoluteLifetime: number;
  authorizationCodeLifetime: number;
}

export const DAY = 86_400;

export const DEFAULT_SERVICE_SETTINGS: ServiceSettings = {
  accessTokenLifetime: DAY,
  refreshTokenLifetime: 1_800,
  refreshAbsoluteLifetime: 36_000,
  offlineRefreshTokenLifetime: 180 * DAY,
  offlineAbsoluteLifetime: 730 * DAY,
  authorizationCodeLifetime: 60,
};

/** Optional lifetimes of a scope, an API or a client; null inherits. */
export interface LifetimeOverrides {
  accessTokenLifetime: number | null;
  refreshTokenLifetime: number | null;
}

/** Where a scope is in its life: granted; granted with a warning until its sunset; never granted again. */
export const SCOPE_LIFECYCLES = ["active", "deprecated", "retired"] as const;
export type ScopeLifecycle = (typeof SCOPE_LIFECYCLES)[number];

/**
 * A scope's lifecycle as decisions read it; times in epoch seconds. The loader (lib/config/load.ts)
 * always sets every field; a scope built without them (a benchmark's) is active, undocumented.
 */
export interface ScopeLifecycleFacts {
  lifecycle: ScopeLifecycle;
  /** When it became deprecated: the Deprecation header (RFC 9745). */
  deprecatedAt: number | null;
  /** When a deprecated scope is retired: the Sunset header (RFC 8594). */
  sunsetAt: number | null;
  /** The name of the scope that replaces it. */
  replacedBy: string | null;
  deprecationNote: string;
  /** Where its users read about it; a deprecated scope's replacement is linked from the token response. */
  documentationUrl: string | null;
}

export interface ScopeInfo extends LifetimeOverrides, Partial<ScopeLifecycleFacts> {
  /** Its identity: usage is counted by it, and a scope created again under the name is another. */
  id: string;
  name: string;
  displayName: string;
  description: string;
  required: boolean;
  emphasize: boolean;
  showInDiscoveryDocument: boolean;
  /** Its API; `resourceUri` is the API's RFC 8707 resource identifier. */
  api: LifetimeOverrides & { id: string; name: string; resourceUri: string };
}

export interface ClientInfo extends LifetimeOverrides {
  clientId: string;
  name: string;
  allowedScopes: string[];
  allowedGrantTypes: GrantType[];
}

/** The scope that makes a refresh token long-lived. */
export const OFFLINE_ACCESS = "offline_access";

/**
 * The scopes OpenID Connect defines (Core 3.1.2.1, 5.4, 11): about a user, so meaningless for
 * client_credentials, where no user takes part; and each changes what the client gets (an ID token,
 * claims, a long-lived refresh token), so it is granted only when the request asks for it.
 */
export const USER_SCOPES = new Set(["openid", "profile", "email", "address", "phone", OFFLINE_ACCESS]);

/**
 * Whether a scope marked Required is added to a request that did not ask for it: never an OpenID
 * Connect scope, which would turn a plain OAuth request into an OpenID Connect one (an ID token) or
 * hand out claims or offline access nobody asked for.
 */
export const addedWhenRequired = (name: string) => !USER_SCOPES.has(name);
