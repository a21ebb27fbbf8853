// Signing keys: generated on first start, private keys encrypted at rest, rotated while tokens
// signed with a retired key still verify (retired keys stay in the JWKS).
import { randomBytes } from "node:crypto";
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { decrypt, encrypt } from "@/lib/oauth/key-encryption";

/** ES256: fast to sign, so that issuing a token costs little. */
export const SIGNING_ALG = "ES256";

type Db = Pick<PrismaClient, "signingKey">;
type Key = Awaited<ReturnType<typeof importJWK>>;

export interface KeyRing {
  active: { kid: string; key: Key };
  /** Every published key: the active one and the retired ones. */
  jwks: { keys: JWK[] };
  verificationKeys: Map<string, Key>;
}

async function createKey(tx: Db, kek: Buffer): Promise<void> {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const kid = randomBytes(12).toString("base64url");
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALG, use: "sig" };
  await tx.signingKey.create({
    data: {
      kid,
      alg: SIGNING_ALG,
      publicJwk: publicJwk as Prisma.InputJsonValue,
      encryptedPrivateJwk: encrypt(kek, JSON.stringify(await exportJWK(privateKey))),
    },
  });
}

/** Creates the first key when there is no active one. */
export async function ensureSigningKey(prisma: PrismaClient, kek: Buffer): Promise<void> {
  if ((await prisma.signingKey.count({ where: { retiredAt: null } })) === 0) await createKey(prisma, kek);
}

/** Retires the active key and creates a new one, in one transaction. */
export async function rotateSigningKey(tx: Prisma.TransactionClient, kek: Buffer): Promise<void> {
  await tx.signingKey.updateMany({ where: { retiredAt: null }, data: { retiredAt: new Date() } });
  await createKey(tx, kek);
}

export async function loadKeyRing(prisma: Db, kek: Buffer): Promise<KeyRing> {
  const rows = await prisma.signingKey.findMany({ orderBy: { createdAt: "desc" } });
  const activeRow = rows.find((row) => row.retiredAt === null);
  if (!activeRow) throw new Error("No active signing key: start the server to create one.");
  const verificationKeys = new Map<string, Key>();
  for (const row of rows) verificationKeys.set(row.kid, await importJWK(row.publicJwk as JWK, row.alg));
  const privateJwk = JSON.parse(decrypt(kek, activeRow.encryptedPrivateJwk)) as JWK;
  return {
    active: { kid: activeRow.kid, key: await importJWK(privateJwk, activeRow.alg) },
    jwks: { keys: rows.map((row) => row.publicJwk as JWK) },
    verificationKeys,
  };
}
