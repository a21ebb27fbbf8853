// Authorization codes, refresh tokens and session cookies: 256 random bits, stored only as
// SHA-256 hashes (a fast hash is enough for a value nobody can guess).
import { randomBytes } from "node:crypto";
import { hashSecret } from "@/lib/clients/credentials";

export const OPAQUE_TOKEN_BYTES = 32;

/** A new random value and the hash that is stored in its place. */
export function newOpaqueToken(): { value: string; hash: string } {
  const value = randomBytes(OPAQUE_TOKEN_BYTES).toString("base64url");
  return { value, hash: hashSecret(value) };
}

export const hashOpaqueToken = hashSecret;

/** A JWT has three dot-separated parts; our opaque values never contain a dot. */
export const looksLikeJwt = (token: string) => token.split(".").length === 3;
