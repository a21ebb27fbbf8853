// Machines call the admin API with this server's own access tokens (decision 012): a
// client_credentials token of the console's built-in API, console:read to read (and plan),
// console:write to change; 401 / 403 with a Bearer challenge (RFC 6750 3) for anything else. And
// the built-in API itself: shown, never deleted, owned or extended.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as apiRoute from "@/app/api/apis/[id]/route";
import * as apiScopeRoute from "@/app/api/apis/[id]/scopes/[scopeId]/route";
import * as apiScopesBulkRoute from "@/app/api/apis/[id]/scopes/bulk/route";
import * as apiScopesRoute from "@/app/api/apis/[id]/scopes/route";
import * as apisRoute from "@/app/api/apis/route";
import * as auditRoute from "@/app/api/audit/route";
import * as clientsRoute from "@/app/api/clients/route";
import * as planRoute from "@/app/api/config/plan/route";
import * as sessionRoute from "@/app/api/session/route";
import * as usersRoute from "@/app/api/users/route";
import {
  acceptBearerTokens,
  CONSOLE_API_NAME,
  CONSOLE_READ_SCOPE,
  CONSOLE_WRITE_SCOPE,
} from "@/lib/accounts/console-api";
import { db } from "@/lib/db/client";
import { bearerVerifier } from "@/lib/oauth/bearer-verifier";
import type { OAuthContext } from "@/lib/oauth/context";
import { revocationHandler } from "@/lib/oauth/revoke";
import { tokenHandler } from "@/lib/oauth/token";
import { OPERATIONS } from "@/lib/openapi/operations";
import { call, unique } from "./call";
import { createApi, createClient, createScope, createUser, createUserGrant, type TestClient } from "./factories";
import { basicClientRequest, testOAuthContext } from "./oauth-context";
import { allHandlers } from "./routes";
import { signedIn } from "./sessions";

const ISSUER = "https://issuer.test";
let clock = 1_980_000_000;
let context: OAuthContext;
let consoleApiId: string;

beforeAll(async () => {
  context = await testOAuthContext(ISSUER, () => clock);
  acceptBearerTokens(bearerVerifier(context));
  consoleApiId = (await db().api.findUniqueOrThrow({ where: { name: CONSOLE_API_NAME } })).id;
});
afterAll(() => acceptBearerTokens(null));

const post = (path: string, client: TestClient<string>, params: Record<string, string>) =>
  basicClientRequest(`${ISSUER}${path}`, client, params);

/** A client allowed `scopes` and an access token for them through client_credentials. */
async function machine(scopes: string[]) {
  const client = await createClient({ allowedScopes: scopes });
  const response = await tokenHandler(context)(
    post("/oauth/token", client, { grant_type: "client_credentials", scope: scopes.join(" ") }),
  );
  const json = await response.json();
  expect(response.status, JSON.stringify(json)).toBe(200);
  return { client, token: json.access_token as string, expiresIn: json.expires_in as number };
}

/** The route called with the token and no session; a change from another site's origin. */
const bearer = (
  handler: Parameters<typeof call>[0],
  method: string,
  path: string,
  token: string,
  options: Omit<Parameters<typeof call>[3], "as" | "headers"> = {},
) =>
  call(handler, method, path, {
    ...options,
    as: null,
    headers: { authorization: `Bearer ${token}`, ...(method === "GET" ? {} : { origin: "https://ci.example" }) },
  });

