import type { ScopeDto } from "@/lib/scopes/schemas";

export const scopeSelect = {
  id: true,
  apiId: true,
  name: true,
  displayName: true,
  description: true,
  accessTokenLifetime: true,
  refreshTokenLifetime: true,
  required: true,
  emphasize: true,
  showInDiscoveryDocument: true,
  createdAt: true,
  version: true,
  updatedAt: true,
} as const;

type ScopeRow = Omit<ScopeDto, "createdAt" | "updatedAt"> & { createdAt: Date; updatedAt: Date };

export const toScopeDto = (row: ScopeRow): ScopeDto => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
