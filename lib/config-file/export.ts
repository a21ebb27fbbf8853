import "server-only";
// The console's configuration as a document (lib/config-file/schema.ts), in a stable order: APIs
// and their scopes by name, clients by clientId, owners by email, every field in one order; so
// that two exports of an unchanged console are byte-identical, and its fingerprint names it.
import { createHash } from "node:crypto";
import { stringify } from "yaml";
import type { ApiDto } from "@/lib/apis/schemas";
import { clientSelect, toClientDto } from "@/lib/clients/client-dto";
import type { ClientDto } from "@/lib/clients/schemas";
import { loadSettings } from "@/lib/config/load";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ScopeDto } from "@/lib/scopes/schemas";
import { scopeSelect, toScopeDto } from "@/lib/scopes/scope-dto";
import { SETTINGS_FIELDS } from "@/lib/settings/schemas";

type Tx = Prisma.TransactionClient;

/** What an export holds: the JSON API's fields but those the server sets, every one present (null or [] when unset). */
export type ExportedScope = Omit<ScopeDto, "id" | "apiId" | "deprecatedAt" | "version" | "createdAt" | "updatedAt">;
export type ExportedApi = Omit<ApiDto, "id" | "builtIn" | "scopeCount" | "version" | "createdAt" | "updatedAt"> & {
  /** The emails of its service owners. */
  owners: string[];
  scopes: ExportedScope[];
};
export type ExportedClient = Omit<ClientDto, "id" | "hasSecret" | "version" | "createdAt" | "updatedAt">;
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
        resourceUri: true,
        accessTokenLifetime: true,
        refreshTokenLifetime: true,
        owners: { select: { user: { select: { email: true } } } },
        scopes: { select: scopeSelect },
      },
    }),
    tx.oAuthClient.findMany({ select: clientSelect }),
  ]);
  return {
    settings: Object.fromEntries(SETTINGS_FIELDS.map(({ key }) => [key, settings[key]])),
    apis: apis.sort(byName).map(({ owners, scopes, ...api }) => ({
      ...api,
      owners: owners.map((owner) => owner.user.email).sort(),
      // The JSON API's scope without the fields the server sets.
      scopes: scopes
        .sort(byName)
        .map(toScopeDto)
        .map(({ id, apiId, deprecatedAt, version, createdAt, updatedAt, ...scope }) => scope),
    })),
    clients: clients
      .sort((a, b) => (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0))
      .map(toClientDto)
      .map(({ id, hasSecret, version, createdAt, updatedAt, ...client }) => client),
  };
}

/** The console's state as one hash: a plan made from it is applied only while it is the same. */
export const fingerprintOf = (config: Partial<ExportedConfig>) =>
  createHash("sha256").update(JSON.stringify(config)).digest("hex");

export const CONFIG_MEDIA_TYPES = { yaml: "application/yaml", json: "application/json" } as const;

/** The document as text: YAML (the default, for people and git) or JSON. */
export function formatConfig(config: ExportedConfig, format: keyof typeof CONFIG_MEDIA_TYPES): string {
  return format === "json" ? `${JSON.stringify(config, null, 2)}\n` : stringify(config, { lineWidth: 0 });
}
