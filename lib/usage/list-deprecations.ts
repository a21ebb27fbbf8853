import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { managesApi } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { DAY, type ScopeLifecycle } from "@/lib/issuing";
import { secondsOf, systemClock } from "@/lib/time/epoch";
import { windowRange } from "@/lib/usage/days";
import type { DeprecationClientDto, DeprecationsDto } from "@/lib/usage/schemas";
import { DEPRECATION_CLIENT_DAYS } from "@/lib/usage/settings";

/** The lifecycle of a scope that still works but is on its way out (lib/issuing/lifecycle.ts). */
const DEPRECATED: ScopeLifecycle = "deprecated";

/** Whole days until `at` (epoch seconds), rounded up; 0 once it passed. */
const daysUntil = (at: number, now: number) => Math.max(0, Math.ceil((at - now) / DAY));

/**
 * The Deprecations page: every deprecated scope of the APIs the actor manages (an admin: all),
 * soonest sunset first, with the clients that still requested it lately. Any console user.
 */
export async function listDeprecations(actor: Actor, now: number = systemClock()): Promise<DeprecationsDto> {
  const scopes = (
    await db().apiScope.findMany({
      where: { lifecycle: DEPRECATED, ...(actor.role === "admin" ? {} : { apiId: { in: actor.apiIds } }) },
      select: {
        id: true,
        apiId: true,
        name: true,
        displayName: true,
        sunsetAt: true,
        replacedBy: true,
        deprecationNote: true,
        api: { select: { name: true } },
      },
      orderBy: [{ sunsetAt: { sort: "asc", nulls: "last" } }, { name: "asc" }],
    })
  ).filter((scope) => managesApi(actor, scope.apiId));
  if (scopes.length === 0) return { items: [] };

  const usage = await db().scopeUsage.groupBy({
    by: ["scopeId", "clientId"],
    where: { scopeId: { in: scopes.map((scope) => scope.id) }, day: windowRange(now, DEPRECATION_CLIENT_DAYS) },
    _sum: { count: true },
    _max: { lastRequestedAt: true },
  });
  const clients = await db().oAuthClient.findMany({
    where: { id: { in: [...new Set(usage.map((row) => row.clientId))] } },
    select: { id: true, clientId: true, name: true },
  });
  const clientById = new Map(clients.map((client) => [client.id, client]));
  const byScope = new Map<string, (DeprecationClientDto & { at: Date })[]>();
  for (const row of usage) {
    const client = clientById.get(row.clientId);
    const at = row._max.lastRequestedAt;
    if (!client || !at) continue;
    const list = byScope.get(row.scopeId) ?? [];
    list.push({
      clientId: client.clientId,
      name: client.name,
      lastRequestedAt: at.toISOString(),
      tokensIssued: row._sum.count ?? 0,
      at,
    });
    byScope.set(row.scopeId, list);
  }

  return {
    items: scopes.map((scope) => ({
      scopeId: scope.id,
      apiId: scope.apiId,
      apiName: scope.api.name,
      name: scope.name,
      displayName: scope.displayName,
      sunsetAt: scope.sunsetAt?.toISOString() ?? null,
      daysLeft: scope.sunsetAt ? daysUntil(secondsOf(scope.sunsetAt), now) : null,
      replacedBy: scope.replacedBy,
      deprecationNote: scope.deprecationNote,
      clients: (byScope.get(scope.id) ?? [])
        .sort((a, b) => b.at.getTime() - a.at.getTime())
        .map(({ at: _at, ...client }) => client),
    })),
  };
}
