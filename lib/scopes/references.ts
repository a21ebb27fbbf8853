// What refers to a scope besides its row: the clients allowed it (ClientScope, by identity), and
// the consents, live grants and unredeemed codes that hold its name (what a user granted, as it
// was granted). The one place that counts them (the impact of a change) and that removes a name
// from them (when the scope is deleted, and when a scope is created under a name used before).
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { describeImpact, NO_IMPACT, type ScopeImpact } from "@/lib/scopes/impact";

type Tx = Pick<Prisma.TransactionClient, "$queryRaw" | "$executeRaw">;

/** Each client, consent and grant counts once, however many of the scopes it holds. */
export async function scopeImpact(tx: Tx, scopes: { id: string; name: string }[], now: Date): Promise<ScopeImpact> {
  if (scopes.length === 0) return NO_IMPACT;
  const ids = scopes.map((scope) => scope.id);
  const names = scopes.map((scope) => scope.name);
  const [row] = await tx.$queryRaw<{ allowedClients: number; consents: number; liveGrants: number }[]>`
    SELECT
      (SELECT count(DISTINCT "clientId")::int FROM "ClientScope" WHERE "scopeId" = ANY(${ids})) AS "allowedClients",
      (SELECT count(*)::int FROM "Consent" WHERE "scopes" && ${names}::text[]) AS "consents",
      (SELECT count(*)::int FROM "Grant" g JOIN "User" u ON u."id" = g."userId"
        WHERE g."scopes" && ${names}::text[] AND g."revokedAt" IS NULL AND u."disabledAt" IS NULL
          AND g."tokensExpireAt" > ${now}) AS "liveGrants"`;
  return row;
}

/** 409: the scope (or API) is in use; the request must name it again to go ahead. */
export function inUseConflict(what: string, name: string, impact: ScopeImpact): AppError {
  return new AppError(
    "CONFLICT",
    `${what} "${name}" is in use: ${describeImpact(impact)} To delete it anyway, send confirm=${name}.`,
    undefined,
    { impact },
  );
}

/**
 * Removes the names from every consent, grant and authorization code that holds them (in their
 * order), and drops consents left empty. Run in the transaction that deletes the scopes, and in
 * the one that creates a scope, so that a name used before starts with nothing.
 */
export async function forgetScopeNames(tx: Tx, names: string[]): Promise<void> {
  if (names.length === 0) return;
  const kept = Prisma.sql`ARRAY(SELECT n FROM unnest("scopes") WITH ORDINALITY AS t(n, i)
    WHERE NOT (n = ANY(${names}::text[])) ORDER BY i)`;
  const holders = Prisma.sql`"scopes" && ${names}::text[]`;
  await tx.$executeRaw`UPDATE "Consent" SET "scopes" = ${kept} WHERE ${holders}`;
  await tx.$executeRaw`DELETE FROM "Consent" WHERE cardinality("scopes") = 0`;
  await tx.$executeRaw`UPDATE "Grant" SET "scopes" = ${kept} WHERE ${holders}`;
  await tx.$executeRaw`UPDATE "AuthorizationCode" SET "scopes" = ${kept} WHERE ${holders}`;
}
