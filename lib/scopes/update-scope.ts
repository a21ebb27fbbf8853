import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { recordAudit } from "@/lib/audit/record";
import { requireApi, requireLifetimesUnchanged } from "@/lib/auth/permissions";
import { changeConfig } from "@/lib/config/change";
import { db } from "@/lib/db/client";
import { nextVersion, versionedUpdate } from "@/lib/db/versioned";
import { AppError, notFound } from "@/lib/errors";
import type { ScopeDto, TUpdateScopeRequest } from "@/lib/scopes/schemas";
import { scopeSelect, toScopeDto } from "@/lib/scopes/scope-dto";

export async function updateScope(
  actor: Actor,
  apiId: string,
  scopeId: string,
  input: TUpdateScopeRequest,
): Promise<ScopeDto> {
  requireApi(actor, apiId);
  const { name, version, ...changes } = input;
  return changeConfig(db(), async (tx) => {
    const row = await tx.apiScope.findFirst({ where: { id: scopeId, apiId }, select: scopeSelect });
    if (!row) throw notFound("The scope");
    const before = toScopeDto(row);
    if (name !== undefined && name !== before.name) {
      const message = "The name of a scope cannot be changed: clients request it by this name.";
      throw new AppError("BAD_REQUEST", message, { name: [message] });
    }
    requireLifetimesUnchanged(actor, changes, before);
    const after = toScopeDto(
      await versionedUpdate(
        tx.apiScope.update({
          where: { id: scopeId, version },
          data: { ...changes, ...nextVersion },
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
  });
}
