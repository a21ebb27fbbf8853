// Secrets that are stored only as hashes: client secrets, authorization codes, refresh tokens and
// session cookies. All are 256 random bits, so SHA-256 is enough (there is no dictionary to
// search) and stays fast on the hot paths.
import { createHash, timingSafeEqual } from "node:crypto";

/** The stored form of a secret: its SHA-256, hex. */
export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** A stored hash as bytes: decoded once by whoever keeps it (the protocol path's client cache). */
export const secretDigest = (hash: string | null) => (hash ? Buffer.from(hash, "hex") : null);

/** Whether a presented secret is the one whose digest is kept, in constant time. */
export function secretMatches(secret: string, digest: Buffer | null): boolean {
  if (!digest) return false;
  const given = createHash("sha256").update(secret).digest();
  return given.length === digest.length && timingSafeEqual(given, digest);
}
