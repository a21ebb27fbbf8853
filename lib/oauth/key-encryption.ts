// The key that encrypts signing keys at rest: KEY_ENCRYPTION_KEY (base64, 32 bytes), or a file
// in DATA_DIR created on first start (0600). AES-256-GCM: iv | tag | ciphertext, base64.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_FILE = "key-encryption.key";
/** Only the server's own user reads the generated key. */
const KEY_FILE_MODE = 0o600;
/** 32 bytes in base64 (or base64url): 43 characters, and the padding "=" or not. */
const BASE64_KEY = /^[A-Za-z0-9+/_-]{43}=?$/;

/** The key of a base64 text, or null when it is not exactly 32 bytes in base64. */
function parseKey(text: string): Buffer | null {
  if (!BASE64_KEY.test(text)) return null;
  const key = Buffer.from(text, "base64");
  return key.length === KEY_BYTES ? key : null;
}

/**
 * Creates the key file with a new key, or leaves the one another process created first. The key
 * is written to a temporary file in the same folder and flushed to disk before it is linked to its
 * name, so that a crash never leaves the name pointing at an empty or partly written file.
 */
function createKeyFile(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  const fd = openSync(temporary, "wx", KEY_FILE_MODE);
  try {
    writeSync(fd, randomBytes(KEY_BYTES).toString("base64"));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    // A link, not a rename: it never replaces a key another process has just created.
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(temporary);
  }
  // The new name itself reaches the disk with its folder.
  const dir = openSync(path.dirname(file), "r");
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

function readKeyFile(file: string): Buffer {
  const key = parseKey(readFileSync(file, "utf8").trim());
  if (key) return key;
  throw new Error(
    `${file} does not hold a key-encryption key (32 bytes in base64, 44 characters): it is empty or damaged, ` +
      "perhaps by a crash while it was first written. Restore it from a backup, or set KEY_ENCRYPTION_KEY to the " +
      "key it held. Only if no signing key was ever encrypted with it (a first start that failed), delete the " +
      "file and start again to generate a new one.",
  );
}

/** KEY_ENCRYPTION_KEY, or the key of DATA_DIR/key-encryption.key (created on the first start). */
export function loadKeyEncryptionKey(env: { KEY_ENCRYPTION_KEY?: string; DATA_DIR: string }): Buffer {
  if (env.KEY_ENCRYPTION_KEY !== undefined) {
    const key = parseKey(env.KEY_ENCRYPTION_KEY.trim());
    if (!key) throw new Error("KEY_ENCRYPTION_KEY must be 32 bytes, base64-encoded (44 characters)");
    return key;
  }
  const file = path.resolve(env.DATA_DIR, KEY_FILE);
  try {
    return readKeyFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  createKeyFile(file);
  return readKeyFile(file);
}

export function encrypt(key: Buffer, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64");
}

export function decrypt(key: Buffer, sealed: string): string {
  const data = Buffer.from(sealed, "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, data.subarray(0, IV_BYTES));
  decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
}
