// While the console runs on the embedded database, it leaves the database's loopback URL in
// DATA_DIR, so that scripts (`npm run seed:large`) reach the same database without opening its
// files a second time (PGlite's files belong to one process).
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded";

const HANDLE_FILE = "embedded-url";

export const embeddedDataPath = (dataDir: string) => path.resolve(dataDir, "pglite");

export function publishEmbeddedUrl(dataDir: string, url: string): () => void {
  const file = path.resolve(dataDir, HANDLE_FILE);
  writeFileSync(file, url);
  return () => rmSync(file, { force: true });
}

async function isReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** The database a script should use: DATABASE_URL, the running console's embedded one, or its files. */
export async function connectForScript(env: { DATABASE_URL?: string; DATA_DIR: string }) {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, stop: async () => {} };
  const file = path.resolve(env.DATA_DIR, HANDLE_FILE);
  if (existsSync(file)) {
    const url = readFileSync(file, "utf8").trim();
    if (await isReachable(url)) return { url, stop: async () => {} };
  }
  return startEmbeddedPostgres(embeddedDataPath(env.DATA_DIR));
}
