import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashOpaqueToken } from "@/lib/oauth/opaque-tokens";

/** The stored row of a refresh token, with its grant, whatever its state. */
export const lookupRefreshToken = (prisma: PrismaClient, value: string) =>
  prisma.refreshToken.findUnique({ where: { id: hashOpaqueToken(value) }, include: { grant: true } });

/** A refresh token that can still be used: known, not rotated, unexpired, its grant not revoked. */
export async function findRefreshToken(prisma: PrismaClient, value: string, now: number) {
  const row = await lookupRefreshToken(prisma, value);
  if (!row || row.rotatedAt || row.grant.revokedAt || row.expiresAt.getTime() <= now * 1000) return null;
  return row;
}
