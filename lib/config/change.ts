// What the protocol path caches comes in two parts that change apart: the configuration (scopes,
// APIs, settings, clients, signing keys) and the revocations (revoked access tokens, revoked
// grants, disabled users). A change to either goes through commitChange: the same transaction
// bumps that part's row of ConfigVersion, which every process polls, and after the commit this
// process's signal, so that its own caches reload at once. A revocation reloads the revocations
// only, never every client, scope and key.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { singleton } from "@/lib/singleton";

export type ChangeKind = "config" | "revocations";

/** The ConfigVersion row that counts each kind of change. */
export const VERSION_ROWS: Record<ChangeKind, number> = { config: 1, revocations: 2 };

/** Counts this process's committed changes of each kind (the caches compare it with what they loaded). */
export class ChangeSignal {
  private readonly counts: Record<ChangeKind, number> = { config: 0, revocations: 0 };

  current(kind: ChangeKind): number {
    return this.counts[kind];
  }

  changed(kinds: readonly ChangeKind[]): void {
    for (const kind of kinds) this.counts[kind] += 1;
  }
}

/** The process's one signal: the console's services and the protocol path's caches share it. */
export const changeSignal = singleton("change-signal", () => new ChangeSignal());

type Db = Pick<PrismaClient, "$transaction">;

/**
 * Thrown inside a change that turned out to change nothing (an edit saved as it was): the
 * transaction rolls back (no version moves, no audit entry) and commitChange returns `result`,
 * what the resource was and still is.
 */
export class NothingChanged extends Error {
  constructor(readonly result: unknown) {
    super("Nothing changed.");
    this.name = "NothingChanged";
  }
}

/**
 * Runs `change` in a transaction that also bumps the version of each kind it changes; a change
 * that throws NothingChanged is rolled back and answers what it carries.
 */
export async function commitChange<T>(
  prisma: Db,
  kinds: readonly ChangeKind[],
  change: (tx: Prisma.TransactionClient) => Promise<T>,
  signal: ChangeSignal = changeSignal,
): Promise<T> {
  let result: T;
  try {
    result = await prisma.$transaction(async (tx) => {
      const value = await change(tx);
      for (const kind of kinds) {
        const id = VERSION_ROWS[kind];
        await tx.configVersion.upsert({
          where: { id },
          create: { id, version: 1 },
          update: { version: { increment: 1 } },
        });
      }
      return value;
    });
  } catch (error) {
    if (error instanceof NothingChanged) return error.result as T;
    throw error;
  }
  signal.changed(kinds);
  return result;
}

/** A change of scopes, APIs, settings, clients or keys. */
export const changeConfig = <T>(prisma: Db, change: (tx: Prisma.TransactionClient) => Promise<T>) =>
  commitChange(prisma, ["config"], change);

/** A revocation: of an access token, a grant, or a user's access. */
export const changeRevocations = <T>(prisma: Db, change: (tx: Prisma.TransactionClient) => Promise<T>) =>
  commitChange(prisma, ["revocations"], change);
