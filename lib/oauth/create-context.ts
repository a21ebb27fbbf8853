import { type ChangeSignal, changeSignal } from "@/lib/config/change";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DEFAULT_REFRESH_REUSE_INTERVAL_SECONDS } from "@/lib/issuing";
import { ConfigCache } from "@/lib/oauth/config-cache";
import type { OAuthContext } from "@/lib/oauth/context";
import { RefreshChainCache } from "@/lib/oauth/refresh-chains";
import { RefreshRotations } from "@/lib/oauth/refresh-rotations";
import { ensureSigningKey } from "@/lib/oauth/signing-keys";
import { VerifiedTokenCache } from "@/lib/oauth/verified-tokens";
import { ClientRateLimiter, DEFAULT_TOKEN_REQUESTS_PER_MINUTE } from "@/lib/rate-limit/client-rate-limiter";
import { type Clock, systemClock } from "@/lib/time/epoch";
import { UsageRecorder } from "@/lib/usage/recorder";

/** Readies the protocol path: a signing key exists, the configuration cache is set up, the limiter knows the open windows. */
export async function createOAuthContext(options: {
  issuer: string;
  prisma: PrismaClient;
  kek: Buffer;
  now?: Clock;
  pollMs?: number;
  /** Token requests per client per minute (TOKEN_RATE_LIMIT). */
  tokenRateLimit?: number;
  /** This process's changes (the console's and the protocol path's own): the process's one signal by default. */
  signal?: ChangeSignal;
  /** Count the tokens issued per scope (USAGE_COUNTING); on by default. */
  usageCounting?: boolean;
  /** The refresh token reuse interval in seconds (REFRESH_REUSE_INTERVAL); 0 turns it off. */
  refreshReuseInterval?: number;
}): Promise<OAuthContext> {
  await ensureSigningKey(options.prisma, options.kek);
  const now = options.now ?? systemClock;
  const clientLimiter = new ClientRateLimiter(options.prisma, {
    limit: options.tokenRateLimit ?? DEFAULT_TOKEN_REQUESTS_PER_MINUTE,
    now,
  });
  // Before the first token request: a restart must not hand a client at its limit a fresh budget.
  await clientLimiter.load();
  return {
    issuer: options.issuer,
    prisma: options.prisma,
    config: new ConfigCache(options.prisma, options.kek, options.signal ?? changeSignal, options.pollMs),
    clientLimiter,
    usage: new UsageRecorder(options.prisma, { enabled: options.usageCounting ?? true }),
    verifiedTokens: new VerifiedTokenCache(),
    refreshChains: new RefreshChainCache(),
    rotations: new RefreshRotations(options.prisma),
    refreshReuseInterval: options.refreshReuseInterval ?? DEFAULT_REFRESH_REUSE_INTERVAL_SECONDS,
    now,
  };
}
