// Fixed-window counters kept in the database (the RateLimit table), so that every process and a
// restarted one count together. A window starts at its key's first hit and ends at `resetAt`;
// each change is one atomic statement, so concurrent processes never lose a count.
// Timestamps go in as epoch seconds turned into UTC, the way Prisma stores its DateTime columns.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { dateOf } from "@/lib/time/epoch";

/** What to add to one key's window, and how long a window the key has when a new one starts. */
export interface WindowHit {
  key: string;
  amount: number;
  windowSeconds: number;
}

/** A key's count in its current window, which ends at `resetAt` (epoch seconds). */
export interface WindowCount {
  key: string;
  count: number;
  resetAt: number;
}

/** Seconds until a window ends, for Retry-After: a whole number, at least 1. */
export const secondsUntil = (resetAt: number, now: number) => Math.max(1, Math.ceil(resetAt - now));

type Row = { key: string; count: number; resetAt: number };

/**
 * Adds each hit's amount to its key's current window (a key whose window ended starts a new one)
 * and returns the resulting counts, in one statement. A hit of amount 0 adds nothing and writes
 * nothing: it reads the key's current count, if its window is still open. Keys are taken in one
 * order, so that two processes adding to the same keys cannot deadlock.
 */
export async function addToWindows(prisma: PrismaClient, hits: WindowHit[], now: number): Promise<WindowCount[]> {
  if (hits.length === 0) return [];
  const sorted = [...hits].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const keys = sorted.map((hit) => hit.key);
  const amounts = sorted.map((hit) => hit.amount);
  const windows = sorted.map((hit) => hit.windowSeconds);
  const rows = await prisma.$queryRaw<Row[]>`
    WITH input AS (
      SELECT * FROM unnest(${keys}::text[], ${amounts}::int[], ${windows}::int[]) AS i("key", "amount", "window")
    ),
    added AS (
      INSERT INTO "RateLimit" ("key", "count", "resetAt")
      SELECT "key", "amount", to_timestamp(${now}::double precision + "window") AT TIME ZONE 'UTC'
      FROM input WHERE "amount" > 0 ORDER BY "key"
      ON CONFLICT ("key") DO UPDATE SET
        "count" = CASE WHEN "RateLimit"."resetAt" <= to_timestamp(${now}::double precision) AT TIME ZONE 'UTC'
          THEN EXCLUDED."count" ELSE "RateLimit"."count" + EXCLUDED."count" END,
        "resetAt" = CASE WHEN "RateLimit"."resetAt" <= to_timestamp(${now}::double precision) AT TIME ZONE 'UTC'
          THEN EXCLUDED."resetAt" ELSE "RateLimit"."resetAt" END
      RETURNING "key", "count", "resetAt"
    )
    SELECT "key", "count", EXTRACT(EPOCH FROM "resetAt")::double precision AS "resetAt" FROM added
    UNION ALL
    SELECT r."key", r."count", EXTRACT(EPOCH FROM r."resetAt")::double precision
    FROM "RateLimit" r JOIN input i ON i."key" = r."key"
    WHERE i."amount" = 0 AND r."resetAt" > to_timestamp(${now}::double precision) AT TIME ZONE 'UTC'`;
  return rows.map((row) => ({ key: row.key, count: Number(row.count), resetAt: Number(row.resetAt) }));
}

/** The open windows of every key that starts with `prefix`, in one statement. */
export async function readWindows(prisma: PrismaClient, prefix: string, now: number): Promise<WindowCount[]> {
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT "key", "count", EXTRACT(EPOCH FROM "resetAt")::double precision AS "resetAt" FROM "RateLimit"
    WHERE starts_with("key", ${prefix}) AND "resetAt" > to_timestamp(${now}::double precision) AT TIME ZONE 'UTC'`;
  return rows.map((row) => ({ key: row.key, count: Number(row.count), resetAt: Number(row.resetAt) }));
}

/** Gives one hit back to each key whose window is still open (an attempt that turned out not to count). */
export async function takeBackFromWindows(prisma: PrismaClient, keys: string[], now: number): Promise<void> {
  if (keys.length === 0) return;
  await prisma.$executeRaw`
    UPDATE "RateLimit" SET "count" = GREATEST("count" - 1, 0)
    WHERE "key" = ANY(${keys}::text[]) AND "resetAt" > to_timestamp(${now}::double precision) AT TIME ZONE 'UTC'`;
}

/** Ends the windows of these keys: their counts start again from zero. */
export async function clearWindows(prisma: PrismaClient, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await prisma.rateLimit.deleteMany({ where: { key: { in: keys } } });
}

/** Deletes the windows that ended before `now`; returns how many. */
export async function deleteEndedWindows(prisma: PrismaClient, now: number): Promise<number> {
  const { count } = await prisma.rateLimit.deleteMany({ where: { resetAt: { lte: dateOf(now) } } });
  return count;
}
