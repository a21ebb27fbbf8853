import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { recordAudit } from "@/lib/audit/record";
import { requireApi } from "@/lib/auth/permissions";
import { changeConfig } from "@/lib/config/change";
import { allowedScopeNames } from "@/lib/config/load";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requireNotBuiltInScopes } from "@/lib/scopes/built-in";
import { inUse } from "@/lib/scopes/impact";
import { forgetScopeNames, inUseConflict, scopeImpact } from "@/lib/scopes/references";
import type { TDeleteQuery } from "@/lib/scopes/schemas";
import { scopeSelect, toScopeDto } from "@/lib/scopes/scope-dto";

/**
 * Deletes a scope and every reference to it, in one transaction: clients lose it (each client's
 * change audited), and consents, live grants and unredeemed codes forget its name. A scope in use
 * is deleted only when the request names it again (`confirm`); otherwise 409 with the impact.
 */
export async function deleteScope(actor: Actor, apiId: string, scopeId: string, query: TDeleteQuery): Promise<void> {
  requireApi(actor, apiId);
  await changeConfig(db(), (tx) => deleteScopeIn(tx, actor, apiId, scopeId, query));
}

/** deleteScope inside a transaction of the caller's (also lib/config-file's apply). */
export async function deleteScopeIn(
  tx: Prisma.TransactionClient,
  actor: Actor,
  apiId: string,
  scopeId: string,
  query: TDeleteQuery,
): Promise<void> {
  requireApi(actor, apiId);
  const row = await tx.apiScope.findFirst({ where: { id: scopeId, apiId }, select: scopeSelect });
  if (!row) throw notFound("The scope");
  const impact = await scopeImpact(tx, [row], new Date());
  if (inUse(impact) && query.confirm !== row.name) throw inUseConflict("The scope", row.name, impact);
  await removeScopesEverywhere(tx, actor, [row]);
  const { count } = await tx.apiScope.deleteMany({ where: { id: scopeId, apiId } });
  if (count === 0) throw notFound("The scope");
  await recordAudit(tx, actor, {
    action: "delete",
    resourceType: "scope",
    resourceId: scopeId,
    resourceName: row.name,
    before: { ...toScopeDto(row), impact },
  });
}

/**
 * Before scopes are deleted (one, or an API's): removes them from their clients, each client's
 * change audited and its version moved on, and from every consent, grant and code.
 */
export async function removeScopesEverywhere(
  tx: Prisma.TransactionClient,
  actor: Actor,
  scopes: { id: string; name: string }[],
): Promise<void> {
  const ids = scopes.map((scope) => scope.id);
  // Every way of deleting scopes (one, several, an API's) comes through here.
  await requireNotBuiltInScopes(tx, ids, "its scopes cannot be deleted.");
  const clients = await tx.oAuthClient.findMany({
    where: { scopes: { some: { scopeId: { in: ids } } } },
    select: { id: true, name: true, scopes: { select: { scope: { select: { id: true, name: true } } } } },
  });
  for (const client of clients) {
    const removed = new Set(ids);
    const before = allowedScopeNames(client.scopes);
    const after = allowedScopeNames(client.scopes.filter((row) => !removed.has(row.scope.id)));
    await tx.clientScope.deleteMany({ where: { clientId: client.id, scopeId: { in: ids } } });
    const { version } = await tx.oAuthClient.update({
      where: { id: client.id },
      data: { version: { increment: 1 } },
      select: { version: true },
    });
    await recordAudit(tx, actor, {
      action: "update",
      resourceType: "client",
      resourceId: client.id,
      resourceName: client.name,
      before: { allowedScopes: before, version: version - 1 },
      after: { allowedScopes: after, version },
    });
  }
  await forgetScopeNames(
    tx,
    scopes.map((scope) => scope.name),
  );
}
