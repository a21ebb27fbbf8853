// What every protocol handler needs: the issuer, the database, the cached configuration and a
// clock (tests replace it to reach expiry without waiting). Handlers reach the database through
// `prisma` only.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ConfigCache } from "@/lib/oauth/config-cache";
import type { RefreshChainCache } from "@/lib/oauth/refresh-chains";
import type { RefreshRotations } from "@/lib/oauth/refresh-rotations";
import type { ActiveAccessToken } from "@/lib/oauth/token-status";
import type { VerifiedTokenCache } from "@/lib/oauth/verified-tokens";
import type { ClientRateLimiter } from "@/lib/rate-limit/client-rate-limiter";
import type { Clock } from "@/lib/time/epoch";
import type { UsageRecorder } from "@/lib/usage/recorder";

export interface OAuthContext {
  issuer: string;
  prisma: PrismaClient;
  config: ConfigCache;
  /** Requests per client at the token and revocation endpoints. */
  clientLimiter: ClientRateLimiter;
  /** Tokens issued per scope, client and day (lib/usage/recorder.ts). */
  usage: UsageRecorder;
  /** Access tokens already verified, by their hash (lib/oauth/verified-tokens.ts). */
  verifiedTokens: VerifiedTokenCache<ActiveAccessToken>;
  /** The grants of the refresh tokens this process issued, by the token's hash (lib/oauth/refresh-chains.ts). */
  refreshChains: RefreshChainCache;
  /** Rotations of refresh tokens, sent to the database in batches under load (lib/oauth/refresh-rotations.ts). */
  rotations: RefreshRotations;
  /** Seconds after a rotation in which a retry with the rotated refresh token may be answered (0: never). */
  refreshReuseInterval: number;
  now: Clock;
}
