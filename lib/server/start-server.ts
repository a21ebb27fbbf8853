// Starts the console: database ready (embedded or server), build current, HTTP listening: in this
// process, or in WORKERS worker processes on the same port (lib/server/cluster.ts).
import { createServer } from "node:http";
import { getRequestListener } from "@hono/node-server";
import next from "next";
import { acceptBearerTokens } from "@/lib/accounts/console-api";
import { ensureBuild } from "@/lib/build";
import { db } from "@/lib/db/client";
import { startHousekeeping } from "@/lib/db/housekeeping";
import { type Env, issuerOf, loadEnv } from "@/lib/env";
import { setClientAddress } from "@/lib/http/client-address";
import { bearerVerifier } from "@/lib/oauth/bearer-verifier";
import { createOAuthContext } from "@/lib/oauth/create-context";
import { loadKeyEncryptionKey } from "@/lib/oauth/key-encryption";
import { ensureSigningKey } from "@/lib/oauth/signing-keys";
import { startSunsetSweep } from "@/lib/scopes/retire";
import { isWorker, startWorkers, workersOf } from "@/lib/server/cluster";
import { createLeanApp, isLeanPath } from "@/lib/server/lean-app";
import { prepareDatabase } from "@/lib/server/prepare-database";
import { refuseUnreadable } from "@/lib/server/unreadable-request";
import { systemClock } from "@/lib/time/epoch";
import { bootstrapAdmin } from "@/lib/users/bootstrap-admin";

/** How long an idle kept-alive connection stays open: longer than clients and proxies keep theirs (60 s is common). */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** How long a stop waits for the answers in flight before it cuts their connections. */
export const SHUTDOWN_GRACE_MS = 5_000;

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startServer({ dev = false } = {}): Promise<RunningServer> {
  // Next.js sends no anonymous telemetry (the build and the server read this).
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const env = loadEnv();
  // First: a missing or damaged key fails the start at once, before the database or a build.
  const kek = loadKeyEncryptionKey(env);
  // One of several workers (lib/server/cluster.ts): the primary prepared the rest.
  if (isWorker()) return serve(env, false, kek);
  const workers = dev ? 1 : workersOf(env);
  const database = await prepareDatabase(env);
  process.env.DATABASE_URL = database.url;
  console.log(
    `Database: ${database.embedded ? `embedded (${env.DATA_DIR})` : "PostgreSQL server"}, migrations applied${database.seeded ? ", demo data seeded" : ""}.`,
  );

  let started: Awaited<ReturnType<typeof startJobsAndServe>>;
  try {
    started = await startJobsAndServe(env, dev, kek, workers);
  } catch (error) {
    // A start that fails after the embedded server started (a port in use, a failed build) stops it.
    await database.close().catch(() => {});
    throw error;
  }
  const { served, stopCleanup, stopSunsetSweep, firstAdmin } = started;
  const url = urlOf(env);
  // Last, after the build's output, where it does not scroll away: where to sign in, and on the
  // first start the first admin's generated password.
  console.log(`Scope Console is ready at ${url}${workers > 1 ? ` (${workers} workers)` : ""}`);
  console.log(`Sign in at ${url}/sign-in${firstAdmin ? `\n${firstAdmin}` : ""}`);

  return {
    url,
    async close() {
      try {
        // The workers first: each flushes its usage counts and its limiter to the database.
        await served.stop();
      } finally {
        stopCleanup();
        stopSunsetSweep();
        await database.close();
      }
    },
  };
}

/** The first admin, the build, the first signing keys, the background jobs, then the server(s). */
async function startJobsAndServe(env: Env, dev: boolean, kek: Buffer, workers: number) {
  let firstAdmin: string | null = null;
  await bootstrapAdmin(db(), env, (line) => {
    firstAdmin = line;
  });

  if (!dev) await ensureBuild();
  // Here, not in each worker: they would race to make the first signing keys.
  await ensureSigningKey(db(), kek);
  // The background jobs run here, once per node however many workers serve: they are safe to run
  // on several nodes at once too (deletes of expired rows; the sweep claims each scope).
  const stopCleanup = startHousekeeping(db(), systemClock);
  // Before listening: a sunset that passed while the server was down retires its scope now.
  const stopSunsetSweep = await startSunsetSweep(db(), systemClock);
  const served = workers > 1 ? await startWorkers(workers) : await serve(env, dev, kek);
  return { served, stopCleanup, stopSunsetSweep, firstAdmin: firstAdmin as string | null };
}

const urlOf = (env: Env) => {
  const host = env.HOST === "127.0.0.1" || env.HOST === "0.0.0.0" ? "localhost" : env.HOST;
  return `http://${host}:${env.PORT}`;
};

/** Next.js and the lean app on PORT, over the database of DATABASE_URL: one process's server. */
async function serve(env: Env, dev: boolean, kek: Buffer): Promise<RunningServer & { stop(): Promise<void> }> {
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
  // The admin API accepts this server's access tokens of the console's own API (decision 012).
  acceptBearerTokens(bearerVerifier(oauth));
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
  await new Promise<void>((resolve, reject) => {
    // A port in use is an error event, not a thrown error: the start fails, and stops the database.
    server.once("error", reject);
    server.listen(env.PORT, env.HOST, () => {
      server.off("error", reject);
      resolve();
    });
  });

  const stop = async () => {
    // Answers in flight are finished (a committed rotation's answer is what a client must get),
    // idle connections closed at once; whatever still runs after SHUTDOWN_GRACE_MS is cut.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const cut = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    await closed;
    clearTimeout(cut);
    // Its last counts reach the database, so that a restart forgets none.
    await oauth.clientLimiter.stop();
    await oauth.usage.stop();
    acceptBearerTokens(null);
    await app.close();
  };
  return { url: urlOf(env), close: stop, stop };
}

/** Closes the server, then runs `cleanup`, on SIGINT or SIGTERM (once, whichever comes first or both). */
export function closeOnSignal(server: RunningServer, cleanup: () => Promise<void> = async () => {}) {
  let stopping = false;
  const stop = async () => {
    // Ctrl-C signals every worker and the primary, which then signals the workers again.
    if (stopping) return;
    stopping = true;
    await server.close().catch((error) => console.error(error));
    await cleanup().catch((error) => console.error(error));
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
