// Ended rate limit windows are dead rows (a new window overwrites its key's row anyway): each
// process deletes them now and then, so that the table holds only the windows still open.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { deleteEndedWindows } from "@/lib/rate-limit/counter";

/**
 * How often: the longest window is 15 minutes, so the table holds at most about two windows' worth
 * of keys, and with several processes each deleting, a row rarely waits that long.
 */
export const CLEANUP_INTERVAL_MS = 10 * 60 * 1000;

/** Deletes ended windows every CLEANUP_INTERVAL_MS until the returned function is called. */
export function startRateLimitCleanup(prisma: PrismaClient, now: () => number): () => void {
  const timer = setInterval(() => {
    deleteEndedWindows(prisma, now()).catch((error) => console.error("Rate limit clean-up failed.", error));
  }, CLEANUP_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
