import "server-only";
import { clientSelect, toClientDto } from "@/lib/clients/client-dto";
import type { ClientDto, TListClientsQuery } from "@/lib/clients/schemas";
import { db } from "@/lib/db/client";
import { pageArgs, searchWhere } from "@/lib/db/paging";
import { type Page, pageOf } from "@/lib/validation";

export async function listClients(query: TListClientsQuery): Promise<Page<ClientDto>> {
  const where = searchWhere(query.q, ["name", "clientId"]);
  const [total, rows] = await Promise.all([
    db().oAuthClient.count({ where }),
    db().oAuthClient.findMany({ where, select: clientSelect, ...pageArgs(query) }),
  ]);
  return pageOf(rows.map(toClientDto), total, query.page, query.pageSize);
}
