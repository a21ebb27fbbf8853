// Recognises the database errors that services turn into typed errors.
import { Prisma } from "@/lib/generated/prisma/client";

/** A unique constraint was violated (Prisma P2002). */
export const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/** The row to update or delete no longer exists (Prisma P2025). */
export const isRecordNotFound = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025";
