import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { requireClientScopes, requireLifetimesUnchanged } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { clientSelect, toClientDto } from "@/lib/clients/client-dto";
import { generateClientId, generateClientSecret, hashSecret } from "@/lib/clients/credentials";
import type { ClientWithSecret, TCreateClientRequest } from "@/lib/clients/schemas";
import { assertScopesExist } from "@/lib/clients/validate-client-scopes";
import { changeConfig } from "@/lib/db/config-change";

/** Registers a client; a confidential one gets a secret, returned this once and stored hashed. */
export async function createClient(actor: Actor, input: TCreateClientRequest): Promise<ClientWithSecret> {
  requireLifetimesUnchanged(actor, input);
  const clientSecret = input.type === "confidential" ? generateClientSecret() : null;
  const allowedScopes = [...new Set(input.allowedScopes)];
  const client = await changeConfig(async (tx) => {
    await assertScopesExist(tx, allowedScopes);
    await requireClientScopes(tx, actor, allowedScopes);
    const created = toClientDto(
      await tx.oAuthClient.create({
        data: {
          ...input,
          allowedScopes,
          redirectUris: [...new Set(input.redirectUris)],
          allowedGrantTypes: [...new Set(input.allowedGrantTypes)],
          clientId: generateClientId(),
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
    return created;
  });
  return { ...client, clientSecret };
}
