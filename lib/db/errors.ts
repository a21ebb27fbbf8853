// Recognises the database errors that services turn into typed errors.
import { Prisma } from "@/lib/generated/prisma/client";

/** A unique constraint was violated (Prisma P2002). */
export const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/** The row to update or delete no longer exists (Prisma P2025). */
export const isRecordNotFound = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025";

/** PostgreSQL's SQLSTATE of a foreign key violation. */
const FOREIGN_KEY_VIOLATION = "23503";

/**
 * The SQLSTATE PostgreSQL answered, as the pg driver adapter passes it on: inside a Prisma error's
 * `meta` (a raw query's P2010, or a model query's), or as the adapter's own error.
 */
function sqlStateOf(error: unknown): string | undefined {
  type Cause = { cause?: { originalCode?: unknown } };
  const adapterError =
    error instanceof Prisma.PrismaClientKnownRequestError
      ? (error.meta?.driverAdapterError as Cause | undefined)
      : error instanceof Error && error.name === "DriverAdapterError"
        ? (error as Cause)
        : undefined;
  const code = adapterError?.cause?.originalCode;
  return typeof code === "string" ? code : undefined;
}

/**
 * A row refers to one that is not there (Prisma P2003, or 23503 from a raw query): what it names
 * was deleted by another request at the same moment, between this one's check and its write.
 */
export const isForeignKeyViolation = (error: unknown) =>
  (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003") ||
  sqlStateOf(error) === FOREIGN_KEY_VIOLATION;
