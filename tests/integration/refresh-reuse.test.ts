// The refresh token reuse interval (issue 13): a retry with a just-rotated refresh token, whose
// successor is unused, gets a fresh rotation instead of a revocation; outside the interval, once
// the successor was used, or with an interval of 0, reuse revokes the grant as before. Grants are
// stored the way the code exchange stores them (createUserGrant); every refresh goes through the
// token endpoint, with a clock the tests move.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { DEFAULT_REFRESH_REUSE_INTERVAL_SECONDS } from "@/lib/issuing";
import type { OAuthContext } from "@/lib/oauth/context";
import { introspectionHandler } from "@/lib/oauth/introspect";
import { tokenHandler } from "@/lib/oauth/token";
import { unique } from "./call";
import { createApi, createClient, createScope, createUser, createUserGrant, type TestClient } from "./factories";
import { basicClientRequest, testOAuthContext } from "./oauth-context";

const ISSUER = "https://issuer.test";
const INTERVAL = DEFAULT_REFRESH_REUSE_INTERVAL_SECONDS;
/** Rounds of the concurrent-retries race, and retries at once in each. */
const RACE_ROUNDS = 10;
const RACE_RETRIES = 6;

let clock = 1_960_000_000;
let withInterval: OAuthContext;
let withoutInterval: OAuthContext;
let scopeName: string;
let userId: string;
let app: { name: string; redirectUris: string[]; allowedScopes: string[]; allowedGrantTypes: string[] };

const clientRequest = (path: string, client: TestClient<string>, params: Record<string, string>) =>
  basicClientRequest(`${ISSUER}${path}`, client, params);

async function refresh(client: TestClient<string>, refreshToken: string, context = withInterval) {
  const response = await tokenHandler(context)(
    clientRequest("/oauth/token", client, { grant_type: "refresh_token", refresh_token: refreshToken }),
  );
  // biome-ignore lint/suspicious/noExplicitAny: token responses are inspected field by field
  return { status: response.status, json: (await response.json()) as any };
}

async function introspect(client: TestClient<string>, token: string, context = withInterval) {
  return (await introspectionHandler(context)(clientRequest("/oauth/introspect", client, { token }))).json();
}

/** A grant of the file's user to a new client, and its first refresh token. */
async function newGrant() {
  const client = await createClient(app);
  const grant = await createUserGrant({ clientId: client.clientId, userId, scopes: [scopeName], now: clock });
  return { client, ...grant };
}

/** How many refresh tokens of the grant still work (neither rotated nor replaced, the grant not revoked). */
const liveTokens = (grantId: string) =>
  db().refreshToken.count({ where: { grantId, rotatedAt: null, grant: { revokedAt: null } } });

const isRevoked = async (grantId: string) =>
  (await db().grant.findUniqueOrThrow({ where: { id: grantId } })).revokedAt !== null;

beforeAll(async () => {
  withInterval = await testOAuthContext(ISSUER, () => clock);
  withoutInterval = await testOAuthContext(ISSUER, () => clock, { refreshReuseInterval: 0 });
  const api = await createApi({ name: unique("ledger") });
  scopeName = (await createScope(api.id, { name: unique("read_ledger") })).name;
  app = {
    name: "Ledger app",
    redirectUris: ["https://ledger.example/callback"],
    allowedScopes: [scopeName],
    allowedGrantTypes: ["authorization_code", "refresh_token"],
  };
  userId = (await createUser()).id;
});

