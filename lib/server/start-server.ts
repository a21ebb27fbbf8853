// Starts the console: database ready (embedded or server), build current, HTTP listening.
// One process; the OAuth endpoints will join it on a lean path in front of Next.js.
import { createServer } from "node:http";
import { getRequestListener } from "@hono/node-server";
import next from "next";
import { ensureBuild } from "@/lib/build";
import { db } from "@/lib/db/client";
import { startHousekeeping } from "@/lib/db/housekeeping";
import { issuerOf, loadEnv } from "@/lib/env";
import { setClientAddress } from "@/lib/http/client-address";
import { createOAuthContext } from "@/lib/oauth/create-context";
import { loadKeyEncryptionKey } from "@/lib/oauth/key-encryption";
import { startSunsetSweep } from "@/lib/scopes/retire";
import { createLeanApp, isLeanPath } from "@/lib/server/lean-app";
import { prepareDatabase } from "@/lib/server/prepare-database";
import { refuseUnreadable } from "@/lib/server/unreadable-request";
import { bootstrapAdmin } from "@/lib/users/bootstrap-admin";

/** How long an idle kept-alive connection stays open: longer than clients and proxies keep theirs (60 s is common). */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startServer({ dev = false } = {}): Promise<RunningServer> {
  const env = loadEnv();
  // First: a missing or damaged key fails the start at once, before the database or a build.
  const kek = loadKeyEncryptionKey(env);
  const database = await prepareDatabase(env);
  process.env.DATABASE_URL = database.url;
  console.log(
    `Database: ${database.embedded ? `embedded (${env.DATA_DIR})` : "PostgreSQL server"}, migrations applied${database.seeded ? ", demo data seeded" : ""}.`,
  );

  await bootstrapAdmin(db(), env);

  if (!dev) await ensureBuild();
  const app = next({ dev, hostname: env.HOST, port: env.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const oauth = await createOAuthContext({
    issuer: issuerOf(env),
    prisma: db(),
    kek,
    tokenRateLimit: env.TOKEN_RATE_LIMIT,
    usageCounting: env.USAGE_COUNTING === "on",
    refreshReuseInterval: env.REFRESH_REUSE_INTERVAL,
  });
  const stopCleanup = startHousekeeping(db(), oauth.now);
  // Before listening: a sunset that passed while the server was down retires its scope now.
  const stopSunsetSweep = await startSunsetSweep(db(), oauth.now);
  const lean = getRequestListener(createLeanApp(oauth).fetch);
  const server = createServer((request, response) => {
    // Both paths: the limits per address read it (lib/http/client-address.ts).
    setClientAddress(request, env.TRUST_PROXY);
    if (isLeanPath(request.url)) return lean(request, response);
    // What Next.js cannot read, and would answer with a 500, gets a 400 (lib/server/unreadable-request.ts).
    return refuseUnreadable(request, response) || handle(request, response);
  });
  // An idle kept-alive connection is closed after KEEP_ALIVE_TIMEOUT_MS. Node's default (5 s) is
  // short enough that a client reusing a connection as the server closes it gets ECONNRESET (seen
  // in the end-to-end tests); headers must be allowed at least as long.
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
  const host = env.HOST === "127.0.0.1" || env.HOST === "0.0.0.0" ? "localhost" : env.HOST;
  const url = `http://${host}:${env.PORT}`;
  console.log(`Scope Console is ready at ${url}`);

  return {
    url,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      stopCleanup();
      stopSunsetSweep();
      // Its last counts reach the database, so that a restart forgets none.
      await oauth.clientLimiter.stop();
      await oauth.usage.stop();
      await app.close();
      await database.close();
    },
  };
}

/** Closes the server, then runs `cleanup`, on SIGINT or SIGTERM. */
export function closeOnSignal(server: RunningServer, cleanup: () => Promise<void> = async () => {}) {
  const stop = async () => {
    await server.close().catch((error) => console.error(error));
    await cleanup().catch((error) => console.error(error));
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
