import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";

type Db = Pick<PrismaClient, "apiScope">;

/**
 * The ids of the scopes a client is to be allowed, by name: a client refers to its scopes by
 * identity (ClientScope), and may only be allowed scopes that exist.
 */
export async function resolveClientScopes(tx: Db, names: string[]): Promise<string[]> {
  const unique = [...new Set(names)];
  if (unique.length === 0) return [];
  const found = await tx.apiScope.findMany({
    where: { name: { in: unique } },
    select: { id: true, name: true },
  });
  const known = new Map(found.map((scope) => [scope.name, scope]));
  const unknown = unique.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    const message = `Unknown scopes: ${unknown.join(", ")}.`;
    throw new AppError("BAD_REQUEST", message, { allowedScopes: [message] });
  }
  return found.map((scope) => scope.id);
}

/** The ClientScope rows of a client's allowed scopes, as a nested write. */
export const clientScopeRows = (scopeIds: string[]) => scopeIds.map((scopeId) => ({ scopeId }));
