// Usage counting through the real token endpoint (every grant type), the usage view of a scope,
// and the Deprecations page. The token context's clock is the real one (moved back where a test
// needs an older day), because the console's windows end today.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as scopeRoute from "@/app/api/apis/[id]/scopes/[scopeId]/route";
import * as usageRoute from "@/app/api/apis/[id]/scopes/[scopeId]/usage/route";
import * as deprecationsRoute from "@/app/api/deprecations/route";
import { createPrismaClient, db } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DAY } from "@/lib/issuing";
import type { OAuthContext } from "@/lib/oauth/context";
import { issueAuthorizationCode } from "@/lib/oauth/grant-store";
import { tokenHandler } from "@/lib/oauth/token";
import { dateOf, systemClock } from "@/lib/time/epoch";
import { dayDate, utcDay } from "@/lib/usage/days";
import type { DeprecationsDto, ScopeUsageDto } from "@/lib/usage/schemas";
import { DEFAULT_USAGE_DAYS, MAX_USAGE_DAYS } from "@/lib/usage/settings";
import { call } from "./call";
import { createApi, createClient, createScope, createUser, type TestClient } from "./factories";
import { testOAuthContext } from "./oauth-context";
import { signedIn, type TestUser } from "./sessions";

const ISSUER = "https://issuer.test";
const REDIRECT = "https://app.example/callback";
/** Seconds the clock of the token context is moved back from the real one. */
let offset = 0;
const clock = () => systemClock() - offset;
let context: OAuthContext;
let otherPrisma: PrismaClient;

const basic = (client: { clientId: string; secret?: string }) =>
  `Basic ${Buffer.from(`${client.clientId}:${client.secret}`).toString("base64")}`;

