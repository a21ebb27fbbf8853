import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { recordAudit } from "@/lib/audit/record";
import { requireClientScopes } from "@/lib/auth/permissions";
import { clientSelect, toClientDto } from "@/lib/clients/client-dto";
import { changeConfig } from "@/lib/config/change";
import { allowedScopeNames } from "@/lib/config/load";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Deletes a client with what users granted it (grants and their refresh tokens, remembered
 * consent, unused codes). Its access tokens stop introspecting as active with it.
 */
export async function deleteClient(actor: Actor, id: string): Promise<void> {
  await changeConfig(db(), (tx) => deleteClientIn(tx, actor, id));
}

/** deleteClient inside a transaction of the caller's (also lib/config-file's apply). */
export async function deleteClientIn(tx: Prisma.TransactionClient, actor: Actor, id: string): Promise<void> {
  const row = await tx.oAuthClient.findUnique({ where: { id }, select: clientSelect });
  if (!row) throw notFound("The client");
  await requireClientScopes(tx, actor, allowedScopeNames(row.scopes));
  const { clientId } = row;
  await tx.grant.deleteMany({ where: { clientId } });
  await tx.consent.deleteMany({ where: { clientId } });
  await tx.authorizationCode.deleteMany({ where: { clientId } });
  const { count } = await tx.oAuthClient.deleteMany({ where: { id } });
  if (count === 0) throw notFound("The client");
  await recordAudit(tx, actor, {
    action: "delete",
    resourceType: "client",
    resourceId: id,
    resourceName: row.name,
    before: toClientDto(row),
  });
}
