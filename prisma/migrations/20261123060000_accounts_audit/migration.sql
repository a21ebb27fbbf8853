-- Roles, the APIs each service owner manages, edit versions and the audit log.
ALTER TABLE "User" ADD COLUMN "role" VARCHAR(20) NOT NULL DEFAULT 'user',
ADD COLUMN "disabledAt" TIMESTAMP(3),
ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;

-- Before roles, the first user was the admin created from ADMIN_EMAIL (or with a printed password).
UPDATE "User" SET "role" = 'admin' WHERE "id" = (SELECT "id" FROM "User" ORDER BY "createdAt", "id" LIMIT 1);

ALTER TABLE "Api" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "ApiScope" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "ServiceSettings" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "OAuthClient" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "ApiOwner" (
    "userId" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,

    CONSTRAINT "ApiOwner_pkey" PRIMARY KEY ("userId","apiId")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorEmail" VARCHAR(320) NOT NULL,
    "action" VARCHAR(20) NOT NULL,
    "resourceType" VARCHAR(20) NOT NULL,
    "resourceId" VARCHAR(100) NOT NULL,
    "resourceName" VARCHAR(320) NOT NULL,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ApiOwner_apiId_idx" ON "ApiOwner"("apiId");
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");
CREATE INDEX "AuditEvent_resourceType_at_idx" ON "AuditEvent"("resourceType", "at");
CREATE INDEX "AuditEvent_actorEmail_at_idx" ON "AuditEvent"("actorEmail", "at");

-- AddForeignKey
ALTER TABLE "ApiOwner" ADD CONSTRAINT "ApiOwner_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ApiOwner" ADD CONSTRAINT "ApiOwner_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api"("id") ON DELETE CASCADE ON UPDATE CASCADE;
