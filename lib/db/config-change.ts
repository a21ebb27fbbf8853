// Changes to what the token endpoints cache (scopes, APIs, settings, clients) go through here:
// the same transaction bumps ConfigVersion, which every process polls, and this process's epoch.
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

const globalForConfig = globalThis as unknown as { scopeConsoleConfigEpoch?: number };

/** Changes on every config change made by this process (the console and the protocol path share it). */
export const configEpoch = () => globalForConfig.scopeConsoleConfigEpoch ?? 0;

export async function changeConfig<T>(change: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  const result = await db().$transaction(async (tx) => {
    const value = await change(tx);
    await tx.configVersion.upsert({
      where: { id: 1 },
      create: { id: 1, version: 1 },
      update: { version: { increment: 1 } },
    });
    return value;
  });
  globalForConfig.scopeConsoleConfigEpoch = configEpoch() + 1;
  return result;
}
