import "server-only";
import { apiSelect, toApiDto } from "@/lib/apis/api-dto";
import type { ApiDto, TCreateApiRequest } from "@/lib/apis/schemas";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";

export async function createApi(input: TCreateApiRequest): Promise<ApiDto> {
  try {
    return toApiDto(await db().api.create({ data: input, select: apiSelect }));
  } catch (error) {
    if (isUniqueViolation(error)) {
      const message = `An API named "${input.name}" already exists.`;
      throw new AppError("CONFLICT", message, { name: [message] });
    }
    throw error;
  }
}
