// The stored side of the authorization code flow: codes, remembered consent, grants and their
// refresh tokens. Codes and refresh tokens are kept only as hashes; revoking a grant revokes
// every token issued from it (refresh tokens by their row, access tokens by their `gid` claim).
import { changeRevocations } from "@/lib/config/change";
import { sqlOf } from "@/lib/db/client";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { newOpaqueToken, newRandomId } from "@/lib/secrets/random";
import { dateOf } from "@/lib/time/epoch";

export const newGrantId = newRandomId;

export async function issueAuthorizationCode(
  prisma: PrismaClient,
  code: {
    clientId: string;
    userId: string;
    redirectUri: string;
    scopes: string[];
    /** The request's resources (RFC 8707); absent when it named none. */
    resources?: string[];
    codeChallenge: string | null;
    nonce: string | null;
    authTime: number;
    /** The public id of the session that authorizes it. */
    sid: string | null;
    expiresAt: number;
  },
): Promise<string> {
  const { value, hash } = newOpaqueToken();
  await prisma.authorizationCode.create({
    data: { ...code, id: hash, authTime: dateOf(code.authTime), expiresAt: dateOf(code.expiresAt) },
  });
  return value;
}

/** Whether the user already allowed the client every one of these scopes. */
export async function consentCovers(prisma: PrismaClient, userId: string, clientId: string, scopes: string[]) {
  const consent = await prisma.consent.findUnique({ where: { userId_clientId: { userId, clientId } } });
  return consent !== null && scopes.every((scope) => consent.scopes.includes(scope));
}

/** Adds what the user just allowed to what they allowed the client before. */
export async function rememberConsent(prisma: PrismaClient, userId: string, clientId: string, scopes: string[]) {
  const previous = await prisma.consent.findUnique({ where: { userId_clientId: { userId, clientId } } });
  const merged = [...new Set([...(previous?.scopes ?? []), ...scopes])];
  await prisma.consent.upsert({
    where: { userId_clientId: { userId, clientId } },
    create: { userId, clientId, scopes: merged },
    update: { scopes: merged },
  });
}

/** Stores a grant's first refresh token (its successors come from rotateRefreshToken). */
export async function storeRefreshToken(
  tx: Prisma.TransactionClient,
  grantId: string,
  expiresAt: number,
): Promise<string> {
  const { value, hash } = newOpaqueToken();
  await tx.refreshToken.create({ data: { id: hash, grantId, expiresAt: dateOf(expiresAt) } });
  return value;
}

/**
 * Marks a refresh token rotated and, when `next` says so, stores its successor in the same grant
 * and names it on the rotated token, in one statement: a token rotated by a parallel request, an
 * expired one, or one whose grant was revoked or whose user was disabled meanwhile, yields null
 * and stores nothing (a refresh from lib/oauth/refresh-chains.ts relies on it to check them all).
 * (One round trip instead of a four-statement transaction: the database is the refresh grant's cost.)
 */
export async function rotateRefreshToken(
  prisma: PrismaClient,
  hash: string,
  now: number,
  next: { expiresAt: number } | null,
): Promise<{ refreshToken: string | null } | null> {
  if (!next) {
    const used = await prisma.refreshToken.updateMany({
      where: {
        id: hash,
        rotatedAt: null,
        expiresAt: { gt: dateOf(now) },
        grant: { revokedAt: null, user: { disabledAt: null } },
      },
      data: { rotatedAt: dateOf(now) },
    });
    return used.count === 1 ? { refreshToken: null } : null;
  }
  const { value, hash: nextHash } = newOpaqueToken();
  const stored = await rotateRefreshTokens(prisma, [{ hash, nextHash, now, expiresAt: next.expiresAt }]);
  return stored.has(nextHash) ? { refreshToken: value } : null;
}

/** A rotation of rotateRefreshTokens: the presented token's hash, its successor's, when, until when. */
export interface Rotation {
  hash: string;
  nextHash: string;
  now: number;
  expiresAt: number;
}

