// Rows that nothing can use any more: ended rate limit windows, expired sessions and authorization
// codes, revocations and grants whose tokens have all expired. Each process deletes them now and
// then, so that these tables hold only what is still alive.

import type { PrismaClient } from "@/lib/generated/prisma/client";
import { deleteEndedWindows } from "@/lib/rate-limit/counter";
import { dateOf } from "@/lib/time/epoch";

/**
 * How often: the longest rate limit window is 15 minutes, so that table holds at most about two
 * windows' worth of keys; the other rows are only dead weight meanwhile, never read as alive
 * (every lookup checks its expiry).
 */
export const HOUSEKEEPING_INTERVAL_MS = 10 * 60 * 1000;

/** Deletes every expired row; `now` in epoch seconds. Returns how many rows of each kind went. */
export async function deleteExpiredRows(prisma: PrismaClient, now: number) {
  const before = { lte: dateOf(now) };
  return {
    rateLimits: await deleteEndedWindows(prisma, now),
    sessions: (await prisma.session.deleteMany({ where: { expiresAt: before } })).count,
    authorizationCodes: (await prisma.authorizationCode.deleteMany({ where: { expiresAt: before } })).count,
    revokedTokens: (await prisma.revokedToken.deleteMany({ where: { expiresAt: before } })).count,
    // A grant is remembered (revoked or not) until the last token issued from it expires.
    grants: (await prisma.grant.deleteMany({ where: { tokensExpireAt: before } })).count,
  };
}

/**
 * Runs `task` every `intervalMs` until the returned function is called; a failure is logged and
 * the next run tries again. The timer does not keep the process alive.
 */
export function repeatEvery(intervalMs: number, task: () => Promise<unknown>, failure: string): () => void {
  const timer = setInterval(() => {
    task().catch((error) => console.error(failure, error));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Runs deleteExpiredRows every HOUSEKEEPING_INTERVAL_MS until the returned function is called. */
export function startHousekeeping(prisma: PrismaClient, now: () => number): () => void {
  return repeatEvery(HOUSEKEEPING_INTERVAL_MS, () => deleteExpiredRows(prisma, now()), "Deleting expired rows failed.");
}
