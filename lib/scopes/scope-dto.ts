import type { ScopeDto, ScopeLifecycle } from "@/lib/scopes/schemas";

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
  documentationUrl: true,
  lifecycle: true,
  deprecatedAt: true,
  sunsetAt: true,
  replacedBy: true,
  deprecationNote: true,
  createdAt: true,
  version: true,
  updatedAt: true,
} as const;

type Dates = "createdAt" | "updatedAt" | "deprecatedAt" | "sunsetAt";
export type ScopeRow = Omit<ScopeDto, Dates | "lifecycle"> & {
  lifecycle: string;
  createdAt: Date;
  updatedAt: Date;
  deprecatedAt: Date | null;
  sunsetAt: Date | null;
};

const isoOrNull = (date: Date | null) => date?.toISOString() ?? null;

export const toScopeDto = (row: ScopeRow): ScopeDto => ({
  ...row,
  lifecycle: row.lifecycle as ScopeLifecycle,
  deprecatedAt: isoOrNull(row.deprecatedAt),
  sunsetAt: isoOrNull(row.sunsetAt),
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
