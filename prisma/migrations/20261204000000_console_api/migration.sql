-- The console's own API, whose scopes a machine's bearer token needs on the admin API
-- (lib/accounts/console-api.ts, docs/decisions/012-bearer-tokens-for-the-admin-api.md), and the
-- kind of actor of an audit entry (a person, a client with a bearer token, or the server).

-- AlterTable
ALTER TABLE "Api" ADD COLUMN "builtIn" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "actorType" VARCHAR(20) NOT NULL DEFAULT 'user';
UPDATE "AuditEvent" SET "actorType" = 'system' WHERE "actorId" IS NULL AND "actorEmail" = 'system';

-- The built-in API and its two scopes. A console that already has an API or a scope of these names
-- keeps its own (DO NOTHING): a scope of another API gives no access, as the token's audience
-- must be this API.
INSERT INTO "Api" ("id", "name", "displayName", "description", "builtIn", "updatedAt")
VALUES ('scope-console-api', 'scope-console', 'Scope Console admin API',
  'The console''s own JSON API, for machines calling it with this server''s access tokens (client_credentials).',
  true, CURRENT_TIMESTAMP)
ON CONFLICT ("name") DO NOTHING;

INSERT INTO "ApiScope" ("id", "apiId", "name", "displayName", "description", "showInDiscoveryDocument", "updatedAt")
SELECT v."id", a."id", v."name", v."displayName", v."description", false, CURRENT_TIMESTAMP
FROM (VALUES
  ('scope-console-read', 'console:read', 'Read the console',
    'Read what an admin can read: APIs, scopes, clients, settings, users, the audit log. Export and plan configuration.'),
  ('scope-console-write', 'console:write', 'Change the console',
    'Everything console:read allows, and change it as an admin can: create, update and delete, apply configuration.')
) AS v("id", "name", "displayName", "description")
JOIN "Api" a ON a."name" = 'scope-console' AND a."builtIn"
ON CONFLICT ("name") DO NOTHING;
