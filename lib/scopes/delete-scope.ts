import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { recordAudit } from "@/lib/audit/record";
import { requireApi } from "@/lib/auth/permissions";
import { changeConfig } from "@/lib/config/change";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { scopeSelect, toScopeDto } from "@/lib/scopes/scope-dto";

export async function deleteScope(actor: Actor, apiId: string, scopeId: string): Promise<void> {
  requireApi(actor, apiId);
  await changeConfig(db(), async (tx) => {
    const row = await tx.apiScope.findFirst({ where: { id: scopeId, apiId }, select: scopeSelect });
    const { count } = await tx.apiScope.deleteMany({ where: { id: scopeId, apiId } });
    if (!row || count === 0) throw notFound("The scope");
    await recordAudit(tx, actor, {
      action: "delete",
      resourceType: "scope",
      resourceId: scopeId,
      resourceName: row.name,
      before: toScopeDto(row),
    });
  });
}
