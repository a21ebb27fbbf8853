import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { requireApi } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { deferredPage, pageArgs, searchWhere } from "@/lib/db/paging";
import { notFound } from "@/lib/errors";
import type { ScopeDto, TListScopesQuery } from "@/lib/scopes/schemas";
import { scopeSelect, toScopeDto } from "@/lib/scopes/scope-dto";
import { type Page, pageOf } from "@/lib/validation";

/**
 * One page of an API's scopes, searched (name, display name, description), filtered by lifecycle
 * and sorted in SQL. Made for 100,000 scopes in one API: the search by trigram indexes, a deep
 * page by its ids first (migration 20261203030000_scope_search_indexes).
 */
export async function listScopes(actor: Actor, apiId: string, query: TListScopesQuery): Promise<Page<ScopeDto>> {
  requireApi(actor, apiId);
  const where = {
    apiId,
    ...(query.lifecycle && { lifecycle: query.lifecycle }),
    ...searchWhere(query.q, ["name", "displayName", "description"]),
  };
  const [api, total, rows] = await Promise.all([
    db().api.findUnique({ where: { id: apiId }, select: { id: true } }),
    db().apiScope.count({ where }),
    deferredPage(db().apiScope.findMany({ where, select: { id: true }, ...pageArgs(query) }), (ids) =>
      db().apiScope.findMany({ where: { id: { in: ids } }, select: scopeSelect }),
    ),
  ]);
  if (!api) throw notFound("The API");
  return pageOf(rows.map(toScopeDto), total, query.page, query.pageSize);
}
