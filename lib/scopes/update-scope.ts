import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { recordAudit } from "@/lib/audit/record";
import { requireApi, requireLifetimesUnchanged } from "@/lib/auth/permissions";
import { changeConfig } from "@/lib/config/change";
import { db } from "@/lib/db/client";
import { nextVersion, versionedUpdate } from "@/lib/db/versioned";
import { AppError, notFound, staleVersion } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requireNotBuiltInScopes } from "@/lib/scopes/built-in";
import { changedFields, nextLifecycle, requireNotRetired } from "@/lib/scopes/lifecycle";
import type { ScopeDto, ScopeLifecycle, TUpdateScopeRequest } from "@/lib/scopes/schemas";
import { scopeSelect, toScopeDto } from "@/lib/scopes/scope-dto";
import { systemClock } from "@/lib/time/epoch";
import { requireServerFieldsUnchanged } from "@/lib/validation";

const NAME_READ_ONLY = "The name of a scope cannot be changed: clients request it by this name.";

export async function updateScope(
  actor: Actor,
  apiId: string,
  scopeId: string,
  input: TUpdateScopeRequest,
): Promise<ScopeDto> {
  requireApi(actor, apiId);
  return changeConfig(db(), (tx) => updateScopeIn(tx, actor, apiId, scopeId, input));
}

/** updateScope inside a transaction of the caller's (also lib/config-file's apply). */
export async function updateScopeIn(
  tx: Prisma.TransactionClient,
  actor: Actor,
  apiId: string,
  scopeId: string,
  input: TUpdateScopeRequest,
): Promise<ScopeDto> {
  requireApi(actor, apiId);
  const { name, version, id, apiId: _apiId, deprecatedAt, createdAt, updatedAt, ...changes } = input;
  const { lifecycle, sunsetAt, replacedBy, deprecationNote, ...attributes } = changes;
  const now = systemClock();
  const row = await tx.apiScope.findFirst({ where: { id: scopeId, apiId }, select: scopeSelect });
  if (!row) throw notFound("The scope");
  const before = toScopeDto(row);
  // What GET gave may come back: the fields the server sets are ignored when unchanged.
  if (name !== undefined && name !== before.name)
    throw new AppError("BAD_REQUEST", NAME_READ_ONLY, { name: [NAME_READ_ONLY] });
  requireServerFieldsUnchanged(before, { id, apiId: _apiId, deprecatedAt, createdAt, updatedAt });
  if (requireNotRetired(before, changes, now)) {
    if (version !== before.version) throw staleVersion("The scope");
    return before;
  }
  requireLifetimesUnchanged(actor, changes, before);
  if (changedFields(before, { lifecycle, sunsetAt, replacedBy }).length > 0) {
    await requireNotBuiltInScopes(tx, [scopeId], "its scopes cannot be deprecated or retired.");
  }
  const lifecycleColumns = await nextLifecycle(
    tx,
    before.name,
    { ...row, lifecycle: row.lifecycle as ScopeLifecycle },
    { lifecycle, sunsetAt, replacedBy, deprecationNote },
    now,
  );
  const after = toScopeDto(
    await versionedUpdate(
      tx.apiScope.update({
        where: { id: scopeId, version },
        data: { ...attributes, ...lifecycleColumns, ...nextVersion },
        select: scopeSelect,
      }),
      "The scope",
    ),
  );
  await recordAudit(tx, actor, {
    action: "update",
    resourceType: "scope",
    resourceId: scopeId,
    resourceName: after.name,
    before,
    after,
  });
  return after;
}
