import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
// One connection per process on the embedded database (see lib/db/client.ts).
if (inject("embedded")) process.env.DATABASE_POOL_SIZE = "1";
