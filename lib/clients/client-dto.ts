import type { ClientDto, ClientType } from "@/lib/clients/schemas";
import { allowedScopeNames, storedClientSelect } from "@/lib/config/load";
import type { GrantType } from "@/lib/issuing";

export const clientSelect = {
  ...storedClientSelect,
  id: true,
  createdAt: true,
  version: true,
  updatedAt: true,
} as const;

interface ClientRow {
  id: string;
  clientId: string;
  name: string;
  type: string;
  secretHash: string | null;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  scopes: { scope: { name: string } }[];
  allowedGrantTypes: string[];
  accessTokenLifetime: number | null;
  refreshTokenLifetime: number | null;
  createdAt: Date;
  version: number;
  updatedAt: Date;
}

/** Never includes the secret's hash. */
export const toClientDto = ({ secretHash, scopes, createdAt, updatedAt, ...row }: ClientRow): ClientDto => ({
  ...row,
  allowedScopes: allowedScopeNames(scopes),
  type: row.type as ClientType,
  allowedGrantTypes: row.allowedGrantTypes as GrantType[],
  hasSecret: secretHash !== null,
  createdAt: createdAt.toISOString(),
  updatedAt: updatedAt.toISOString(),
});
