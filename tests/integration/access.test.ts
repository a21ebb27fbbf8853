// Authorization inside every route handler: the test finds every handler under app/ on disk, so a
// new one without a rule fails here. Without a session: 401. An account that may only authorize
// applications: 403. A service owner: 403 for whatever is not theirs.
import { beforeAll, describe, expect, it } from "vitest";
import * as apiRoute from "@/app/api/apis/[id]/route";
import * as scopeRoute from "@/app/api/apis/[id]/scopes/[scopeId]/route";
import * as scopesRoute from "@/app/api/apis/[id]/scopes/route";
import * as apisRoute from "@/app/api/apis/route";
import * as clientRoute from "@/app/api/clients/[id]/route";
import * as clientsRoute from "@/app/api/clients/route";
import * as settingsRoute from "@/app/api/settings/route";
import { db } from "@/lib/db/client";
import { DEFAULT_SERVICE_SETTINGS } from "@/lib/issuing";
import { call, unique } from "./call";
import { createApi, createClient, createScope } from "./factories";
import { allHandlers, type Handler } from "./routes";
import { signedIn, type TestUser } from "./sessions";

/** The handlers open without a session: signing in, and the API's description (which holds no data). */
const PUBLIC = new Set(["POST /api/session", "GET /api/openapi.json"]);
/** Signing out works for every account that is signed in, console or not. */
const ANY_SESSION = new Set(["DELETE /api/session"]);

/** A service owner's answer from every handler, on resources of an API that is not theirs. */
const OWNER_OUTCOME: Record<string, number> = {
  "GET /api/apis": 200,
  "POST /api/apis": 403,
  "GET /api/apis/[id]": 403,
  "PATCH /api/apis/[id]": 403,
  "DELETE /api/apis/[id]": 403,
  "GET /api/apis/[id]/impact": 403,
  "GET /api/apis/[id]/scopes": 403,
  "POST /api/apis/[id]/scopes": 403,
  "GET /api/apis/[id]/scopes/[scopeId]": 403,
  "PATCH /api/apis/[id]/scopes/[scopeId]": 403,
  "DELETE /api/apis/[id]/scopes/[scopeId]": 403,
  "GET /api/apis/[id]/scopes/[scopeId]/impact": 403,
  "GET /api/apis/[id]/scopes/[scopeId]/usage": 403,
  "POST /api/apis/[id]/scopes/bulk": 403,
  "GET /api/clients": 200,
  /** The directory lists only the owner's APIs' scopes: none here. */
  "GET /api/scopes": 200,
  "GET /api/config": 403,
  "POST /api/config/plan": 403,
  "POST /api/config/apply": 403,
  "POST /api/clients": 403,
  "GET /api/clients/[id]": 403,
  "PATCH /api/clients/[id]": 403,
  "DELETE /api/clients/[id]": 403,
  "POST /api/clients/[id]/secret": 403,
  "GET /api/clients/[id]/review": 403,
  /** The batch skips the clients the owner does not manage: none of theirs, nothing in it. */
  "GET /api/clients/review": 200,
  "GET /api/deprecations": 200,
  "GET /api/settings": 200,
  "PUT /api/settings": 403,
  "POST /api/token-preview": 403,
  "GET /api/users": 403,
  "POST /api/users": 403,
  "GET /api/users/[id]": 403,
  "PATCH /api/users/[id]": 403,
  "PUT /api/users/[id]/password": 403,
  "GET /api/audit": 403,
  "GET /api/session": 200,
  "DELETE /api/session": 204,
  /** Their own sessions: never anyone else's. */
  "GET /api/sessions": 200,
  /** The fixture's id names no session of theirs. */
  "DELETE /api/sessions/[id]": 404,
};

interface Fixture {
  apiId: string;
  scopeId: string;
  scopeName: string;
  clientId: string;
  clientClientId: string;
  userId: string;
}
let fixture: Fixture;

