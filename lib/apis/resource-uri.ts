import "server-only";
// An API's resource identifier is unique: a `resource` names one API. Checked before the write so
// that the refusal names the field (a unique violation of a race is the caller's 409 still).
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

/** 409 with a field error when another API than `exceptId` has `resourceUri`. */
export async function requireResourceUriFree(
  tx: Pick<Prisma.TransactionClient, "api">,
  resourceUri: string,
  exceptId?: string,
): Promise<void> {
  const other = await tx.api.findFirst({
    where: { resourceUri, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { name: true },
  });
  if (!other) return;
  const message = `The API "${other.name}" already has the resource identifier ${resourceUri}.`;
  throw new AppError("CONFLICT", message, { resourceUri: [message] });
}
