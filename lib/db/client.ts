// The one Prisma client of a process, built on the pg driver adapter (no native engine).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { singleton } from "@/lib/singleton";

/** Connections per process on a PostgreSQL server. */
export const DATABASE_POOL_SIZE = 10;
/**
 * The embedded database is one PGlite session, and its socket server interleaves the messages of
 * concurrent connections (one connection's Parse/Bind can land between another's): a single
 * connection per process keeps each query and transaction whole.
 */
export const EMBEDDED_POOL_SIZE = 1;
/** With one connection, a transaction may wait for others to finish. */
const TRANSACTION_MAX_WAIT_MS = 10_000;

export function createPrismaClient(databaseUrl: string, poolSize = poolSizeFromEnv()): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: poolSize });
  return new PrismaClient({ adapter, transactionOptions: { maxWait: TRANSACTION_MAX_WAIT_MS } });
}

/** DATABASE_POOL_SIZE, which the server sets to EMBEDDED_POOL_SIZE on the embedded database. */
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
