// The migration that moved clients' allowed scopes from names to identities (ClientScope), run on
// data as the previous schema held it: each client keeps the scopes that exist, and names of
// scopes deleted earlier leave clients, consents, grants and codes.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "@/lib/db/embedded";

const MIGRATIONS = path.join(import.meta.dirname, "../../prisma/migrations");
const SCOPE_IDENTITY = "20261202000000_scope_lifecycle";

const migrations = readdirSync(MIGRATIONS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const apply = (database: pg.Client, name: string) =>
  database.query(readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8"));

/** Starting a throw-away server and applying every migration takes seconds. */
const SETUP_TIMEOUT_MS = 60_000;

let server: EmbeddedPostgres;
let database: pg.Client;
beforeAll(async () => {
  server = await startEmbeddedPostgres(null);
  database = new pg.Client({ connectionString: server.url });
  await database.connect();
  for (const name of migrations.filter((name) => name < SCOPE_IDENTITY)) await apply(database, name);
}, SETUP_TIMEOUT_MS);
afterAll(async () => {
  await database.end();
  await server.stop();
});

it("moves allowed scopes to ClientScope rows and drops names of deleted scopes everywhere", async () => {
  await database.query(`
    INSERT INTO "Api" ("id", "name", "updatedAt") VALUES ('api1', 'invoices', now());
    INSERT INTO "ApiScope" ("id", "apiId", "name", "updatedAt") VALUES
      ('s1', 'api1', 'read_invoices', now()), ('s2', 'api1', 'write_invoices', now());
    INSERT INTO "OAuthClient" ("id", "clientId", "name", "type", "redirectUris", "allowedScopes", "allowedGrantTypes", "updatedAt")
      VALUES ('c1', 'app', 'App', 'confidential', '{}', '{read_invoices,deleted_long_ago,write_invoices}', '{client_credentials}', now());
    INSERT INTO "User" ("id", "email", "passwordHash", "updatedAt") VALUES ('u1', 'a@example.com', 'x', now());
    INSERT INTO "Consent" ("userId", "clientId", "scopes", "updatedAt") VALUES ('u1', 'app', '{deleted_long_ago,read_invoices}', now());
    INSERT INTO "Grant" ("id", "clientId", "userId", "scopes", "issuedAt", "authTime", "tokensExpireAt")
      VALUES ('g1', 'app', 'u1', '{write_invoices,deleted_long_ago}', now(), now(), now() + interval '1 day');
  `);
  await apply(database, SCOPE_IDENTITY);
  for (const name of migrations.filter((name) => name > SCOPE_IDENTITY)) await apply(database, name);

  const rows = await database.query<{ scopeId: string }>(
    `SELECT "scopeId" FROM "ClientScope" WHERE "clientId" = 'c1' ORDER BY "scopeId"`,
  );
  expect(rows.rows.map((row) => row.scopeId)).toEqual(["s1", "s2"]);
  const consent = await database.query<{ scopes: string[] }>(`SELECT "scopes" FROM "Consent"`);
  expect(consent.rows[0].scopes).toEqual(["read_invoices"]);
  const grant = await database.query<{ scopes: string[] }>(`SELECT "scopes" FROM "Grant"`);
  expect(grant.rows[0].scopes).toEqual(["write_invoices"]);
  const column = await database.query(
    `SELECT 1 FROM information_schema.columns WHERE table_name = 'OAuthClient' AND column_name = 'allowedScopes'`,
  );
  expect(column.rows).toHaveLength(0);
});
