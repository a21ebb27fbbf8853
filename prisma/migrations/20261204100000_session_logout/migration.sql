-- RP-initiated logout and the sessions page: a session's public identifier (the ID token's sid),
-- its device and last use, which session authorized each code and grant, and the URIs a client
-- may be sent back to after logout (docs/decisions/014-rp-initiated-logout.md).

-- AlterTable
ALTER TABLE "OAuthClient" ADD COLUMN "postLogoutRedirectUris" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable: sessions that exist get a random public id (the same 128 bits as newRandomId).
ALTER TABLE "Session" ADD COLUMN "publicId" VARCHAR(64);
UPDATE "Session" SET "publicId" = md5(random()::text || clock_timestamp()::text || "id");
ALTER TABLE "Session" ALTER COLUMN "publicId" SET NOT NULL;
ALTER TABLE "Session" ADD COLUMN "device" VARCHAR(200) NOT NULL DEFAULT '';
ALTER TABLE "Session" ADD COLUMN "lastUsedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "AuthorizationCode" ADD COLUMN "sid" VARCHAR(64);

-- AlterTable
ALTER TABLE "Grant" ADD COLUMN "sid" VARCHAR(64);

-- CreateIndex
CREATE UNIQUE INDEX "Session_publicId_key" ON "Session"("publicId");

-- CreateIndex
CREATE INDEX "Grant_sid_idx" ON "Grant"("sid");
