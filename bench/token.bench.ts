// `npm run bench:token`: client_credentials, refresh_token and introspection throughput and
// latency on loopback, for Scope Console and, in the same run on the same machine, oidc-provider
// configured with the same client, scope and lifetimes; prints the ratios. Both servers run at
// once and take turns, so that the machine's noise falls on both. Refresh tokens rotate, so each
// refresh request presents a fresh token minted beforehand (ours through the real flow).
// Scope Console runs twice, on its embedded database and on a PostgreSQL server
// (BENCH_DATABASE_URL, default the local one), and one table shows both against the peer.
// Last, client_credentials with WORKERS=1 and WORKERS=2 on that server (compareWorkers).

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { consoleHeaders } from "./console-session";

const CONNECTIONS = 20;
/**
 * Each scenario alternates the servers ROUNDS times (every other round reversed), so that a noisy
 * neighbour hits them alike; the median round stands for each.
 */
const ROUNDS = 5;
const ROUND_SECONDS = 5;
const WARMUP_SECONDS = 2;
const OURS = 3291;
/** Scope Console on the PostgreSQL server of BENCH_DATABASE_URL (a database of its own there). */
const OURS_ON_SERVER = 3293;
const PEER = 3295;
/** The local PostgreSQL server the second Scope Console runs on (a fresh database, dropped after). */
const BENCH_DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const SCOPE = "bench_read";
const LIFETIME = 1_200;
/**
 * Refresh tokens per round (each is used once; the warm-up uses one round's worth), sized so that
 * a round lasts seconds on each server: ours are minted through the real flow, the peer's in-process.
 */
const REFRESH_PER_ROUND = { ours: 1_000, peer: 10_000 };
const refreshTokensFor = (perRound: number) => (ROUNDS + 1) * perRound;
/** autocannon notices that a fixed number of requests is done at its next sample: sample often. */
const SAMPLE_MS = 10;
const REDIRECT_URI = "http://127.0.0.1:9/callback";
const USER = { email: "bench@example.com", password: "bench password, not a secret" };
/**
 * The per-client limit of the token endpoint (TOKEN_RATE_LIMIT, requests per minute) raised far
 * above what the rounds send (~10,000 a second for a minute), so that the bench measures issuing,
 * limiter bookkeeping included, and is never refused.
 */
const BENCH_TOKEN_RATE_LIMIT = 100_000_000;

function start(command: string, args: string[], env: Record<string, string>, ready: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
      detached: true,
    });
    child.stdout?.on("data", (chunk: Buffer) => chunk.toString().includes(ready) && resolve(child));
    child.on("exit", (code) => reject(new Error(`${args.join(" ")} exited ${code}`)));
  });
}

function stop(child: ChildProcess) {
  try {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
  } catch {
    // Already gone.
  }
}

async function json(url: string, init?: RequestInit) {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

interface Result {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

const summarize = (result: autocannon.Result, seconds: number): Result => ({
  // Over the whole run rather than per-second samples: a refresh round can last under a second.
  rps: result.requests.total / seconds,
  p50: result.latency.p50,
  p99: result.latency.p99,
  errors: result.non2xx + result.errors,
});

async function timed(options: autocannon.Options): Promise<Result> {
  const started = performance.now();
  const result = await autocannon(options);
  return summarize(result, (performance.now() - started) / 1000);
}

/** The same request, again and again, for `seconds`. */
const repeat = (url: string, body: string, authorization: string, seconds: number) =>
  timed({
    url,
    method: "POST",
    connections: CONNECTIONS,
    headers: { "content-type": "application/x-www-form-urlencoded", authorization },
    body,
    duration: seconds,
  });

/** One request per refresh token of the batch, each presenting the next unused one. */
function refreshEach(url: string, batch: string[], authorization: string) {
  let next = 0;
  return timed({
    url,
    connections: CONNECTIONS,
    amount: batch.length,
    sampleInt: SAMPLE_MS,
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", authorization },
        setupRequest: (request) => ({
          ...request,
          body: `grant_type=refresh_token&refresh_token=${encodeURIComponent(batch[next++])}`,
        }),
      },
    ],
  });
}

