import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ConfigCache } from "@/lib/oauth/config-cache";
import { type OAuthContext, systemClock } from "@/lib/oauth/context";
import { ensureSigningKey } from "@/lib/oauth/signing-keys";

/** Readies the protocol path: a signing key exists, the configuration cache is set up. */
export async function createOAuthContext(options: {
  issuer: string;
  prisma: PrismaClient;
  kek: Buffer;
  now?: () => number;
  pollMs?: number;
}): Promise<OAuthContext> {
  await ensureSigningKey(options.prisma, options.kek);
  return {
    issuer: options.issuer,
    prisma: options.prisma,
    config: new ConfigCache(options.prisma, options.kek, options.pollMs),
    now: options.now ?? systemClock,
  };
}
