import { indexResources, type ResourceIndex } from "./resources";
import type { ScopeInfo } from "./types";

/** The service's scopes indexed for decisions; built once and reused while nothing changes. */
export interface ScopeCatalogue {
  byName: ReadonlyMap<string, ScopeInfo>;
  required: readonly ScopeInfo[];
  /** The APIs of these scopes by resource identifier (RFC 8707). */
  resources: ResourceIndex;
}

export function buildCatalogue(scopes: readonly ScopeInfo[]): ScopeCatalogue {
  return {
    byName: new Map(scopes.map((scope) => [scope.name, scope])),
    required: scopes.filter((s) => s.required),
    resources: indexResources(scopes),
  };
}

export const isCatalogue = (scopes: readonly ScopeInfo[] | ScopeCatalogue): scopes is ScopeCatalogue =>
  !Array.isArray(scopes);
