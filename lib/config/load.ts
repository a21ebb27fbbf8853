// The one loader of what the issuing module decides from, as it is stored: the service settings,
// the scopes (with their APIs) and the clients. The protocol path's cache loads everything; the
// console's Token preview loads the scopes and the client it asks about. Both map rows the same way.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import {
  type ClientInfo,
  type ClientType,
  DEFAULT_SERVICE_SETTINGS,
  type GrantType,
  type ScopeInfo,
  type ScopeLifecycle,
  type ServiceSettings,
} from "@/lib/issuing";
import { secretDigest } from "@/lib/secrets/hash";
import { secondsOf } from "@/lib/time/epoch";

/** The version of settings never saved: the first save is made from it. */
export const INITIAL_SETTINGS_VERSION = 1;

export type StoredSettings = ServiceSettings & { version: number; updatedAt: string | null };

/** A client as the protocol path needs it: what the issuing module reads, and how it authenticates. */
export interface StoredClient {
  /** The row's id, which usage counts refer to (the `client_id` is `info.clientId`). */
  id: string;
  info: ClientInfo;
  type: ClientType;
  /** The SHA-256 of the secret, as bytes. */
  secretDigest: Buffer | null;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

/** The fields of a scope (and its API) that the issuing module reads. */
const scopeInfoSelect = {
  id: true,
  name: true,
  displayName: true,
  description: true,
  required: true,
  emphasize: true,
  showInDiscoveryDocument: true,
  accessTokenLifetime: true,
  refreshTokenLifetime: true,
  lifecycle: true,
  deprecatedAt: true,
  sunsetAt: true,
  replacedBy: true,
  deprecationNote: true,
  documentationUrl: true,
  api: { select: { id: true, name: true, resourceUri: true, accessTokenLifetime: true, refreshTokenLifetime: true } },
} as const;

const secondsOrNull = (date: Date | null) => (date ? secondsOf(date) : null);

/** The fields of a client that the issuing module and client authentication read. */
export const storedClientSelect = {
  id: true,
  clientId: true,
  name: true,
  type: true,
  secretHash: true,
  redirectUris: true,
  postLogoutRedirectUris: true,
  scopes: { select: { scope: { select: { name: true } } } },
  allowedGrantTypes: true,
  accessTokenLifetime: true,
  refreshTokenLifetime: true,
} as const;

type Db = Pick<PrismaClient, "serviceSettings" | "apiScope" | "oAuthClient">;

/** A client's allowed scopes as names, from its ClientScope rows, in name order. */
export const allowedScopeNames = (scopes: { scope: { name: string } }[]) => scopes.map((row) => row.scope.name).sort();

/** The service settings; the issuing module's defaults until an admin saves them. */
export async function loadSettings(prisma: Pick<PrismaClient, "serviceSettings">): Promise<StoredSettings> {
  const row = await prisma.serviceSettings.findUnique({ where: { id: 1 } });
  if (!row) return { ...DEFAULT_SERVICE_SETTINGS, version: INITIAL_SETTINGS_VERSION, updatedAt: null };
  const { id: _id, updatedAt, ...settings } = row;
  return { ...settings, updatedAt: updatedAt.toISOString() };
}

export interface IssuingInputs {
  settings: StoredSettings;
  scopes: ScopeInfo[];
  clients: StoredClient[];
}

/**
 * The settings, and the scopes and clients: all of them, or (for one decision) the named scopes
 * with every required one and those of the APIs the named resources identify, and the one client.
 */
export async function loadIssuingInputs(
  prisma: Db,
  only?: { scopeNames: string[]; resourceUris?: string[]; clientId: string | null },
): Promise<IssuingInputs> {
  const [settings, scopes, clients] = await Promise.all([
    loadSettings(prisma),
    prisma.apiScope.findMany({
      where: only && {
        OR: [
          { name: { in: only.scopeNames } },
          { required: true },
          { api: { resourceUri: { in: only.resourceUris ?? [] } } },
        ],
      },
      select: scopeInfoSelect,
    }),
    only?.clientId === null
      ? []
      : prisma.oAuthClient.findMany({ where: only && { clientId: only.clientId }, select: storedClientSelect }),
  ]);
  return {
    settings,
    scopes: scopes.map((scope) => ({
      ...scope,
      lifecycle: scope.lifecycle as ScopeLifecycle,
      deprecatedAt: secondsOrNull(scope.deprecatedAt),
      sunsetAt: secondsOrNull(scope.sunsetAt),
    })),
    clients: clients.map((client) => ({
      id: client.id,
      info: {
        clientId: client.clientId,
        name: client.name,
        allowedScopes: allowedScopeNames(client.scopes),
        allowedGrantTypes: client.allowedGrantTypes as GrantType[],
        accessTokenLifetime: client.accessTokenLifetime,
        refreshTokenLifetime: client.refreshTokenLifetime,
      },
      type: client.type as ClientType,
      secretDigest: secretDigest(client.secretHash),
      redirectUris: client.redirectUris,
      postLogoutRedirectUris: client.postLogoutRedirectUris,
    })),
  };
}
