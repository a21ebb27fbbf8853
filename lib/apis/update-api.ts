import "server-only";
import { apiSelect, toApiDto } from "@/lib/apis/api-dto";
import type { ApiDto, TUpdateApiRequest } from "@/lib/apis/schemas";
import { changeConfig } from "@/lib/db/config-change";
import { AppError, notFound } from "@/lib/errors";

export async function updateApi(id: string, input: TUpdateApiRequest): Promise<ApiDto> {
  const { name, ...changes } = input;
  const row = await changeConfig(async (tx) => {
    const current = await tx.api.findUnique({ where: { id }, select: { name: true } });
    if (!current) throw notFound("The API");
    if (name !== undefined && name !== current.name) {
      const message = "The name of an API cannot be changed.";
      throw new AppError("BAD_REQUEST", message, { name: [message] });
    }
    return tx.api.update({ where: { id }, data: changes, select: apiSelect });
  });
  return toApiDto(row);
}
