-- AlterTable
ALTER TABLE "Api" ADD COLUMN     "accessTokenLifetime" INTEGER,
ADD COLUMN     "refreshTokenLifetime" INTEGER;

-- AlterTable
ALTER TABLE "ApiScope" ADD COLUMN     "accessTokenLifetime" INTEGER,
ADD COLUMN     "refreshTokenLifetime" INTEGER;

-- CreateTable
CREATE TABLE "ServiceSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "accessTokenLifetime" INTEGER NOT NULL,
    "refreshTokenLifetime" INTEGER NOT NULL,
    "refreshAbsoluteLifetime" INTEGER NOT NULL,
    "offlineRefreshTokenLifetime" INTEGER NOT NULL,
    "offlineAbsoluteLifetime" INTEGER NOT NULL,
    "authorizationCodeLifetime" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ServiceSettings_pkey" PRIMARY KEY ("id")
);

