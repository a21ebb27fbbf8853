// The one Prisma client of a process, built on the pg driver adapter (no native engine), and the
// pool under it, which the protocol path's hottest statements use directly (sqlOf).
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
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

/** Where a client keeps the pool under it, for sqlOf (a property, so that a Proxy of the client has it too). */
const POOL = Symbol("pool");

export function createPrismaClient(databaseUrl: string, poolSize = poolSizeFromEnv()): PrismaClient {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  // An idle connection that breaks (the server restarted) is dropped by the pool: said, not fatal.
  pool.on("error", (error) => console.error(`Database connection lost: ${error.message}`));
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const prisma = new PrismaClient({ adapter, transactionOptions: { maxWait: TRANSACTION_MAX_WAIT_MS } });
  Object.defineProperty(prisma, POOL, { value: pool });
  return prisma;
}

/**
 * The connection pool of a client, for a statement on the protocol path's hot path (a refresh):
 * one round trip without the client's query planning, which costs more CPU than the statement
 * (docs/architecture.md, The database). Everything else goes through Prisma.
 */
export function sqlOf(prisma: PrismaClient): pg.Pool {
  const pool = (prisma as PrismaClient & { [POOL]?: pg.Pool })[POOL];
  if (!pool) throw new Error("This Prisma client was not made by createPrismaClient");
  return pool;
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
