-- The scopes list at 100,000 scopes in one API (lib/scopes/list-scopes.ts).

-- The sorted list reads a page's ids first: with the id in the sort index, that is an index-only
-- scan, however deep the page (the id also breaks ties, as ORDER BY does).
DROP INDEX "ApiScope_apiId_name_idx";
DROP INDEX "ApiScope_apiId_displayName_idx";
DROP INDEX "ApiScope_apiId_createdAt_idx";
CREATE INDEX "ApiScope_apiId_name_id_idx" ON "ApiScope"("apiId", "name", "id");
CREATE INDEX "ApiScope_apiId_displayName_id_idx" ON "ApiScope"("apiId", "displayName", "id");
CREATE INDEX "ApiScope_apiId_createdAt_id_idx" ON "ApiScope"("apiId", "createdAt", "id");

-- The total of an unsearched list is counted from an index of the API alone: deduplicated, it is
-- a fraction of the table and of the wider indexes (an index-only count of 100,000 scopes took
-- 10 ms, against 24 to 48 ms from the table, which PostgreSQL 18 chose without it).
CREATE INDEX "ApiScope_apiId_idx" ON "ApiScope"("apiId");

-- The search is a case-insensitive substring match (ILIKE '%q%') over name, display name and
-- description: a trigram GIN index on each column answers it (a BitmapOr of the three) instead of
-- a scan of the API's rows. pg_trgm ships with PostgreSQL (contrib, a trusted extension since 13)
-- and with the embedded server. A database without it (PGlite) keeps the scan: the same results,
-- slower. \073 is the semicolon: Prisma's migration runner splits a script at every semicolon,
-- even inside a quoted block.
DO E'BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = \'pg_trgm\') THEN
    CREATE EXTENSION IF NOT EXISTS pg_trgm\073
    CREATE INDEX "ApiScope_name_trgm_idx" ON "ApiScope" USING GIN ("name" gin_trgm_ops)\073
    CREATE INDEX "ApiScope_displayName_trgm_idx" ON "ApiScope" USING GIN ("displayName" gin_trgm_ops)\073
    CREATE INDEX "ApiScope_description_trgm_idx" ON "ApiScope" USING GIN ("description" gin_trgm_ops)\073
  END IF\073
END';
