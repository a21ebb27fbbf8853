// What each console role may do: every service calls these before it reads or writes anything.
import type { Actor } from "@/lib/accounts/roles";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";

type Db = Pick<PrismaClient, "apiScope">;

const forbidden = (message: string) => new AppError("FORBIDDEN", message);

/** Settings, users, the audit log, creating and deleting APIs: admins only. */
export function requireAdmin(actor: Actor, what: string): void {
  if (actor.role !== "admin") throw forbidden(`Only an admin can ${what}.`);
}

export const managesApi = (actor: Actor, apiId: string) => actor.role === "admin" || actor.apiIds.includes(apiId);

/** An API and its scopes: admins, and the service owners it is assigned to. */
export function requireApi(actor: Actor, apiId: string): void {
  if (!managesApi(actor, apiId)) throw forbidden("You do not manage this API.");
}

interface Lifetimes {
  accessTokenLifetime?: number | null;
  refreshTokenLifetime?: number | null;
}

/**
 * Service owners see lifetimes but cannot change them. A form sends every field back, so a value
 * equal to the current one (null on a create) is no change.
 */
export function requireLifetimesUnchanged(actor: Actor, input: Lifetimes, current: Lifetimes = {}): void {
  if (actor.role === "admin") return;
  for (const key of ["accessTokenLifetime", "refreshTokenLifetime"] as const) {
    if (input[key] !== undefined && input[key] !== (current[key] ?? null)) {
      throw forbidden("Only an admin can change token lifetimes.");
    }
  }
}

/**
 * A client belongs to the APIs of the scopes it may request: a service owner manages a client when
 * it has scopes and every one of them belongs to an API assigned to them.
 */
export async function managesClientScopes(tx: Db, actor: Actor, allowedScopes: string[]): Promise<boolean> {
  if (actor.role === "admin") return true;
  const names = [...new Set(allowedScopes)];
  if (names.length === 0 || actor.apiIds.length === 0) return false;
  const owned = await tx.apiScope.count({ where: { name: { in: names }, apiId: { in: actor.apiIds } } });
  return owned === names.length;
}

export async function requireClientScopes(tx: Db, actor: Actor, allowedScopes: string[]): Promise<void> {
  if (!(await managesClientScopes(tx, actor, allowedScopes))) {
    throw forbidden("You can manage only clients whose scopes all belong to APIs you manage.");
  }
}
