// Client identifiers and secrets: random, and secrets kept only as hashes.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** RFC 9700 / OWASP: a client secret carries 256 bits of randomness. */
export const CLIENT_SECRET_BYTES = 32;
const CLIENT_ID_BYTES = 12;

export const generateClientId = () => `client_${randomBytes(CLIENT_ID_BYTES).toString("base64url")}`;
export const generateClientSecret = () => randomBytes(CLIENT_SECRET_BYTES).toString("base64url");

/** SHA-256 is enough for a 256-bit random secret (no dictionary to search) and stays fast. */
export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** A stored hash as bytes: decoded once by whoever keeps it (the protocol path's client cache). */
export const secretDigest = (hash: string | null) => (hash ? Buffer.from(hash, "hex") : null);

export function secretMatches(secret: string, digest: Buffer | null): boolean {
  if (!digest) return false;
  const given = createHash("sha256").update(secret).digest();
  return given.length === digest.length && timingSafeEqual(given, digest);
}
