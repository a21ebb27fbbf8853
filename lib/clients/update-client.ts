import "server-only";
import { clientSelect, toClientDto } from "@/lib/clients/client-dto";
import { type ClientDto, type ClientType, clientRuleIssues, type TUpdateClientRequest } from "@/lib/clients/schemas";
import { assertScopesExist } from "@/lib/clients/validate-client-scopes";
import { changeConfig } from "@/lib/db/config-change";
import { AppError, notFound } from "@/lib/errors";
import type { GrantType } from "@/lib/issuing";

export async function updateClient(id: string, input: TUpdateClientRequest): Promise<ClientDto> {
  const row = await changeConfig(async (tx) => {
    const current = await tx.oAuthClient.findUnique({ where: { id }, select: clientSelect });
    if (!current) throw notFound("The client");
    if (input.type !== undefined && input.type !== current.type) {
      const message = "The type of a client cannot be changed: register a new client.";
      throw new AppError("BAD_REQUEST", message, { type: [message] });
    }
    const merged = {
      type: current.type as ClientType,
      redirectUris: input.redirectUris ?? current.redirectUris,
      allowedGrantTypes: (input.allowedGrantTypes ?? current.allowedGrantTypes) as GrantType[],
    };
    const issues = clientRuleIssues(merged);
    if (Object.keys(issues).length > 0) throw new AppError("BAD_REQUEST", Object.values(issues)[0][0], issues);
    if (input.allowedScopes) await assertScopesExist(tx, input.allowedScopes);
    return tx.oAuthClient.update({ where: { id }, data: input, select: clientSelect });
  });
  return toClientDto(row);
}
