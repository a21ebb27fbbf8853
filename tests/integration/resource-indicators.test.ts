// RFC 8707 resource indicators end to end on the protocol path: an API's resourceUri (set and
// edited through the JSON API), `resource` on the authorization and token requests, refreshes
// narrowed to one resource, client_credentials, and the invalid_target refusals.
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as apiRoute from "@/app/api/apis/[id]/route";
import * as apisRoute from "@/app/api/apis/route";
import * as previewRoute from "@/app/api/token-preview/route";
import {
  acceptBearerTokens,
  CONSOLE_API_NAME,
  CONSOLE_API_RESOURCE,
  CONSOLE_READ_SCOPE,
} from "@/lib/accounts/console-api";
import { db } from "@/lib/db/client";
import { defaultResourceUri } from "@/lib/issuing";
import { authorizeHandlers } from "@/lib/oauth/authorize";
import { bearerVerifier } from "@/lib/oauth/bearer-verifier";
import type { OAuthContext } from "@/lib/oauth/context";
import { CONSENT_PATH, SIGN_IN_PATH } from "@/lib/oauth/pages";
import { tokenHandler } from "@/lib/oauth/token";
import { call, unique } from "./call";
import { createApi, createClient, createScope, createUser } from "./factories";
import { testOAuthContext } from "./oauth-context";
import { hidden, pkce } from "./oauth-pages";

const ISSUER = "https://issuer.test";
const REDIRECT = "https://app.example/callback";
const PASSWORD = "correct horse battery staple";

let clock = 1_960_000_000;
let context: OAuthContext;
let pages: ReturnType<typeof authorizeHandlers>;
let token: ReturnType<typeof tokenHandler>;
let email: string;
/** Two APIs with a scope each, and a third the clients are not allowed. */
const apis = {
  invoices: { id: "", uri: "", scope: "" },
  orders: { id: "", uri: "", scope: "" },
  secret: { id: "", uri: "", scope: "" },
};
let webApp: { name: string; redirectUris: string[]; allowedScopes: string[]; allowedGrantTypes: string[] };

type Params = [string, string][];

/** A browser with a session cookie, posting the sign-in and consent forms as the pages would. */
class Browser {
  cookie = "";

  get(params: Params) {
    return pages.authorize(
      new Request(`${ISSUER}/oauth/authorize?${new URLSearchParams(params)}`, { headers: { cookie: this.cookie } }),
    );
  }