describe("POST /oauth/token - refresh_token within the reuse interval", () => {
  it("the default interval is on: a retry gets a fresh token, and the successor it replaces stops working", async () => {
    expect(withInterval.refreshReuseInterval).toBe(INTERVAL);
    const { client, grantId, refreshToken } = await newGrant();
    const lost = await refresh(client, refreshToken);
    expect(lost.status, JSON.stringify(lost.json)).toBe(200);
    clock += 5;

    const retried = await refresh(client, refreshToken);
    expect(retried.status, JSON.stringify(retried.json)).toBe(200);
    expect(retried.json.refresh_token).not.toBe(lost.json.refresh_token);
    expect(retried.json.scope).toBe(lost.json.scope);
    // The same grant and expiry: the refresh lifetime does not start again.
    expect(retried.json.refresh_expires_in).toBe(lost.json.refresh_expires_in - 5);
    expect(await liveTokens(grantId)).toBe(1);
    expect(await introspect(client, lost.json.refresh_token)).toEqual({ active: false });
    expect(await introspect(client, retried.json.access_token)).toMatchObject({ active: true, scope: scopeName });

    // The chain goes on from the retry's token...
    const next = await refresh(client, retried.json.refresh_token);
    expect(next.status, JSON.stringify(next.json)).toBe(200);
    // ...and the replaced successor, should it turn up (it was in the lost response), is reuse.
    expect(await refresh(client, lost.json.refresh_token)).toMatchObject({
      status: 400,
      json: { error: "invalid_grant" },
    });
    expect(await isRevoked(grantId)).toBe(true);
    expect((await refresh(client, next.json.refresh_token)).json.error).toBe("invalid_grant");
  });

  it("a retry whose response was lost again is answered again, until the interval has passed", async () => {
    const { client, grantId, refreshToken } = await newGrant();
    expect((await refresh(client, refreshToken)).status).toBe(200);
    clock += 1;
    expect((await refresh(client, refreshToken)).status).toBe(200);
    clock += INTERVAL - 2;
    const last = await refresh(client, refreshToken);
    expect(last.status, JSON.stringify(last.json)).toBe(200);
    expect(await liveTokens(grantId)).toBe(1);
    clock += 1;
    expect((await refresh(client, refreshToken)).json.error).toBe("invalid_grant");
    expect(await isRevoked(grantId)).toBe(true);
    expect((await refresh(client, last.json.refresh_token)).json.error).toBe("invalid_grant");
  });

  it("a retry after the interval revokes the whole grant", async () => {
    const { client, grantId, refreshToken } = await newGrant();
    const first = await refresh(client, refreshToken);
    clock += INTERVAL;
    expect(await refresh(client, refreshToken)).toMatchObject({ status: 400, json: { error: "invalid_grant" } });
    expect(await isRevoked(grantId)).toBe(true);
    expect((await refresh(client, first.json.refresh_token)).json.error).toBe("invalid_grant");
    expect(await introspect(client, first.json.access_token)).toEqual({ active: false });
  });

  it.each([
    ["rotated", (client: TestClient<string>, successor: string) => refresh(client, successor)],
    ["introspected by its client", (client: TestClient<string>, successor: string) => introspect(client, successor)],
  ])("a retry after the successor was %s revokes the whole grant", async (_, use) => {
    const { client, grantId, refreshToken } = await newGrant();
    const first = await refresh(client, refreshToken);
    await use(client, first.json.refresh_token);
    expect(await refresh(client, refreshToken)).toMatchObject({ status: 400, json: { error: "invalid_grant" } });
    expect(await isRevoked(grantId)).toBe(true);
    expect(await liveTokens(grantId)).toBe(0);
    expect(await introspect(client, first.json.access_token)).toEqual({ active: false });
  });

  it("only the grant's own client may retry; another client's attempt changes nothing", async () => {
    const { client, grantId, refreshToken } = await newGrant();
    const first = await refresh(client, refreshToken);
    const other = await createClient(app);
    expect((await refresh(other, refreshToken)).json.error).toBe("invalid_grant");
    expect(await isRevoked(grantId)).toBe(false);
    const retried = await refresh(client, refreshToken);
    expect(retried.status).toBe(200);
    expect(await introspect(client, first.json.refresh_token)).toEqual({ active: false });
  });

  // The interleavings differ from round to round (a loser may look after a later retry replaced
  // the winner's token): enough rounds that a wrong one shows.
  it.each(Array.from({ length: RACE_ROUNDS }, (_, round) => round))(
    "concurrent retries leave exactly one live refresh token, and the grant (round %i)",
    async () => {
      const { client, grantId, refreshToken } = await newGrant();
      const first = await refresh(client, refreshToken);
      const retries = await Promise.all(Array.from({ length: RACE_RETRIES }, () => refresh(client, refreshToken)));
      const answered = retries.filter((retry) => retry.status === 200);
      expect(answered.length).toBeGreaterThanOrEqual(1);
      for (const refused of retries.filter((retry) => retry.status !== 200)) {
        expect(refused).toMatchObject({ status: 400, json: { error: "invalid_grant" } });
      }
      expect(await isRevoked(grantId)).toBe(false);
      expect(await liveTokens(grantId)).toBe(1);
      const live = await db().refreshToken.findMany({ where: { grantId, rotatedAt: null } });
      expect(live).toHaveLength(1);
      // The one live token is one of the answers (the last to replace its predecessor), and it works.
      const values = [first, ...answered].map((answer) => answer.json.refresh_token as string);
      const working = [];
      for (const value of values) if ((await introspect(client, value)).active) working.push(value);
      expect(working).toHaveLength(1);
      expect((await refresh(client, working[0])).status).toBe(200);
    },
  );
});

describe("POST /oauth/token - refresh_token with a reuse interval of 0", () => {
  it("a retry at once revokes the whole grant, as reuse always did", async () => {
    const { client, grantId, refreshToken } = await newGrant();
    const first = await refresh(client, refreshToken, withoutInterval);
    expect(first.status).toBe(200);
    const retried = await refresh(client, refreshToken, withoutInterval);
    expect(retried).toMatchObject({ status: 400, json: { error: "invalid_grant" } });
    expect(await isRevoked(grantId)).toBe(true);
    expect((await refresh(client, first.json.refresh_token, withoutInterval)).json.error).toBe("invalid_grant");
    expect(await introspect(client, first.json.access_token, withoutInterval)).toEqual({ active: false });
  });

  it("two refreshes of one token in parallel: exactly one succeeds, then the grant is revoked", async () => {
    const { client, grantId, refreshToken } = await newGrant();
    const results = await Promise.all([
      refresh(client, refreshToken, withoutInterval),
      refresh(client, refreshToken, withoutInterval),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual([200, 400]);
    expect(await isRevoked(grantId)).toBe(true);
  });
});
