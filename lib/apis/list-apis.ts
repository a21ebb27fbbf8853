import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { apiSelect, toApiDto } from "@/lib/apis/api-dto";
import type { ApiDto, TListApisQuery } from "@/lib/apis/schemas";
import { db } from "@/lib/db/client";
import { pageArgs, searchWhere } from "@/lib/db/paging";
import { type Page, pageOf } from "@/lib/validation";

/** An admin lists every API; a service owner the APIs assigned to them. */
export async function listApis(actor: Actor, query: TListApisQuery): Promise<Page<ApiDto>> {
  const where = {
    ...searchWhere(query.q, ["name", "displayName", "description"]),
    ...(actor.role === "admin" ? {} : { id: { in: actor.apiIds } }),
  };
  const [total, rows] = await Promise.all([
    db().api.count({ where }),
    db().api.findMany({ where, select: apiSelect, ...pageArgs(query) }),
  ]);
  return pageOf(rows.map(toApiDto), total, query.page, query.pageSize);
}
