import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { requireClientScopes } from "@/lib/auth/permissions";
import { clientSelect, toClientDto } from "@/lib/clients/client-dto";
import type { ClientDto } from "@/lib/clients/schemas";
import { allowedScopeNames } from "@/lib/config/load";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

export async function getClient(actor: Actor, id: string): Promise<ClientDto> {
  const row = await db().oAuthClient.findUnique({ where: { id }, select: clientSelect });
  if (!row) throw notFound("The client");
  await requireClientScopes(db(), actor, allowedScopeNames(row.scopes));
  return toClientDto(row);
}
