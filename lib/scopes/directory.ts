import "server-only";
// The scope directory: every scope the actor may hand to a client, across APIs, searched by name
// or display name. The client dialog's "Allowed scopes" picker reads it; scripts may too.
import type { Actor } from "@/lib/accounts/roles";
import { db } from "@/lib/db/client";
import { searchSql } from "@/lib/db/paging";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ScopeDirectoryEntry, TScopeDirectoryQuery } from "@/lib/scopes/schemas";
import { type Page, pageOf } from "@/lib/validation";

/**
 * One page of the scopes an admin (all) or a service owner (their APIs') may allow a client, by
 * name: the unique name index gives the order, the trigram indexes the search. Retired scopes are
 * left out: no client may be given one.
 */
export async function listScopeDirectory(
  actor: Actor,
  query: TScopeDirectoryQuery,
): Promise<Page<ScopeDirectoryEntry>> {
  if (actor.role !== "admin" && actor.apiIds.length === 0) return pageOf([], 0, query.page, query.pageSize);
  const where = Prisma.join(
    [
      Prisma.sql`"lifecycle" <> 'retired'`,
      ...(actor.role === "admin" ? [] : [Prisma.sql`"apiId" IN (${Prisma.join(actor.apiIds)})`]),
      ...(query.q ? [searchSql(query.q, ["name", "displayName"])] : []),
    ],
    " AND ",
  );
  const offset = (query.page - 1) * query.pageSize;
  const [rows, [{ total }]] = await Promise.all([
    db().$queryRaw<ScopeDirectoryEntry[]>`
      WITH "page" AS (
        SELECT "name", "displayName", "lifecycle", "apiId" FROM "ApiScope"
        WHERE ${where} ORDER BY "name" LIMIT ${query.pageSize} OFFSET ${offset})
      SELECT p.*, a."name" AS "apiName", a."displayName" AS "apiDisplayName"
      FROM "page" p JOIN "Api" a ON a."id" = p."apiId" ORDER BY p."name"`,
    db().$queryRaw<{ total: bigint }[]>`SELECT COUNT(*) AS "total" FROM "ApiScope" WHERE ${where}`,
  ]);
  return pageOf(rows, Number(total), query.page, query.pageSize);
}
