// A refresh's rotation (lib/oauth/grant-store.ts rotateRefreshTokens) must be looked up from the
// presented tokens, whatever the planner knows of the tables. On a server whose autovacuum is off
// (this machine's PostgreSQL) the tables are never analyzed, and the statement once joined every
// live grant's tokens to find ten: 26 ms a batch at 6,000 grants, the refresh benchmark's whole
// loss on the server. No timed assertion can say so; the plan can. Its own database, the tables'
// autovacuum off from the start, so that the statistics are those of such a server.
import pg from "pg";
import { afterAll, beforeAll, expect, inject, it, vi } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { rotateRefreshTokens } from "@/lib/oauth/grant-store";
import { hashOpaqueToken, newOpaqueToken } from "@/lib/secrets/random";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { nodesOf, type PlanNode } from "./plans";

/** Grants enough that visiting each costs the planner more than the presented tokens' keys. */
const GRANTS = 3_000;
const BATCH = 10;
const NEVER_ANALYZED = ["User", "Grant", "RefreshToken"];

let database: TestDatabase;
let prisma: PrismaClient;
let tokens: string[];

beforeAll(async () => {
  database = await createTestDatabase(inject("databaseUrl"));
  prisma = createPrismaClient(database.url, 2);
  for (const table of NEVER_ANALYZED) {
    await prisma.$executeRawUnsafe(`ALTER TABLE "${table}" SET (autovacuum_enabled = false)`);
  }
  await prisma.$executeRaw`
    INSERT INTO "User" ("id", "email", "passwordHash", "updatedAt") VALUES ('plan-user', 'plan@example.com', 'x', now())`;
  tokens = Array.from({ length: GRANTS }, () => newOpaqueToken().hash);
  await prisma.$executeRaw`
    INSERT INTO "Grant" ("id", "clientId", "userId", "scopes", "issuedAt", "authTime", "tokensExpireAt")
    SELECT 'plan-grant-' || i, 'plan-client', 'plan-user', '{read}', now(), now(), now() + interval '1 day'
    FROM generate_series(1, ${GRANTS}::int) AS i`;
  await prisma.$executeRaw`
    INSERT INTO "RefreshToken" ("id", "grantId", "expiresAt")
    SELECT token, 'plan-grant-' || i, now() + interval '1 day'
    FROM unnest(${tokens}::text[]) WITH ORDINALITY AS t(token, i)`;
});

afterAll(async () => {
  await prisma?.$disconnect();
  await database?.drop();
});

it("a batch of rotations reads its tokens, their grants and their user by primary key, on tables never analyzed", async () => {
  const original = pg.Client.prototype.query;
  const sent: { text: string; values: unknown[] }[] = [];
  vi.spyOn(pg.Client.prototype, "query").mockImplementation(function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as { name?: string; text?: string; values?: unknown[] };
    if (config?.name === "rotate-refresh-tokens") sent.push({ text: config.text ?? "", values: config.values ?? [] });
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original);
  const now = Math.floor(Date.now() / 1000);
  const rotations = tokens.slice(0, BATCH).map((hash) => ({
    hash,
    nextHash: hashOpaqueToken(`${hash}-next`),
    now,
    expiresAt: now + 3_600,
  }));
  const stored = await rotateRefreshTokens(prisma, rotations);
  vi.restoreAllMocks();
  expect(stored.size).toBe(BATCH);
  expect(sent).toHaveLength(1);

  const rows = await prisma.$queryRawUnsafe<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>(
    `EXPLAIN (FORMAT JSON) ${sent[0].text}`,
    ...sent[0].values,
  );
  const reads = nodesOf(rows[0]["QUERY PLAN"][0].Plan).filter(
    (node) => node["Relation Name"] && node["Node Type"] !== "ModifyTable",
  );
  expect(reads.map((node) => [node["Relation Name"], node["Node Type"], node["Index Name"]])).toEqual(
    expect.arrayContaining([
      ["RefreshToken", "Index Scan", "RefreshToken_pkey"],
      ["Grant", "Index Scan", "Grant_pkey"],
      ["User", "Index Scan", "User_pkey"],
    ]),
  );
  expect(reads).toHaveLength(3);
});
