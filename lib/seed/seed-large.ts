import { parseArgs } from "node:util";
import { changeConfig } from "@/lib/config/change";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { defaultResourceUri } from "@/lib/issuing";
import { newRandomId } from "@/lib/secrets/random";

/** The size of the API that shows the console stays fast with many scopes (`--count` to change it). */
export const LARGE_API_SCOPE_COUNT = 10_000;
/** The most `seed:large --count` accepts: far beyond what one API is meant to hold. */
export const LARGE_API_MAX_SCOPE_COUNT = 1_000_000;
export const LARGE_API_NAME = "large";

/** The `--count N` of `seed:large` and `bench:scopes` (LARGE_API_SCOPE_COUNT without it). */
export function scopeCountArgument(args: string[], min = 1): number {
  const { values } = parseArgs({ args, options: { count: { type: "string" } } });
  const count = Number(values.count ?? LARGE_API_SCOPE_COUNT);
  if (!Number.isInteger(count) || count < min || count > LARGE_API_MAX_SCOPE_COUNT) {
    throw new Error(`--count must be a whole number from ${min} to ${LARGE_API_MAX_SCOPE_COUNT.toLocaleString("en")}.`);
  }
  return count;
}
/** Rows per INSERT (one array parameter per column). */
const BATCH = 10_000;

const VERBS = ["read", "write", "delete", "export", "approve"];
const NOUNS = ["invoices", "payments", "contacts", "reports", "documents", "ledgers", "receipts", "suppliers"];

/**
 * Fills the "large" API up to `count` scopes (idempotent: the names are fixed, so a larger count
 * adds the missing ones); returns its id. The statistics and visibility map are brought up to date
 * afterwards, as after any bulk load, so that the planner sees the new rows at once.
 */
export async function seedLargeApi(prisma: PrismaClient, count = LARGE_API_SCOPE_COUNT): Promise<string> {
  const api = await prisma.api.upsert({
    where: { name: LARGE_API_NAME },
    update: {},
    create: {
      name: LARGE_API_NAME,
      resourceUri: defaultResourceUri(LARGE_API_NAME),
      displayName: "Large API",
      description: `An API with ${count} scopes.`,
    },
    select: { id: true },
  });
  for (let start = 0; start < count; start += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, count - start) }, (_, offset) => {
      const i = start + offset;
      const verb = VERBS[i % VERBS.length];
      const noun = NOUNS[Math.floor(i / VERBS.length) % NOUNS.length];
      return {
        name: `${verb}_${noun}_${String(i).padStart(5, "0")}`,
        displayName: `${verb[0].toUpperCase()}${verb.slice(1)} ${noun[0].toUpperCase()}${noun.slice(1)} ${i}`,
        description: `Allows ${verb === "read" ? "reading" : `${verb}ing`} ${noun} of tenant ${i % 97}.`,
        required: i % 50 === 0,
        emphasize: i % 7 === 0,
        showInDiscoveryDocument: i % 3 !== 0,
      };
    });
    const column = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((row) => row[key]);
    // One statement of column arrays: createMany's rows of parameters took a minute for 100,000.
    await prisma.$executeRaw`
      INSERT INTO "ApiScope" ("id", "apiId", "name", "displayName", "description", "required", "emphasize",
        "showInDiscoveryDocument", "updatedAt")
      SELECT id, ${api.id}, name, "displayName", description, required, emphasize, "showInDiscoveryDocument", now()
      FROM unnest(${rows.map(() => newRandomId())}::text[], ${column("name")}::text[],
        ${column("displayName")}::text[], ${column("description")}::text[], ${column("required")}::boolean[],
        ${column("emphasize")}::boolean[], ${column("showInDiscoveryDocument")}::boolean[])
        AS row (id, name, "displayName", description, required, emphasize, "showInDiscoveryDocument")
      ON CONFLICT DO NOTHING`;
  }
  // New scopes are a change of the configuration: every process reloads its catalogue, and counts
  // the API's scopes anew (lib/scopes/list-scopes.ts). The rows went in batches, outside it.
  await changeConfig(prisma, async () => undefined);
  await prisma.$executeRawUnsafe(`VACUUM (ANALYZE) "ApiScope"`);
  return api.id;
}
