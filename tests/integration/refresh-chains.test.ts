// A refresh of a token this process issued is one statement (lib/oauth/refresh-chains.ts), and
// answers exactly as the full path does: a used, expired or revoked token, or one of a disabled
// user, is refused the same way; a configuration change forgets what was remembered.
import pg from "pg";
import { afterEach, beforeAll, expect, it, vi } from "vitest";
import { changeConfig } from "@/lib/config/change";
import { db } from "@/lib/db/client";
import type { OAuthContext } from "@/lib/oauth/context";
import { rotateRefreshTokens } from "@/lib/oauth/grant-store";
import { revocationHandler } from "@/lib/oauth/revoke";
import { tokenHandler } from "@/lib/oauth/token";
import { hashOpaqueToken } from "@/lib/secrets/random";
import { unique } from "./call";
import { createApi, createClient, createScope, createUser, createUserGrant, type TestClient } from "./factories";
import { basicClientRequest, testOAuthContext } from "./oauth-context";

const ISSUER = "https://issuer.test";
let clock = 1_970_000_000;
let context: OAuthContext;
let scopeName: string;
let app: { name: string; redirectUris: string[]; allowedScopes: string[]; allowedGrantTypes: string[] };

/** The refresh, and the statements on "RefreshToken" it sent through the pg driver. */
async function refresh(client: TestClient<string>, refreshToken: string) {
  const statements: string[] = [];
  const original = pg.Client.prototype.query;
  vi.spyOn(pg.Client.prototype, "query").mockImplementation(function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as { text?: string } | string;
    const text = typeof config === "string" ? config : config?.text;
    if (text?.includes('"RefreshToken"')) statements.push(text);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original);
  try {
    const response = await tokenHandler(context)(
      basicClientRequest(`${ISSUER}/oauth/token`, client, { grant_type: "refresh_token", refresh_token: refreshToken }),
    );
    // biome-ignore lint/suspicious/noExplicitAny: token responses are inspected field by field
    return { status: response.status, json: (await response.json()) as any, statements: statements.length };
  } finally {
    vi.restoreAllMocks();
  }
}

/** A grant as the code exchange stores it, and its token refreshed once: what follows is remembered. */
async function chain(userId?: string) {
  const client = await createClient(app);
  const user = userId ?? (await createUser()).id;
  const grant = await createUserGrant({ clientId: client.clientId, userId: user, scopes: [scopeName], now: clock });
  // As the code exchange records it: the grant's tokens may live as long as its refresh tokens.
  await db().grant.update({
    where: { id: grant.grantId },
    data: { tokensExpireAt: new Date((clock + 365 * 86_400) * 1000) },
  });
  const first = await refresh(client, grant.refreshToken);
  expect(first.status, JSON.stringify(first.json)).toBe(200);
  expect(first.statements, "a token this process did not issue is looked up first").toBe(2);
  return { client, userId: user, grantId: grant.grantId, refreshToken: first.json.refresh_token as string };
}

beforeAll(async () => {
  context = await testOAuthContext(ISSUER, () => clock);
  const api = await createApi({ name: unique("chains") });
  scopeName = (await createScope(api.id, { name: unique("read_chains") })).name;
  app = {
    name: "Chain app",
    redirectUris: ["https://chains.example/callback"],
    allowedScopes: [scopeName],
    allowedGrantTypes: ["authorization_code", "refresh_token"],
  };
});
afterEach(() => vi.restoreAllMocks());

it("refreshes a token this process issued in one statement, again and again", async () => {
  let { client, refreshToken } = await chain();
  for (let i = 0; i < 3; i++) {
    clock += 10;
    const next = await refresh(client, refreshToken);
    expect(next.status, JSON.stringify(next.json)).toBe(200);
    expect(next.json.scope).toBe(scopeName);
    expect(next.statements).toBe(1);
    refreshToken = next.json.refresh_token;
  }
});

it("a remembered token that was used, revoked, expired or whose user was disabled is refused as by the full path", async () => {
  // Used: its second presentation is reuse, and revokes the grant, once the interval is over.
  const used = await chain();
  expect((await refresh(used.client, used.refreshToken)).status).toBe(200);
  clock += context.refreshReuseInterval + 1;
  const reused = await refresh(used.client, used.refreshToken);
  expect(reused.json.error).toBe("invalid_grant");
  expect((await db().grant.findUniqueOrThrow({ where: { id: used.grantId } })).revokedAt).not.toBeNull();

  // Revoked through the revocation endpoint.
  const revoked = await chain();
  await revocationHandler(context)(
    basicClientRequest(`${ISSUER}/oauth/revoke`, revoked.client, { token: revoked.refreshToken }),
  );
  expect((await refresh(revoked.client, revoked.refreshToken)).json).toMatchObject({
    error: "invalid_grant",
    error_description: "The grant of this refresh token was revoked.",
  });

  // Its user disabled (in the database, as the console does it).
  const disabled = await chain();
  await db().user.update({ where: { id: disabled.userId }, data: { disabledAt: new Date() } });
  expect((await refresh(disabled.client, disabled.refreshToken)).json).toMatchObject({
    error: "invalid_grant",
    error_description: "The user of this refresh token can no longer sign in.",
  });

  // Expired.
  const expired = await chain();
  const row = await db().refreshToken.findFirstOrThrow({ where: { grantId: expired.grantId, rotatedAt: null } });
  clock = Math.ceil(row.expiresAt.getTime() / 1000) + 1;
  expect((await refresh(expired.client, expired.refreshToken)).json).toMatchObject({
    error: "invalid_grant",
    error_description: "The refresh token has expired.",
  });

  // Another client presenting it.
  const stolen = await chain();
  const other = await createClient(app);
  expect((await refresh(other, stolen.refreshToken)).json.error).toBe("invalid_grant");
  expect((await refresh(stolen.client, stolen.refreshToken)).status).toBe(200);
});