/** A valid request for each handler, so that only authorization can refuse it. */
function requestFor(name: string, user: TestUser | null) {
  const [method, route] = name.split(" ");
  const params = { id: fixture.apiId, scopeId: fixture.scopeId };
  let url = route.replace("[id]", fixture.apiId).replace("[scopeId]", fixture.scopeId);
  let body: unknown;
  if (route.startsWith("/api/clients/")) {
    params.id = fixture.clientId;
    url = route.replace("[id]", fixture.clientId);
  }
  if (route.startsWith("/api/users/")) {
    params.id = fixture.userId;
    url = route.replace("[id]", fixture.userId);
  }
  const bodies: Record<string, unknown> = {
    "POST /api/apis": { name: unique("api") },
    "PATCH /api/apis/[id]": { displayName: "Changed", version: 1 },
    "POST /api/apis/[id]/scopes": { name: unique("scope") },
    "PATCH /api/apis/[id]/scopes/[scopeId]": { displayName: "Changed", version: 1 },
    "POST /api/apis/[id]/scopes/bulk": { action: "update", ids: [fixture.scopeId], set: { emphasize: true } },
    "POST /api/clients": {
      name: "C",
      type: "confidential",
      allowedScopes: [fixture.scopeName],
      allowedGrantTypes: ["client_credentials"],
    },
    "PATCH /api/clients/[id]": { name: "Changed", version: 1 },
    "PUT /api/settings": { ...DEFAULT_SERVICE_SETTINGS, version: 1 },
    "POST /api/token-preview": { clientId: fixture.clientClientId, scopes: [], grantType: "client_credentials" },
    "POST /api/users": { email: `${unique("u")}@example.com`, password: "a long enough password", role: "admin" },
    "PATCH /api/users/[id]": { role: "admin", version: 1 },
    "PUT /api/users/[id]/password": { password: "a long enough password" },
    // Would create an API: only authorization may refuse it.
    "POST /api/config/plan": { apis: [{ name: unique("planned") }] },
    "POST /api/config/apply": { apis: [{ name: unique("applied") }] },
  };
  if (method !== "GET" && method !== "DELETE") body = bodies[name] ?? {};
  const queries: Record<string, string> = { "GET /api/clients/review": `?ids=${fixture.clientId}` };
  url += queries[name] ?? "";
  return { method, url, params, body, as: user };
}

async function send(name: string, handler: Handler, user: TestUser | null) {
  const { method, url, params, body, as } = requestFor(name, user);
  return call(handler, method, url, { params, body, as });
}

/** What the fixture holds, to prove that refused requests wrote nothing. */
async function snapshot() {
  return {
    apis: await db().api.findMany({ orderBy: { id: "asc" } }),
    scopes: await db().apiScope.findMany({ where: { apiId: fixture.apiId }, orderBy: { id: "asc" } }),
    clients: await db().oAuthClient.findMany({ where: { id: fixture.clientId } }),
    settings: await db().serviceSettings.findMany(),
    users: await db().user.count(),
  };
}

beforeAll(async () => {
  const api = await createApi({ name: unique("guarded") });
  const scope = await createScope(api.id, { name: unique("guarded_scope") });
  const client = await createClient({
    name: "Guarded",
    type: "confidential",
    allowedScopes: [scope.name],
    allowedGrantTypes: ["client_credentials"],
    redirectUris: [],
  });
  const user = await signedIn("user");
  fixture = {
    apiId: api.id,
    scopeId: scope.id,
    scopeName: scope.name,
    clientId: client.id,
    clientClientId: client.clientId,
    userId: user.id,
  };
});

