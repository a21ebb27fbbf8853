import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { KEY_FILE } from "@/lib/oauth/key-encryption";
import { startServer } from "@/lib/server/start-server";

/** Longer than reading a file, far shorter than reaching a database or building the console. */
const FAIL_FAST_MS = 2_000;

const dataDir = mkdtempSync(path.join(tmpdir(), "start-server-"));
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("startServer", () => {
  it("fails at once, naming the file, when DATA_DIR's key-encryption key is empty (a crash while it was written)", async () => {
    const file = path.join(dataDir, KEY_FILE);
    writeFileSync(file, "");
    vi.stubEnv("DATA_DIR", dataDir);
    vi.stubEnv("KEY_ENCRYPTION_KEY", "");
    // No database is reached first: this one is never listening.
    vi.stubEnv("DATABASE_URL", "postgresql://127.0.0.1:1/none");
    const started = Date.now();
    await expect(startServer()).rejects.toThrow(`${file} does not hold a key-encryption key`);
    expect(Date.now() - started).toBeLessThan(FAIL_FAST_MS);
  });
});
