import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { recordAudit } from "@/lib/audit/record";
import { requireApi, requireLifetimesUnchanged } from "@/lib/auth/permissions";
import { changeConfig } from "@/lib/config/change";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requireNotBuiltInApi } from "@/lib/scopes/built-in";
import { NEW_SCOPE_LIFECYCLE, nextLifecycle } from "@/lib/scopes/lifecycle";
import { forgetScopeNames } from "@/lib/scopes/references";
import type { ScopeDto, TCreateScopeRequest } from "@/lib/scopes/schemas";
import { scopeSelect, toScopeDto } from "@/lib/scopes/scope-dto";
import { assertScopeNameFree, scopeNameTaken } from "@/lib/scopes/scope-name-conflict";
import { systemClock } from "@/lib/time/epoch";

export async function createScope(actor: Actor, apiId: string, input: TCreateScopeRequest): Promise<ScopeDto> {
  requireApi(actor, apiId);
  requireLifetimesUnchanged(actor, input);
  try {
    return await changeConfig(db(), (tx) => createScopeIn(tx, actor, apiId, input));
  } catch (error) {
    // Another request took the name between our check and our insert.
    if (isUniqueViolation(error)) throw scopeNameTaken(input.name, null);
    throw error;
  }
}

/** createScope inside a transaction of the caller's (also lib/config-file's apply). */
export async function createScopeIn(
  tx: Prisma.TransactionClient,
  actor: Actor,
  apiId: string,
  input: TCreateScopeRequest,
): Promise<ScopeDto> {
  requireApi(actor, apiId);
  requireLifetimesUnchanged(actor, input);
  const { lifecycle, sunsetAt, replacedBy, deprecationNote, ...attributes } = input;
  const api = await tx.api.findUnique({ where: { id: apiId }, select: { id: true } });
  if (!api) throw notFound("The API");
  await requireNotBuiltInApi(tx, [apiId], "no scope can be added to it.");
  await assertScopeNameFree(tx, input.name);
  // A name used before starts with nothing: no consent or grant of an earlier scope carries over.
  await forgetScopeNames(tx, [input.name]);
  const lifecycleColumns = await nextLifecycle(
    tx,
    input.name,
    NEW_SCOPE_LIFECYCLE,
    { lifecycle, sunsetAt, replacedBy, deprecationNote },
    systemClock(),
  );
  const scope = toScopeDto(
    await tx.apiScope.create({ data: { ...attributes, ...lifecycleColumns, apiId }, select: scopeSelect }),
  );
  await recordAudit(tx, actor, {
    action: "create",
    resourceType: "scope",
    resourceId: scope.id,
    resourceName: scope.name,
    after: scope,
  });
  return scope;
}
