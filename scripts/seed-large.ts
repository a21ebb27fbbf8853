// `npm run seed:large [-- --count N]`: an API named "large" with 10,000 scopes (or N), in the
// database the console uses (DATABASE_URL, or the embedded database in DATA_DIR, also while the
// console is running).
import { createPrismaClient } from "@/lib/db/client";
import { connectForScript } from "@/lib/db/embedded-handle";
import { migrateDatabase } from "@/lib/db/migrate";
import { loadEnv } from "@/lib/env";
import { scopeCountArgument, seedLargeApi } from "@/lib/seed/seed-large";

const count = scopeCountArgument(process.argv.slice(2));

const database = await connectForScript(loadEnv());
await migrateDatabase(database.url, { quiet: true });
const prisma = createPrismaClient(database.url);
const started = performance.now();
const apiId = await seedLargeApi(prisma, count);
const scopes = await prisma.apiScope.count({ where: { apiId } });
console.log(
  `API "large" (${apiId}) has ${scopes} scopes (target ${count}), seeded in ${Math.round(performance.now() - started)} ms.`,
);
await prisma.$disconnect();
await database.stop();
