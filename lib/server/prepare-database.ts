// Brings a database up to date before the app serves: start the embedded one when no server is
// configured, apply pending migrations, seed an empty database.
import { createPrismaClient } from "@/lib/db/client";
import { startEmbeddedDatabase } from "@/lib/db/embedded-handle";
import { migrateDatabase } from "@/lib/db/migrate";
import type { Env } from "@/lib/env";
import { seedDemoIfEmpty } from "@/lib/seed/seed-demo";

export interface PreparedDatabase {
  url: string;
  embedded: boolean;
  seeded: boolean;
  close(): Promise<void>;
}

export async function prepareDatabase(env: Pick<Env, "DATABASE_URL" | "DATA_DIR">): Promise<PreparedDatabase> {
  let url: string;
  let close = async () => {};
  if (env.DATABASE_URL) {
    url = env.DATABASE_URL;
  } else {
    const embedded = await startEmbeddedDatabase(env.DATA_DIR);
    url = embedded.url;
    close = () => embedded.stop();
  }
  try {
    await migrateDatabase(url, { quiet: true });
    const prisma = createPrismaClient(url, 1);
    try {
      return { url, embedded: !env.DATABASE_URL, seeded: await seedDemoIfEmpty(prisma), close };
    } finally {
      await prisma.$disconnect();
    }
  } catch (error) {
    // A failed migration or seed stops the embedded server it started.
    await close().catch(() => {});
    throw error;
  }
}
