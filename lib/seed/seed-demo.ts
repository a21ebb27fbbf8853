import type { PrismaClient } from "@/lib/generated/prisma/client";
import { defaultResourceUri } from "@/lib/issuing";
import { DEMO_APIS } from "@/lib/seed/demo-data";

/** Seeds the demo APIs into an empty database only; returns whether it seeded. */
export async function seedDemoIfEmpty(prisma: PrismaClient): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    // The console's own API is in every database (lib/scopes/built-in.ts): it does not count.
    if ((await tx.api.count({ where: { builtIn: false } })) > 0) return false;
    for (const { scopes, ...api } of DEMO_APIS) {
      await tx.api.create({
        data: { ...api, resourceUri: defaultResourceUri(api.name), scopes: { create: scopes } },
      });
    }
    return true;
  });
}
