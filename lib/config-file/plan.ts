import "server-only";
// What applying a document would change, field by field: the difference between the console's
// export and the document, each resource named as the document names it. Nothing is written.
import { CONSOLE_API_NAME } from "@/lib/accounts/console-api";
import type { Prisma } from "@/lib/generated/prisma/client";
import { defaultResourceUri } from "@/lib/issuing";
import { scopeImpact } from "@/lib/scopes/references";
import {
  type ExportedApi,
  type ExportedClient,
  type ExportedConfig,
  type ExportedScope,
  exportConfig,
  fingerprintOf,
} from "./export";
import type { ConfigApi, ConfigClient, ConfigDocument, ConfigPlan, ConfigScope, PlannedChange } from "./schema";

type Tx = Prisma.TransactionClient;

/** A document's scope with what it leaves out as a new scope gets it, in the export's shape. */
export const scopeAsExported = (scope: ConfigScope): ExportedScope => ({
  name: scope.name,
  displayName: scope.displayName ?? "",
  description: scope.description ?? "",
  required: scope.required ?? false,
  emphasize: scope.emphasize ?? false,
  showInDiscoveryDocument: scope.showInDiscoveryDocument ?? true,
  accessTokenLifetime: scope.accessTokenLifetime ?? null,
  refreshTokenLifetime: scope.refreshTokenLifetime ?? null,
  documentationUrl: scope.documentationUrl ?? null,
  lifecycle: scope.lifecycle ?? "active",
  replacedBy: scope.replacedBy ?? null,
  deprecationNote: scope.deprecationNote ?? "",
  sunsetAt: scope.sunsetAt ? new Date(scope.sunsetAt).toISOString() : null,
});

export const apiAsExported = (api: ConfigApi): ExportedApi => ({
  name: api.name,
  displayName: api.displayName ?? "",
  description: api.description ?? "",
  // Absent: the default identifier, as for an API created without one.
  resourceUri: api.resourceUri ?? defaultResourceUri(api.name),
  accessTokenLifetime: api.accessTokenLifetime ?? null,
  refreshTokenLifetime: api.refreshTokenLifetime ?? null,
  owners: [...new Set(api.owners.map((email) => email.toLowerCase()))].sort(),
  scopes: api.scopes.map(scopeAsExported),
});

export const clientAsExported = (client: ConfigClient): ExportedClient => ({
  clientId: client.clientId,
  name: client.name,
  type: client.type,
  redirectUris: [...new Set(client.redirectUris)],
  postLogoutRedirectUris: [...new Set(client.postLogoutRedirectUris)],
  allowedScopes: [...new Set(client.allowedScopes)].sort(),
  allowedGrantTypes: [...new Set(client.allowedGrantTypes)],
  accessTokenLifetime: client.accessTokenLifetime ?? null,
  refreshTokenLifetime: client.refreshTokenLifetime ?? null,
});

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields of `after` that differ from `before` (all of them for a create, `before` null). */
function fieldChanges<T extends object>(before: T | null, after: T | null, skip: string[] = []) {
  const keys = Object.keys((after ?? before) as object).filter((key) => !skip.includes(key));
  const fields: PlannedChange["fields"] = {};
  for (const key of keys) {
    const was = before ? (before as Record<string, unknown>)[key] : null;
    const will = after ? (after as Record<string, unknown>)[key] : null;
    if (!before || !after || !same(was, will)) fields[key] = { before: was, after: will };
  }
  return fields;
}

/**
 * The plan from the console's export to the document: creates and updates in the document's
 * terms, then, with `prune: true`, what the document leaves out as deletions.
 */
