-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Api" (
    "id" TEXT NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "displayName" VARCHAR(200) NOT NULL DEFAULT '',
    "description" VARCHAR(1000) NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Api_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiScope" (
    "id" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "displayName" VARCHAR(200) NOT NULL DEFAULT '',
    "description" VARCHAR(1000) NOT NULL DEFAULT '',
    "required" BOOLEAN NOT NULL DEFAULT false,
    "emphasize" BOOLEAN NOT NULL DEFAULT false,
    "showInDiscoveryDocument" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApiScope_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Api_name_key" ON "Api"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ApiScope_name_key" ON "ApiScope"("name");

-- CreateIndex
CREATE INDEX "ApiScope_apiId_name_idx" ON "ApiScope"("apiId", "name");

-- CreateIndex
CREATE INDEX "ApiScope_apiId_displayName_idx" ON "ApiScope"("apiId", "displayName");

-- CreateIndex
CREATE INDEX "ApiScope_apiId_createdAt_idx" ON "ApiScope"("apiId", "createdAt");

-- AddForeignKey
ALTER TABLE "ApiScope" ADD CONSTRAINT "ApiScope_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api"("id") ON DELETE CASCADE ON UPDATE CASCADE;

