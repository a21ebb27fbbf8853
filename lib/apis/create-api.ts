import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { apiSelect, toApiDto } from "@/lib/apis/api-dto";
import { requireResourceUriFree } from "@/lib/apis/resource-uri";
import type { ApiDto, TCreateApiRequest } from "@/lib/apis/schemas";
import { recordAudit } from "@/lib/audit/record";
import { requireAdmin } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { defaultResourceUri } from "@/lib/issuing";

export async function createApi(actor: Actor, input: TCreateApiRequest): Promise<ApiDto> {
  requireAdmin(actor, "create APIs");
  try {
    return await db().$transaction((tx) => createApiIn(tx, actor, input));
  } catch (error) {
    if (isUniqueViolation(error)) {
      const message = `An API named "${input.name}" already exists.`;
      throw new AppError("CONFLICT", message, { name: [message] });
    }
    throw error;
  }
}

/** The creation inside a transaction of the caller's (also lib/config-file's apply). */
export async function createApiIn(
  tx: Prisma.TransactionClient,
  actor: Actor,
  input: TCreateApiRequest,
): Promise<ApiDto> {
  requireAdmin(actor, "create APIs");
  const resourceUri = input.resourceUri ?? defaultResourceUri(input.name);
  // A name taken is the caller's unique violation: 409 on the name, whatever the identifier.
  const nameTaken = await tx.api.findUnique({ where: { name: input.name }, select: { id: true } });
  if (!nameTaken) await requireResourceUriFree(tx, resourceUri);
  const api = toApiDto(await tx.api.create({ data: { ...input, resourceUri }, select: apiSelect }));
  await recordAudit(tx, actor, {
    action: "create",
    resourceType: "api",
    resourceId: api.id,
    resourceName: api.name,
    after: api,
  });
  return api;
}
