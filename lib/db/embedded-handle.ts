// The embedded database of a DATA_DIR, for the app and for scripts. The app starts it (and holds
// its lock); a script (`npm run seed:large`, `keys:rotate`, `user:create`) connects to the running
// app's server, or starts the server itself when no app runs, and never opens the files beside a
// running server.
import { existsSync } from "node:fs";
import path from "node:path";
import { type EmbeddedPostgres, runningServerUrl, startEmbeddedPostgres } from "@/lib/db/embedded";

/** The embedded database's directory inside DATA_DIR. */
export const embeddedDataPath = (dataDir: string) => path.resolve(dataDir, "postgres");

/** Starts the embedded database of DATA_DIR for the app: refused when another app holds it. */
export function startEmbeddedDatabase(dataDir: string): Promise<EmbeddedPostgres> {
  const earlier = path.resolve(dataDir, "pglite");
  if (existsSync(earlier)) {
    console.warn(
      `${earlier} holds the data of the earlier embedded database (PGlite), which is no longer read: the embedded database is now a PostgreSQL server in ${embeddedDataPath(dataDir)}. Delete the old directory when you no longer need it.`,
    );
  }
  return startEmbeddedPostgres(embeddedDataPath(dataDir));
}

/** The database a script should use: DATABASE_URL, the running app's embedded server, or its own start of it. */
export async function connectForScript(env: { DATABASE_URL?: string; DATA_DIR: string }): Promise<EmbeddedPostgres> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, stop: async () => {} };
  const running = runningServerUrl(embeddedDataPath(env.DATA_DIR));
  if (running) return { url: running, stop: async () => {} };
  return startEmbeddedDatabase(env.DATA_DIR);
}
