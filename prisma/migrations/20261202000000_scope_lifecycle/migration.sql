-- Scopes belong to clients by identity (ClientScope), every token is counted per scope, client and
-- day (ScopeUsage), and a scope has a lifecycle (active, deprecated, retired).

-- AlterTable
ALTER TABLE "ApiScope" ADD COLUMN     "deprecatedAt" TIMESTAMP(3),
ADD COLUMN     "deprecationNote" VARCHAR(1000) NOT NULL DEFAULT '',
ADD COLUMN     "documentationUrl" VARCHAR(2000),
ADD COLUMN     "lifecycle" VARCHAR(20) NOT NULL DEFAULT 'active',
ADD COLUMN     "replacedBy" VARCHAR(200),
ADD COLUMN     "sunsetAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ClientScope" (
    "clientId" TEXT NOT NULL,
    "scopeId" TEXT NOT NULL,

    CONSTRAINT "ClientScope_pkey" PRIMARY KEY ("clientId","scopeId")
);

-- CreateTable
CREATE TABLE "ScopeUsage" (
    "scopeId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "count" INTEGER NOT NULL,
    "lastRequestedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ScopeUsage_pkey" PRIMARY KEY ("scopeId","clientId","day")
);

-- CreateIndex
CREATE INDEX "ClientScope_scopeId_idx" ON "ClientScope"("scopeId");

-- CreateIndex
CREATE INDEX "ScopeUsage_clientId_day_idx" ON "ScopeUsage"("clientId", "day");

-- CreateIndex
CREATE INDEX "ScopeUsage_scopeId_day_idx" ON "ScopeUsage"("scopeId", "day");

-- CreateIndex
CREATE INDEX "ApiScope_lifecycle_sunsetAt_idx" ON "ApiScope"("lifecycle", "sunsetAt");

-- AddForeignKey
ALTER TABLE "ClientScope" ADD CONSTRAINT "ClientScope_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "OAuthClient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClientScope" ADD CONSTRAINT "ClientScope_scopeId_fkey" FOREIGN KEY ("scopeId") REFERENCES "ApiScope"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScopeUsage" ADD CONSTRAINT "ScopeUsage_scopeId_fkey" FOREIGN KEY ("scopeId") REFERENCES "ApiScope"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScopeUsage" ADD CONSTRAINT "ScopeUsage_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "OAuthClient"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Existing data: each client keeps the scopes it names that exist. Names of scopes deleted
-- earlier are dropped, so that no scope created later under such a name inherits them.
INSERT INTO "ClientScope" ("clientId", "scopeId")
SELECT DISTINCT c."id", s."id"
FROM "OAuthClient" c CROSS JOIN LATERAL unnest(c."allowedScopes") AS allowed(name)
JOIN "ApiScope" s ON s."name" = allowed.name;

ALTER TABLE "OAuthClient" DROP COLUMN "allowedScopes";

UPDATE "Consent" SET "scopes" = ARRAY(
  SELECT name FROM unnest("scopes") AS granted(name) WHERE name IN (SELECT "name" FROM "ApiScope"));
UPDATE "Grant" SET "scopes" = ARRAY(
  SELECT name FROM unnest("scopes") AS granted(name) WHERE name IN (SELECT "name" FROM "ApiScope"));
UPDATE "AuthorizationCode" SET "scopes" = ARRAY(
  SELECT name FROM unnest("scopes") AS granted(name) WHERE name IN (SELECT "name" FROM "ApiScope"));
