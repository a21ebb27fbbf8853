import "server-only";
// At least one enabled admin always remains, or nobody could manage users again. The rule holds
// across processes because it is kept in the database: a change that would take a user's admin
// role or account away first locks the enabled admins' rows (in one order, so two such changes
// wait for each other rather than deadlock), then counts the others. Two admins demoting each
// other at once: the second waits for the first, then finds itself the last and is refused. The
// lock is FOR NO KEY UPDATE, the one the update itself takes: a new session, which only refers to
// the row, does not wait for it.
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

export const LAST_ADMIN = "At least one enabled admin must remain: make another user an admin first.";

/** Refuses (409) to take admin away from `userId` when no other enabled admin would remain. */
export async function assertAnotherAdminRemains(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "User" WHERE role = 'admin' AND "disabledAt" IS NULL ORDER BY id FOR NO KEY UPDATE`;
  const isEnabledAdmin = admins.some((admin) => admin.id === userId);
  if (isEnabledAdmin && admins.length === 1) throw new AppError("CONFLICT", LAST_ADMIN);
}
