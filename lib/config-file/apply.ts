import "server-only";
// Applies a document in one transaction, or nothing: each change goes through the service that
// the console's own requests use (the same checks, one audit entry per resource), inside one
// change of the configuration. Refused when what the plan covers changed since (409). Only with
// `prune: true` does it delete what the document leaves out.
import type { Actor } from "@/lib/accounts/roles";
import { createApiIn } from "@/lib/apis/create-api";
import { deleteApiIn } from "@/lib/apis/delete-api";
import { updateApiIn } from "@/lib/apis/update-api";
import { recordAudit } from "@/lib/audit/record";
import { requireAdmin } from "@/lib/auth/permissions";
import { createClientIn } from "@/lib/clients/create-client";
import { deleteClientIn } from "@/lib/clients/delete-client";
import { updateClientIn } from "@/lib/clients/update-client";
import { changeConfig } from "@/lib/config/change";
import { loadSettings } from "@/lib/config/load";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requireNotBuiltInApi } from "@/lib/scopes/built-in";
import { createScopeIn } from "@/lib/scopes/create-scope";
import { deleteScopeIn } from "@/lib/scopes/delete-scope";
import { updateScopeIn } from "@/lib/scopes/update-scope";
import { updateSettingsIn } from "@/lib/settings/update-settings";
import { apiAsExported, planConfig, scopeAsExported } from "./plan";
import type { AppliedConfig, ConfigDocument, PlannedChange } from "./schema";

type Tx = Prisma.TransactionClient;

/** A service's field errors, at the document's path of the resource (`apis[2].scopes[0].name`). */
function at<T>(path: string, run: () => Promise<T>): Promise<T> {
  return run().catch((error: unknown) => {
    if (!(error instanceof AppError)) throw error;
    const fields = Object.fromEntries(
      Object.entries(error.fields ?? { "": [error.message] }).map(([field, messages]) => [
        field ? `${path}.${field}` : path,
        messages,
      ]),
    );
    throw new AppError(error.code, `${path}: ${error.message}`, fields, error.extensions);
  });
}

const only = <T extends object>(value: T, keys: readonly string[]) =>
  Object.fromEntries(Object.entries(value).filter(([key]) => keys.includes(key)));

const SCOPE_FIELDS = [
  "displayName",
  "description",
  "required",
  "emphasize",
  "showInDiscoveryDocument",
  "accessTokenLifetime",
  "refreshTokenLifetime",
  "documentationUrl",
  "lifecycle",
  "sunsetAt",
  "replacedBy",
  "deprecationNote",
] as const;
const API_FIELDS = [
  "displayName",
  "description",
  "resourceUri",
  "accessTokenLifetime",
  "refreshTokenLifetime",
] as const;
const CLIENT_FIELDS = [
  "name",
  "redirectUris",
  "postLogoutRedirectUris",
  "allowedScopes",
  "allowedGrantTypes",
  "accessTokenLifetime",
  "refreshTokenLifetime",
] as const;

/** Sets an API's service owners to the document's, each changed user audited. */
async function setOwners(tx: Tx, actor: Actor, apiId: string, emails: string[], path: string) {
  if (emails.length > 0) {
    await requireNotBuiltInApi(tx, [apiId], "no service owner can be assigned to it.", `${path}.owners`);
  }
  const users = await tx.user.findMany({
    where: { email: { in: emails } },
    select: { id: true, email: true, role: true },
  });
  for (const [index, email] of emails.entries()) {
    const user = users.find((candidate) => candidate.email === email);
    if (user?.role !== "owner") {
      const message = `${email} is not a service owner of the console.`;
      throw new AppError("BAD_REQUEST", `${path}.owners[${index}]: ${message}`, {
        [`${path}.owners[${index}]`]: [message],
      });
    }
  }
  const current = await tx.apiOwner.findMany({ where: { apiId }, select: { userId: true } });
  const wanted = new Set(users.map((user) => user.id));
  const leaving = current.filter((row) => !wanted.has(row.userId)).map((row) => row.userId);
  const joining = users.filter((user) => !current.some((row) => row.userId === user.id));
  for (const userId of [...leaving, ...joining.map((user) => user.id)]) {
    const before = (await tx.apiOwner.findMany({ where: { userId }, select: { apiId: true } })).map((row) => row.apiId);
    const after = leaving.includes(userId) ? before.filter((id) => id !== apiId) : [...before, apiId];
    if (leaving.includes(userId)) await tx.apiOwner.delete({ where: { userId_apiId: { userId, apiId } } });
    else await tx.apiOwner.create({ data: { userId, apiId } });
    const { email, version } = await tx.user.update({
      where: { id: userId },
      data: { version: { increment: 1 } },
      select: { email: true, version: true },
    });
    await recordAudit(tx, actor, {
      action: "update",
      resourceType: "user",
      resourceId: userId,
      resourceName: email,
      before: { apiIds: [...before].sort(), version: version - 1 },
      after: { apiIds: [...after].sort(), version },
    });
  }
}

