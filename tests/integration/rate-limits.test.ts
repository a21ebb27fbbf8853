// Rate limits kept in the database: failed sign-ins per account and per address on the OAuth
// sign-in page, and requests per client at the token endpoint. Called as the lean path calls the
// handlers, with a clock the tests move; "processes" are OAuth contexts or limiters on their own
// database connections.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sessionRoute from "@/app/api/session/route";
import {
  SIGN_IN_ACCOUNT_LIMIT,
  SIGN_IN_ADDRESS_LIMIT,
  SIGN_IN_WINDOW_SECONDS,
  takeSignInAttempt,
} from "@/lib/accounts/sign-in-limits";
import { createPrismaClient, db } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/client-address";
import { authorizeHandlers } from "@/lib/oauth/authorize";
import type { OAuthContext } from "@/lib/oauth/context";
import { introspectionHandler } from "@/lib/oauth/introspect";
import { SIGN_IN_PATH } from "@/lib/oauth/pages";
import { revocationHandler } from "@/lib/oauth/revoke";
import { tokenHandler } from "@/lib/oauth/token";
import { ClientRateLimiter } from "@/lib/rate-limit/client-rate-limiter";
import { addToWindows } from "@/lib/rate-limit/counter";
import { unique } from "./call";
import { createClient, createScope, createUser } from "./factories";
import { basicClientRequest, testOAuthContext } from "./oauth-context";

const ISSUER = "https://issuer.test";
const REDIRECT = "https://app.example/callback";
const PASSWORD = "correct horse battery staple";
/** The token endpoint's limit in these tests: requests per client per minute. */
const TOKEN_LIMIT = 3;
const TOKEN_WINDOW_SECONDS = 60;
/** Limiters whose syncs the tests make themselves: their timers never fire during a test. */
const NEVER_MS = 3_600_000;
const PARALLEL_ATTEMPTS = 12;

let clock = 1_960_000_000;
let context: OAuthContext;
/** A second database connection pool: what another process, or this one restarted, would have. */
let otherPrisma: PrismaClient;
let scopeName: string;
/** The client of the token endpoint's tests (set up once the scope exists): a confidential machine client. */
let rateLimitedApp: {
  name: string;
  type: "confidential";
  redirectUris: string[];
  allowedScopes: string[];
  allowedGrantTypes: string[];
};
let authorizationQuery: string;
let nextAddress = 1;

/** A client address of its own for each test (TEST-NET-3), so that the per-address limit is the test's own. */
const newAddress = () => `203.0.113.${nextAddress++}`;
const newEmail = () => `${unique("signin")}@example.com`;

/** The sign-in form posted from the page, as a browser at `address` sends it through the server. */
function signIn(email: string, password: string, address: string, on: OAuthContext = context) {
  return authorizeHandlers(on).signIn(
    new Request(`${ISSUER}${SIGN_IN_PATH}`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: ISSUER,
        [CLIENT_ADDRESS_HEADER]: address,
      },
      body: new URLSearchParams({ request: authorizationQuery, email, password }).toString(),
    }),
  );
}

async function expectIncorrect(response: Response) {
  expect(response.status).toBe(200);
  expect(await response.text()).toContain("The email or password is incorrect.");
}

async function expectRefused(response: Response, retryAfter: number) {
  expect(response.status).toBe(429);
  expect(response.headers.get("retry-after")).toBe(String(retryAfter));
  expect(response.headers.get("set-cookie")).toBeNull();
  const minutes = Math.ceil(retryAfter / 60);
  expect(await response.text()).toContain(
    `<p class="error" role="alert">Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.</p>`,
  );
}

async function expectSignedIn(response: Response) {
  expect(response.status, await response.clone().text()).toBe(200);
  expect(response.headers.get("set-cookie")).toMatch(/^scope_console_session=/);
}

async function failuresUpToTheLimit(email: string, address: string) {
  for (let i = 0; i < SIGN_IN_ACCOUNT_LIMIT; i++) await expectIncorrect(await signIn(email, "wrong password", address));
}

const tokenRequest = (path: string, client: { clientId: string; secret: string }, params: Record<string, string>) =>
  basicClientRequest(`${ISSUER}${path}`, client, params);

