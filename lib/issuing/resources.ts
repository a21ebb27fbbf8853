// RFC 8707 resource indicators: which APIs an access token is for. Each API has a resource
// identifier (its `resourceUri`); a request naming some gets a token whose `aud` is those
// identifiers and whose scopes are theirs alone. Without `resource`, a token is for the APIs of its
// scopes, by name, as before resource indicators. Decision 013 says why a token may be for several.
import type { ClientInfo, ScopeInfo } from "./types";

/** The longest resource identifier an API may have and a request may name. */
export const RESOURCE_URI_MAX_LENGTH = 2000;

/** An absolute URI (RFC 3986 4.3): a scheme, a colon, and visible ASCII; RFC 8707 2 forbids a fragment. */
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:[\x21-\x22\x24-\x7E]+$/;

/** Whether `value` may be a resource identifier (RFC 8707 2): an absolute URI without a fragment. */
export const isResourceIndicator = (value: string): boolean =>
  value.length <= RESOURCE_URI_MAX_LENGTH && ABSOLUTE_URI.test(value) && URL.canParse(value);

/** The identifier an API gets when none is given: stable, unique as API names are, and no claim on a host. */
export const defaultResourceUri = (apiName: string) => `urn:scope-console:api:${apiName}`;

/** The APIs by resource identifier, each with its scopes' names; part of the catalogue. */
export type ResourceIndex = ReadonlyMap<string, { apiName: string; scopes: readonly string[] }>;

export function indexResources(scopes: readonly ScopeInfo[]): ResourceIndex {
  const index = new Map<string, { apiName: string; scopes: string[] }>();
  for (const scope of scopes) {
    const uri = scope.api.resourceUri;
    const entry = index.get(uri) ?? { apiName: scope.api.name, scopes: [] };
    entry.scopes.push(scope.name);
    index.set(uri, entry);
  }
  return index;
}

/** What these rules read of the scope catalogue (lib/issuing/catalogue.ts, which indexes them here). */
interface Catalogue {
  byName: ReadonlyMap<string, ScopeInfo>;
  resources: ResourceIndex;
}

export type ResourceRefusal = { error: "invalid_target" | "invalid_scope"; description: string };

/** What a token is for: its resources (none: the APIs of its scopes), its scopes and its audiences. */
export interface TokenTarget {
  resources: string[];
  scopes: string[];
  /** `aud`: the resources, else the APIs of the scopes by name; empty when it has no scope (the issuer then). */
  audiences: string[];
  /** Granted scopes that the token leaves out, being of other APIs than its resources. */
  leftOut: string[];
}

/**
 * Checks the `resource` values of a request (RFC 8707 2): each an absolute URI without a fragment,
 * the identifier of an API, one the client may use (it is allowed one of the API's scopes).
 * Refusals are `invalid_target`.
 */
export function checkResources(
  requested: readonly string[],
  catalogue: Catalogue,
  client: ClientInfo | null,
): ResourceRefusal | null {
  const malformed = requested.filter((value) => !isResourceIndicator(value));
  if (malformed.length > 0) {
    return { error: "invalid_target", description: "A resource must be an absolute URI without a fragment." };
  }
  const unknown = requested.filter((uri) => !catalogue.resources.has(uri));
  if (unknown.length > 0) return { error: "invalid_target", description: `Unknown resource: ${unknown.join(", ")}.` };
  const notAllowed = requested.filter(
    (uri) =>
      client !== null && !catalogue.resources.get(uri)?.scopes.some((name) => client.allowedScopes.includes(name)),
  );
  if (notAllowed.length > 0) {
    return { error: "invalid_target", description: `The client may not use the resource: ${notAllowed.join(", ")}.` };
  }
  return null;
}

/**
 * What the access token is for, from the granted scopes. `requested` are the request's resources
 * (checked by checkResources); `authorized` those of the authorization request a code or a grant
 * carries (empty: it is bound to none). A token request may name some of the authorized ones, and
 * without `resource` it is for all of them that still have a granted scope. Each resource named in
 * the request must get a scope of its API.
 */
export function targetOf(
  granted: readonly string[],
  requested: readonly string[],
  authorized: readonly string[],
  catalogue: Catalogue,
): TokenTarget | ResourceRefusal {
  const unauthorized = authorized.length > 0 ? requested.filter((uri) => !authorized.includes(uri)) : [];
  if (unauthorized.length > 0) {
    return {
      error: "invalid_target",
      description: `Not a resource of the authorization request: ${unauthorized.join(", ")}.`,
    };
  }
  const apiOf = (uri: string) => catalogue.resources.get(uri)?.apiName;
  const resourceOf = (name: string) => catalogue.byName.get(name)?.api.resourceUri;
  const wanted = requested.length > 0 ? requested : authorized.filter((uri) => apiOf(uri) !== undefined);
  // A bound grant never falls back to every API of its scopes: that would undo the binding.
  if (wanted.length === 0 && authorized.length > 0) {
    return {
      error: "invalid_target",
      description: `No resource of the authorization request is known any more: ${authorized.join(", ")}.`,
    };
  }
  if (wanted.length === 0) {
    const apis = new Set(
      granted.map((name) => catalogue.byName.get(name)?.api.name).filter((api) => api !== undefined),
    );
    return { resources: [], scopes: [...granted], audiences: [...apis].sort(), leftOut: [] };
  }
  const withScopes = wanted.filter((uri) => granted.some((name) => resourceOf(name) === uri));
  const empty = requested.filter((uri) => !withScopes.includes(uri));
  if (empty.length > 0 || withScopes.length === 0) {
    return {
      error: "invalid_scope",
      description: `No granted scope is of the resource: ${(empty.length > 0 ? empty : wanted).join(", ")}.`,
    };
  }
  const resources = [...new Set(withScopes)].sort();
  const inTarget = (name: string) => resources.includes(resourceOf(name) ?? "");
  return {
    resources,
    scopes: granted.filter(inTarget),
    audiences: resources,
    leftOut: granted.filter((name) => !inTarget(name)),
  };
}
