import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decrypt, encrypt, KEY_FILE, loadKeyEncryptionKey } from "@/lib/oauth/key-encryption";

let dataDir: string;
let file: string;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), "key-encryption-"));
  file = path.join(dataDir, KEY_FILE);
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const load = () => loadKeyEncryptionKey({ DATA_DIR: dataDir });

describe("the key-encryption key file", () => {
  it("is created on the first start, mode 0600, with nothing else left in the folder, and read again after", () => {
    const key = load();
    expect(key).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dataDir)).toEqual([KEY_FILE]);
    expect(readFileSync(file, "utf8")).toBe(key.toString("base64"));
    expect(load().equals(key)).toBe(true);
    expect(decrypt(load(), encrypt(key, "a signing key"))).toBe("a signing key");
  });

  it("is created even where a crash left a half-written temporary file", () => {
    writeFileSync(`${file}.0123456789ab.tmp`, "abc");
    expect(load()).toHaveLength(32);
  });

  const damaged: Record<string, string> = {
    "empty (a crash between creating and writing it)": "",
    "only white space": " \n",
    "cut short": "q83vEjRWeJCrze8SNFZ4kKvN7xI",
    "not base64": "!".repeat(44),
    "16 bytes": Buffer.alloc(16, 1).toString("base64"),
    "31 bytes": Buffer.alloc(31, 1).toString("base64"),
    "33 bytes": Buffer.alloc(33, 1).toString("base64"),
    "two keys": `${Buffer.alloc(32, 1).toString("base64")}\n${Buffer.alloc(32, 2).toString("base64")}`,
  };
  for (const [what, content] of Object.entries(damaged)) {
    it(`${what}: the start fails at once, naming the file and what to do, and the file is kept`, () => {
      writeFileSync(file, content, { mode: 0o600 });
      expect(load).toThrow(file);
      expect(load).toThrow(/Restore it from a backup, or set KEY_ENCRYPTION_KEY/);
      expect(readFileSync(file, "utf8")).toBe(content);
    });
  }

  it("is not read when KEY_ENCRYPTION_KEY is set, which must be 32 bytes in base64", () => {
    writeFileSync(file, "");
    const key = Buffer.alloc(32, 7);
    for (const text of [key.toString("base64"), key.toString("base64url"), ` ${key.toString("base64")}\n`]) {
      expect(loadKeyEncryptionKey({ KEY_ENCRYPTION_KEY: text, DATA_DIR: dataDir }).equals(key)).toBe(true);
    }
    for (const text of ["", "short", Buffer.alloc(31).toString("base64"), "!".repeat(44)]) {
      expect(() => loadKeyEncryptionKey({ KEY_ENCRYPTION_KEY: text, DATA_DIR: dataDir })).toThrow(
        "KEY_ENCRYPTION_KEY must be 32 bytes",
      );
    }
  });
});
