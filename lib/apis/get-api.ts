import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { apiSelect, toApiDto } from "@/lib/apis/api-dto";
import type { ApiDto } from "@/lib/apis/schemas";
import { requireApi } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

export async function getApi(actor: Actor, id: string): Promise<ApiDto> {
  requireApi(actor, id);
  const row = await db().api.findUnique({ where: { id }, select: apiSelect });
  if (!row) throw notFound("The API");
  return toApiDto(row);
}