const issue = (client: { clientId: string; secret: string }, on: OAuthContext = context) =>
  tokenHandler(on)(tokenRequest("/oauth/token", client, { grant_type: "client_credentials", scope: scopeName }));

beforeAll(async () => {
  context = await testOAuthContext(ISSUER, () => clock, { tokenRateLimit: TOKEN_LIMIT });
  otherPrisma = createPrismaClient(process.env.DATABASE_URL as string, 1);
  scopeName = (await createScope()).name;
  rateLimitedApp = {
    name: "Rate-limited app",
    type: "confidential",
    redirectUris: [REDIRECT],
    allowedScopes: [scopeName],
    allowedGrantTypes: ["client_credentials"],
  };
  const client = await createClient({ ...rateLimitedApp, allowedGrantTypes: ["authorization_code"] });
  authorizationQuery = new URLSearchParams({
    response_type: "code",
    client_id: client.clientId,
    redirect_uri: REDIRECT,
    scope: scopeName,
    state: "state-123",
  }).toString();
});

afterAll(async () => {
  await otherPrisma.$disconnect();
});

describe("POST /oauth/authorize/sign-in - failed sign-ins per account", () => {
  it("after 5 failures the page answers 429 with Retry-After, even to the right password, until the window ends", async () => {
    const { email } = await createUser({ password: PASSWORD });
    const address = newAddress();
    await failuresUpToTheLimit(email, address);

    // Refused before the password is checked; the email is compared as sign-in compares it.
    await expectRefused(await signIn(` ${email.toUpperCase()} `, PASSWORD, address), SIGN_IN_WINDOW_SECONDS);
    // The account is limited from every address.
    await expectRefused(await signIn(email, PASSWORD, newAddress()), SIGN_IN_WINDOW_SECONDS);

    clock += SIGN_IN_WINDOW_SECONDS - 60;
    await expectRefused(await signIn(email, PASSWORD, address), 60);
    clock += 60;
    await expectSignedIn(await signIn(email, PASSWORD, address));
  });

  it("an email without an account is limited alike, so that the answer reveals no account", async () => {
    const email = newEmail();
    const address = newAddress();
    await failuresUpToTheLimit(email, address);
    await expectRefused(await signIn(email, "wrong password", address), SIGN_IN_WINDOW_SECONDS);
  });

  it("a success clears the account's failures and does not count against the address", async () => {
    const { email } = await createUser({ password: PASSWORD });
    const address = newAddress();
    for (let i = 0; i < SIGN_IN_ACCOUNT_LIMIT - 1; i++) {
      await expectIncorrect(await signIn(email, "wrong password", address));
    }
    await expectSignedIn(await signIn(email, PASSWORD, address));
    // A whole new allowance of failures.
    await failuresUpToTheLimit(email, address);
    await expectRefused(await signIn(email, PASSWORD, address), SIGN_IN_WINDOW_SECONDS);
    const failures = 2 * SIGN_IN_ACCOUNT_LIMIT - 1;
    expect(await db().rateLimit.findUnique({ where: { key: `sign-in:address:${address}` } })).toMatchObject({
      count: failures,
    });
  });

  it("parallel attempts: no more than the limit get their password checked", async () => {
    const attempt = { email: newEmail(), address: newAddress() };
    const results = await Promise.all(
      Array.from({ length: PARALLEL_ATTEMPTS }, () => takeSignInAttempt(db(), attempt, clock)),
    );
    expect(results.filter((refusal) => refusal === null)).toHaveLength(SIGN_IN_ACCOUNT_LIMIT);
    expect(results.filter((refusal) => refusal !== null)).toHaveLength(PARALLEL_ATTEMPTS - SIGN_IN_ACCOUNT_LIMIT);
  });

  it("survives a restart: a new OAuth context on another database connection still refuses", async () => {
    const { email } = await createUser({ password: PASSWORD });
    const address = newAddress();
    await failuresUpToTheLimit(email, address);
    const restarted = await testOAuthContext(ISSUER, () => clock, { prisma: otherPrisma });
    await expectRefused(await signIn(email, PASSWORD, address, restarted), SIGN_IN_WINDOW_SECONDS);
  });
});

