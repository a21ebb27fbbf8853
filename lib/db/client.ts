// The one Prisma client of a process, built on the pg driver adapter (no native engine).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { singleton } from "@/lib/singleton";

/**
 * Connections per process, on the embedded server and on any other: enough for 20 concurrent
 * requests on two cores to keep the database busy (each waits for its commit's fsync, which
 * PostgreSQL groups), few enough that several workers stay far below max_connections.
 */
export const DATABASE_POOL_SIZE = 10;
/** How long a transaction may wait for a free connection of the pool. */
const TRANSACTION_MAX_WAIT_MS = 10_000;

export function createPrismaClient(databaseUrl: string, poolSize = poolSizeFromEnv()): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: poolSize });
  return new PrismaClient({ adapter, transactionOptions: { maxWait: TRANSACTION_MAX_WAIT_MS } });
}

/** DATABASE_POOL_SIZE from the environment, or its default. */
function poolSizeFromEnv(): number {
  const size = Number(process.env.DATABASE_POOL_SIZE);
  return Number.isInteger(size) && size > 0 ? size : DATABASE_POOL_SIZE;
}

/** The process-wide client for `DATABASE_URL`, created on first use. */
export const db = (): PrismaClient =>
  singleton("prisma", () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`");
    return createPrismaClient(url);
  });
