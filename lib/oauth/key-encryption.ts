// The key that encrypts signing keys at rest: KEY_ENCRYPTION_KEY (base64, 32 bytes), or a file
// in DATA_DIR created on first start (0600). AES-256-GCM: iv | tag | ciphertext, base64.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_FILE = "key-encryption.key";

export function loadKeyEncryptionKey(env: { KEY_ENCRYPTION_KEY?: string; DATA_DIR: string }): Buffer {
  if (env.KEY_ENCRYPTION_KEY) {
    const key = Buffer.from(env.KEY_ENCRYPTION_KEY, "base64");
    if (key.length !== KEY_BYTES) throw new Error("KEY_ENCRYPTION_KEY must be 32 bytes, base64-encoded");
    return key;
  }
  const file = path.resolve(env.DATA_DIR, KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(KEY_BYTES).toString("base64"), { mode: 0o600, flag: "wx" });
  }
  return loadKeyEncryptionKey({ KEY_ENCRYPTION_KEY: readFileSync(file, "utf8").trim(), DATA_DIR: env.DATA_DIR });
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
