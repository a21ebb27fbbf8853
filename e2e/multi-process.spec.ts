// Two console processes over one database, as two nodes behind a load balancer: the same ISSUER
// and key-encryption key, different ports. What one node does the other sees through the database:
// tokens, revocations and configuration (within CONFIG_POLL_MS), the per-client limit (within
// SYNC_MS), the sign-in limits (at once), and a restart keeps the per-client count.
// The database: a fresh one on TEST_DATABASE_URL's server when it is set; otherwise node A runs
// the embedded database and node B uses it through the URL A publishes in DATA_DIR.
// Node B runs two workers (WORKERS=2, lib/server/cluster.ts) when the database is a server.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type APIRequestContext, expect, request, test } from "@playwright/test";
import { SIGN_IN_ACCOUNT_LIMIT } from "@/lib/accounts/sign-in-limits";
import { CONFIG_POLL_MS } from "@/lib/oauth/config-cache";
import { SYNC_MS } from "@/lib/rate-limit/client-rate-limiter";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { uniqueName } from "./support";
import { E2E_USER, SIGNED_OUT } from "./user";

/** Ports of the two nodes; E2E_MULTI_PORT moves them, to run two checkouts' suites side by side. */
const PORT_A = Number(process.env.E2E_MULTI_PORT ?? 3211);
const PORT_B = PORT_A + 1;
/** Both nodes' issuer, as a load balancer's public URL would be. */
const ISSUER = `http://127.0.0.1:${PORT_A}`;
/** The per-client limit of both nodes in this spec: requests per client per minute. */
const TOKEN_LIMIT = 60;
/**
 * Each node's pace in the limit's test: at most one request per PACE_MS. The bound below is then
 * under 2 x TOKEN_LIMIT, what two nodes that did not share their counts would serve.
 */
const PACE_MS = 150;
/** Requests each node gets in the limit's test: together well over TOKEN_LIMIT, and over it each alone too. */
const REQUESTS_PER_NODE = 75;
/** Between two polls of a state: each poll of the token endpoint uses one of the client's requests. */
const POLL_MS = 100;
/** What a request takes on top of the documented delay, on a loaded two-core machine. */
const REQUEST_SLACK_MS = 1_000;
/** Starting a node: migrations, Next.js, and on the embedded database the database itself. */
const START_TIMEOUT_MS = 120_000;
const REDIRECT_URI = "http://127.0.0.1:9/callback";
const READY = "Scope Console is ready at";

interface Node {
  name: string;
  base: string;
  env: Record<string, string>;
  child: ChildProcess;
  output: string[];
}

let database: TestDatabase | null = null;
const dataDir = mkdtempSync(path.join(tmpdir(), "scope-console-multi-"));
const kek = randomBytes(32).toString("base64");
let a: Node;
let b: Node;
let onA: APIRequestContext;
let onB: APIRequestContext;
let scope: string;
/** A client on both nodes: its row id (the console API's), client_id and secret. */
interface TestClient {
  id: string;
  clientId: string;
  clientSecret: string;
}
let client: TestClient;

function startNode(name: string, port: number, env: Record<string, string>): Promise<Node> {
  const child = spawn(path.resolve("node_modules/.bin/tsx"), ["server.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      ISSUER,
      DATA_DIR: dataDir,
      KEY_ENCRYPTION_KEY: kek,
      ADMIN_EMAIL: E2E_USER.email,
      ADMIN_PASSWORD: E2E_USER.password,
      TOKEN_RATE_LIMIT: String(TOKEN_LIMIT),
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const node: Node = { name, base: `http://127.0.0.1:${port}`, env, child, output: [] };
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer) => {
      node.output.push(chunk.toString());
      if (chunk.toString().includes(READY)) resolve(node);
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.on("exit", (code) => reject(new Error(`node ${name} exited (${code}):\n${node.output.join("")}`)));
  });
}

/** SIGTERM to the node's process group (tsx, the server, its workers); resolves when it exited. */
async function stopNode(node: Node) {
  if (node.child.exitCode !== null || node.child.signalCode !== null || !node.child.pid) return;
  const exited = new Promise((resolve) => node.child.once("exit", resolve));
  process.kill(-node.child.pid, "SIGTERM");
  await exited;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

/** A token endpoint request (token, introspection, revocation) of `client`. */
const oauth = (on: APIRequestContext, endpoint: string, form: Record<string, string>, as: TestClient = client) =>
  on.post(endpoint, { form, headers: { authorization: basic(as.clientId, as.clientSecret) }, maxRedirects: 0 });

const clientCredentials = (on: APIRequestContext, as: TestClient = client, scopes = scope) =>
  oauth(on, "/oauth/token", { grant_type: "client_credentials", scope: scopes }, as);

/** A client made on A, once B knows it too (within CONFIG_POLL_MS): one of its requests is used on B. */
async function newClient(name: string, allowedGrantTypes = ["client_credentials"]): Promise<TestClient> {
  const created = await onA.post("/api/clients", {
    data: { name, type: "confidential", redirectUris: [REDIRECT_URI], allowedScopes: [scope], allowedGrantTypes },
  });
  expect(created.status()).toBe(201);
  const made: TestClient = await created.json();
  await within(CONFIG_POLL_MS + REQUEST_SLACK_MS, async () => (await clientCredentials(onB, made)).ok());
  return made;
}

const introspect = async (on: APIRequestContext, token: string) =>
  (await (await oauth(on, "/oauth/introspect", { token })).json()).active as boolean;

/** A figure of the run, in the report (the JSON report's annotations). */
const record = (type: string, description: string) => test.info().annotations.push({ type, description });

/** Polls `check` until it holds; returns how long that took (ms), failing after `boundMs`. */
async function within(boundMs: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    expect(Date.now() - started, `not within ${boundMs} ms`).toBeLessThanOrEqual(boundMs);
    await pause(POLL_MS);
  }
  return Date.now() - started;
}

