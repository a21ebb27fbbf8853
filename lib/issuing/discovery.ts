import type { ScopeInfo } from "./types";

/** `scopes_supported`: only the scopes marked "Show in discovery document". */
export function scopesSupported(scopes: Pick<ScopeInfo, "name" | "showInDiscoveryDocument">[]): string[] {
  return scopes
    .filter((scope) => scope.showInDiscoveryDocument)
    .map((scope) => scope.name)
    .sort();
}
