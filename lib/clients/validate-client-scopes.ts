import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";

type Db = Pick<PrismaClient, "apiScope">;

/** A client may only be allowed scopes that exist. */
export async function assertScopesExist(tx: Db, names: string[]): Promise<void> {
  if (names.length === 0) return;
  const found = await tx.apiScope.findMany({ where: { name: { in: names } }, select: { name: true } });
  const known = new Set(found.map((scope) => scope.name));
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    const message = `Unknown scopes: ${unknown.join(", ")}.`;
    throw new AppError("BAD_REQUEST", message, { allowedScopes: [message] });
  }
}