describe("POST /oauth/authorize/sign-in - failed sign-ins per address", () => {
  it("50 failures from one address, over many accounts, refuse the next account there, not elsewhere", async () => {
    const address = newAddress();
    // Spread over accounts as a password sprayer would, each below the account limit; the last
    // failure comes through the page.
    for (let i = 0; i < SIGN_IN_ADDRESS_LIMIT - 1; i++) {
      expect(await takeSignInAttempt(db(), { email: newEmail(), address }, clock)).toBeNull();
    }
    await expectIncorrect(await signIn(newEmail(), "wrong password", address));

    const { email } = await createUser({ password: PASSWORD });
    await expectRefused(await signIn(email, PASSWORD, address), SIGN_IN_WINDOW_SECONDS);
    await expectSignedIn(await signIn(email, PASSWORD, newAddress()));
  });

  it("IPv6 addresses count by their /64", async () => {
    const prefix = `2001:db8:${nextAddress++}:1`;
    for (let i = 0; i < SIGN_IN_ADDRESS_LIMIT; i++) {
      expect(
        await takeSignInAttempt(db(), { email: newEmail(), address: `${prefix}::${i.toString(16)}` }, clock),
      ).toBeNull();
    }
    await expectRefused(await signIn(newEmail(), "wrong password", `${prefix}:ffff::1`), SIGN_IN_WINDOW_SECONDS);
  });
});

describe("database-backed counters", () => {
  it("concurrent additions to one window lose no count", async () => {
    const key = unique("test:concurrent");
    const additions = 20;
    await Promise.all(
      Array.from({ length: additions }, () => addToWindows(db(), [{ key, amount: 1, windowSeconds: 60 }], clock)),
    );
    expect(await addToWindows(db(), [{ key, amount: 0, windowSeconds: 60 }], clock)).toEqual([
      { key, count: additions, resetAt: clock + 60 },
    ]);
  });

  it("two limiters (two processes) on one database count together, each learning the other's counts at its sync", async () => {
    const options = { limit: 10, now: () => clock, syncMs: NEVER_MS, keyPrefix: `${unique("test")}:` };
    const first = new ClientRateLimiter(db(), options);
    const second = new ClientRateLimiter(otherPrisma, options);
    for (let i = 0; i < 6; i++) expect(first.take("app")).toBeNull();
    await first.sync();
    for (let i = 0; i < 3; i++) expect(second.take("app")).toBeNull();
    await second.sync();
    // The second knows of 9 now: one more, then no more.
    expect(second.take("app")).toBeNull();
    expect(second.take("app")).toEqual({ retryAfter: 60 });
    // The first learns of them at its next sync.
    expect(first.take("app")).toBeNull();
    await first.sync();
    expect(first.take("app")).toEqual({ retryAfter: 60 });
    await second.stop();
    // A new limiter (a restarted process) reads the totals when it loads, before its first request.
    const restarted = new ClientRateLimiter(otherPrisma, options);
    await restarted.load();
    expect(restarted.take("app")).toEqual({ retryAfter: 60 });
    await first.stop();
    await restarted.stop();
  });
});

