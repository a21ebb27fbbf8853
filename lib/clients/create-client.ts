import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { recordAudit } from "@/lib/audit/record";
import { requireClientScopes, requireLifetimesUnchanged } from "@/lib/auth/permissions";
import { clientSelect, toClientDto } from "@/lib/clients/client-dto";
import { generateClientId, generateClientSecret } from "@/lib/clients/credentials";
import type { ClientWithSecret, TCreateClientRequest } from "@/lib/clients/schemas";
import { clientScopeRows, resolveClientScopes } from "@/lib/clients/validate-client-scopes";
import { changeConfig } from "@/lib/config/change";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { hashSecret } from "@/lib/secrets/hash";

/** Registers a client; a confidential one gets a secret, returned this once and stored hashed. */
export async function createClient(actor: Actor, input: TCreateClientRequest): Promise<ClientWithSecret> {
  requireLifetimesUnchanged(actor, input);
  return changeConfig(db(), (tx) => createClientIn(tx, actor, input));
}

/**
 * createClient inside a transaction of the caller's. lib/config-file's apply names the client's
 * `clientId` (its identity in a configuration file); the console generates one.
 */
export async function createClientIn(
  tx: Prisma.TransactionClient,
  actor: Actor,
  input: TCreateClientRequest,
  clientId: string = generateClientId(),
): Promise<ClientWithSecret> {
  requireLifetimesUnchanged(actor, input);
  const clientSecret = input.type === "confidential" ? generateClientSecret() : null;
  const { allowedScopes, ...attributes } = input;
  const scopeIds = await resolveClientScopes(tx, allowedScopes);
  await requireClientScopes(tx, actor, allowedScopes);
  const created = toClientDto(
    await tx.oAuthClient.create({
      data: {
        ...attributes,
        scopes: { create: clientScopeRows(scopeIds) },
        redirectUris: [...new Set(input.redirectUris)],
        postLogoutRedirectUris: [...new Set(input.postLogoutRedirectUris)],
        allowedGrantTypes: [...new Set(input.allowedGrantTypes)],
        clientId,
        secretHash: clientSecret ? hashSecret(clientSecret) : null,
      },
      select: clientSelect,
    }),
  );
  await recordAudit(tx, actor, {
    action: "create",
    resourceType: "client",
    resourceId: created.id,
    resourceName: created.name,
    after: created,
  });
  return { ...created, clientSecret };
}
