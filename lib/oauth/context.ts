// What every protocol handler needs: the issuer, the database, the cached configuration and a
// clock (tests replace it to reach expiry without waiting).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ConfigCache } from "@/lib/oauth/config-cache";
import type { ClientRateLimiter } from "@/lib/rate-limit/client-rate-limiter";

export interface OAuthContext {
  issuer: string;
  prisma: PrismaClient;
  config: ConfigCache;
  /** Requests per client at the token and revocation endpoints. */
  clientLimiter: ClientRateLimiter;
  /** Epoch seconds. */
  now: () => number;
}

export const systemClock = () => Math.floor(Date.now() / 1000);