  async post(path: string, fields: Params) {
    const handler = path === SIGN_IN_PATH ? pages.signIn : pages.consent;
    const response = await handler(
      new Request(`${ISSUER}${path}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: this.cookie, origin: ISSUER },
        body: new URLSearchParams(fields).toString(),
      }),
    );
    const setCookie = response.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0];
    return response;
  }
}

const CHECKBOX = /<input type="checkbox"[^>]*value="([^"]+)"/g;
const redirectOf = (response: Response) => {
  expect(response.status).toBe(303);
  return Object.fromEntries(new URL(response.headers.get("location") ?? "").searchParams);
};

/** The authorization request's parameters: the client's, PKCE, the scopes and each resource. */
const authorizeParams = (clientId: string, scope: string, resources: string[], challenge: string): Params => [
  ["response_type", "code"],
  ["client_id", clientId],
  ["redirect_uri", REDIRECT],
  ["state", "s"],
  ["scope", scope],
  ["code_challenge", challenge],
  ["code_challenge_method", "S256"],
  ...resources.map((uri): [string, string] => ["resource", uri]),
];

/** Signs in and allows everything offered; the redirect's parameters (a code, or an error). */
async function authorize(clientId: string, scope: string, resources: string[], challenge: string) {
  const browser = new Browser();
  let response = await browser.get(authorizeParams(clientId, scope, resources, challenge));
  if (response.status === 200) {
    let page = await response.text();
    response = await browser.post(SIGN_IN_PATH, [
      ["request", hidden(page, "request")],
      ["email", email],
      ["password", PASSWORD],
    ]);
    if (response.status === 200) {
      page = await response.text();
      const offered = [...page.matchAll(CHECKBOX)].map((m) => m[1]);
      response = await browser.post(CONSENT_PATH, [
        ["request", hidden(page, "request")],
        ["csrf", hidden(page, "csrf")],
        ["decision", "allow"],
        ...offered.map((name): [string, string] => ["scope", name]),
      ]);
    }
  }
  return redirectOf(response);
}

async function tokenRequest(client: { clientId: string; secret?: string }, params: Params) {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (client.secret) {
    headers.authorization = `Basic ${Buffer.from(`${client.clientId}:${client.secret}`).toString("base64")}`;
  }
  const response = await token(
    new Request(`${ISSUER}/oauth/token`, { method: "POST", headers, body: new URLSearchParams(params).toString() }),
  );
  // biome-ignore lint/suspicious/noExplicitAny: token responses are inspected field by field
  return { status: response.status, json: (await response.json()) as any };
}

const resourceParams = (resources: string[]): Params => resources.map((uri) => ["resource", uri]);

/** A signed-in user's code for `resources`, redeemed with `exchangeResources`. */
async function codeTokens(
  client: { clientId: string; secret?: string },
  scope: string,
  resources: string[],
  exchangeResources: string[] = [],
) {
  const { verifier, challenge } = pkce();
  const redirect = await authorize(client.clientId, scope, resources, challenge);
  expect(redirect.code, JSON.stringify(redirect)).toBeDefined();
  return tokenRequest(client, [
    ["grant_type", "authorization_code"],
    ["code", redirect.code],
    ["redirect_uri", REDIRECT],
    ["code_verifier", verifier],
    ...resourceParams(exchangeResources),
  ]);
}

beforeAll(async () => {
  context = await testOAuthContext(ISSUER, () => clock);
  pages = authorizeHandlers(context);
  token = tokenHandler(context);
  acceptBearerTokens(bearerVerifier(context));
  for (const [key, entry] of Object.entries(apis)) {
    const api = await createApi({ name: unique(key), resourceUri: `https://${unique(key)}.example/api` });
    const scope = await createScope(api.id, { name: unique(`read_${key}`) });
    Object.assign(entry, { id: api.id, uri: api.resourceUri, scope: scope.name });
  }
  if (!(await db().apiScope.findUnique({ where: { name: "openid" } }))) {
    await createScope(apis.invoices.id, { name: "openid" });
  }
  webApp = {
    name: "Web app",
    redirectUris: [REDIRECT],
    allowedScopes: ["openid", apis.invoices.scope, apis.orders.scope],
    allowedGrantTypes: ["authorization_code", "refresh_token"],
  };
  email = (await createUser({ email: `${unique("grace")}@example.com`, password: PASSWORD })).email;
});

afterAll(() => acceptBearerTokens(null));

describe("/api/apis - resourceUri", () => {
  it("a new API gets urn:scope-console:api:<name> by default", async () => {
    const api = await createApi();
    expect(api.resourceUri).toBe(defaultResourceUri(api.name));
    expect(api.resourceUri).toBe(`urn:scope-console:api:${api.name}`);
  });

  it("PATCH changes it, and GET's body goes back unchanged (symmetry)", async () => {
    const api = await createApi();
    const params = { id: api.id };
    const path = `/api/apis/${api.id}`;
    const got = (await call(apiRoute.GET, "GET", path, { params })).json;
    const uri = `https://${api.name}.example/v2`;
    const saved = await call(apiRoute.PATCH, "PATCH", path, { params, body: { ...got, resourceUri: uri } });
    expect(saved.status).toBe(200);
    expect(saved.json.resourceUri).toBe(uri);
    const again = await call(apiRoute.PATCH, "PATCH", path, { params, body: saved.json });
    expect(again.status).toBe(200);
    expect(again.json.resourceUri).toBe(uri);
  });

  it.each([
    ["a relative reference", "/invoices"],
    ["a fragment", "https://api.example/#v1"],
    ["a space", "https://api.example/a b"],
    ["nothing", ""],
  ])("PATCH refuses %s with 400 on the resourceUri field", async (_label, resourceUri) => {
    const api = await createApi();
    const path = `/api/apis/${api.id}`;
    const refused = await call(apiRoute.PATCH, "PATCH", path, {
      params: { id: api.id },
      body: { resourceUri, version: api.version },
    });
    expect(refused.status).toBe(400);
    expect(refused.contentType).toBe("application/problem+json");
    expect(refused.json.errors.resourceUri[0]).toEqual(expect.any(String));
  });

  it("PATCH and POST refuse another API's identifier with 409 on the resourceUri field", async () => {
    const taken = await createApi({ resourceUri: `https://${unique("taken")}.example` });
    const api = await createApi();
    const patched = await call(apiRoute.PATCH, "PATCH", `/api/apis/${api.id}`, {
      params: { id: api.id },
      body: { resourceUri: taken.resourceUri, version: api.version },
    });
    expect(patched.status).toBe(409);
    expect(patched.json.errors.resourceUri[0]).toContain(taken.name);
    const posted = await call(apisRoute.POST, "POST", "/api/apis", {
      body: { name: unique("api"), resourceUri: taken.resourceUri },
    });
    expect(posted.status).toBe(409);
    expect(posted.json.errors.resourceUri[0]).toContain(taken.name);
  });

  it("the built-in API keeps its identifier: 403 on the field, and the same value goes back", async () => {
    const builtIn = await db().api.findUniqueOrThrow({ where: { name: CONSOLE_API_NAME } });
    expect(builtIn.resourceUri).toBe(CONSOLE_API_RESOURCE);
    const path = `/api/apis/${builtIn.id}`;
    const params = { id: builtIn.id };
    const got = (await call(apiRoute.GET, "GET", path, { params })).json;
    const refused = await call(apiRoute.PATCH, "PATCH", path, {
      params,
      body: { ...got, resourceUri: "https://console.example" },
    });
    expect(refused.status).toBe(403);
    expect(refused.json.errors.resourceUri[0]).toContain("built in");
    expect((await call(apiRoute.PATCH, "PATCH", path, { params, body: got })).status).toBe(200);
  });
});

describe("POST /oauth/token - client_credentials with resource", () => {
  it("gives a token for that API only: aud is its identifier, other APIs' scopes left out", async () => {
    const machine = await createClient({ allowedScopes: [apis.invoices.scope, apis.orders.scope] });
    const scope = `${apis.invoices.scope} ${apis.orders.scope}`;
    const { status, json } = await tokenRequest(machine, [
      ["grant_type", "client_credentials"],
      ["scope", scope],
      ["resource", apis.orders.uri],
    ]);
    expect(status, JSON.stringify(json)).toBe(200);
    expect(json.scope).toBe(apis.orders.scope);
    expect(decodeJwt(json.access_token)).toMatchObject({ aud: [apis.orders.uri], scope: apis.orders.scope });
  });

  it("without resource behaves as before: aud is the APIs' names", async () => {
    const machine = await createClient({ allowedScopes: [apis.invoices.scope] });
    const { json } = await tokenRequest(machine, [
      ["grant_type", "client_credentials"],
      ["scope", apis.invoices.scope],
    ]);
    const name = (await db().api.findUniqueOrThrow({ where: { id: apis.invoices.id } })).name;
    expect(decodeJwt(json.access_token).aud).toEqual([name]);
  });

  it("several resources give one token with both audiences; repeated values count once", async () => {
    const machine = await createClient({ allowedScopes: [apis.invoices.scope, apis.orders.scope] });
    const { status, json } = await tokenRequest(machine, [
      ["grant_type", "client_credentials"],
      ["scope", `${apis.invoices.scope} ${apis.orders.scope}`],
      ...resourceParams([apis.orders.uri, apis.invoices.uri, apis.orders.uri]),
    ]);
    expect(status).toBe(200);
    expect(decodeJwt(json.access_token).aud).toEqual([apis.invoices.uri, apis.orders.uri].sort());
  });

  it.each([
    ["a relative reference", () => "/api"],
    ["a fragment", () => `${apis.orders.uri}#x`],
    ["an unknown resource", () => "https://unknown.example/api"],
    ["an API the client may not use", () => apis.secret.uri],
  ])("%s is invalid_target", async (_label, resource) => {
    const machine = await createClient({ allowedScopes: [apis.orders.scope] });
    const { status, json } = await tokenRequest(machine, [
      ["grant_type", "client_credentials"],
      ["scope", apis.orders.scope],
      ["resource", resource()],
    ]);
    expect(status).toBe(400);
    expect(json.error).toBe("invalid_target");
  });

  it("a resource whose API gets no scope of the request is invalid_scope", async () => {
    const machine = await createClient({ allowedScopes: [apis.invoices.scope, apis.orders.scope] });
    const { status, json } = await tokenRequest(machine, [
      ["grant_type", "client_credentials"],
      ["scope", apis.orders.scope],
      ["resource", apis.invoices.uri],
    ]);
    expect(status).toBe(400);
    expect(json.error).toBe("invalid_scope");
  });

  it("the console's API by its resource identifier: the admin API accepts the token", async () => {
    const machine = await createClient({ allowedScopes: [CONSOLE_READ_SCOPE] });
    const { json } = await tokenRequest(machine, [
      ["grant_type", "client_credentials"],
      ["scope", CONSOLE_READ_SCOPE],
      ["resource", CONSOLE_API_RESOURCE],
    ]);
    expect(decodeJwt(json.access_token).aud).toEqual([CONSOLE_API_RESOURCE]);
    const listed = await call(apisRoute.GET, "GET", "/api/apis", {
      as: null,
      headers: { authorization: `Bearer ${json.access_token}` },
    });
    expect(listed.status).toBe(200);
  });

  it("the token preview says the same aud and scopes", async () => {
    const machine = await createClient({ allowedScopes: [apis.invoices.scope, apis.orders.scope] });
    const preview = await call(previewRoute.POST, "POST", "/api/token-preview", {
      body: {
        clientId: machine.clientId,
        grantType: "client_credentials",
        scopes: [apis.invoices.scope, apis.orders.scope],
        resources: [apis.orders.uri],
      },
    });
    expect(preview.status).toBe(200);
    expect(preview.json.accessToken).toMatchObject({
      audiences: [apis.orders.uri],
      resources: [apis.orders.uri],
      scopes: [apis.orders.scope],
    });
    const refused = await call(previewRoute.POST, "POST", "/api/token-preview", {
      body: { clientId: machine.clientId, grantType: "client_credentials", resources: [apis.secret.uri] },
    });
    expect(refused.json).toMatchObject({ ok: false, error: "invalid_target" });
  });
});

describe("authorization code and refresh with resource", () => {
  it("the authorization request's resource makes the token its API's; the ID token stays", async () => {
    const app = await createClient(webApp);
    const { status, json } = await codeTokens(app, `openid ${apis.invoices.scope} ${apis.orders.scope}`, [
      apis.orders.uri,
    ]);
    expect(status, JSON.stringify(json)).toBe(200);
    expect(json.scope).toBe(apis.orders.scope);
    expect(decodeJwt(json.access_token)).toMatchObject({ aud: [apis.orders.uri], scope: apis.orders.scope });
    expect(json.id_token).toEqual(expect.any(String));
    const grant = await db().grant.findUniqueOrThrow({ where: { id: decodeJwt(json.access_token).gid as string } });
    expect(grant.resources).toEqual([apis.orders.uri]);
    expect(grant.scopes).toEqual(expect.arrayContaining(["openid", apis.invoices.scope, apis.orders.scope]));
  });

  it("the token request narrows to one of several resources; another is invalid_target", async () => {
    const app = await createClient(webApp);
    const scope = `${apis.invoices.scope} ${apis.orders.scope}`;
    const both = [apis.invoices.uri, apis.orders.uri];
    const narrowed = await codeTokens(app, scope, both, [apis.orders.uri]);
    expect(narrowed.status, JSON.stringify(narrowed.json)).toBe(200);
    expect(decodeJwt(narrowed.json.access_token)).toMatchObject({
      aud: [apis.orders.uri],
      scope: apis.orders.scope,
    });
    const unnamed = await codeTokens(app, scope, both);
    expect(decodeJwt(unnamed.json.access_token).aud).toEqual([...both].sort());
    const wider = await codeTokens(app, scope, [apis.invoices.uri], [apis.orders.uri]);
    expect(wider.status).toBe(400);
    expect(wider.json.error).toBe("invalid_target");
  });

  it("a refresh asks for one of the grant's resources to get a narrower token", async () => {
    const app = await createClient(webApp);
    const scope = `${apis.invoices.scope} ${apis.orders.scope}`;
    const first = await codeTokens(app, scope, [apis.invoices.uri, apis.orders.uri]);
    clock += 5;
    const narrow = await tokenRequest(app, [
      ["grant_type", "refresh_token"],
      ["refresh_token", first.json.refresh_token],
      ["resource", apis.invoices.uri],
    ]);
    expect(narrow.status, JSON.stringify(narrow.json)).toBe(200);
    expect(narrow.json.scope).toBe(apis.invoices.scope);
    expect(decodeJwt(narrow.json.access_token).aud).toEqual([apis.invoices.uri]);
    // The grant keeps both: the next refresh without resource is for both again.
    clock += 5;
    const whole = await tokenRequest(app, [
      ["grant_type", "refresh_token"],
      ["refresh_token", narrow.json.refresh_token],
    ]);
    expect(whole.status, JSON.stringify(whole.json)).toBe(200);
    expect(decodeJwt(whole.json.access_token).aud).toEqual([apis.invoices.uri, apis.orders.uri].sort());
    clock += 5;
    const outside = await tokenRequest(app, [
      ["grant_type", "refresh_token"],
      ["refresh_token", whole.json.refresh_token],
      ["resource", apis.secret.uri],
    ]);
    expect(outside.status).toBe(400);
    expect(outside.json.error).toBe("invalid_target");
  });

  it("a refresh of a grant without resources may ask for the API of one of its scopes", async () => {
    const app = await createClient(webApp);
    const first = await codeTokens(app, `${apis.invoices.scope} ${apis.orders.scope}`, []);
    clock += 5;
    const narrow = await tokenRequest(app, [
      ["grant_type", "refresh_token"],
      ["refresh_token", first.json.refresh_token],
      ["resource", apis.orders.uri],
    ]);
    expect(narrow.status, JSON.stringify(narrow.json)).toBe(200);
    expect(decodeJwt(narrow.json.access_token)).toMatchObject({ aud: [apis.orders.uri], scope: apis.orders.scope });
  });

  it.each([
    ["a relative reference", () => ["/api"]],
    ["an unknown resource", () => ["https://unknown.example/api"]],
    ["an API the client may not use", () => [apis.secret.uri]],
  ])("the authorization endpoint sends %s back as invalid_target", async (_label, resources) => {
    const app = await createClient(webApp);
    const response = await new Browser().get(
      authorizeParams(app.clientId, apis.orders.scope, resources(), pkce().challenge),
    );
    const redirect = redirectOf(response);
    expect(redirect.error).toBe("invalid_target");
    expect(redirect.state).toBe("s");
  });

  it("resource may be repeated on the authorization request; other parameters still may not", async () => {
    const app = await createClient(webApp);
    const { challenge } = pkce();
    const repeated = await new Browser().get([
      ...authorizeParams(app.clientId, apis.orders.scope, [apis.orders.uri], challenge),
      ["scope", apis.orders.scope],
    ]);
    expect(redirectOf(repeated).error).toBe("invalid_request");
    const resources = await new Browser().get(
      authorizeParams(app.clientId, apis.orders.scope, [apis.orders.uri, apis.orders.uri], challenge),
    );
    expect(resources.status).toBe(200);
  });
});
