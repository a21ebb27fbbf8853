import "server-only";
import { clientSelect, toClientDto } from "@/lib/clients/client-dto";
import { generateClientId, generateClientSecret, hashSecret } from "@/lib/clients/credentials";
import type { ClientWithSecret, TCreateClientRequest } from "@/lib/clients/schemas";
import { assertScopesExist } from "@/lib/clients/validate-client-scopes";
import { changeConfig } from "@/lib/db/config-change";

/** Registers a client; a confidential one gets a secret, returned this once and stored hashed. */
export async function createClient(input: TCreateClientRequest): Promise<ClientWithSecret> {
  const clientSecret = input.type === "confidential" ? generateClientSecret() : null;
  const allowedScopes = [...new Set(input.allowedScopes)];
  const row = await changeConfig(async (tx) => {
    await assertScopesExist(tx, allowedScopes);
    return tx.oAuthClient.create({
      data: {
        ...input,
        allowedScopes,
        redirectUris: [...new Set(input.redirectUris)],
        allowedGrantTypes: [...new Set(input.allowedGrantTypes)],
        clientId: generateClientId(),
        secretHash: clientSecret ? hashSecret(clientSecret) : null,
      },
      select: clientSelect,
    });
  });
  return { ...toClientDto(row), clientSecret };
}
