import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashOpaqueToken } from "@/lib/oauth/opaque-tokens";

/** A refresh token that can still be used: known, not rotated, unexpired, its grant not revoked. */
export async function findRefreshToken(prisma: PrismaClient, value: string, now: number) {
  const row = await prisma.refreshToken.findUnique({ where: { id: hashOpaqueToken(value) }, include: { grant: true } });
  if (!row || row.rotatedAt || row.grant.revokedAt || row.expiresAt.getTime() <= now * 1000) return null;
  return row;
}