describe("the admin API with a bearer token", () => {
  it("console:read reads what an admin reads, and plans, and may not change anything", async () => {
    const { token } = await machine([CONSOLE_READ_SCOPE]);
    const apis = await bearer(apisRoute.GET, "GET", "/api/apis?pageSize=100", token);
    expect(apis.status, JSON.stringify(apis.json)).toBe(200);
    expect(apis.json.items).toContainEqual(expect.objectContaining({ name: CONSOLE_API_NAME, builtIn: true }));
    expect((await bearer(auditRoute.GET, "GET", "/api/audit", token)).status).toBe(200);

    const plan = await bearer(planRoute.POST, "POST", "/api/config/plan", token, {
      raw: "apis: []\nclients: []\n",
      contentType: "application/yaml",
    });
    expect(plan.status, JSON.stringify(plan.json)).toBe(200);

    const created = await bearer(apisRoute.POST, "POST", "/api/apis", token, { body: { name: unique("api") } });
    expect(created.status).toBe(403);
    expect(created.json.detail).toContain(CONSOLE_WRITE_SCOPE);
  });

  it("answers a missing scope with 403 and a Bearer insufficient_scope challenge naming the scope", async () => {
    const { token } = await machine([CONSOLE_READ_SCOPE]);
    const response = await apisRoute.POST(
      new Request("http://localhost/api/apis", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ name: unique("api") }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(403);
    const challenge = response.headers.get("www-authenticate") ?? "";
    expect(challenge).toMatch(/^Bearer realm="Scope Console", error="insufficient_scope", error_description="[^"]+"/);
    expect(challenge).toContain(`scope="${CONSOLE_WRITE_SCOPE}"`);
  });

  it("console:write changes as an admin, from any origin, and the audit log names the client", async () => {
    const { client, token } = await machine([CONSOLE_WRITE_SCOPE]);
    const name = unique("api");
    const created = await bearer(apisRoute.POST, "POST", "/api/apis", token, { body: { name } });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    // console:write reads too.
    expect((await bearer(apisRoute.GET, "GET", "/api/apis", token)).status).toBe(200);

    const session = await bearer(sessionRoute.GET, "GET", "/api/session", token);
    expect(session.json).toMatchObject({ kind: "client", email: client.clientId, role: "admin" });

    const audit = await call(auditRoute.GET, "GET", `/api/audit?resourceType=api&resourceId=${created.json.id}`);
    expect(audit.json.items).toEqual([
      expect.objectContaining({ action: "create", actorType: "client", actorEmail: client.clientId }),
    ]);
    const byActor = await call(auditRoute.GET, "GET", `/api/audit?actor=${encodeURIComponent(client.clientId)}`);
    expect(byActor.json.items.map((event: { resourceName: string }) => event.resourceName)).toContain(name);
    const row = await db().auditEvent.findFirstOrThrow({ where: { resourceId: created.json.id } });
    expect(row.actorId).toBe(client.id);
  });

  it("answers no credentials with 401 and a Bearer challenge without an error code", async () => {
    const response = await apisRoute.GET(new Request("http://localhost/api/apis"), { params: Promise.resolve({}) });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Bearer realm="Scope Console"');
  });

  it("answers tokens that are not ours, not for the console, expired, revoked or a user's with 401 invalid_token", async () => {
    const invalid = async (token: string, detail: RegExp) => {
      const response = await apisRoute.GET(
        new Request("http://localhost/api/apis", { headers: { authorization: `Bearer ${token}` } }),
        { params: Promise.resolve({}) },
      );
      const body = await response.json();
      expect(response.status, JSON.stringify(body)).toBe(401);
      expect(response.headers.get("www-authenticate")).toContain('error="invalid_token"');
      expect(body.detail).toMatch(detail);
    };
    await invalid("", /not active/);
    await invalid("not-a-token", /not active/);

    const other = await createScope(undefined, { name: unique("orders_read") });
    await invalid((await machine([other.name])).token, /audience must be scope-console/);

    const expiring = await machine([CONSOLE_WRITE_SCOPE]);
    clock += expiring.expiresIn;
    try {
      await invalid(expiring.token, /not active/);
    } finally {
      clock -= expiring.expiresIn;
    }

    const revoked = await machine([CONSOLE_WRITE_SCOPE]);
    expect(
      (await revocationHandler(context)(post("/oauth/revoke", revoked.client, { token: revoked.token }))).status,
    ).toBe(200);
    await invalid(revoked.token, /not active/);

    // A token a user granted acts for the user, never as an admin.
    const app = await createClient({
      redirectUris: ["https://app.example/callback"],
      allowedScopes: [CONSOLE_WRITE_SCOPE],
      allowedGrantTypes: ["authorization_code", "refresh_token"],
    });
    const user = await createUser();
    const grant = await createUserGrant({
      clientId: app.clientId,
      userId: user.id,
      scopes: [CONSOLE_WRITE_SCOPE],
      now: clock,
    });
    const refreshed = await tokenHandler(context)(
      post("/oauth/token", app, { grant_type: "refresh_token", refresh_token: grant.refreshToken }),
    );
    await invalid((await refreshed.json()).access_token, /not tokens a user granted/);
  });
});

describe("the OpenAPI document's security, as the handlers enforce it", () => {
  it("every route the document says console:read may call takes a console:read token; every console:write one refuses it", async () => {
    const { token } = await machine([CONSOLE_READ_SCOPE]);
    const handlers = new Map((await allHandlers()).map((found) => [found.name, found.handler]));
    const checked = OPERATIONS.filter(({ access }) => access === "read" || access === "write");
    expect(checked.length).toBeGreaterThan(20);
    for (const { method, path, access } of checked) {
      const route = path.replace(/\{(\w+)\}/g, "[$1]");
      const handler = handlers.get(`${method.toUpperCase()} ${route}`);
      if (!handler) throw new Error(`The document's ${method} ${route} has no handler.`);
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const params = Object.fromEntries(names.map((name) => [name, "no-such-id"]));
      const response = await handler(
        new Request(`http://localhost${path.replace(/\{\w+\}/g, "no-such-id")}`, {
          method: method.toUpperCase(),
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          ...(method === "get" ? {} : { body: "{}" }),
        }),
        { params: Promise.resolve(params) },
      );
      const refused =
        response.status === 403 && /insufficient_scope/.test(response.headers.get("www-authenticate") ?? "");
      expect(refused, `${method} ${path} (${access}): ${response.status}`).toBe(access === "write");
    }
  });
});

describe("the console's built-in API", () => {
  it("cannot be deleted, given scopes, or have its scopes deleted or deprecated; its texts and lifetimes can change", async () => {
    const params = { id: consoleApiId };
    const deleted = await call(apiRoute.DELETE, "DELETE", `/api/apis/${consoleApiId}?confirm=${CONSOLE_API_NAME}`, {
      params,
    });
    expect(deleted.status).toBe(403);
    expect(deleted.json.detail).toMatch(/built in: it cannot be deleted/);

    const added = await call(apiScopesRoute.POST, "POST", `/api/apis/${consoleApiId}/scopes`, {
      params,
      body: { name: unique("console_extra") },
    });
    expect(added.status).toBe(403);

    const scope = await db().apiScope.findUniqueOrThrow({ where: { name: CONSOLE_READ_SCOPE } });
    const scopeParams = { id: consoleApiId, scopeId: scope.id };
    const path = `/api/apis/${consoleApiId}/scopes/${scope.id}`;
    expect(
      (await call(apiScopeRoute.DELETE, "DELETE", `${path}?confirm=${scope.name}`, { params: scopeParams })).status,
    ).toBe(403);
    const bulk = await call(apiScopesBulkRoute.POST, "POST", `/api/apis/${consoleApiId}/scopes/bulk`, {
      params,
      body: { action: "delete", ids: [scope.id], confirm: "1" },
    });
    expect(bulk.status, JSON.stringify(bulk.json)).toBe(403);
    const deprecated = await call(apiScopeRoute.PATCH, "PATCH", path, {
      params: scopeParams,
      body: { lifecycle: "deprecated", version: scope.version },
    });
    expect(deprecated.status).toBe(403);

    const lifetime = await call(apiScopeRoute.PATCH, "PATCH", path, {
      params: scopeParams,
      body: { accessTokenLifetime: 600, version: scope.version },
    });
    expect(lifetime.status, JSON.stringify(lifetime.json)).toBe(200);
    const restored = await call(apiScopeRoute.PATCH, "PATCH", path, {
      params: scopeParams,
      body: { accessTokenLifetime: null, version: lifetime.json.version },
    });
    expect(restored.status).toBe(200);
    expect(await db().apiScope.count({ where: { apiId: consoleApiId } })).toBe(2);
  });

  it("has no service owners, so no owner can give a client console scopes", async () => {
    const owner = await call(usersRoute.POST, "POST", "/api/users", {
      body: {
        email: `${unique("owner")}@example.com`,
        password: "a long enough password",
        role: "owner",
        apiIds: [consoleApiId],
      },
    });
    expect(owner.status).toBe(403);
    expect(owner.json.errors.apiIds[0]).toMatch(/no service owner can be assigned/);

    const own = await createApi();
    const someOwner = await signedIn("owner", [own.id]);
    const client = await call(clientsRoute.POST, "POST", "/api/clients", {
      as: someOwner,
      body: {
        name: unique("client"),
        type: "confidential",
        allowedGrantTypes: ["client_credentials"],
        allowedScopes: [CONSOLE_WRITE_SCOPE],
      },
    });
    expect(client.status).toBe(403);
  });
});
