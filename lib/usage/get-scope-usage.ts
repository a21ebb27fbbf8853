import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { requireApi } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { scopeImpact } from "@/lib/scopes/references";
import { dateOf, systemClock } from "@/lib/time/epoch";
import { dayOf, windowDays, windowRange } from "@/lib/usage/days";
import type { ScopeUsageClientDto, ScopeUsageDto, TScopeUsageQuery } from "@/lib/usage/schemas";

const isoOrNull = (date: Date | null | undefined) => date?.toISOString() ?? null;

/**
 * Who uses a scope: what refers to it (the impact of changing it), and the tokens issued that
 * carry it in the last `days` UTC days, per day and per client. `now` is epoch seconds.
 */
export async function getScopeUsage(
  actor: Actor,
  apiId: string,
  scopeId: string,
  query: TScopeUsageQuery,
  now: number = systemClock(),
): Promise<ScopeUsageDto> {
  requireApi(actor, apiId);
  const scope = await db().apiScope.findFirst({ where: { id: scopeId, apiId }, select: { id: true, name: true } });
  if (!scope) throw notFound("The scope");
  const inWindow = { scopeId, day: windowRange(now, query.days) };
  const [impact, perDay, perClient, lastPerClient, allowed] = await Promise.all([
    scopeImpact(db(), [scope], dateOf(now)),
    db().scopeUsage.groupBy({ by: ["day"], where: inWindow, _sum: { count: true } }),
    db().scopeUsage.groupBy({ by: ["clientId"], where: inWindow, _sum: { count: true } }),
    db().scopeUsage.groupBy({ by: ["clientId"], where: { scopeId }, _max: { lastRequestedAt: true } }),
    db().clientScope.findMany({ where: { scopeId }, select: { clientId: true } }),
  ]);

  const countOnDay = new Map(perDay.map((row) => [dayOf(row.day), row._sum.count ?? 0]));
  const windowCount = new Map(perClient.map((row) => [row.clientId, row._sum.count ?? 0]));
  const lastAt = new Map(lastPerClient.map((row) => [row.clientId, row._max.lastRequestedAt]));
  const allowedIds = new Set(allowed.map((row) => row.clientId));
  const rows = await db().oAuthClient.findMany({
    where: { id: { in: [...new Set([...allowedIds, ...windowCount.keys()])] } },
    select: { id: true, clientId: true, name: true },
  });
  const clients: ScopeUsageClientDto[] = rows
    .map((row) => ({
      clientId: row.clientId,
      name: row.name,
      allowed: allowedIds.has(row.id),
      lastRequestedAt: isoOrNull(lastAt.get(row.id)),
      tokensIssued: windowCount.get(row.id) ?? 0,
    }))
    // The busiest first, then by name.
    .sort(
      (a, b) => b.tokensIssued - a.tokensIssued || a.name.localeCompare(b.name) || a.clientId.localeCompare(b.clientId),
    );
  const latest = lastPerClient.reduce<Date | null>(
    (max, row) =>
      row._max.lastRequestedAt && (!max || row._max.lastRequestedAt > max) ? row._max.lastRequestedAt : max,
    null,
  );

  return {
    allowedClients: impact.allowedClients,
    requestingClients: windowCount.size,
    lastRequestedAt: isoOrNull(latest),
    consents: impact.consents,
    liveGrants: impact.liveGrants,
    tokensIssued: windowDays(now, query.days).map((date) => ({ date, count: countOnDay.get(date) ?? 0 })),
    clients,
  };
}
