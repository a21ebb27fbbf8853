import type { ApiDto } from "@/lib/apis/schemas";

export const apiSelect = {
  id: true,
  name: true,
  displayName: true,
  description: true,
  resourceUri: true,
  accessTokenLifetime: true,
  refreshTokenLifetime: true,
  builtIn: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { scopes: true } },
} as const;

interface ApiRow {
  id: string;
  name: string;
  displayName: string;
  description: string;
  resourceUri: string;
  accessTokenLifetime: number | null;
  refreshTokenLifetime: number | null;
  builtIn: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  _count: { scopes: number };
}

export const toApiDto = ({ _count, createdAt, updatedAt, ...row }: ApiRow): ApiDto => ({
  ...row,
  scopeCount: _count.scopes,
  createdAt: createdAt.toISOString(),
  updatedAt: updatedAt.toISOString(),
});
