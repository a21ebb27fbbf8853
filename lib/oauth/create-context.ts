import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ConfigCache } from "@/lib/oauth/config-cache";
import { type OAuthContext, systemClock } from "@/lib/oauth/context";
import { ensureSigningKey } from "@/lib/oauth/signing-keys";
import { ClientRateLimiter, DEFAULT_TOKEN_REQUESTS_PER_MINUTE } from "@/lib/rate-limit/client-rate-limiter";

/** Readies the protocol path: a signing key exists, the configuration cache is set up. */
export async function createOAuthContext(options: {
  issuer: string;
  prisma: PrismaClient;
  kek: Buffer;
  now?: () => number;
  pollMs?: number;
  /** Token requests per client per minute (TOKEN_RATE_LIMIT). */
  tokenRateLimit?: number;
}): Promise<OAuthContext> {
  await ensureSigningKey(options.prisma, options.kek);
  const now = options.now ?? systemClock;
  return {
    issuer: options.issuer,
    prisma: options.prisma,
    config: new ConfigCache(options.prisma, options.kek, options.pollMs),
    clientLimiter: new ClientRateLimiter(options.prisma, {
      limit: options.tokenRateLimit ?? DEFAULT_TOKEN_REQUESTS_PER_MINUTE,
      now,
    }),
    now,
  };
}
