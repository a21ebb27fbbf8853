import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { recordAudit } from "@/lib/audit/record";
import { requireClientScopes, requireLifetimesUnchanged } from "@/lib/auth/permissions";
import { clientSelect, toClientDto } from "@/lib/clients/client-dto";
import { type ClientDto, clientRuleIssues, type TUpdateClientRequest } from "@/lib/clients/schemas";
import { clientScopeRows, resolveClientScopes } from "@/lib/clients/validate-client-scopes";
import { changeConfig } from "@/lib/config/change";
import { db } from "@/lib/db/client";
import { nextVersion, versionedUpdate } from "@/lib/db/versioned";
import { AppError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requireServerFieldsUnchanged } from "@/lib/validation";

export async function updateClient(actor: Actor, id: string, input: TUpdateClientRequest): Promise<ClientDto> {
  return changeConfig(db(), (tx) => updateClientIn(tx, actor, id, input));
}

/** updateClient inside a transaction of the caller's (also lib/config-file's apply). */
export async function updateClientIn(
  tx: Prisma.TransactionClient,
  actor: Actor,
  id: string,
  input: TUpdateClientRequest,
): Promise<ClientDto> {
  const {
    version,
    allowedScopes,
    id: sentId,
    clientId,
    createdAt,
    hasSecret: _secret,
    updatedAt: _updated,
    ...changes
  } = input;
  const row = await tx.oAuthClient.findUnique({ where: { id }, select: clientSelect });
  if (!row) throw notFound("The client");
  const before = toClientDto(row);
  await requireClientScopes(tx, actor, before.allowedScopes);
  requireServerFieldsUnchanged(before, { id: sentId, clientId, createdAt });
  if (changes.type !== undefined && changes.type !== before.type) {
    const message = "The type of a client cannot be changed: register a new client.";
    throw new AppError("BAD_REQUEST", message, { type: [message] });
  }
  const issues = clientRuleIssues({
    type: before.type,
    redirectUris: changes.redirectUris ?? before.redirectUris,
    allowedGrantTypes: changes.allowedGrantTypes ?? before.allowedGrantTypes,
  });
  if (Object.keys(issues).length > 0) throw new AppError("BAD_REQUEST", Object.values(issues)[0][0], issues);
  const scopeIds = allowedScopes && (await resolveClientScopes(tx, allowedScopes));
  if (allowedScopes) await requireClientScopes(tx, actor, allowedScopes);
  requireLifetimesUnchanged(actor, changes, before);
  const scopes = scopeIds && { deleteMany: {}, create: clientScopeRows(scopeIds) };
  const after = toClientDto(
    await versionedUpdate(
      tx.oAuthClient.update({
        where: { id, version },
        data: { ...changes, scopes, ...nextVersion },
        select: clientSelect,
      }),
      "The client",
    ),
  );
  await recordAudit(tx, actor, {
    action: "update",
    resourceType: "client",
    resourceId: id,
    resourceName: after.name,
    before,
    after,
  });
  return after;
}
