// Shared with the protocol path, which runs outside Next.js: no "server-only" marker here.
import { db } from "@/lib/db/client";
import type { ScopeInfo } from "@/lib/issuing";

/** The fields of a scope (and its API) that the issuing module reads. */
export const scopeInfoSelect = {
  name: true,
  displayName: true,
  description: true,
  required: true,
  emphasize: true,
  showInDiscoveryDocument: true,
  accessTokenLifetime: true,
  refreshTokenLifetime: true,
  api: { select: { id: true, name: true, accessTokenLifetime: true, refreshTokenLifetime: true } },
} as const;

/** What the issuing module needs of the service's scopes: the named ones and every required one. */
export function loadScopeInfos(names: string[]): Promise<ScopeInfo[]> {
  return db().apiScope.findMany({
    where: { OR: [{ name: { in: names } }, { required: true }] },
    select: scopeInfoSelect,
  });
}

/** The names published as `scopes_supported`. */
export function loadDiscoverableScopes(): Promise<Pick<ScopeInfo, "name" | "showInDiscoveryDocument">[]> {
  return db().apiScope.findMany({
    where: { showInDiscoveryDocument: true },
    select: { name: true, showInDiscoveryDocument: true },
  });
}