describe("POST /oauth/token - requests per client", () => {
  it("answers 429 with Retry-After once a client used its limit, other clients unaffected, open again after the window", async () => {
    const busy = await createClient(rateLimitedApp);
    const other = await createClient(rateLimitedApp);
    for (let i = 0; i < TOKEN_LIMIT; i++) expect((await issue(busy)).status).toBe(200);

    const refused = await issue(busy);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe(String(TOKEN_WINDOW_SECONDS));
    expect(refused.headers.get("cache-control")).toBe("no-store");
    expect(await refused.json()).toEqual({
      error: "too_many_requests",
      error_description: `This client made too many requests. Try again in ${TOKEN_WINDOW_SECONDS} seconds.`,
    });
    expect((await issue(other)).status).toBe(200);

    clock += TOKEN_WINDOW_SECONDS / 2;
    expect((await issue(busy)).headers.get("retry-after")).toBe(String(TOKEN_WINDOW_SECONDS / 2));
    clock += TOKEN_WINDOW_SECONDS / 2;
    expect((await issue(busy)).status).toBe(200);
  });

  it("counts before authentication: wrong secrets use the limit up; unknown client ids are not counted", async () => {
    const client = await createClient(rateLimitedApp);
    for (let i = 0; i < TOKEN_LIMIT; i++) {
      expect((await issue({ clientId: client.clientId, secret: "guessed" })).status).toBe(401);
    }
    expect((await issue(client)).status).toBe(429);
    for (let i = 0; i <= TOKEN_LIMIT; i++) {
      expect((await issue({ clientId: unique("nobody"), secret: "guessed" })).status).toBe(401);
    }
  });

  it("revocation shares the client's limit; introspection does not", async () => {
    const client = await createClient(rateLimitedApp);
    const { access_token } = await (await issue(client)).json();
    for (let i = 1; i < TOKEN_LIMIT; i++) {
      const revoked = await revocationHandler(context)(tokenRequest("/oauth/revoke", client, { token: "unknown" }));
      expect(revoked.status).toBe(200);
    }
    expect((await issue(client)).status).toBe(429);
    const revoke = await revocationHandler(context)(tokenRequest("/oauth/revoke", client, { token: access_token }));
    expect(revoke.status).toBe(429);
    const introspected = await introspectionHandler(context)(
      tokenRequest("/oauth/introspect", client, { token: access_token }),
    );
    expect(introspected.status).toBe(200);
    expect((await introspected.json()).active).toBe(true);
  });

  it("another process learns a client's count at its sync and refuses it too", async () => {
    const client = await createClient(rateLimitedApp);
    const other = await testOAuthContext(ISSUER, () => clock, { prisma: otherPrisma, tokenRateLimit: TOKEN_LIMIT });
    for (let i = 0; i < TOKEN_LIMIT; i++) expect((await issue(client)).status).toBe(200);
    await context.clientLimiter.sync();
    // Before its first sync the other process has counted only its own request.
    expect((await issue(client, other)).status).toBe(200);
    await other.clientLimiter.sync();
    expect((await issue(client, other)).status).toBe(429);
    await other.clientLimiter.stop();
  });

  it("a restart does not hand a client at its limit a fresh budget: the new process refuses its first request", async () => {
    const client = await createClient(rateLimitedApp);
    const before = await testOAuthContext(ISSUER, () => clock, { prisma: otherPrisma, tokenRateLimit: TOKEN_LIMIT });
    for (let i = 0; i < TOKEN_LIMIT; i++) expect((await issue(client, before)).status).toBe(200);
    // The process stops (its last counts reach the database) and starts again.
    await before.clientLimiter.stop();
    const restarted = await testOAuthContext(ISSUER, () => clock, { prisma: otherPrisma, tokenRateLimit: TOKEN_LIMIT });
    const refused = await issue(client, restarted);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe(String(TOKEN_WINDOW_SECONDS));
    // Its window still ends when it would have: open again after it.
    clock += TOKEN_WINDOW_SECONDS;
    expect((await issue(client, restarted)).status).toBe(200);
    await restarted.clientLimiter.stop();
  });
});

describe("POST /api/session - the console's sign-in", () => {
  const consoleSignIn = (email: string, password: string, address: string) =>
    sessionRoute.POST(
      new Request("http://localhost/api/session", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://localhost", [CLIENT_ADDRESS_HEADER]: address },
        body: JSON.stringify({ email, password }),
      }),
      { params: Promise.resolve({}) },
    );

  it("shares the per-account limit: 429 problem details with Retry-After, even to the right password", async () => {
    const { email } = await createUser({ password: PASSWORD, role: "admin" });
    const address = newAddress();
    for (let i = 0; i < SIGN_IN_ACCOUNT_LIMIT; i++) {
      expect((await consoleSignIn(email, "wrong password", address)).status).toBe(401);
    }
    const refused = await consoleSignIn(email, PASSWORD, address);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.headers.get("set-cookie")).toBeNull();
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(SIGN_IN_WINDOW_SECONDS);
    expect((await refused.json()).detail).toMatch(/^Too many failed sign-ins\. Try again in \d+ minutes?\.$/);

    // Another account at the same address still signs in; the refused one's failures stay.
    const { email: other } = await createUser({ password: PASSWORD, role: "owner" });
    expect((await consoleSignIn(other, PASSWORD, address)).status).toBe(200);
    expect((await consoleSignIn(email, PASSWORD, newAddress())).status).toBe(429);
  });
});
