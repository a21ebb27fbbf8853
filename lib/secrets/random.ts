// Random values: opaque tokens (codes, refresh tokens, session cookies) stored only as their hash,
// and identifiers that must be unguessable but are no secret.
import { randomBytes } from "node:crypto";
import { hashSecret } from "@/lib/secrets/hash";

export const OPAQUE_TOKEN_BYTES = 32;

/** A new random value and the hash that is stored in its place. */
export function newOpaqueToken(): { value: string; hash: string } {
  const value = randomBytes(OPAQUE_TOKEN_BYTES).toString("base64url");
  return { value, hash: hashSecret(value) };
}

/** How an opaque token is looked up: by the hash it was stored as. */
export const hashOpaqueToken = hashSecret;

/** Identifiers that must be unique and unguessable but are no secret (`jti`, grant ids): 128 bits. */
export const RANDOM_ID_BYTES = 16;
/** Drawn from a pool refilled RANDOM_ID_POOL_IDS at a time: one call into the CSPRNG costs more than the id. */
const RANDOM_ID_POOL_IDS = 256;
let idPool = Buffer.alloc(0);
let idOffset = 0;

export function newRandomId(): string {
  if (idOffset + RANDOM_ID_BYTES > idPool.length) {
    idPool = randomBytes(RANDOM_ID_BYTES * RANDOM_ID_POOL_IDS);
    idOffset = 0;
  }
  const id = idPool.toString("base64url", idOffset, idOffset + RANDOM_ID_BYTES);
  idOffset += RANDOM_ID_BYTES;
  return id;
}
