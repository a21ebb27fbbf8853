// Fuzzing: over 10,000 generated malformed requests to every console route handler found on disk
// and to the token, revocation and introspection endpoints. No answer is a 5xx; each is the
// refusal its kind calls for (problem details, an RFC 6749 error, an inactive token); nothing is
// written to any table; and valid requests still succeed afterwards. The requests come from a
// seeded generator: FUZZ_SEED=<seed> replays a run (the seed is printed).
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import * as apisRoute from "@/app/api/apis/route";
import { PROBLEM_CONTENT_TYPE } from "@/lib/api/problem";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { createGrant, newGrantId, storeRefreshToken } from "@/lib/oauth/grant-store";
import { createLeanApp } from "@/lib/server/lean-app";
import { seededRandom } from "@/lib/testing/prng";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { systemClock } from "@/lib/time/epoch";
import { call, unique } from "./call";
import { createApi, createClient, createScope } from "./factories";
import {
  type ConsoleCase,
  type ConsoleFixture,
  consoleCase,
  consoleOperations,
  handlerWeight,
  KINDS,
} from "./fuzz-console";
import { ENDPOINTS, OAUTH_ORIGIN, type OAuthCase, type OAuthFixture, oauthCase } from "./fuzz-oauth";
import { testOAuthContext } from "./oauth-context";
import { allHandlers, type FoundHandler } from "./routes";
import { signedIn, testAdmin } from "./sessions";

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_124);
const CONSOLE_REQUESTS = 7_000;
const OAUTH_REQUESTS_PER_ENDPOINT = 1_100;
/** Requests in flight at once: enough to interleave, few enough for a 2-core machine. */
const CONCURRENCY = 4;
const RUN_TIMEOUT_MS = 300_000;

/** RFC 6749 5.2. */
const OAUTH_ERRORS = new Set([
  "invalid_request",
  "invalid_client",
  "invalid_grant",
  "unauthorized_client",
  "unsupported_grant_type",
  "invalid_scope",
]);
const ERROR_DESCRIPTION = /^[\x20-\x21\x23-\x5B\x5D-\x7E]*$/;

const DATABASE = inject("embedded") ? "embedded" : "postgres";

type LeanApp = ReturnType<typeof createLeanApp>;

let ownDatabase: TestDatabase | null = null;
let lean: LeanApp;
let handlers: FoundHandler[];
let consoleFixture: ConsoleFixture;
let oauthFixture: OAuthFixture;
const sent = { console: 0, oauth: 0 };

/**
 * The rate limits count requests, malformed ones too (a password guesser's are all malformed):
 * their counters are the one thing a refused request may write.
 */
const RATE_LIMIT_TABLE = "RateLimit";
const COUNTER_KEY = /^(token|sign-in):/;

interface DatabaseState {
  /** Row count and a checksum of every row, for every table but the rate limits'. */
  tables: Record<string, { rows: number; checksum: string }>;
  /** The rate limits' counters by key. */
  counters: Map<string, string>;
}

