import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { apiSelect, toApiDto } from "@/lib/apis/api-dto";
import { requireResourceUriFree } from "@/lib/apis/resource-uri";
import type { ApiDto, TUpdateApiRequest } from "@/lib/apis/schemas";
import { recordAudit } from "@/lib/audit/record";
import { requireApi, requireLifetimesUnchanged } from "@/lib/auth/permissions";
import { changeConfig } from "@/lib/config/change";
import { db } from "@/lib/db/client";
import { nextVersion, versionedUpdate } from "@/lib/db/versioned";
import { AppError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { builtIn as builtInRefusal } from "@/lib/scopes/built-in";
import { requireServerFieldsUnchanged } from "@/lib/validation";

export async function updateApi(actor: Actor, id: string, input: TUpdateApiRequest): Promise<ApiDto> {
  requireApi(actor, id);
  return changeConfig(db(), (tx) => updateApiIn(tx, actor, id, input));
}

/** updateApi inside a transaction of the caller's (also lib/config-file's apply). */
export async function updateApiIn(
  tx: Prisma.TransactionClient,
  actor: Actor,
  id: string,
  input: TUpdateApiRequest,
): Promise<ApiDto> {
  requireApi(actor, id);
  const { name, version, id: sentId, builtIn, createdAt, scopeCount: _count, updatedAt: _updated, ...changes } = input;
  const row = await tx.api.findUnique({ where: { id }, select: apiSelect });
  if (!row) throw notFound("The API");
  const before = toApiDto(row);
  if (name !== undefined && name !== before.name) {
    const message = "The name of an API cannot be changed.";
    throw new AppError("BAD_REQUEST", message, { name: [message] });
  }
  requireServerFieldsUnchanged(before, { id: sentId, builtIn, createdAt });
  if (changes.resourceUri !== undefined && changes.resourceUri !== before.resourceUri) {
    // The console's bearer gate accepts the built-in API's identifier (CONSOLE_API_AUDIENCES).
    if (before.builtIn) throw builtInRefusal("its resource identifier cannot be changed.", "resourceUri");
    await requireResourceUriFree(tx, changes.resourceUri, id);
  }
  requireLifetimesUnchanged(actor, changes, before);
  const after = toApiDto(
    await versionedUpdate(
      tx.api.update({ where: { id, version }, data: { ...changes, ...nextVersion }, select: apiSelect }),
      "The API",
    ),
  );
  await recordAudit(tx, actor, {
    action: "update",
    resourceType: "api",
    resourceId: id,
    resourceName: after.name,
    before,
    after,
  });
  return after;
}
