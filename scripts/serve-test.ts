// Serves the console for the end-to-end tests on a database of its own: a fresh embedded one in
// a temporary DATA_DIR, or (with --postgres) a fresh database on TEST_DATABASE_URL's server.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { closeOnSignal, startServer } from "@/lib/server/start-server";
import { createTestDatabase } from "@/lib/testing/test-database";

let cleanup: () => Promise<void>;
if (process.argv.includes("--postgres")) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error("--postgres needs TEST_DATABASE_URL");
  const database = await createTestDatabase(serverUrl);
  process.env.DATABASE_URL = database.url;
  cleanup = () => database.drop();
} else {
  const dataDir = mkdtempSync(path.join(tmpdir(), "scope-console-e2e-"));
  delete process.env.DATABASE_URL;
  process.env.DATA_DIR = dataDir;
  cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
}

closeOnSignal(await startServer(), cleanup);
