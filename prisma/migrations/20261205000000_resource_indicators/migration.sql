-- RFC 8707 resource indicators: each API has a resource identifier, an absolute URI that a client
-- names in `resource` to get an access token for that API alone (its `aud`). Existing APIs get
-- urn:scope-console:api:<name>, the default lib/apis/resource-uri.ts gives new ones (API names are
-- unique, so these are). The authorization request's resources bound the code and the grant.

-- AlterTable
ALTER TABLE "Api" ADD COLUMN "resourceUri" VARCHAR(2000);
UPDATE "Api" SET "resourceUri" = 'urn:scope-console:api:' || "name";
ALTER TABLE "Api" ALTER COLUMN "resourceUri" SET NOT NULL;
CREATE UNIQUE INDEX "Api_resourceUri_key" ON "Api"("resourceUri");

-- AlterTable
ALTER TABLE "AuthorizationCode" ADD COLUMN "resources" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Grant" ADD COLUMN "resources" TEXT[] DEFAULT ARRAY[]::TEXT[];