async function signedIn(base: string): Promise<APIRequestContext> {
  const context = await request.newContext({
    baseURL: base,
    extraHTTPHeaders: { origin: base },
    storageState: SIGNED_OUT,
  });
  const response = await context.post("/api/session", { data: E2E_USER });
  expect(response.status()).toBe(200);
  return context;
}

/**
 * A refresh token for the admin through the flow's pages, its steps on both nodes as a load
 * balancer may spread them: sign-in on A, consent (the code) on B, the code exchanged on A.
 */
async function refreshToken(): Promise<string> {
  const query = new URLSearchParams({
    response_type: "code",
    client_id: client.clientId,
    redirect_uri: REDIRECT_URI,
    scope,
    state: "multi",
  });
  const hidden = (html: string, name: string) =>
    (html.match(new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`))?.[1] ?? "").replace(/&amp;/g, "&");
  const browser = await request.newContext({ storageState: SIGNED_OUT });
  try {
    const signInPage = await (await browser.get(`${a.base}/oauth/authorize?${query}`)).text();
    const signedIn = await browser.post(`${a.base}/oauth/authorize/sign-in`, {
      form: { request: hidden(signInPage, "request"), ...E2E_USER },
      headers: { origin: a.base },
    });
    const consentPage = await signedIn.text();
    expect(consentPage).toContain("wants access");
    // The session cookie as the browser would send it to the load balancer's one host.
    const cookie = (signedIn.headers()["set-cookie"] ?? "").split(";")[0];
    const redirect = await browser.post(`${b.base}/oauth/authorize/consent`, {
      form: { request: hidden(consentPage, "request"), csrf: hidden(consentPage, "csrf"), decision: "allow", scope },
      headers: { origin: b.base, cookie },
      maxRedirects: 0,
    });
    const code = new URL(redirect.headers().location ?? "").searchParams.get("code");
    expect(code, await redirect.text()).toBeTruthy();
    const form = { grant_type: "authorization_code", code: code ?? "", redirect_uri: REDIRECT_URI };
    const tokens = await (await oauth(onA, "/oauth/token", form)).json();
    expect(tokens.refresh_token).toBeTruthy();
    return tokens.refresh_token;
  } finally {
    await browser.dispose();
  }
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(3 * START_TIMEOUT_MS);
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    database = await createTestDatabase(serverUrl);
    a = await startNode("A", PORT_A, { DATABASE_URL: database.url, WORKERS: "1" });
    b = await startNode("B", PORT_B, { DATABASE_URL: database.url, WORKERS: "2" });
  } else {
    a = await startNode("A", PORT_A, { DATABASE_URL: "", WORKERS: "1" });
    const url = readFileSync(path.join(dataDir, "embedded-url"), "utf8").trim();
    b = await startNode("B", PORT_B, { DATABASE_URL: url, WORKERS: "1" });
  }
  onA = await signedIn(a.base);
  onB = await signedIn(b.base);
  const api = await (await onA.post("/api/apis", { data: { name: uniqueName("multi"), displayName: "Multi" } })).json();
  scope = uniqueName("multi_read");
  expect((await onA.post(`/api/apis/${api.id}/scopes`, { data: { name: scope } })).status()).toBe(201);
  client = await newClient("Two nodes' app", ["client_credentials", "authorization_code", "refresh_token"]);
});

test.afterAll(async () => {
  await onA?.dispose();
  await onB?.dispose();
  // B first: on the embedded database A holds the database.
  if (b) await stopNode(b);
  if (a) await stopNode(a);
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

test("[NODES] a token issued on A (signed in on A, consent on B) is refreshed on B, introspected on both, revoked on B and then inactive on A", async () => {
  test.setTimeout(60_000);
  const refresh = await refreshToken();
  const refreshed = await oauth(onB, "/oauth/token", { grant_type: "refresh_token", refresh_token: refresh });
  expect(refreshed.status(), await refreshed.text()).toBe(200);
  const { access_token, refresh_token } = await refreshed.json();
  expect(await introspect(onA, access_token)).toBe(true);
  expect(await introspect(onB, access_token)).toBe(true);

  expect((await oauth(onB, "/oauth/revoke", { token: access_token })).status()).toBe(200);
  expect(await introspect(onB, access_token)).toBe(false);
  const took = await within(CONFIG_POLL_MS + REQUEST_SLACK_MS, async () => !(await introspect(onA, access_token)));
  expect(took).toBeLessThanOrEqual(CONFIG_POLL_MS + REQUEST_SLACK_MS);
  record("revocation reached A", `${took} ms`);

  // The token B rotated away, replayed on A: refused, and the whole grant with it, on B too at once.
  const replayed = await oauth(onA, "/oauth/token", { grant_type: "refresh_token", refresh_token: refresh });
  expect(replayed.status()).toBe(400);
  expect((await replayed.json()).error).toBe("invalid_grant");
  const after = await oauth(onB, "/oauth/token", { grant_type: "refresh_token", refresh_token });
  expect(after.status()).toBe(400);
});

test("[NODES] a scope added to the client on A reaches B's token endpoint within CONFIG_POLL_MS", async () => {
  test.setTimeout(60_000);
  const app = await newClient("Growing app");
  const other = await (
    await onA.post("/api/apis", { data: { name: uniqueName("multi"), displayName: "More" } })
  ).json();
  const added = uniqueName("multi_write");
  expect((await onA.post(`/api/apis/${other.id}/scopes`, { data: { name: added } })).status()).toBe(201);
  // Settled on B first: the scope exists, the client may not ask for it yet.
  const refusedOnB = async () => (await clientCredentials(onB, app, added)).status() === 400;
  await within(CONFIG_POLL_MS + REQUEST_SLACK_MS, refusedOnB);
  const current = await (await onA.get(`/api/clients/${app.id}`)).json();
  const changed = await onA.patch(`/api/clients/${app.id}`, {
    data: { allowedScopes: [scope, added], version: current.version },
  });
  expect(changed.status(), await changed.text()).toBe(200);
  const granted = async () => (await (await clientCredentials(onB, app, added)).json()).scope === added;
  const took = await within(CONFIG_POLL_MS + REQUEST_SLACK_MS, granted);
  expect(took).toBeLessThanOrEqual(CONFIG_POLL_MS + REQUEST_SLACK_MS);
  record("scope change reached B", `${took} ms`);
});

test("[NODES] the failed sign-ins of one account count on both nodes", async () => {
  const email = `${uniqueName("nobody")}@example.com`;
  const attempt = (on: APIRequestContext) => on.post("/api/session", { data: { email, password: "wrong password" } });
  for (let i = 0; i < SIGN_IN_ACCOUNT_LIMIT; i++) expect((await attempt(i % 2 === 0 ? onA : onB)).status()).toBe(401);
  const refusedOnA = await attempt(onA);
  const refusedOnB = await attempt(onB);
  expect(refusedOnA.status()).toBe(429);
  expect(refusedOnB.status()).toBe(429);
  expect(Number(refusedOnB.headers()["retry-after"])).toBeGreaterThan(0);
});

test("[NODES] the per-client limit holds over both nodes, and a restart of B does not hand the client a fresh budget", async () => {
  test.setTimeout(START_TIMEOUT_MS + 60_000);
  // Its first request, on B, is one of its budget.
  const limited = await newClient("Limited app");
  const ask = async (on: APIRequestContext) => (await clientCredentials(on, limited)).status();
  const paced = async (on: APIRequestContext) => {
    const statuses: number[] = [];
    for (let i = 0; i < REQUESTS_PER_NODE; i++) {
      statuses.push(await ask(on));
      await pause(PACE_MS);
    }
    return statuses;
  };
  const started = Date.now();
  const statuses = (await Promise.all([paced(onA), paced(onB)])).flat();
  const rate = (statuses.length * 1000) / (Date.now() - started);
  expect(statuses.filter((status) => status !== 200 && status !== 429)).toEqual([]);
  const served = 1 + statuses.filter((status) => status === 200).length;
  const bound = TOKEN_LIMIT + Math.ceil((rate * 2 * SYNC_MS) / 1000);
  record("per-client limit", `${served} served of ${statuses.length + 1} (limit ${TOKEN_LIMIT}, bound ${bound})`);
  expect(served).toBeGreaterThanOrEqual(TOKEN_LIMIT);
  // A node decides from the totals of its last sync: what the other counted since the other's own
  // last sync before that is unseen, at most two SYNC_MS of the other's requests (the bound of
  // lib/rate-limit/client-rate-limiter.ts). Each node alone would have served TOKEN_LIMIT.
  expect(served).toBeLessThanOrEqual(bound);
  // Both refuse it now (a node that served its last request unaware learns at that sync).
  for (const on of [onA, onB]) await within(2 * SYNC_MS + REQUEST_SLACK_MS, async () => (await ask(on)) === 429);

  // B restarts: its first request for the client is refused, not the first of a fresh budget.
  await onB.dispose();
  await stopNode(b);
  b = await startNode("B", PORT_B, b.env);
  onB = await signedIn(b.base);
  expect(await ask(onB)).toBe(429);
  expect(await ask(onA)).toBe(429);
});
