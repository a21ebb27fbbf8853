// What every protocol handler needs: the issuer, the database, the cached configuration and a
// clock (tests replace it to reach expiry without waiting).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ConfigCache } from "@/lib/oauth/config-cache";

export interface OAuthContext {
  issuer: string;
  prisma: PrismaClient;
  config: ConfigCache;
  /** Epoch seconds. */
  now: () => number;
}

export const systemClock = () => Math.floor(Date.now() / 1000);