/** POST /oauth/token as the client, through the given context's handler. */
async function token(client: { clientId: string; secret?: string }, params: Record<string, string>, on = context) {
  const response = await tokenHandler(on)(
    new Request(`${ISSUER}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic(client) },
      body: new URLSearchParams(params).toString(),
    }),
  );
  // biome-ignore lint/suspicious/noExplicitAny: token responses are inspected field by field
  const json: any = await response.json();
  expect(response.status, JSON.stringify(json)).toBe(200);
  return json;
}

const clientCredentials = (client: TestClient, scope: string, on = context) =>
  token(client, { grant_type: "client_credentials", scope }, on);

/** A machine client allowed the scopes (client_credentials). */
const machine = (scopes: string[]) =>
  createClient({ type: "confidential", allowedScopes: scopes, allowedGrantTypes: ["client_credentials"] });

function usage(api: { id: string }, scope: { id: string }, query = "", as?: TestUser) {
  return call(usageRoute.GET, "GET", `/api/apis/${api.id}/scopes/${scope.id}/usage${query}`, {
    params: { id: api.id, scopeId: scope.id },
    as,
  });
}

async function usageOf(api: { id: string }, scope: { id: string }, query = ""): Promise<ScopeUsageDto> {
  const { status, json } = await usage(api, scope, query);
  expect(status, JSON.stringify(json)).toBe(200);
  return json;
}

/** A ScopeUsage row as a flush writes it, for a day `daysAgo` before today. */
function storedUsage(scopeId: string, clientId: string, daysAgo: number, count: number) {
  const at = systemClock() - daysAgo * DAY;
  return db().scopeUsage.create({
    data: { scopeId, clientId, day: dayDate(utcDay(at)), count, lastRequestedAt: dateOf(at) },
  });
}

const rowsOf = (scopeId: string) =>
  db().scopeUsage.findMany({ where: { scopeId }, select: { clientId: true, count: true }, orderBy: { count: "asc" } });

beforeAll(async () => {
  context = await testOAuthContext(ISSUER, clock);
  otherPrisma = createPrismaClient(process.env.DATABASE_URL as string, 1);
});

afterAll(async () => {
  await context.usage.stop();
  await otherPrisma.$disconnect();
});

beforeEach(() => {
  offset = 0;
});

describe("usage counting - POST /oauth/token", () => {
  it("counts every token per scope and client: client_credentials, authorization_code and refresh_token", async () => {
    const api = await createApi();
    const read = await createScope(api.id);
    const write = await createScope(api.id);
    const robot = await machine([read.name]);
    const web = await createClient({
      type: "confidential",
      redirectUris: [REDIRECT],
      allowedScopes: [read.name, write.name],
      allowedGrantTypes: ["authorization_code", "refresh_token"],
    });
    for (let i = 0; i < 3; i++) await clientCredentials(robot, read.name);

    const user = await createUser();
    const now = clock();
    const code = await issueAuthorizationCode(db(), {
      clientId: web.clientId,
      userId: user.id,
      redirectUri: REDIRECT,
      scopes: [read.name, write.name],
      codeChallenge: null,
      sid: null,
      nonce: null,
      authTime: now,
      expiresAt: now + 60,
    });
    const first = await token(web, { grant_type: "authorization_code", code, redirect_uri: REDIRECT });
    expect(first.refresh_token).toEqual(expect.any(String));
    await token(web, { grant_type: "refresh_token", refresh_token: first.refresh_token });

    await context.usage.flush();
    expect(await rowsOf(read.id)).toEqual([
      { clientId: web.id, count: 2 },
      { clientId: robot.id, count: 3 },
    ]);
    expect(await rowsOf(write.id)).toEqual([{ clientId: web.id, count: 2 }]);

    const readUsage = await usageOf(api, read);
    expect(readUsage.clients).toEqual([
      {
        clientId: robot.clientId,
        name: robot.dto.name,
        allowed: true,
        lastRequestedAt: expect.any(String),
        tokensIssued: 3,
      },
      {
        clientId: web.clientId,
        name: web.dto.name,
        allowed: true,
        lastRequestedAt: expect.any(String),
        tokensIssued: 2,
      },
    ]);
    expect(readUsage.tokensIssued.at(-1)).toEqual({ date: utcDay(systemClock()), count: 5 });
    expect(readUsage.requestingClients).toBe(2);
  });

  it("counts nothing with USAGE_COUNTING=off", async () => {
    const scope = await createScope();
    const client = await machine([scope.name]);
    const off = await testOAuthContext(ISSUER, clock, { usageCounting: false });
    await clientCredentials(client, scope.name, off);
    await off.usage.stop();
    expect(await rowsOf(scope.id)).toEqual([]);
  });

  it("two processes' recorders on one database add up, and the latest request wins", async () => {
    const scope = await createScope();
    const client = await machine([scope.name]);
    const other = await testOAuthContext(ISSUER, () => clock() + 60, { prisma: otherPrisma });
    for (let i = 0; i < 3; i++) await clientCredentials(client, scope.name);
    for (let i = 0; i < 2; i++) await clientCredentials(client, scope.name, other);
    // The later requests are flushed first: the earlier ones must not move lastRequestedAt back.
    await other.usage.stop();
    await context.usage.flush();
    const [row] = await db().scopeUsage.findMany({ where: { scopeId: scope.id } });
    expect(row.count).toBe(5);
    expect(row.lastRequestedAt.getTime()).toBeGreaterThanOrEqual(dateOf(systemClock() + 59).getTime());
  });

  it("a flush after a scope was deleted drops its counts and keeps the others", async () => {
    const api = await createApi();
    const kept = await createScope(api.id);
    const gone = await createScope(api.id);
    const client = await machine([kept.name, gone.name]);
    await clientCredentials(client, `${kept.name} ${gone.name}`);
    const deleted = await call(
      scopeRoute.DELETE,
      "DELETE",
      `/api/apis/${api.id}/scopes/${gone.id}?confirm=${gone.name}`,
      { params: { id: api.id, scopeId: gone.id } },
    );
    expect(deleted.status).toBe(204);
    await context.usage.flush();
    expect(await rowsOf(kept.id)).toEqual([{ clientId: client.id, count: 1 }]);
    expect(await db().scopeUsage.count({ where: { scopeId: gone.id } })).toBe(0);
    // Nothing was kept back for another try: a second flush adds nothing.
    await context.usage.flush();
    expect(await rowsOf(kept.id)).toEqual([{ clientId: client.id, count: 1 }]);
  });

  it("counts a token on the UTC day of the context's clock", async () => {
    const scope = await createScope();
    const client = await machine([scope.name]);
    offset = 3 * DAY;
    await clientCredentials(client, scope.name);
    await context.usage.flush();
    const [row] = await db().scopeUsage.findMany({ where: { scopeId: scope.id } });
    expect(row.day.toISOString().slice(0, 10)).toBe(utcDay(systemClock() - 3 * DAY));
  });
});

describe("GET /api/apis/{apiId}/scopes/{scopeId}/usage", () => {
  it("answers one entry per day, oldest first and today last, zeros included, and each client's sums", async () => {
    const api = await createApi();
    const scope = await createScope(api.id);
    const other = await createScope(api.id);
    const idle = await machine([scope.name]);
    const lapsed = await machine([scope.name]);
    const former = await machine([other.name]);
    await storedUsage(scope.id, lapsed.id, 10, 9);
    await storedUsage(scope.id, former.id, 3, 5);
    await storedUsage(scope.id, former.id, 0, 2);
    await storedUsage(other.id, former.id, 0, 50);

    const body = await usageOf(api, scope, "?days=7");
    expect(Object.keys(body).sort()).toEqual(
      [
        "allowedClients",
        "requestingClients",
        "lastRequestedAt",
        "consents",
        "liveGrants",
        "tokensIssued",
        "clients",
      ].sort(),
    );
    const today = systemClock();
    expect(body.tokensIssued).toEqual(
      [6, 5, 4, 3, 2, 1, 0].map((daysAgo) => ({
        date: utcDay(today - daysAgo * DAY),
        count: { 3: 5, 0: 2 }[daysAgo] ?? 0,
      })),
    );
    expect(body).toMatchObject({ allowedClients: 2, requestingClients: 1, consents: 0, liveGrants: 0 });
    expect(body.lastRequestedAt?.slice(0, 10)).toBe(utcDay(today));
    const byClient = Object.fromEntries(body.clients.map((client) => [client.clientId, client]));
    expect(body.clients).toHaveLength(3);
    expect(byClient[former.clientId]).toMatchObject({ allowed: false, tokensIssued: 7 });
    expect(byClient[former.clientId].lastRequestedAt?.slice(0, 10)).toBe(utcDay(today));
    // Outside the window it counts nothing, but its last request (all time) shows.
    expect(byClient[lapsed.clientId]).toMatchObject({ allowed: true, tokensIssued: 0 });
    expect(byClient[lapsed.clientId].lastRequestedAt?.slice(0, 10)).toBe(utcDay(today - 10 * DAY));
    expect(byClient[idle.clientId]).toEqual({
      clientId: idle.clientId,
      name: idle.dto.name,
      allowed: true,
      lastRequestedAt: null,
      tokensIssued: 0,
    });

    // The wider window reaches the older day.
    const wider = await usageOf(api, scope, "?days=30");
    expect(wider.requestingClients).toBe(2);
    expect(wider.tokensIssued.reduce((sum, day) => sum + day.count, 0)).toBe(16);
  });

  it(`answers ${DEFAULT_USAGE_DAYS} days by default, and a scope never requested with nulls and zeros`, async () => {
    const api = await createApi();
    const scope = await createScope(api.id);
    const body = await usageOf(api, scope);
    expect(body.tokensIssued).toHaveLength(DEFAULT_USAGE_DAYS);
    expect(body.tokensIssued.every((day) => day.count === 0)).toBe(true);
    expect(body).toMatchObject({ allowedClients: 0, requestingClients: 0, lastRequestedAt: null, clients: [] });
    expect((await usageOf(api, scope, `?days=${MAX_USAGE_DAYS}`)).tokensIssued).toHaveLength(MAX_USAGE_DAYS);
  });

  it.each(["0", String(MAX_USAGE_DAYS + 1), "-1", "abc", "1.5", ""])(
    "refuses days=%s with 400 problem details",
    async (days) => {
      const api = await createApi();
      const scope = await createScope(api.id);
      const { status, contentType, json } = await usage(api, scope, `?days=${days}`);
      expect(status).toBe(400);
      expect(contentType).toBe("application/problem+json");
      expect(json.errors.days).toEqual([expect.any(String)]);
    },
  );

  it("answers 403 to the owner of another API, 404 for a scope of another API, 200 to the API's owner", async () => {
    const api = await createApi();
    const scope = await createScope(api.id);
    const elsewhere = await createApi();
    expect((await usage(api, scope, "", await signedIn("owner", [elsewhere.id]))).status).toBe(403);
    expect((await usage(elsewhere, scope)).status).toBe(404);
    expect((await usage(api, scope, "", await signedIn("owner", [api.id]))).status).toBe(200);
  });
});

describe("GET /api/deprecations", () => {
  it("lists deprecated scopes by sunset with the clients that requested them lately; an owner sees only theirs", async () => {
    const api = await createApi();
    const otherApi = await createApi();
    const deprecated = await createScope(api.id, { displayName: "Old reports" });
    const active = await createScope(api.id);
    const sooner = await createScope(otherApi.id);
    const now = systemClock();
    await db().apiScope.update({
      where: { id: deprecated.id },
      data: {
        lifecycle: "deprecated",
        deprecatedAt: dateOf(now),
        sunsetAt: dateOf(now + 10 * DAY + DAY / 2),
        replacedBy: active.name,
        deprecationNote: "Use the new one.",
      },
    });
    await db().apiScope.update({
      where: { id: sooner.id },
      data: { lifecycle: "deprecated", sunsetAt: dateOf(now - DAY) },
    });
    const recent = await machine([deprecated.name, active.name]);
    const earlier = await machine([deprecated.name]);
    const long = await machine([deprecated.name]);
    await storedUsage(deprecated.id, earlier.id, 2, 4);
    await storedUsage(deprecated.id, long.id, 40, 1);
    await clientCredentials(recent, deprecated.name);
    await clientCredentials(recent, `${deprecated.name} ${active.name}`);
    await context.usage.flush();

    const admin = await call(deprecationsRoute.GET, "GET", "/api/deprecations");
    expect(admin.status).toBe(200);
    const ours = (admin.json as DeprecationsDto).items.filter((item) =>
      [deprecated.id, sooner.id].includes(item.scopeId),
    );
    expect(ours.map((item) => item.scopeId)).toEqual([sooner.id, deprecated.id]);
    expect(ours[0]).toMatchObject({ daysLeft: 0, clients: [] });
    expect(ours[1]).toEqual({
      scopeId: deprecated.id,
      apiId: api.id,
      apiName: api.name,
      name: deprecated.name,
      displayName: "Old reports",
      sunsetAt: dateOf(now + 10 * DAY + DAY / 2).toISOString(),
      daysLeft: 11,
      replacedBy: active.name,
      deprecationNote: "Use the new one.",
      clients: [
        { clientId: recent.clientId, name: recent.dto.name, lastRequestedAt: expect.any(String), tokensIssued: 2 },
        { clientId: earlier.clientId, name: earlier.dto.name, lastRequestedAt: expect.any(String), tokensIssued: 4 },
      ],
    });

    const owner = await signedIn("owner", [api.id]);
    const theirs = await call(deprecationsRoute.GET, "GET", "/api/deprecations", { as: owner });
    expect(theirs.status).toBe(200);
    expect((theirs.json as DeprecationsDto).items.map((item) => item.scopeId)).toEqual([deprecated.id]);
  });
});
