// Throwaway databases for tests: a fresh database per run on a local PostgreSQL server, or an
// in-memory embedded one. Destructive set-up never runs against a server that is not local.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrateDatabase } from "@/lib/db/migrate";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]", ""]);

export interface TestDatabase {
  url: string;
  kind: "embedded" | "postgres";
  drop(): Promise<void>;
}

export function assertLocalDatabase(url: string): void {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host)) {
    throw new Error(`Refusing to create test databases on ${host}: TEST_DATABASE_URL must point at this machine.`);
  }
}

/** A new, migrated database: on the server of `serverUrl`, or embedded in memory when it is unset. */
export async function createTestDatabase(serverUrl?: string): Promise<TestDatabase> {
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres(null);
    await migrateDatabase(embedded.url, { quiet: true });
    return { url: embedded.url, kind: "embedded", drop: () => embedded.stop() };
  }
  assertLocalDatabase(serverUrl);
  const name = `scope_console_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await migrateDatabase(url.toString(), { quiet: true });
  return {
    url: url.toString(),
    kind: "postgres",
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