/** Runs `task` `count` times with CONNECTIONS at once. */
async function inParallel<T>(count: number, task: () => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let started = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (started < count) {
        started++;
        results.push(await task());
      }
    }),
  );
  return results;
}

const hidden = (html: string, name: string) =>
  (html.match(new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`))?.[1] ?? "").replace(/&amp;/g, "&");

/**
 * Scope Console's refresh tokens, through the real flow: one sign-in and consent, then (consent
 * remembered) each authorization answers with a code at once, exchanged for a refresh token.
 */
async function mintOurRefreshTokens(base: string, clientId: string, authorization: string, count: number) {
  const query = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: REDIRECT_URI,
    scope: SCOPE,
    state: "bench",
  });
  const authorizeUrl = `${base}/oauth/authorize?${query}`;
  const post = (path: string, fields: Record<string, string>, cookie = "") =>
    fetch(`${base}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: base, cookie },
      body: new URLSearchParams(fields).toString(),
    });
  const signInPage = await (await fetch(authorizeUrl)).text();
  const signedIn = await post("/oauth/authorize/sign-in", { request: hidden(signInPage, "request"), ...USER });
  const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0];
  const consentPage = await signedIn.text();
  await post(
    "/oauth/authorize/consent",
    { request: hidden(consentPage, "request"), csrf: hidden(consentPage, "csrf"), decision: "allow", scope: SCOPE },
    cookie,
  );
  return inParallel(count, async () => {
    const redirect = await fetch(authorizeUrl, { redirect: "manual", headers: { cookie } });
    const code = new URL(redirect.headers.get("location") ?? "").searchParams.get("code");
    if (!code) throw new Error(`No code: ${redirect.status} ${redirect.headers.get("location")}`);
    const tokens = await json(`${base}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization },
      body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI }).toString(),
    });
    return tokens.refresh_token as string;
  });
}

const basic = (clientId: string, secret: string) => `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`;

interface Server {
  name: string;
  tokenUrl: string;
  introspectUrl: string;
  authorization: string;
  accessToken: string;
  refreshTokens: string[];
}

async function server(
  name: string,
  base: string,
  paths: { token: string; introspect: string },
  authorization: string,
  refreshTokens: string[],
): Promise<Server> {
  const { access_token } = await json(`${base}${paths.token}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", authorization },
    body: `grant_type=client_credentials&scope=${SCOPE}`,
  });
  return {
    name,
    tokenUrl: `${base}${paths.token}`,
    introspectUrl: `${base}${paths.introspect}`,
    authorization,
    accessToken: access_token,
    refreshTokens,
  };
}

const SCENARIOS = {
  client_credentials: (server: Server, seconds: number) =>
    repeat(server.tokenUrl, `grant_type=client_credentials&scope=${SCOPE}`, server.authorization, seconds),
  /** Round -1 is the warm-up. */
  refresh_token: (server: Server, round: number) => {
    const perRound = server.refreshTokens.length / (ROUNDS + 1);
    const batch = server.refreshTokens.slice((round + 1) * perRound, (round + 2) * perRound);
    return refreshEach(server.tokenUrl, batch, server.authorization);
  },
  introspection: (server: Server, seconds: number) =>
    repeat(server.introspectUrl, `token=${server.accessToken}`, server.authorization, seconds),
};
type Scenario = keyof typeof SCENARIOS;
/** BENCH_SCENARIOS=refresh_token,introspection runs only those (and skips the workers' comparison); all by default. */
const ONLY_SCENARIOS = (process.env.BENCH_SCENARIOS?.split(",") ?? Object.keys(SCENARIOS)).filter(
  (name): name is Scenario => name in SCENARIOS,
);

const median = (results: Result[]) => [...results].sort((a, b) => a.rps - b.rps)[Math.floor(results.length / 2)];

