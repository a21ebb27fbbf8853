import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { clientSelect, toClientDto } from "@/lib/clients/client-dto";
import type { ClientDto, TListClientsQuery } from "@/lib/clients/schemas";
import { db } from "@/lib/db/client";
import { pageArgs, searchWhere } from "@/lib/db/paging";
import { type Page, pageOf } from "@/lib/validation";

/**
 * The ids of the clients a service owner manages: some scopes, all of them scopes of the owner's
 * APIs (the rule of lib/auth/permissions.ts, in SQL so that paging stays in the database).
 */
async function ownedClientIds(actor: Actor): Promise<string[]> {
  const rows = await db().$queryRaw<{ id: string }[]>`
    SELECT c."id" FROM "OAuthClient" c
    WHERE EXISTS (SELECT 1 FROM "ClientScope" cs WHERE cs."clientId" = c."id")
      AND NOT EXISTS (
        SELECT 1 FROM "ClientScope" cs JOIN "ApiScope" s ON s."id" = cs."scopeId"
        WHERE cs."clientId" = c."id"
          AND s."apiId" NOT IN (SELECT o."apiId" FROM "ApiOwner" o WHERE o."userId" = ${actor.id}))`;
  return rows.map((row) => row.id);
}

export async function listClients(actor: Actor, query: TListClientsQuery): Promise<Page<ClientDto>> {
  const where = {
    ...searchWhere(query.q, ["name", "clientId"]),
    ...(actor.role === "admin" ? {} : { id: { in: await ownedClientIds(actor) } }),
  };
  const [total, rows] = await Promise.all([
    db().oAuthClient.count({ where }),
    db().oAuthClient.findMany({ where, select: clientSelect, ...pageArgs(query) }),
  ]);
  return pageOf(rows.map(toClientDto), total, query.page, query.pageSize);
}