describe("authorization in every route handler", () => {
  it("finds the handlers, and knows a rule for each", async () => {
    const names = (await allHandlers()).map((entry) => entry.name);
    expect(names.length).toBeGreaterThan(20);
    expect(names.filter((name) => !PUBLIC.has(name) && !(name in OWNER_OUTCOME))).toEqual([]);
  });

  it("answers 401 without a session, and changes nothing", async () => {
    const before = await snapshot();
    for (const { name, handler } of await allHandlers()) {
      if (PUBLIC.has(name)) continue;
      const response = await send(name, handler, null);
      expect(response.status, name).toBe(401);
      expect(response.contentType, name).toBe("application/problem+json");
    }
    expect(await snapshot()).toEqual(before);
  });

  it("answers 401 to a session that expired or was forged", async () => {
    const forged = { id: "x", email: "x@example.com", cookie: "scope_console_session=forged" };
    const expired = await signedIn("admin");
    await db().session.updateMany({ where: { userId: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    for (const user of [forged, expired]) {
      expect((await send("GET /api/apis", apisRoute.GET, user)).status).toBe(401);
    }
  });

  it("answers 403 to an account that may only authorize applications, and changes nothing", async () => {
    const user = await signedIn("user");
    const before = await snapshot();
    for (const { name, handler } of await allHandlers()) {
      if (PUBLIC.has(name) || ANY_SESSION.has(name)) continue;
      const response = await send(name, handler, user);
      expect(response.status, name).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("answers 403 to a service owner for what is not theirs, and changes nothing", async () => {
    const handlers = (await allHandlers()).filter(({ name }) => !PUBLIC.has(name));
    // One owner per request: signing out ends a session.
    const owners = await Promise.all(handlers.map(() => signedIn("owner")));
    const before = await snapshot();
    for (const [index, { name, handler }] of handlers.entries()) {
      const owner = owners[index];
      const response = await send(name, handler, owner);
      expect(response.status, `${name}: ${JSON.stringify(response.json)}`).toBe(OWNER_OUTCOME[name]);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("a service owner", () => {
  let owner: TestUser;
  let apiId: string;
  const scopeParams = (scopeId: string) => ({ id: apiId, scopeId });

  beforeAll(async () => {
    apiId = (await createApi({ name: unique("owned") })).id;
    owner = await signedIn("owner", [apiId]);
  });

  it("sees only their APIs and manages their scopes, but no lifetimes", async () => {
    const listed = await call(apisRoute.GET, "GET", "/api/apis?pageSize=100", { as: owner });
    expect(listed.json.items.map((api: { id: string }) => api.id)).toEqual([apiId]);

    const created = await call(scopesRoute.POST, "POST", `/api/apis/${apiId}/scopes`, {
      params: { id: apiId },
      body: { name: unique("mine"), description: "Mine" },
      as: owner,
    });
    expect(created.status).toBe(201);
    const scopePath = `/api/apis/${apiId}/scopes/${created.json.id}`;
    const params = scopeParams(created.json.id);
    const edited = await call(scopeRoute.PATCH, "PATCH", scopePath, {
      params,
      body: {
        ...created.json,
        id: undefined,
        apiId: undefined,
        createdAt: undefined,
        updatedAt: undefined,
        displayName: "Mine",
      },
      as: owner,
    });
    expect(edited.status).toBe(200);

    const lifetime = await call(scopeRoute.PATCH, "PATCH", scopePath, {
      params,
      body: { accessTokenLifetime: 60, version: edited.json.version },
      as: owner,
    });
    expect(lifetime.status).toBe(403);
    expect(lifetime.json.detail).toBe("Only an admin can change token lifetimes.");
    const withLifetime = await call(scopesRoute.POST, "POST", `/api/apis/${apiId}/scopes`, {
      params: { id: apiId },
      body: { name: unique("timed"), accessTokenLifetime: 60 },
      as: owner,
    });
    expect(withLifetime.status).toBe(403);
    const api = await call(apiRoute.PATCH, "PATCH", `/api/apis/${apiId}`, {
      params: { id: apiId },
      body: { refreshTokenLifetime: 60, version: 1 },
      as: owner,
    });
    expect(api.status).toBe(403);
    expect((await call(settingsRoute.GET, "GET", "/api/settings", { as: owner })).status).toBe(200);

    expect((await call(scopeRoute.DELETE, "DELETE", scopePath, { params, as: owner })).status).toBe(204);
    expect(
      (await call(apiRoute.DELETE, "DELETE", `/api/apis/${apiId}`, { params: { id: apiId }, as: owner })).status,
    ).toBe(403);
  });

  it("manages the clients whose scopes all belong to their APIs, and only those", async () => {
    const mine = await createScope(apiId, { name: unique("client_scope") });
    const clientBody = (allowedScopes: string[]) => ({
      name: "Owner's client",
      type: "confidential",
      allowedScopes,
      allowedGrantTypes: ["client_credentials"],
    });
    const created = await call(clientsRoute.POST, "POST", "/api/clients", { body: clientBody([mine.name]), as: owner });
    expect(created.status).toBe(201);
    const mixed = await call(clientsRoute.POST, "POST", "/api/clients", {
      body: clientBody([mine.name, fixture.scopeName]),
      as: owner,
    });
    expect(mixed.status).toBe(403);

    const listed = await call(clientsRoute.GET, "GET", "/api/clients?pageSize=100", { as: owner });
    expect(listed.json.items.map((client: { id: string }) => client.id)).toEqual([created.json.id]);

    const params = { id: created.json.id };
    const widened = await call(clientRoute.PATCH, "PATCH", `/api/clients/${created.json.id}`, {
      params,
      body: { allowedScopes: [mine.name, fixture.scopeName], version: created.json.version },
      as: owner,
    });
    expect(widened.status).toBe(403);
    expect(
      (await call(clientRoute.DELETE, "DELETE", `/api/clients/${created.json.id}`, { params, as: owner })).status,
    ).toBe(204);
  });
});
