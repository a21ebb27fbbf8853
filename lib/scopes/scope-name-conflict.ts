import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";

type Db = Pick<PrismaClient, "apiScope">;

/** Scope names are unique across the service; a clash names the API that holds the name. */
export async function assertScopeNameFree(tx: Db, name: string): Promise<void> {
  const holder = await tx.apiScope.findUnique({
    where: { name },
    select: { api: { select: { name: true, displayName: true } } },
  });
  if (holder) throw scopeNameTaken(name, holder.api.displayName || holder.api.name);
}

export function scopeNameTaken(name: string, apiLabel: string | null): AppError {
  const message = apiLabel
    ? `The scope name "${name}" is already used by the API "${apiLabel}".`
    : `The scope name "${name}" is already used.`;
  return new AppError("CONFLICT", message, { name: [message] });
}
