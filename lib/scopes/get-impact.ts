import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { requireApi } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { ScopeImpact } from "@/lib/scopes/impact";
import { scopeImpact } from "@/lib/scopes/references";

/** What changing or deleting one scope reaches (the delete and edit dialogs show it first). */
export async function getScopeImpact(actor: Actor, apiId: string, scopeId: string): Promise<ScopeImpact> {
  requireApi(actor, apiId);
  const scope = await db().apiScope.findFirst({ where: { id: scopeId, apiId }, select: { id: true, name: true } });
  if (!scope) throw notFound("The scope");
  return scopeImpact(db(), [scope], new Date());
}

/** What deleting an API reaches: its scopes together, each client, consent and grant once. */
export async function getApiImpact(actor: Actor, apiId: string): Promise<ScopeImpact> {
  requireApi(actor, apiId);
  const api = await db().api.findUnique({
    where: { id: apiId },
    select: { scopes: { select: { id: true, name: true } } },
  });
  if (!api) throw notFound("The API");
  return scopeImpact(db(), api.scopes, new Date());
}
