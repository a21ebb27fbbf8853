// Passwords are hashed with argon2id at OWASP's recommended cost (about 60 ms here).
import { randomBytes } from "node:crypto";
import { type Algorithm, hash, verify } from "@node-rs/argon2";

/** @node-rs/argon2's Algorithm.Argon2id (a const enum, which isolated modules cannot read). */
const ARGON2ID = 2 as Algorithm;

export const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
/** A generated password carries this many random bytes (24 characters in base64url). */
const GENERATED_PASSWORD_BYTES = 18;

export const hashPassword = (password: string) => hash(password, ARGON2_OPTIONS);

export async function verifyPassword(password: string, passwordHash: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

export const generatePassword = () => randomBytes(GENERATED_PASSWORD_BYTES).toString("base64url");
