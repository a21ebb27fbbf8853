-- A rotated refresh token names its successor, and a token remembers when its client introspected
-- it: a retry with a just-rotated token within the reuse interval replaces an unused successor
-- instead of revoking the grant.

-- AlterTable
ALTER TABLE "RefreshToken" ADD COLUMN     "introspectedAt" TIMESTAMP(3),
ADD COLUMN     "successorId" VARCHAR(64);
