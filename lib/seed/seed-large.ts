import type { PrismaClient } from "@/lib/generated/prisma/client";

/** The size of the API that shows the console stays fast with many scopes. */
export const LARGE_API_SCOPE_COUNT = 10_000;
export const LARGE_API_NAME = "large";
const BATCH = 1_000;

const VERBS = ["read", "write", "delete", "export", "approve"];
const NOUNS = ["invoices", "payments", "contacts", "reports", "documents", "ledgers", "receipts", "suppliers"];

/** Fills the "large" API up to LARGE_API_SCOPE_COUNT scopes (idempotent); returns its id. */
export async function seedLargeApi(prisma: PrismaClient, count = LARGE_API_SCOPE_COUNT): Promise<string> {
  const api = await prisma.api.upsert({
    where: { name: LARGE_API_NAME },
    update: {},
    create: { name: LARGE_API_NAME, displayName: "Large API", description: `An API with ${count} scopes.` },
    select: { id: true },
  });
  for (let start = 0; start < count; start += BATCH) {
    const data = Array.from({ length: Math.min(BATCH, count - start) }, (_, offset) => {
      const i = start + offset;
      const verb = VERBS[i % VERBS.length];
      const noun = NOUNS[Math.floor(i / VERBS.length) % NOUNS.length];
      return {
        apiId: api.id,
        name: `${verb}_${noun}_${String(i).padStart(5, "0")}`,
        displayName: `${verb[0].toUpperCase()}${verb.slice(1)} ${noun[0].toUpperCase()}${noun.slice(1)} ${i}`,
        description: `Allows ${verb === "read" ? "reading" : `${verb}ing`} ${noun} of tenant ${i % 97}.`,
        required: i % 50 === 0,
        emphasize: i % 7 === 0,
        showInDiscoveryDocument: i % 3 !== 0,
      };
    });
    await prisma.apiScope.createMany({ data, skipDuplicates: true });
  }
  return api.id;
}