/** Warms each server up, then alternates them ROUNDS times; the median round stands for each. */
async function compare(scenario: Scenario, servers: Server[]): Promise<Record<string, Result>> {
  const run = (server: Server, round: number) =>
    scenario === "refresh_token"
      ? SCENARIOS.refresh_token(server, round)
      : SCENARIOS[scenario](server, round < 0 ? WARMUP_SECONDS : ROUND_SECONDS);
  const rounds = new Map<string, Result[]>(servers.map((server) => [server.name, []]));
  for (const server of servers) await run(server, -1);
  // Every other round in the reverse order, so that going first (or after a given server) favours none.
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? servers : [...servers].reverse();
    for (const server of order) rounds.get(server.name)?.push(await run(server, round));
  }
  return Object.fromEntries([...rounds].map(([name, results]) => [name, median(results)]));
}

/** Scope Console on its own embedded database in `dataDir`, or on `databaseUrl`'s server. */
const startOurs = (port: number, dataDir: string, databaseUrl = "", env: Record<string, string> = {}) =>
  start(
    "npx",
    ["tsx", "server.ts"],
    {
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      ISSUER: `http://127.0.0.1:${port}`,
      NEXT_TELEMETRY_DISABLED: "1",
      ADMIN_EMAIL: USER.email,
      ADMIN_PASSWORD: USER.password,
      TOKEN_RATE_LIMIT: String(BENCH_TOKEN_RATE_LIMIT),
      ...env,
    },
    "ready",
  );

/** The bench's API, scope and client on a Scope Console, through its JSON API; its client's Basic header. */
async function provision(base: string) {
  const headers = await consoleHeaders(base, USER.email, USER.password);
  const api = await json(`${base}/api/apis`, {
    method: "POST",
    headers,
    body: JSON.stringify({ name: "bench" }),
  });
  await json(`${base}/api/apis/${api.id}/scopes`, {
    method: "POST",
    headers,
    body: JSON.stringify({ name: SCOPE, accessTokenLifetime: LIFETIME }),
  });
  const client = await json(`${base}/api/clients`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      name: "bench",
      type: "confidential",
      allowedScopes: [SCOPE],
      allowedGrantTypes: ["client_credentials", "authorization_code", "refresh_token"],
      redirectUris: [REDIRECT_URI],
    }),
  });
  return { clientId: client.clientId as string, authorization: basic(client.clientId, client.clientSecret) };
}

/** Ports of the WORKERS comparison's two Scope Consoles (one worker, two workers). */
const WORKERS_PORTS = { 1: 3301, 2: 3303 } as const;

/**
 * client_credentials on a Scope Console with WORKERS=1 and one with WORKERS=2, each on a fresh
 * database of BENCH_DATABASE_URL's server, alternating as above; the two-worker one starts first,
 * so that where a server was started does not favour it. Returns the median rounds.
 */