/**
 * rotateRefreshToken for many tokens in one statement (lib/oauth/refresh-rotations.ts batches
 * them): the hashes of the successors stored. A token presented twice in one call is rotated once
 * (an UPDATE changes a row once, whatever number of input rows join it), and the successor stored
 * names the winner. On the pool, prepared once per connection (lib/db/client.ts sqlOf): a
 * refresh's one round trip. Timestamps as epoch seconds turned into UTC, the way Prisma stores its
 * DateTime columns.
 */
export async function rotateRefreshTokens(prisma: PrismaClient, rotations: readonly Rotation[]): Promise<Set<string>> {
  const { rows } = await sqlOf(prisma).query<{ id: string }>({
    name: "rotate-refresh-tokens",
    text: ROTATE_REFRESH_TOKENS,
    values: [
      rotations.map((r) => r.hash),
      rotations.map((r) => r.nextHash),
      rotations.map((r) => r.now),
      rotations.map((r) => r.expiresAt),
    ],
  });
  return new Set(rows.map((row) => row.id));
}

/**
 * Whether the grant of the refresh token row `token` stands: not revoked, its user not disabled.
 * A scalar subquery rather than EXISTS on purpose: PostgreSQL turns EXISTS into a join it may
 * drive from Grant, and with statistics it has not gathered (a server whose autovacuum is off,
 * as on this machine's, never analyzes) it did so, visiting every live grant's tokens for each
 * batch: 26 ms for ten rotations at 6,000 grants instead of 1 ms. A subquery in the condition is
 * looked up by primary key for each token found, whatever the statistics say.
 */
const liveGrantOf = (token: string) => `(
  SELECT g."revokedAt" IS NULL AND u."disabledAt" IS NULL
  FROM "Grant" g JOIN "User" u ON u."id" = g."userId" WHERE g."id" = ${token}."grantId"
)`;

const ROTATE_REFRESH_TOKENS = `
  WITH input AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::double precision[], $4::double precision[])
      AS i(hash, next_hash, now, expires_at)
  ), used AS (
    UPDATE "RefreshToken" t SET "rotatedAt" = to_timestamp(i.now) AT TIME ZONE 'UTC', "successorId" = i.next_hash
    FROM input i
    WHERE t."id" = i.hash AND t."rotatedAt" IS NULL AND t."expiresAt" > to_timestamp(i.now) AT TIME ZONE 'UTC'
      AND ${liveGrantOf("t")}
    RETURNING t."grantId", t."successorId", i.now, i.expires_at
  )
  INSERT INTO "RefreshToken" ("id", "grantId", "expiresAt", "createdAt")
  SELECT "successorId", "grantId", to_timestamp(expires_at) AT TIME ZONE 'UTC', to_timestamp(now) AT TIME ZONE 'UTC'
  FROM used
  RETURNING "id"`;

/**
 * A retry within the reuse interval with the rotated token `hash`: its successor, if still unused
 * (neither rotated nor introspected), unexpired, and its grant and user still valid, is replaced
 * by a fresh token of the same grant that expires when the successor would have (or at
 * `next.expiresAt` if sooner: the refresh lifetime does not restart), and the rotated token names
 * the fresh one as its successor. One statement: the successor's row lock decides between
 * parallel requests, so that exactly one of them replaces it and a grant never has two live
 * refresh tokens. Null when nothing was replaced.
 */
