// Introspection remembers the access tokens it verified (lib/oauth/verified-tokens.ts) and still
// answers every revocation at once: of the token or its grant through /oauth/revoke, of its user
// or its client through the console; an expired token is never active from memory. The context's
// cache counts the signatures it had checked, so that each test shows it answered from memory.
import { beforeAll, describe, expect, it } from "vitest";
import * as clientRoute from "@/app/api/clients/[id]/route";
import * as userRoute from "@/app/api/users/[id]/route";
import { changeConfig } from "@/lib/config/change";
import { db } from "@/lib/db/client";
import type { OAuthContext } from "@/lib/oauth/context";
import { introspectionHandler } from "@/lib/oauth/introspect";
import { revocationHandler } from "@/lib/oauth/revoke";
import { rotateSigningKey } from "@/lib/oauth/signing-keys";
import { tokenHandler } from "@/lib/oauth/token";
import type { ActiveAccessToken } from "@/lib/oauth/token-status";
import { VerifiedTokenCache } from "@/lib/oauth/verified-tokens";
import { call, unique } from "./call";
import { createApi, createClient, createScope, createUser, createUserGrant, type TestClient } from "./factories";
import { basicClientRequest, TEST_KEK, testOAuthContext } from "./oauth-context";

const ISSUER = "https://issuer.test";

/** The cache as the context uses it, counting how often it had to check a signature. */
class CountingCache extends VerifiedTokenCache<ActiveAccessToken> {
  verifications = 0;

  override claims(...[keys, token, now, verify]: Parameters<VerifiedTokenCache<ActiveAccessToken>["claims"]>) {
    return super.claims(keys, token, now, () => {
      this.verifications += 1;
      return verify();
    });
  }
}

let clock = 1_970_000_000;
let context: OAuthContext;
let cache: CountingCache;
let scopeName: string;
let resourceServer: TestClient<string>;

const post = (path: string, client: TestClient<string>, params: Record<string, string>) =>
  basicClientRequest(`${ISSUER}${path}`, client, params);

async function introspect(token: string, as = resourceServer) {
  return (await introspectionHandler(context)(post("/oauth/introspect", as, { token }))).json();
}

/** Introspects the token twice: active both times, its signature checked once at most. */
async function expectCachedActive(token: string) {
  expect((await introspect(token)).active).toBe(true);
  const verifications = cache.verifications;
  expect(await introspect(token)).toMatchObject({ active: true, scope: scopeName });
  expect(cache.verifications).toBe(verifications);
}

async function machineToken() {
  const client = await createClient({ allowedScopes: [scopeName] });
  const response = await tokenHandler(context)(
    post("/oauth/token", client, { grant_type: "client_credentials", scope: scopeName }),
  );
  const json = await response.json();
  expect(response.status, JSON.stringify(json)).toBe(200);
  return { client, accessToken: json.access_token as string, expiresIn: json.expires_in as number };
}

/** A user's access token (with its grant), from a refresh of a stored grant. */
async function userToken() {
  const client = await createClient({
    redirectUris: ["https://app.example/callback"],
    allowedScopes: [scopeName],
    allowedGrantTypes: ["authorization_code", "refresh_token"],
  });
  const user = await createUser();
  const grant = await createUserGrant({ clientId: client.clientId, userId: user.id, scopes: [scopeName], now: clock });
  const response = await tokenHandler(context)(
    post("/oauth/token", client, { grant_type: "refresh_token", refresh_token: grant.refreshToken }),
  );
  const json = await response.json();
  expect(response.status, JSON.stringify(json)).toBe(200);
  return { client, user, accessToken: json.access_token as string, refreshToken: json.refresh_token as string };
}

beforeAll(async () => {
  context = await testOAuthContext(ISSUER, () => clock);
  cache = new CountingCache();
  context.verifiedTokens = cache;
  scopeName = (await createScope((await createApi()).id, { name: unique("read_orders") })).name;
  resourceServer = await createClient();
});

describe("POST /oauth/introspect - verified tokens remembered", () => {
  it("answers a token verified before without checking its signature again, the same answer", async () => {
    const { accessToken } = await machineToken();
    const before = cache.verifications;
    const first = await introspect(accessToken);
    expect(cache.verifications).toBe(before + 1);
    expect(await introspect(accessToken)).toEqual(first);
    expect(cache.verifications).toBe(before + 1);
    expect(first).toMatchObject({ active: true, scope: scopeName, token_type: "Bearer" });
  });

  it("a cached token is inactive right after /oauth/revoke revokes it", async () => {
    const { client, accessToken } = await machineToken();
    await expectCachedActive(accessToken);
    const revoked = await revocationHandler(context)(post("/oauth/revoke", client, { token: accessToken }));
    expect(revoked.status).toBe(200);
    expect(await introspect(accessToken)).toEqual({ active: false });
  });

  it("a cached user token is inactive right after /oauth/revoke revokes its grant (by the refresh token)", async () => {
    const { client, accessToken, refreshToken } = await userToken();
    await expectCachedActive(accessToken);
    await revocationHandler(context)(post("/oauth/revoke", client, { token: refreshToken }));
    expect(await introspect(accessToken)).toEqual({ active: false });
  });

  it("a cached user token is inactive right after the console disables its user", async () => {
    const { user, accessToken } = await userToken();
    await expectCachedActive(accessToken);
    const disabled = await call(userRoute.PATCH, "PATCH", `/api/users/${user.id}`, {
      params: { id: user.id },
      body: { disabled: true, version: 1 },
    });
    expect(disabled.status, JSON.stringify(disabled.json)).toBe(200);
    expect(await introspect(accessToken)).toEqual({ active: false });
  });

  it("a cached token is inactive right after the console deletes its client", async () => {
    const { client, accessToken } = await machineToken();
    await expectCachedActive(accessToken);
    const deleted = await call(clientRoute.DELETE, "DELETE", `/api/clients/${client.id}`, {
      params: { id: client.id },
    });
    expect(deleted.status).toBe(204);
    expect(await introspect(accessToken)).toEqual({ active: false });
  });

  it("an expired token is never active from memory", async () => {
    const { accessToken, expiresIn } = await machineToken();
    await expectCachedActive(accessToken);
    const issuedAt = clock;
    clock = issuedAt + expiresIn - 1;
    expect((await introspect(accessToken)).active).toBe(true);
    const verifications = cache.verifications;
    clock = issuedAt + expiresIn;
    expect(await introspect(accessToken)).toEqual({ active: false });
    // Answered from memory, which had it: no signature was checked.
    expect(cache.verifications).toBe(verifications);
    // Forgotten since: checked again later, and expired still.
    clock += 3_600;
    expect(await introspect(accessToken)).toEqual({ active: false });
    expect(cache.verifications).toBe(verifications + 1);
  });

  it("a configuration change (here a key rotation) makes it verify again; the token stays active", async () => {
    const { accessToken } = await machineToken();
    await expectCachedActive(accessToken);
    await changeConfig(db(), (tx) => rotateSigningKey(tx, TEST_KEK));
    const verifications = cache.verifications;
    expect((await introspect(accessToken)).active).toBe(true);
    expect(cache.verifications).toBe(verifications + 1);
  });
});
