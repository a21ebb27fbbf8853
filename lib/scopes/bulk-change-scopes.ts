import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { recordAudit } from "@/lib/audit/record";
import { requireApi } from "@/lib/auth/permissions";
import { changeConfig, NothingChanged } from "@/lib/config/change";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { removeScopesEverywhere } from "@/lib/scopes/delete-scope";
import { inUse } from "@/lib/scopes/impact";
import { currentLifecycle } from "@/lib/scopes/lifecycle";
import { inUseConflict, scopeImpact } from "@/lib/scopes/references";
import {
  type BulkScopesResult,
  type ScopeDto,
  type ScopeLifecycle,
  type TBulkScopesRequest,
  ZBulkScopesRequest,
} from "@/lib/scopes/schemas";
import { scopeSelect, toScopeDto } from "@/lib/scopes/scope-dto";
import { systemClock } from "@/lib/time/epoch";

type Row = Prisma.ApiScopeGetPayload<{ select: typeof scopeSelect }>;

const RETIRED = "A retired scope cannot be changed.";

/**
 * Several scopes of one API at once (the body of ZBulkScopesRequest), in one transaction: set Required, Emphasize or Show in
 * discovery document, or delete them (with every reference, as deleteScope does). Each scope is
 * checked first to be one the actor manages (a scope of this API, which they manage), then what
 * the change asks of it; each changed scope gets its own audit entry. Deleting scopes in use needs
 * `confirm` to be their count (409 with what they reach otherwise).
 */
export async function bulkChangeScopes(actor: Actor, apiId: string, body: unknown): Promise<BulkScopesResult> {
  requireApi(actor, apiId);
  // Validated here, after the API's authorization: who may not touch the API learns nothing of the body's rules.
  const input = ZBulkScopesRequest.parse(body);
  return changeConfig(db(), async (tx) => {
    const rows = await tx.apiScope.findMany({ where: { id: { in: input.ids } }, select: scopeSelect });
    const byId = new Map(rows.map((row) => [row.id, row]));
    // Authorization, scope by scope, before anything about the change is checked.
    const scopes: Row[] = input.ids.map((id) => {
      const row = byId.get(id);
      if (!row || row.apiId !== apiId) throw notFound(`The scope ${id}`);
      requireApi(actor, row.apiId);
      return row;
    });
    return input.action === "delete"
      ? deleteAll(tx, actor, scopes, input.confirm)
      : updateAll(tx, actor, scopes, input.set);
  });
}

async function updateAll(
  tx: Prisma.TransactionClient,
  actor: Actor,
  scopes: Row[],
  set: Extract<TBulkScopesRequest, { action: "update" }>["set"],
): Promise<BulkScopesResult> {
  const now = systemClock();
  const retired = scopes.filter(
    (row) =>
      currentLifecycle({ lifecycle: row.lifecycle as ScopeLifecycle, sunsetAt: row.sunsetAt }, now) === "retired",
  );
  if (retired.length > 0) {
    throw new AppError("CONFLICT", `${RETIRED} Retired: ${retired.map((row) => row.name).join(", ")}.`);
  }
  const items: ScopeDto[] = [];
  let changed = 0;
  for (const row of scopes) {
    const before = toScopeDto(row);
    const changes = Object.fromEntries(
      Object.entries(set).filter(([key, value]) => before[key as keyof ScopeDto] !== value),
    );
    if (Object.keys(changes).length === 0) {
      items.push(before);
      continue;
    }
    const after = toScopeDto(
      await tx.apiScope.update({
        where: { id: row.id },
        data: { ...changes, version: { increment: 1 } },
        select: scopeSelect,
      }),
    );
    await recordAudit(tx, actor, {
      action: "update",
      resourceType: "scope",
      resourceId: row.id,
      resourceName: row.name,
      before,
      after,
    });
    items.push(after);
    changed += 1;
  }
  const result: BulkScopesResult = { action: "update", changed, items };
  // Every scope had the flags already: nothing to commit, no version moves.
  if (changed === 0) throw new NothingChanged(result);
  return result;
}

async function deleteAll(
  tx: Prisma.TransactionClient,
  actor: Actor,
  scopes: Row[],
  confirm: string | undefined,
): Promise<BulkScopesResult> {
  const impact = await scopeImpact(tx, scopes, new Date());
  const count = String(scopes.length);
  if (inUse(impact) && confirm !== count) throw inUseConflict(`The ${count} scopes`, count, impact);
  await removeScopesEverywhere(tx, actor, scopes);
  await tx.apiScope.deleteMany({ where: { id: { in: scopes.map((row) => row.id) } } });
  for (const row of scopes) {
    await recordAudit(tx, actor, {
      action: "delete",
      resourceType: "scope",
      resourceId: row.id,
      resourceName: row.name,
      before: toScopeDto(row),
    });
  }
  return { action: "delete", changed: scopes.length, items: [] };
}