export function diffConfig(current: ExportedConfig, document: ConfigDocument): PlannedChange[] {
  const changes: PlannedChange[] = [];
  if (document.settings) {
    const fields = fieldChanges(current.settings, { ...current.settings, ...document.settings });
    if (Object.keys(fields).length > 0)
      changes.push({ action: "update", resourceType: "settings", name: "settings", fields });
  }
  const currentApis = new Map(current.apis.map((api) => [api.name, api]));
  const currentScopes = new Map(
    current.apis.flatMap((api) => api.scopes.map((scope) => [scope.name, { api: api.name, scope }])),
  );
  const wantedScopes = new Set<string>();
  for (const wanted of document.apis.map(apiAsExported)) {
    const existing = currentApis.get(wanted.name);
    const fields = fieldChanges(existing ?? null, wanted, ["scopes", "name"]);
    if (!existing) changes.push({ action: "create", resourceType: "api", name: wanted.name, fields });
    else if (Object.keys(fields).length > 0)
      changes.push({ action: "update", resourceType: "api", name: wanted.name, fields });
    for (const scope of wanted.scopes) {
      wantedScopes.add(scope.name);
      const found = currentScopes.get(scope.name);
      const scopeFields = fieldChanges(found?.scope ?? null, scope, ["name"]);
      if (found && found.api !== wanted.name) {
        // A scope's name is unique across APIs and a scope does not move: the other API keeps it.
        scopeFields.api = { before: found.api, after: wanted.name };
      }
      if (!found)
        changes.push({
          action: "create",
          resourceType: "scope",
          name: scope.name,
          fields: { api: { before: null, after: wanted.name }, ...scopeFields },
        });
      else if (Object.keys(scopeFields).length > 0)
        changes.push({ action: "update", resourceType: "scope", name: scope.name, fields: scopeFields });
    }
  }
  const currentClients = new Map(current.clients.map((client) => [client.clientId, client]));
  const wantedClients = new Set<string>();
  for (const wanted of document.clients.map(clientAsExported)) {
    wantedClients.add(wanted.clientId);
    const existing = currentClients.get(wanted.clientId);
    const fields = fieldChanges(existing ?? null, wanted, ["clientId"]);
    if (!existing) changes.push({ action: "create", resourceType: "client", name: wanted.clientId, fields });
    else if (Object.keys(fields).length > 0)
      changes.push({ action: "update", resourceType: "client", name: wanted.clientId, fields });
  }
  // Without prune, a document manages what it lists and leaves the rest alone.
  if (!document.prune) return changes;
  const wantedApis = new Set(document.apis.map((api) => api.name));
  for (const client of current.clients) {
    if (!wantedClients.has(client.clientId))
      changes.push({
        action: "delete",
        resourceType: "client",
        name: client.clientId,
        fields: fieldChanges(client, null, ["clientId"]),
      });
  }
  for (const api of current.apis) {
    // The console's own API is in every console and is never deleted (lib/scopes/built-in.ts).
    if (api.name === CONSOLE_API_NAME) continue;
    if (!wantedApis.has(api.name)) {
      changes.push({
        action: "delete",
        resourceType: "api",
        name: api.name,
        fields: fieldChanges(api, null, ["name", "scopes"]),
      });
      continue;
    }
    for (const scope of api.scopes) {
      if (!wantedScopes.has(scope.name))
        changes.push({
          action: "delete",
          resourceType: "scope",
          name: scope.name,
          fields: fieldChanges(scope, null, ["name"]),
        });
    }
  }
  return changes;
}

/** Adds to each deletion of a scope or an API what it reaches, as the console's delete computes it. */
async function withImpact(tx: Tx, changes: PlannedChange[]): Promise<PlannedChange[]> {
  const now = new Date();
  return Promise.all(
    changes.map(async (change) => {
      if (change.action !== "delete" || (change.resourceType !== "scope" && change.resourceType !== "api"))
        return change;
      const scopes =
        change.resourceType === "scope"
          ? await tx.apiScope.findMany({ where: { name: change.name }, select: { id: true, name: true } })
          : await tx.apiScope.findMany({ where: { api: { name: change.name } }, select: { id: true, name: true } });
      return { ...change, impact: await scopeImpact(tx, scopes, now) };
    }),
  );
}

/**
 * The part of the console a plan depends on: all of it with `prune` (what is not listed is
 * deleted), else what the document lists (its APIs with their scopes, its clients, the settings
 * if it has them), so that a change elsewhere does not make its plan stale.
 */
export function coveredBy(current: ExportedConfig, document: ConfigDocument): Partial<ExportedConfig> {
  if (document.prune) return current;
  const apis = new Set(document.apis.map((api) => api.name));
  const scopes = new Set(document.apis.flatMap((api) => api.scopes.map((scope) => scope.name)));
  const clients = new Set(document.clients.map((client) => client.clientId));
  return {
    ...(document.settings ? { settings: current.settings } : {}),
    apis: current.apis.filter((api) => apis.has(api.name) || api.scopes.some((scope) => scopes.has(scope.name))),
    clients: current.clients.filter((client) => clients.has(client.clientId)),
  };
}

/** The plan of a document against the console as it is in `tx`. */
export async function planConfig(tx: Tx, document: ConfigDocument): Promise<ConfigPlan> {
  const current = await exportConfig(tx);
  return {
    fingerprint: fingerprintOf(coveredBy(current, document)),
    changes: await withImpact(tx, diffConfig(current, document)),
  };
}
