import "server-only";
// Access review: which of a client's allowed scopes it has not been granted lately, so that an
// owner can take them away (PATCH /api/clients/{id} with the scopes it keeps). The one rule of what
// is unused, for one client and for a page of them.
import type { Actor } from "@/lib/accounts/roles";
import { managesClientScopes } from "@/lib/auth/permissions";
import { getClient } from "@/lib/clients/get-client";
import { allowedScopeNames } from "@/lib/config/load";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { systemClock } from "@/lib/time/epoch";
import { firstDay } from "@/lib/usage/days";
import type {
  ClientReviewDto,
  ClientReviewsDto,
  TClientReviewQuery,
  TClientReviewsQuery,
  UnusedScope,
} from "@/lib/usage/schemas";

type Tx = Pick<Prisma.TransactionClient, "$queryRaw">;

/**
 * The rule: an allowed scope is unused when no token carrying it was issued to the client in the
 * last `days` UTC days (today included). Each one comes with when it was last granted (before the
 * window), or null if never; per client (row id), in name order. Clients without any are absent.
 */
export async function unusedScopes(
  tx: Tx,
  clientIds: string[],
  days: number,
  now: number,
): Promise<Map<string, UnusedScope[]>> {
  const found = new Map<string, UnusedScope[]>();
  if (clientIds.length === 0) return found;
  const since = firstDay(now, days);
  const rows = await tx.$queryRaw<{ clientId: string; name: string; lastRequestedAt: Date | null }[]>`
    SELECT cs."clientId", s."name", max(u."lastRequestedAt") AS "lastRequestedAt"
    FROM "ClientScope" cs
    JOIN "ApiScope" s ON s."id" = cs."scopeId"
    LEFT JOIN "ScopeUsage" u ON u."scopeId" = cs."scopeId" AND u."clientId" = cs."clientId"
    WHERE cs."clientId" = ANY(${clientIds}::text[])
    GROUP BY cs."clientId", s."name"
    HAVING max(u."day") IS NULL OR max(u."day") < ${since}::date`;
  for (const row of rows) {
    const list = found.get(row.clientId) ?? [];
    list.push({ name: row.name, lastRequestedAt: row.lastRequestedAt?.toISOString() ?? null });
    found.set(row.clientId, list);
  }
  // In the order the console lists a client's scopes (lib/config/load.ts), whatever the collation.
  for (const list of found.values()) list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return found;
}

/** GET /api/clients/{id}/review: whoever may see the client (GET /api/clients/{id}). */
export async function reviewClient(
  actor: Actor,
  id: string,
  query: TClientReviewQuery,
  now: number = systemClock(),
): Promise<ClientReviewDto> {
  const client = await getClient(actor, id);
  const unused = await unusedScopes(db(), [client.id], query.days, now);
  return { unusedScopes: unused.get(client.id) ?? [] };
}

/** GET /api/clients/review: the listed clients that the actor manages; the others are left out. */
export async function reviewClients(
  actor: Actor,
  query: TClientReviewsQuery,
  now: number = systemClock(),
): Promise<ClientReviewsDto> {
  const rows = await db().oAuthClient.findMany({
    where: { id: { in: query.ids } },
    select: { id: true, scopes: { select: { scope: { select: { name: true } } } } },
  });
  const managed = await Promise.all(
    rows.map(async (row) => ((await managesClientScopes(db(), actor, allowedScopeNames(row.scopes))) ? row.id : null)),
  );
  const ids = managed.filter((id): id is string => id !== null);
  const unused = await unusedScopes(db(), ids, query.days, now);
  return { reviews: Object.fromEntries(ids.map((id) => [id, { unusedScopes: unused.get(id) ?? [] }])) };
}
