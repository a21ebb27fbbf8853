import "server-only";
import { changeConfig } from "@/lib/db/config-change";
import { isUniqueViolation } from "@/lib/db/errors";
import { notFound } from "@/lib/errors";
import type { ScopeDto, TCreateScopeRequest } from "@/lib/scopes/schemas";
import { scopeSelect, toScopeDto } from "@/lib/scopes/scope-dto";
import { assertScopeNameFree, scopeNameTaken } from "@/lib/scopes/scope-name-conflict";

export async function createScope(apiId: string, input: TCreateScopeRequest): Promise<ScopeDto> {
  try {
    const row = await changeConfig(async (tx) => {
      const api = await tx.api.findUnique({ where: { id: apiId }, select: { id: true } });
      if (!api) throw notFound("The API");
      await assertScopeNameFree(tx, input.name);
      return tx.apiScope.create({ data: { ...input, apiId }, select: scopeSelect });
    });
    return toScopeDto(row);
  } catch (error) {
    // Another request took the name between our check and our insert.
    if (isUniqueViolation(error)) throw scopeNameTaken(input.name, null);
    throw error;
  }
}
