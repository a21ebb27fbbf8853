import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { apiSelect, toApiDto } from "@/lib/apis/api-dto";
import { recordAudit } from "@/lib/audit/record";
import { requireAdmin } from "@/lib/auth/permissions";
import { changeConfig } from "@/lib/config/change";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requireNotBuiltInApi } from "@/lib/scopes/built-in";
import { removeScopesEverywhere } from "@/lib/scopes/delete-scope";
import { inUse } from "@/lib/scopes/impact";
import { inUseConflict, scopeImpact } from "@/lib/scopes/references";
import type { TDeleteQuery } from "@/lib/scopes/schemas";

/**
 * Deletes the API and its scopes, with every reference to them (lib/scopes/delete-scope.ts). An
 * API whose scopes are in use is deleted only when the request names it again (`confirm`).
 */
export async function deleteApi(actor: Actor, id: string, query: TDeleteQuery): Promise<void> {
  requireAdmin(actor, "delete APIs");
  await changeConfig(db(), (tx) => deleteApiIn(tx, actor, id, query));
}

/** deleteApi inside a transaction of the caller's (also lib/config-file's apply). */
export async function deleteApiIn(
  tx: Prisma.TransactionClient,
  actor: Actor,
  id: string,
  query: TDeleteQuery,
): Promise<void> {
  requireAdmin(actor, "delete APIs");
  const row = await tx.api.findUnique({ where: { id }, select: apiSelect });
  if (!row) throw notFound("The API");
  await requireNotBuiltInApi(tx, [id], "it cannot be deleted.");
  const scopes = await tx.apiScope.findMany({ where: { apiId: id }, select: { id: true, name: true } });
  const impact = await scopeImpact(tx, scopes, new Date());
  if (inUse(impact) && query.confirm !== row.name) throw inUseConflict("The API", row.name, impact);
  await removeScopesEverywhere(tx, actor, scopes);
  const { count } = await tx.api.deleteMany({ where: { id } });
  if (count === 0) throw notFound("The API");
  await recordAudit(tx, actor, {
    action: "delete",
    resourceType: "api",
    resourceId: id,
    resourceName: row.name,
    before: { ...toApiDto(row), scopes: scopes.map((scope) => scope.name), impact },
  });
}
