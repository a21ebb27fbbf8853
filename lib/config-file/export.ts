import "server-only";
// The console's configuration as a document (lib/config-file/schema.ts), in a stable order: APIs
// and their scopes by name, clients by clientId, owners by email, every field in one order; so
// that two exports of an unchanged console are byte-identical, and its fingerprint names it.
import { createHash } from "node:crypto";
import { stringify } from "yaml";
import { loadSettings } from "@/lib/config/load";
import type { Prisma } from "@/lib/generated/prisma/client";
import { SETTINGS_FIELDS } from "@/lib/settings/schemas";

type Tx = Prisma.TransactionClient;

/** What an export holds: the document's fields, every one present (null or [] when unset). */
export interface ExportedScope {
  name: string;
  displayName: string;
  description: string;
  required: boolean;
  emphasize: boolean;
  showInDiscoveryDocument: boolean;
  accessTokenLifetime: number | null;
  refreshTokenLifetime: number | null;
  documentationUrl: string | null;
  lifecycle: string;
  sunsetAt: string | null;
  replacedBy: string | null;
  deprecationNote: string;
}
export interface ExportedApi {
  name: string;
  displayName: string;
  description: string;
  accessTokenLifetime: number | null;
  refreshTokenLifetime: number | null;
  owners: string[];
  scopes: ExportedScope[];
}
export interface ExportedClient {
  clientId: string;
  name: string;
  type: string;
  redirectUris: string[];
  allowedScopes: string[];
  allowedGrantTypes: string[];
  accessTokenLifetime: number | null;
  refreshTokenLifetime: number | null;
}
export interface ExportedConfig {
  settings: Record<string, number>;
  apis: ExportedApi[];
  clients: ExportedClient[];
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export async function exportConfig(tx: Tx): Promise<ExportedConfig> {
  const [settings, apis, clients] = await Promise.all([
    loadSettings(tx),
    tx.api.findMany({
      select: {
        name: true,
        displayName: true,
        description: true,
        accessTokenLifetime: true,
        refreshTokenLifetime: true,
        owners: { select: { user: { select: { email: true } } } },
        scopes: {
          select: {
            name: true,
            displayName: true,
            description: true,
            required: true,
            emphasize: true,
            showInDiscoveryDocument: true,
            accessTokenLifetime: true,
            refreshTokenLifetime: true,
            documentationUrl: true,
            lifecycle: true,
            sunsetAt: true,
            replacedBy: true,
            deprecationNote: true,
          },
        },
      },
    }),
    tx.oAuthClient.findMany({
      select: {
        clientId: true,
        name: true,
        type: true,
        redirectUris: true,
        allowedGrantTypes: true,
        accessTokenLifetime: true,
        refreshTokenLifetime: true,
        scopes: { select: { scope: { select: { name: true } } } },
      },
    }),
  ]);
  return {
    settings: Object.fromEntries(SETTINGS_FIELDS.map(({ key }) => [key, settings[key]])),
    apis: apis.sort(byName).map(({ owners, scopes, ...api }) => ({
      ...api,
      owners: owners.map((owner) => owner.user.email).sort(),
      scopes: scopes.sort(byName).map(({ sunsetAt, ...scope }) => ({
        ...scope,
        sunsetAt: sunsetAt?.toISOString() ?? null,
        replacedBy: scope.replacedBy,
        deprecationNote: scope.deprecationNote,
      })),
    })),
    clients: clients
      .sort((a, b) => (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0))
      .map(({ scopes, ...client }) => ({
        clientId: client.clientId,
        name: client.name,
        type: client.type,
        redirectUris: client.redirectUris,
        allowedScopes: scopes.map((row) => row.scope.name).sort(),
        allowedGrantTypes: client.allowedGrantTypes,
        accessTokenLifetime: client.accessTokenLifetime,
        refreshTokenLifetime: client.refreshTokenLifetime,
      })),
  };
}

/** The console's state as one hash: a plan made from it is applied only while it is the same. */
export const fingerprintOf = (config: ExportedConfig) =>
  createHash("sha256").update(JSON.stringify(config)).digest("hex");

export const CONFIG_MEDIA_TYPES = { yaml: "application/yaml", json: "application/json" } as const;

/** The document as text: YAML (the default, for people and git) or JSON. */
export function formatConfig(config: ExportedConfig, format: keyof typeof CONFIG_MEDIA_TYPES): string {
  return format === "json" ? `${JSON.stringify(config, null, 2)}\n` : stringify(config, { lineWidth: 0 });
}
