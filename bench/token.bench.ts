// `npm run bench:token`: client_credentials and introspection throughput and latency on loopback,
// for Scope Console and, in the same run on the same machine, oidc-provider configured with the
// same client, scope and lifetime; prints the ratios. (refresh_token joins when the grant exists.)
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";

const CONNECTIONS = 20;
const DURATION_SECONDS = 10;
const WARMUP_SECONDS = 2;
const OURS = 3291;
const PEER = 3295;
const SCOPE = "bench_read";
const LIFETIME = 1_200;

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

async function load(url: string, body: string, authorization: string): Promise<Result> {
  const options = {
    url,
    method: "POST" as const,
    connections: CONNECTIONS,
    headers: { "content-type": "application/x-www-form-urlencoded", authorization },
    body,
  };
  await autocannon({ ...options, duration: WARMUP_SECONDS });
  const result = await autocannon({ ...options, duration: DURATION_SECONDS });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors,
  };
}

async function measure(base: string, tokenPath: string, introspectPath: string, clientId: string, secret: string) {
  const authorization = `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`;
  const tokenBody = `grant_type=client_credentials&scope=${SCOPE}`;
  const { access_token } = await json(`${base}${tokenPath}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", authorization },
    body: tokenBody,
  });
  return {
    client_credentials: await load(`${base}${tokenPath}`, tokenBody, authorization),
    introspection: await load(`${base}${introspectPath}`, `token=${access_token}`, authorization),
  };
}

const dataDir = mkdtempSync(path.join(tmpdir(), "scope-console-token-bench-"));
const ours = await start(
  "npx",
  ["tsx", "server.ts"],
  {
    PORT: String(OURS),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    ISSUER: `http://127.0.0.1:${OURS}`,
    NEXT_TELEMETRY_DISABLED: "1",
  },
  "ready",
);
const results: Record<string, Awaited<ReturnType<typeof measure>>> = {};
try {
  const base = `http://127.0.0.1:${OURS}`;
  const api = await json(`${base}/api/apis`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "bench" }),
  });
  await json(`${base}/api/apis/${api.id}/scopes`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: SCOPE, accessTokenLifetime: LIFETIME }),
  });
  const client = await json(`${base}/api/clients`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      name: "bench",
      type: "confidential",
      allowedScopes: [SCOPE],
      allowedGrantTypes: ["client_credentials"],
    }),
  });
  results["Scope Console"] = await measure(
    base,
    "/oauth/token",
    "/oauth/introspect",
    client.clientId,
    client.clientSecret,
  );
  stop(ours);

  const peerSecret = "bench-secret-0123456789abcdef0123456789abcdef";
  const peer = await start(
    "node",
    ["bench/oidc-provider-server.mjs", String(PEER), "bench", peerSecret, SCOPE, String(LIFETIME)],
    {},
    "ready",
  );
  try {
    results["oidc-provider"] = await measure(
      `http://127.0.0.1:${PEER}`,
      "/token",
      "/token/introspection",
      "bench",
      peerSecret,
    );
  } finally {
    stop(peer);
  }
} finally {
  stop(ours);
  rmSync(dataDir, { recursive: true, force: true });
}

console.log(
  `\n${CONNECTIONS} connections, ${DURATION_SECONDS} s per scenario after ${WARMUP_SECONDS} s of warm-up, loopback\n`,
);
console.log("| scenario | server | requests/s | p50 ms | p99 ms | errors |\n| --- | --- | ---: | ---: | ---: | ---: |");
for (const scenario of ["client_credentials", "introspection"] as const) {
  for (const [server, result] of Object.entries(results)) {
    const r = result[scenario];
    console.log(`| ${scenario} | ${server} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.errors} |`);
  }
  const ratio = results["Scope Console"][scenario].rps / results["oidc-provider"][scenario].rps;
  console.log(`| ${scenario} | **ratio** | ${ratio.toFixed(2)}x | | | |`);
}