export async function replaceSuccessor(
  prisma: PrismaClient,
  hash: string,
  now: number,
  next: { expiresAt: number },
): Promise<{ refreshToken: string; expiresAt: number } | null> {
  const { value, hash: freshHash } = newOpaqueToken();
  const rows = await prisma.$queryRaw<{ expiresAt: number }[]>`
    WITH replaced AS (
      UPDATE "RefreshToken" s SET "rotatedAt" = to_timestamp(${now}::double precision) AT TIME ZONE 'UTC'
      FROM "RefreshToken" p
      WHERE p."id" = ${hash} AND s."id" = p."successorId"
        AND s."rotatedAt" IS NULL AND s."introspectedAt" IS NULL
        AND s."expiresAt" > to_timestamp(${now}::double precision) AT TIME ZONE 'UTC'
        AND ${Prisma.raw(liveGrantOf("s"))}
      RETURNING s."grantId", s."expiresAt"
    ),
    fresh AS (
      INSERT INTO "RefreshToken" ("id", "grantId", "expiresAt", "createdAt")
      SELECT ${freshHash}, "grantId",
        LEAST("expiresAt", to_timestamp(${next.expiresAt}::double precision) AT TIME ZONE 'UTC'),
        to_timestamp(${now}::double precision) AT TIME ZONE 'UTC'
      FROM replaced
      RETURNING "id", "expiresAt"
    ),
    relinked AS (
      UPDATE "RefreshToken" p SET "successorId" = fresh."id" FROM fresh WHERE p."id" = ${hash}
    )
    SELECT floor(extract(epoch FROM "expiresAt"))::double precision AS "expiresAt" FROM fresh`;
  return rows.length === 1 ? { refreshToken: value, expiresAt: rows[0].expiresAt } : null;
}

/**
 * Whether its client never used a refresh token: not introspected, and not rotated by a refresh of
 * its own (which names a successor). One replaced by another retry (rotated, no successor) was not
 * used either: with several parallel retries the winner's token may already have given way to a
 * later retry's by the time a loser looks, and that is no theft.
 */
export async function isUnusedRefreshToken(prisma: PrismaClient, hash: string): Promise<boolean> {
  const token = await prisma.refreshToken.findUnique({
    where: { id: hash },
    select: { introspectedAt: true, rotatedAt: true, successorId: true },
  });
  return token !== null && token.introspectedAt === null && (token.rotatedAt === null || token.successorId === null);
}

/** Remembers that a refresh token's client introspected it: it was received, so retrying its predecessor is reuse. */
export async function markRefreshTokenIntrospected(prisma: PrismaClient, hash: string, now: number): Promise<void> {
  await prisma.refreshToken.updateMany({
    where: { id: hash, introspectedAt: null },
    data: { introspectedAt: dateOf(now) },
  });
}

/** Remembers that tokens of the grant may live until `expiresAt`, so that a revocation outlives them. */
export async function extendGrantTokens(tx: Pick<PrismaClient, "grant">, grantId: string, expiresAt: number) {
  await tx.grant.updateMany({
    where: { id: grantId, tokensExpireAt: { lt: dateOf(expiresAt) } },
    data: { tokensExpireAt: dateOf(expiresAt) },
  });
}

/** A grant as it is made, times in epoch seconds. */
export interface NewGrant {
  id: string;
  clientId: string;
  userId: string;
  scopes: string[];
  /** The authorization request's resources (RFC 8707); none (or absent) when it named none. */
  resources?: string[];
  issuedAt: number;
  authTime: number;
  tokensExpireAt: number;
  /** The public id of the session that authorized it (null for grants from before sessions had one). */
  sid?: string | null;
}

export function createGrant(tx: Prisma.TransactionClient, grant: NewGrant) {
  return tx.grant.create({
    data: {
      ...grant,
      issuedAt: dateOf(grant.issuedAt),
      authTime: dateOf(grant.authTime),
      tokensExpireAt: dateOf(grant.tokensExpireAt),
    },
  });
}

/**
 * Revokes a grant: its refresh tokens stop working at once, and every process's token endpoints
 * treat its access tokens as inactive (the change reaches their caches' revocations).
 */
export async function revokeGrant(prisma: PrismaClient, grantId: string, now: number): Promise<void> {
  await changeRevocations(prisma, async (tx) => {
    await tx.grant.updateMany({ where: { id: grantId, revokedAt: null }, data: { revokedAt: dateOf(now) } });
  });
}

/** Revokes one access token by its `jti`, until it would have expired anyway. */
export async function revokeAccessToken(prisma: PrismaClient, jti: string, expiresAt: number): Promise<void> {
  await changeRevocations(prisma, (tx) =>
    tx.revokedToken.upsert({ where: { jti }, create: { jti, expiresAt: dateOf(expiresAt) }, update: {} }),
  );
}
