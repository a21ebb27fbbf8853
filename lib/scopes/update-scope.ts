import "server-only";
import { changeConfig } from "@/lib/db/config-change";
import { AppError, notFound } from "@/lib/errors";
import type { ScopeDto, TUpdateScopeRequest } from "@/lib/scopes/schemas";
import { scopeSelect, toScopeDto } from "@/lib/scopes/scope-dto";

export async function updateScope(apiId: string, scopeId: string, input: TUpdateScopeRequest): Promise<ScopeDto> {
  const { name, ...changes } = input;
  const row = await changeConfig(async (tx) => {
    const current = await tx.apiScope.findFirst({ where: { id: scopeId, apiId }, select: { name: true } });
    if (!current) throw notFound("The scope");
    if (name !== undefined && name !== current.name) {
      const message = "The name of a scope cannot be changed: clients request it by this name.";
      throw new AppError("BAD_REQUEST", message, { name: [message] });
    }
    return tx.apiScope.update({ where: { id: scopeId }, data: changes, select: scopeSelect });
  });
  return toScopeDto(row);
}
