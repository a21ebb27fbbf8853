// Signing keys: generated on first start, private keys encrypted at rest, rotated while tokens
// signed with a retired key still verify (retired keys stay in the JWKS). One active key per
// algorithm: ES256 for access tokens, RS256 for ID tokens.
import { KeyObject, randomBytes } from "node:crypto";
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { decrypt, encrypt } from "@/lib/oauth/key-encryption";

/** Access tokens: ES256, fast to sign, so that issuing a token costs little. */
export const SIGNING_ALG = "ES256";
/** ID tokens: RS256, which every OpenID Connect provider must offer and every client accepts by default. */
export const ID_TOKEN_SIGNING_ALG = "RS256";
export const SIGNING_ALGS = [SIGNING_ALG, ID_TOKEN_SIGNING_ALG] as const;
export type SigningAlg = (typeof SIGNING_ALGS)[number];

type Db = Pick<PrismaClient, "signingKey">;
type Key = Awaited<ReturnType<typeof importJWK>>;

export interface KeyRing {
  /** The active key of each algorithm, for jose and, on the token endpoint's hot path, node:crypto. */
  active: Record<SigningAlg, { kid: string; key: Key; keyObject: KeyObject }>;
  /** Every published key: the active ones and the retired ones. */
  jwks: { keys: JWK[] };
  verificationKeys: Map<string, Key>;
}

/** jose's key resolver over the key ring: the published key the token's `kid` names, or a refusal. */
export const verificationKeyOf =
  (keys: KeyRing) =>
  (header: { kid?: string }): Key => {
    const key = header.kid ? keys.verificationKeys.get(header.kid) : undefined;
    if (!key) throw new Error("unknown key");
    return key;
  };

async function createKey(tx: Db, kek: Buffer, alg: SigningAlg): Promise<void> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const kid = randomBytes(12).toString("base64url");
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: "sig" };
  await tx.signingKey.create({
    data: {
      kid,
      alg,
      publicJwk: publicJwk as Prisma.InputJsonValue,
      encryptedPrivateJwk: encrypt(kek, JSON.stringify(await exportJWK(privateKey))),
    },
  });
}

/** Creates the first key of each algorithm that has no active one. */
export async function ensureSigningKey(prisma: PrismaClient, kek: Buffer): Promise<void> {
  for (const alg of SIGNING_ALGS) {
    if ((await prisma.signingKey.count({ where: { retiredAt: null, alg } })) === 0) await createKey(prisma, kek, alg);
  }
}

/** Retires the active keys and creates new ones, in one transaction. */
export async function rotateSigningKey(tx: Prisma.TransactionClient, kek: Buffer): Promise<void> {
  await tx.signingKey.updateMany({ where: { retiredAt: null }, data: { retiredAt: new Date() } });
  for (const alg of SIGNING_ALGS) await createKey(tx, kek, alg);
}

export async function loadKeyRing(prisma: Db, kek: Buffer): Promise<KeyRing> {
  const rows = await prisma.signingKey.findMany({ orderBy: { createdAt: "desc" } });
  const verificationKeys = new Map<string, Key>();
  for (const row of rows) verificationKeys.set(row.kid, await importJWK(row.publicJwk as JWK, row.alg));
  const active = {} as KeyRing["active"];
  for (const alg of SIGNING_ALGS) {
    const row = rows.find((candidate) => candidate.retiredAt === null && candidate.alg === alg);
    if (!row) throw new Error(`No active ${alg} signing key: start the server to create one.`);
    const privateJwk = JSON.parse(decrypt(kek, row.encryptedPrivateJwk)) as JWK;
    const key = await importJWK(privateJwk, alg);
    active[alg] = { kid: row.kid, key, keyObject: KeyObject.from(key as CryptoKey) };
  }
  return { active, jwks: { keys: rows.map((row) => row.publicJwk as JWK) }, verificationKeys };
}
