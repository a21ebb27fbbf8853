// Two console processes over one database, as two nodes behind a load balancer: the same ISSUER
// and key-encryption key, different ports. What one node does the other sees through the database:
// tokens, revocations and configuration (within CONFIG_POLL_MS), the per-client limit (within two
// SYNC_MS), the sign-in limits (at once), and a restart keeps the per-client count. Node B runs
// two workers (WORKERS=2, lib/server/cluster.ts). The database: on the PostgreSQL server project a
// fresh one on TEST_DATABASE_URL's server; on the embedded project node A's embedded server, which
// node B reaches through its URL as a second node on the same machine would.
import { randomBytes } from "node:crypto";
import { type APIRequestContext, expect, request, test } from "@playwright/test";
import { SIGN_IN_ACCOUNT_LIMIT } from "@/lib/accounts/sign-in-limits";
import { runningServerUrl } from "@/lib/db/embedded";
import { embeddedDataPath } from "@/lib/db/embedded-handle";
import { CONFIG_POLL_MS } from "@/lib/oauth/config-cache";
import { SYNC_MS } from "@/lib/rate-limit/client-rate-limiter";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { type ConsoleProcess, freePort, signedIn, startConsole, temporaryDataDir } from "./console-process";
import { uniqueName } from "./support";
import { E2E_USER, SIGNED_OUT } from "./user";

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
/** Starting both nodes (migrations, Next.js in three processes), on a loaded machine. */
const START_TIMEOUT_MS = 180_000;
const REDIRECT_URI = "http://127.0.0.1:9/callback";

/** A node: its process, its base URL, and how to start it again. */
interface Node {
  base: string;
  process: ConsoleProcess;
  start(): Promise<ConsoleProcess>;
}

let database: TestDatabase | undefined;
const { dataDir, remove: removeDataDir } = temporaryDataDir();
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

/** A node on `port` whose issuer is `issuer` (the load balancer's URL), over `databaseUrl` (unset: embedded). */
async function startNode(port: number, issuer: string, env: Record<string, string>, databaseUrl?: string) {
  const start = () => startConsole({ port, dataDir, databaseUrl, env: { ISSUER: issuer, ...env } });
  const node: Node = { base: `http://127.0.0.1:${port}`, process: await start(), start };
  return node;
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
    const signInAnswer = await browser.post(`${a.base}/oauth/authorize/sign-in`, {
      form: { request: hidden(signInPage, "request"), ...E2E_USER },
      headers: { origin: a.base },
    });
    const consentPage = await signInAnswer.text();
    expect(consentPage).toContain("wants access");
    // The session cookie as the browser would send it to the load balancer's one host.
    const cookie = (signInAnswer.headers()["set-cookie"] ?? "").split(";")[0];
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

// biome-ignore lint/correctness/noEmptyPattern: Playwright sets up only the fixtures this pattern names: none.
test.beforeAll(async ({}, testInfo) => {
  test.setTimeout(START_TIMEOUT_MS);
  const [portA, portB] = [await freePort(), await freePort()];
  const issuer = `http://127.0.0.1:${portA}`;
  const env = { KEY_ENCRYPTION_KEY: randomBytes(32).toString("base64"), TOKEN_RATE_LIMIT: String(TOKEN_LIMIT) };
  if (testInfo.project.name.startsWith("postgres")) {
    database = await createTestDatabase(process.env.TEST_DATABASE_URL);
    a = await startNode(portA, issuer, { ...env, WORKERS: "1" }, database.url);
    b = await startNode(portB, issuer, { ...env, WORKERS: "2" }, database.url);
  } else {
    a = await startNode(portA, issuer, { ...env, WORKERS: "1" });
    const url = runningServerUrl(embeddedDataPath(dataDir));
    expect(url, "node A's embedded server").toBeTruthy();
    b = await startNode(portB, issuer, { ...env, WORKERS: "2" }, url);
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
  // B first: on the embedded project A holds the database.
  await b?.process.kill("SIGTERM");
  await a?.process.kill("SIGTERM");
  await database?.drop();
  removeDataDir();
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

  // The token B rotated to is used on A; then the first one, replayed on B, is a reuse (its
  // successor was used): refused, and the whole grant with it, on A too at once.
  const again = await oauth(onA, "/oauth/token", { grant_type: "refresh_token", refresh_token });
  expect(again.status(), await again.text()).toBe(200);
  const replayed = await oauth(onB, "/oauth/token", { grant_type: "refresh_token", refresh_token: refresh });
  expect(replayed.status()).toBe(400);
  expect((await replayed.json()).error).toBe("invalid_grant");
  const latest = (await again.json()).refresh_token;
  const after = await oauth(onA, "/oauth/token", { grant_type: "refresh_token", refresh_token: latest });
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
  await b.process.kill("SIGTERM");
  b.process = await b.start();
  onB = await signedIn(b.base);
  expect(await ask(onB)).toBe(429);
  expect(await ask(onA)).toBe(429);
});