it("a configuration change forgets what was remembered: the next refresh looks its token up", async () => {
  const { client, refreshToken } = await chain();
  await changeConfig(db(), async (tx) => tx.serviceSettings.findFirst());
  await context.config.get();
  const next = await refresh(client, refreshToken);
  expect(next.status, JSON.stringify(next.json)).toBe(200);
  expect(next.statements).toBe(2);
});

/** Refreshes at once, counting the rotation statements sent (lib/oauth/refresh-rotations.ts batches them). */
async function refreshAtOnce(pairs: { client: TestClient<string>; refreshToken: string }[]) {
  let rotations = 0;
  const original = pg.Client.prototype.query;
  vi.spyOn(pg.Client.prototype, "query").mockImplementation(function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as { name?: string } | string;
    if (typeof config !== "string" && config?.name === "rotate-refresh-tokens") rotations++;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original);
  try {
    const responses = await Promise.all(
      pairs.map(({ client, refreshToken }) =>
        tokenHandler(context)(
          basicClientRequest(`${ISSUER}/oauth/token`, client, {
            grant_type: "refresh_token",
            refresh_token: refreshToken,
          }),
        ),
      ),
    );
    // biome-ignore lint/suspicious/noExplicitAny: token responses are inspected field by field
    return { bodies: (await Promise.all(responses.map((r) => r.json()))) as any[], rotations };
  } finally {
    vi.restoreAllMocks();
  }
}

/** `count` chains, one after another (each counts its own statements). */
async function chainsOf(count: number) {
  const chains = [];
  for (let i = 0; i < count; i++) chains.push(await chain());
  return chains;
}

it("refreshes that arrive together are rotated in fewer statements, each committed before its answer", async () => {
  const chains = await chainsOf(12);
  clock += 10;
  const { bodies, rotations } = await refreshAtOnce(chains);
  expect(bodies.map((body) => body.error ?? "ok")).toEqual(chains.map(() => "ok"));
  expect(rotations).toBeGreaterThan(0);
  expect(rotations).toBeLessThan(chains.length);
  // Each presented token is rotated into the successor its answer carries, stored in its own grant.
  for (const [i, { grantId }] of chains.entries()) {
    const successor = await db().refreshToken.findUniqueOrThrow({
      where: { id: hashOpaqueToken(bodies[i].refresh_token) },
    });
    expect(successor.grantId).toBe(grantId);
    expect(successor.rotatedAt).toBeNull();
    const rotated = await db().refreshToken.findMany({ where: { grantId, successorId: successor.id } });
    expect(rotated).toHaveLength(1);
    expect(rotated[0].rotatedAt).not.toBeNull();
  }
});

it("a token presented twice in one rotation statement is rotated once, into one successor", async () => {
  const { refreshToken, grantId } = await chain();
  const hash = hashOpaqueToken(refreshToken);
  const rotations = ["a", "b"].map((name) => ({
    hash,
    nextHash: unique(`successor_${name}`),
    now: clock,
    expiresAt: clock + 600,
  }));
  const stored = await rotateRefreshTokens(db(), rotations);
  expect(stored.size).toBe(1);
  const [winner] = [...stored];
  expect(rotations.map((r) => r.nextHash)).toContain(winner);
  expect((await db().refreshToken.findUniqueOrThrow({ where: { id: hash } })).successorId).toBe(winner);
  expect(await db().refreshToken.count({ where: { grantId, rotatedAt: null } })).toBe(1);
});

it("a token presented twice at once among other refreshes: at least one answer, the other refused or a retry, the grant kept", async () => {
  const { client, refreshToken, grantId } = await chain();
  const others = await chainsOf(3);
  clock += 10;
  const { bodies } = await refreshAtOnce([{ client, refreshToken }, ...others, { client, refreshToken }]);
  const twice = [bodies[0], bodies[bodies.length - 1]];
  // In one batch one wins and the other is refused; in two, the later one may be answered as a
  // retry within the reuse interval (its successor unused) in the earlier answer's place.
  expect(twice.filter((body) => body.access_token).length).toBeGreaterThanOrEqual(1);
  for (const body of twice) if (!body.access_token) expect(body.error).toBe("invalid_grant");
  expect(bodies.slice(1, -1).every((body) => body.access_token)).toBe(true);
  expect((await db().grant.findUniqueOrThrow({ where: { id: grantId } })).revokedAt).toBeNull();
  expect(await db().refreshToken.count({ where: { grantId, rotatedAt: null } })).toBe(1);
});