async function apply(tx: Tx, actor: Actor, document: ConfigDocument, changes: PlannedChange[]) {
  const secrets: AppliedConfig["secrets"] = [];
  const changed = (type: PlannedChange["resourceType"], name: string) =>
    changes.find((change) => change.resourceType === type && change.name === name && change.action !== "delete");
  const settings = document.settings;
  if (settings && changed("settings", "settings")) {
    const { version } = await loadSettings(tx);
    await at("settings", () => updateSettingsIn(tx, actor, { ...settings, version }));
  }
  const apiIds = new Map<string, string>();
  for (const [a, api] of document.apis.entries()) {
    const path = `apis[${a}]`;
    const change = changed("api", api.name);
    const existing = await tx.api.findUnique({ where: { name: api.name }, select: { id: true, version: true } });
    let id = existing?.id;
    if (!existing) id = (await at(path, () => createApiIn(tx, actor, { name: api.name, ...only(api, API_FIELDS) }))).id;
    else if (change && Object.keys(change.fields).some((field) => field !== "owners"))
      await at(path, () =>
        updateApiIn(tx, actor, existing.id, { ...only(apiAsExported(api), API_FIELDS), version: existing.version }),
      );
    apiIds.set(api.name, id as string);
    if (!existing || change?.fields.owners) await setOwners(tx, actor, id as string, apiAsExported(api).owners, path);
  }
  // Active scopes first: a deprecated scope may name one of them as its replacement.
  const scopes = document.apis.flatMap((api, a) =>
    api.scopes.map((scope, s) => ({ api, scope, path: `apis[${a}].scopes[${s}]` })),
  );
  scopes.sort(
    (x, y) =>
      Number((x.scope.lifecycle ?? "active") !== "active") - Number((y.scope.lifecycle ?? "active") !== "active"),
  );
  for (const { api, scope, path } of scopes) {
    const change = changed("scope", scope.name);
    if (!change) continue;
    const apiId = apiIds.get(api.name) as string;
    if (change.fields.api && change.action === "update") {
      const message = `The scope "${scope.name}" belongs to the API "${String(change.fields.api.before)}": a scope cannot move to another API.`;
      throw new AppError("BAD_REQUEST", `${path}.name: ${message}`, { [`${path}.name`]: [message] });
    }
    if (change.action === "create")
      await at(path, () => createScopeIn(tx, actor, apiId, { name: scope.name, ...only(scope, SCOPE_FIELDS) }));
    else {
      const row = await tx.apiScope.findUniqueOrThrow({
        where: { name: scope.name },
        select: { id: true, version: true },
      });
      // What the document leaves out is what a new scope gets (scopeAsExported), as the plan compared it.
      const fields = only(scopeAsExported(scope), Object.keys(change.fields));
      await at(path, () => updateScopeIn(tx, actor, apiId, row.id, { ...fields, version: row.version }));
    }
  }
  for (const [c, client] of document.clients.entries()) {
    const path = `clients[${c}]`;
    const change = changed("client", client.clientId);
    if (!change) continue;
    if (change.action === "create") {
      const created = await at(path, () =>
        createClientIn(tx, actor, { type: client.type, ...only(client, CLIENT_FIELDS) } as never, client.clientId),
      );
      if (created.clientSecret) secrets.push({ clientId: created.clientId, clientSecret: created.clientSecret });
    } else {
      const row = await tx.oAuthClient.findUniqueOrThrow({
        where: { clientId: client.clientId },
        select: { id: true, version: true },
      });
      await at(path, () =>
        updateClientIn(tx, actor, row.id, { type: client.type, ...only(client, CLIENT_FIELDS), version: row.version }),
      );
    }
  }
  for (const change of changes.filter((candidate) => candidate.action === "delete")) {
    if (change.resourceType === "client") {
      const row = await tx.oAuthClient.findUnique({ where: { clientId: change.name }, select: { id: true } });
      if (row) await deleteClientIn(tx, actor, row.id);
    } else if (change.resourceType === "scope") {
      const row = await tx.apiScope.findUnique({ where: { name: change.name }, select: { id: true, apiId: true } });
      // Pruning is the confirmation a scope in use asks for.
      if (row) await deleteScopeIn(tx, actor, row.apiId, row.id, { confirm: change.name });
    } else if (change.resourceType === "api") {
      const row = await tx.api.findUnique({ where: { name: change.name }, select: { id: true } });
      if (row) await deleteApiIn(tx, actor, row.id, { confirm: change.name });
    }
  }
  return secrets;
}

/**
 * Applies `document` if the console is still as it was when the plan with `fingerprint` was made.
 * Answers the changes made, in the plan's shape, and the secrets of new confidential clients.
 */
export async function applyConfig(actor: Actor, document: ConfigDocument, fingerprint: string): Promise<AppliedConfig> {
  requireAdmin(actor, "apply a configuration");
  return changeConfig(db(), async (tx) => {
    // One apply at a time: the next waits here, then finds the state this one left.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('scope-console:config-apply'))`;
    const plan = await planConfig(tx, document);
    if (plan.fingerprint !== fingerprint) {
      throw new AppError(
        "CONFLICT",
        "The console changed since this plan was made: plan again, then apply that plan.",
        undefined,
        {
          conflict: "stale-plan",
          fingerprint: plan.fingerprint,
        },
      );
    }
    const secrets = await apply(tx, actor, document, plan.changes);
    return { fingerprint: plan.fingerprint, changes: plan.changes, secrets };
  });
}
