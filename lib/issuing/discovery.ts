import type { ScopeInfo } from "./types";

/**
 * `scopes_supported`: only active scopes marked "Show in discovery document". A deprecated scope is
 * still granted to those who use it, but no longer offered to newcomers.
 */
export function scopesSupported(scopes: Pick<ScopeInfo, "name" | "showInDiscoveryDocument" | "lifecycle">[]): string[] {
  return scopes
    .filter((scope) => scope.showInDiscoveryDocument && (scope.lifecycle ?? "active") === "active")
    .map((scope) => scope.name)
    .sort();
}
