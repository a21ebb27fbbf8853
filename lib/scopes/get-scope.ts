import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { requireApi } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { ScopeDto } from "@/lib/scopes/schemas";
import { scopeSelect, toScopeDto } from "@/lib/scopes/scope-dto";

export async function getScope(actor: Actor, apiId: string, scopeId: string): Promise<ScopeDto> {
  requireApi(actor, apiId);
  const row = await db().apiScope.findFirst({ where: { id: scopeId, apiId }, select: scopeSelect });
  if (!row) throw notFound("The scope");
  return toScopeDto(row);
}