async function compareWorkers(): Promise<Record<string, Result>> {
  const databases: TestDatabase[] = [];
  const started: ChildProcess[] = [];
  const dirs: string[] = [];
  try {
    const servers: Server[] = [];
    for (const workers of [2, 1] as const) {
      const database = await createTestDatabase(BENCH_DATABASE_URL);
      databases.push(database);
      dirs.push(mkdtempSync(path.join(tmpdir(), "scope-console-workers-bench-")));
      const port = WORKERS_PORTS[workers];
      started.push(await startOurs(port, dirs[dirs.length - 1], database.url, { WORKERS: String(workers) }));
      const base = `http://127.0.0.1:${port}`;
      const paths = { token: "/oauth/token", introspect: "/oauth/introspect" };
      servers.push(await server(`WORKERS=${workers}`, base, paths, (await provision(base)).authorization, []));
    }
    return await compare("client_credentials", servers.reverse());
  } finally {
    const exited = started.map((child) => new Promise((resolve) => child.once("exit", resolve)));
    for (const child of started) stop(child);
    // Stopped (each flushed its counts) before their databases go.
    await Promise.all(exited);
    for (const database of databases) await database.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

/** A Scope Console started, provisioned and described for the scenarios; its refresh tokens come later. */
async function startConsole(name: string, port: number, dataDir: string, databaseUrl?: string) {
  children.push(await startOurs(port, dataDir, databaseUrl));
  const base = `http://127.0.0.1:${port}`;
  const { clientId, authorization } = await provision(base);
  const described = await server(
    name,
    base,
    { token: "/oauth/token", introspect: "/oauth/introspect" },
    authorization,
    [],
  );
  return { base, clientId, server: described };
}

const dataDirs = [0, 1].map(() => mkdtempSync(path.join(tmpdir(), "scope-console-token-bench-")));
const peerSecret = "bench-secret-0123456789abcdef0123456789abcdef";
const children: ChildProcess[] = [];
const results: Partial<Record<Scenario, Record<string, Result>>> = {};
const EMBEDDED = "Scope Console, embedded database";
const ON_SERVER = "Scope Console, PostgreSQL server";
const PEER_NAME = "oidc-provider";
const serverDatabase = await createTestDatabase(BENCH_DATABASE_URL);
try {
  const ours = [
    await startConsole(EMBEDDED, OURS, dataDirs[0]),
    await startConsole(ON_SERVER, OURS_ON_SERVER, dataDirs[1], serverDatabase.url),
  ];

  children.push(
    await start(
      "node",
      [
        "bench/oidc-provider-server.mjs",
        String(PEER),
        "bench",
        peerSecret,
        SCOPE,
        String(LIFETIME),
        String(refreshTokensFor(REFRESH_PER_ROUND.peer)),
      ],
      {},
      "ready",
    ),
  );
  const peerBase = `http://127.0.0.1:${PEER}`;
  const peerServer = await server(
    PEER_NAME,
    peerBase,
    { token: "/token", introspect: "/token/introspection" },
    basic("bench", peerSecret),
    await json(`${peerBase}/bench/refresh-tokens`),
  );

  for (const scenario of ONLY_SCENARIOS) {
    if (scenario === "refresh_token") {
      // Minted just before they are used: until then each server is in the state it started in.
      for (const instance of ours) {
        instance.server.refreshTokens = await mintOurRefreshTokens(
          instance.base,
          instance.clientId,
          instance.server.authorization,
          refreshTokensFor(REFRESH_PER_ROUND.ours),
        );
      }
    }
    results[scenario] = await compare(scenario, [...ours.map((instance) => instance.server), peerServer]);
  }
} finally {
  for (const child of children) stop(child);
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  await serverDatabase.drop();
}
// After the others have stopped: its three worker processes have the machine to themselves.
const byWorkers: Record<string, Result> = process.env.BENCH_SCENARIOS ? {} : await compareWorkers();

console.log(
  `\n${CONNECTIONS} connections on loopback; per scenario each server warms up (${WARMUP_SECONDS} s, or a round of refreshes), then they ` +
    `alternate ${ROUNDS} rounds (${ROUND_SECONDS} s, or ${REFRESH_PER_ROUND.ours} refreshes of each Scope Console and ` +
    `${REFRESH_PER_ROUND.peer} of oidc-provider) and the median round is shown; Scope Console's limit per client ` +
    `(TOKEN_RATE_LIMIT) is raised to ${BENCH_TOKEN_RATE_LIMIT.toLocaleString("en")} a minute so that it refuses nothing\n`,
);
console.log(
  "| scenario | server | requests/s | p50 ms | p99 ms | errors | x oidc-provider |\n| --- | --- | ---: | ---: | ---: | ---: | ---: |",
);
for (const [scenario, byServer] of Object.entries(results)) {
  const peer = byServer[PEER_NAME].rps;
  for (const [name, r] of Object.entries(byServer)) {
    const ratio = name === PEER_NAME ? "" : `${(r.rps / peer).toFixed(2)}x`;
    console.log(`| ${scenario} | ${name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.errors} | ${ratio} |`);
  }
}
const [one, two] = [byWorkers["WORKERS=1"], byWorkers["WORKERS=2"]];
if (one && two) {
  console.log(`\nclient_credentials by WORKERS (a PostgreSQL server, ${availableParallelism()} cores)\n`);
  console.log("| workers | requests/s | p50 ms | p99 ms | errors |\n| --- | ---: | ---: | ---: | ---: |");
  for (const [name, r] of Object.entries(byWorkers)) {
    console.log(`| ${name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.errors} |`);
  }
  console.log(`| **2 / 1** | ${(two.rps / one.rps).toFixed(2)}x | | | |`);
}