async function databaseState(): Promise<DatabaseState> {
  const tables = await db().$queryRaw<{ name: string }[]>`
    SELECT tablename AS name FROM pg_tables
    WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY tablename`;
  const state: DatabaseState = { tables: {}, counters: new Map() };
  for (const { name } of tables) {
    if (name === RATE_LIMIT_TABLE) continue;
    const [row] = await db().$queryRawUnsafe<{ rows: number; checksum: string }[]>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS checksum
       FROM "${name}" AS t`,
    );
    state.tables[name] = row;
  }
  for (const { key, count, resetAt } of await db().rateLimit.findMany()) {
    state.counters.set(key, `${count} ${resetAt.toISOString()}`);
  }
  return state;
}

/** Expects every table as it was, but for request counters of the rate limits. */
async function expectNothingWritten(before: DatabaseState) {
  const after = await databaseState();
  expect(after.tables).toEqual(before.tables);
  const changed = [...after.counters].filter(([key, value]) => before.counters.get(key) !== value);
  expect(changed.filter(([key]) => !COUNTER_KEY.test(key))).toEqual([]);
  expect([...before.counters.keys()].filter((key) => !after.counters.has(key) && !COUNTER_KEY.test(key))).toEqual([]);
}

/** Runs the cases `concurrency` at a time, in the order the generator makes them. */
async function runAll<C>(cases: Iterator<C>, check: (item: C) => Promise<void>) {
  const worker = async () => {
    for (let next = cases.next(); !next.done; next = cases.next()) await check(next.value);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

function* consoleCases(operations: ReturnType<typeof consoleOperations>): Generator<ConsoleCase> {
  const random = seededRandom(SEED);
  for (let index = 0; index < CONSOLE_REQUESTS; index++) {
    const handler = random.weighted(handlers, (candidate) => handlerWeight(candidate, operations[candidate.name]));
    yield consoleCase(random, index, handler, operations[handler.name], consoleFixture);
  }
}

function* oauthCases(): Generator<OAuthCase> {
  const random = seededRandom(SEED + 1);
  for (let index = 0; index < OAUTH_REQUESTS_PER_ENDPOINT * ENDPOINTS.length; index++) {
    yield oauthCase(random, index, ENDPOINTS[index % ENDPOINTS.length], oauthFixture);
  }
}

const shown = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}…` : text);

/** What is wrong with a console answer, if anything. */
async function consoleVerdict(item: ConsoleCase, response: Response): Promise<string | null> {
  const text = await response.text();
  const expected: readonly number[] = KINDS[item.kind];
  if (!expected.includes(response.status)) return `status ${response.status}, expected ${expected}: ${shown(text)}`;
  if (response.headers.get("content-type") !== PROBLEM_CONTENT_TYPE) {
    return `content type ${response.headers.get("content-type")}: ${shown(text)}`;
  }
  const body = JSON.parse(text);
  const { type, title, status, detail } = body;
  const wellFormed =
    typeof type === "string" && typeof title === "string" && status === response.status && typeof detail === "string";
  return wellFormed ? null : `not problem details: ${shown(text)}`;
}

/** What is wrong with a protocol answer, if anything. */
async function oauthVerdict(item: OAuthCase, response: Response): Promise<string | null> {
  const text = await response.text();
  const answer = `${response.status} ${shown(text)}`;
  if (item.outcome === "ignored") return response.status === 200 && text === "" ? null : answer;
  const body = JSON.parse(text);
  if (item.outcome === "inactive") {
    return response.status === 200 && JSON.stringify(body) === '{"active":false}' ? null : answer;
  }
  if (item.outcome === "notFound") return response.status === 404 && body.error === "not_found" ? null : answer;
  if (response.status !== 400 && response.status !== 401) return `status: ${answer}`;
  if (!response.headers.get("content-type")?.startsWith("application/json")) return `content type: ${answer}`;
  if (response.headers.get("cache-control") !== "no-store") return `cacheable: ${answer}`;
  const { error, error_description: description, ...rest } = body;
  if (!OAUTH_ERRORS.has(error) || Object.keys(rest).length > 0) return `not an RFC 6749 error: ${answer}`;
  if (description !== undefined && (typeof description !== "string" || !ERROR_DESCRIPTION.test(description))) {
    return `error_description outside RFC 6749's characters: ${answer}`;
  }
  const challenged = response.headers.get("www-authenticate")?.startsWith("Basic ") ?? false;
  if ((response.status === 401) !== (error === "invalid_client") || (response.status === 401 && !challenged)) {
    return `invalid_client must be 401 with a Basic challenge: ${answer}`;
  }
  return null;
}

/**
 * Sends every case, `CONCURRENCY` at a time; expects no 5xx, every answer right for its case, and
 * every table as it was. Returns how many requests went out.
 */
async function fuzz<C extends { label: string }>(
  name: string,
  cases: Iterator<C>,
  send: (item: C) => Promise<Response>,
  verdict: (item: C, response: Response) => Promise<string | null>,
): Promise<number> {
  const before = await databaseState();
  const started = Date.now();
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  let count = 0;
  await runAll(cases, async (item) => {
    count++;
    try {
      const response = await send(item);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const wrong = await verdict(item, response);
      if (wrong) failures.push(`${item.label}: ${wrong}`);
    } catch (error) {
      failures.push(`${item.label}: threw ${error instanceof Error ? error.stack : error}`);
    }
  });
  console.log(`${DATABASE} ${name}: ${count} requests, ${Date.now() - started} ms`, Object.fromEntries(statuses));
  const serverErrors = failures.filter((failure) => / status 5\d\d|threw/.test(failure));
  expect(serverErrors.slice(0, 10)).toEqual([]);
  expect({ wrong: failures.length, first: failures.slice(0, 10) }).toEqual({ wrong: 0, first: [] });
  await expectNothingWritten(before);
  return count;
}

async function postForm(path: string, params: Record<string, string>, authorization?: string) {
  const response = await lean.fetch(
    new Request(`${OAUTH_ORIGIN}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        ...(authorization ? { authorization } : {}),
      },
      body: new URLSearchParams(params),
    }),
  );
  return { status: response.status, json: await response.json() };
}

const basic = (client: { id: string; secret: string }) =>
  `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString("base64")}`;

beforeAll(async () => {
  console.log(`${DATABASE} fuzz seed ${SEED} (FUZZ_SEED=${SEED} replays this run)`);
  // On a PostgreSQL server the other test files write to the shared database at the same time:
  // this one takes a database of its own, so that "nothing written" can cover every table.
  if (DATABASE === "postgres") {
    ownDatabase = await createTestDatabase(inject("databaseUrl"));
    process.env.DATABASE_URL = ownDatabase.url;
  }
  handlers = await allHandlers();
  const admin = await testAdmin();
  const user = await signedIn("user");
  const api = await createApi({ name: unique("fuzz_api") });
  const scope = await createScope(api.id, { name: unique("fuzz_read") });
  const foreign = await createApi({ name: unique("fuzz_other") });
  const foreignScope = await createScope(foreign.id, { name: unique("fuzz_foreign") });
  const machine = { type: "confidential", allowedGrantTypes: ["client_credentials"] } as const;
  const confidential = await createClient({ ...machine, name: "Fuzz", allowedScopes: [scope.name] });
  const other = await createClient({ ...machine, name: "Other", allowedScopes: [foreignScope.name] });
  const publicClient = await createClient({
    name: "Fuzz app",
    type: "public",
    allowedScopes: [scope.name],
    allowedGrantTypes: ["authorization_code", "refresh_token"],
    redirectUris: ["https://app.example/cb"],
  });

  const context = await testOAuthContext(OAUTH_ORIGIN, systemClock);
  lean = createLeanApp(context);
  const confidentialCredentials = { id: confidential.clientId, secret: confidential.secret };
  const issued = await postForm("/oauth/token", { grant_type: "client_credentials" }, basic(confidentialCredentials));
  expect(issued.status).toBe(200);
  const now = systemClock();
  const grantId = newGrantId();
  const refreshToken = await db().$transaction(async (tx) => {
    await createGrant(tx, {
      id: grantId,
      clientId: publicClient.clientId,
      userId: user.id,
      scopes: [scope.name],
      issuedAt: now,
      authTime: now,
      tokensExpireAt: now + 86_400,
    });
    return storeRefreshToken(tx, grantId, now + 86_400);
  });
  const jwks = await (await lean.fetch(new Request(`${OAUTH_ORIGIN}/oauth/jwks`))).json();

  consoleFixture = {
    apiId: api.id,
    apiName: api.name,
    scopeId: scope.id,
    scopeName: scope.name,
    clientId: confidential.id,
    clientClientId: confidential.clientId,
    userId: user.id,
    adminEmail: admin.email,
    adminCookie: admin.cookie,
  };
  oauthFixture = {
    confidential: confidentialCredentials,
    other: { id: other.clientId, secret: other.secret },
    publicClientId: publicClient.clientId,
    scope: scope.name,
    foreignScope: foreignScope.name,
    accessToken: issued.json.access_token,
    refreshToken,
    publicJwk: jwks.keys.find((key: { alg: string }) => key.alg === "ES256"),
  };
}, 120_000);

afterAll(async () => {
  if (!ownDatabase) return;
  await db().$disconnect();
  await ownDatabase.drop();
});

describe("fuzz", () => {
  it("describes every console route handler on disk, and only those", () => {
    const operations = consoleOperations(consoleFixture);
    const names = handlers.map((handler) => handler.name);
    expect(names.filter((name) => !(name in operations))).toEqual([]);
    expect(Object.keys(operations).filter((name) => !names.includes(name))).toEqual([]);
  });

  it(
    `answers ${CONSOLE_REQUESTS} malformed console requests with 4xx problem details, writing nothing`,
    async () => {
      const operations = consoleOperations(consoleFixture);
      const { tables } = await databaseState();
      expect([...Object.keys(tables), RATE_LIMIT_TABLE]).toEqual(
        expect.arrayContaining(Object.values(Prisma.ModelName)),
      );
      sent.console = await fuzz(
        "console",
        consoleCases(operations),
        (item) => item.handler.handler(item.request(), { params: Promise.resolve(item.params) }),
        consoleVerdict,
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    `answers ${OAUTH_REQUESTS_PER_ENDPOINT * ENDPOINTS.length} malformed token, revocation and introspection requests with RFC 6749 errors, writing nothing`,
    async () => {
      sent.oauth = await fuzz("oauth", oauthCases(), async (item) => lean.fetch(item.request()), oauthVerdict);
    },
    RUN_TIMEOUT_MS,
  );

  it("sent at least 10,000 requests, and valid requests still succeed afterwards", async () => {
    expect(sent.console + sent.oauth).toBeGreaterThanOrEqual(10_000);
    const audited = await db().auditEvent.count();
    const created = await call(apisRoute.POST, "POST", "/api/apis", { body: { name: unique("after_fuzz") } });
    expect(created.status).toBe(201);
    expect(await db().auditEvent.count()).toBe(audited + 1);

    const issued = await postForm(
      "/oauth/token",
      { grant_type: "client_credentials", scope: oauthFixture.scope },
      basic(oauthFixture.confidential),
    );
    expect(issued.status).toBe(200);
    expect(issued.json.scope).toBe(oauthFixture.scope);
    const introspected = await postForm(
      "/oauth/introspect",
      { token: issued.json.access_token },
      basic(oauthFixture.other),
    );
    expect(introspected.json).toMatchObject({ active: true, client_id: oauthFixture.confidential.id });
  });
});
