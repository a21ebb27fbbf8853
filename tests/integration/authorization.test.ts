// The authorization code flow, refresh tokens, ID tokens and userinfo, called as the lean path
// calls them, with a clock the tests move to reach expiry.
import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader as decodeJwtHeader,
  generateKeyPair,
  jwtVerify,
  SignJWT,
} from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import * as clientRoute from "@/app/api/clients/[id]/route";
import * as previewRoute from "@/app/api/token-preview/route";
import * as passwordRoute from "@/app/api/users/[id]/password/route";
import * as userRoute from "@/app/api/users/[id]/route";
import { changeRevocations } from "@/lib/config/change";
import { db } from "@/lib/db/client";
import { DEFAULT_SERVICE_SETTINGS } from "@/lib/issuing";
import { authorizeHandlers } from "@/lib/oauth/authorize";
import type { OAuthContext } from "@/lib/oauth/context";
import { discoveryHandler } from "@/lib/oauth/discovery";
import { introspectionHandler } from "@/lib/oauth/introspect";
import { jwksHandler } from "@/lib/oauth/jwks";
import { CONSENT_PATH, SIGN_IN_PATH } from "@/lib/oauth/pages";
import { revocationHandler } from "@/lib/oauth/revoke";
import { tokenHandler } from "@/lib/oauth/token";
import { userinfoHandler } from "@/lib/oauth/userinfo";
import { createLeanApp } from "@/lib/server/lean-app";
import { dateOf } from "@/lib/time/epoch";
import { call, unique } from "./call";
import { createApi, createClient, createScope, createUser } from "./factories";
import { testOAuthContext } from "./oauth-context";
import { decodeEntities, hidden, pkce } from "./oauth-pages";

const ISSUER = "https://issuer.test";
const REDIRECT = "https://app.example/callback";
const PASSWORD = "correct horse battery staple";

let clock = 1_950_000_000;
let context: OAuthContext;
let pages: ReturnType<typeof authorizeHandlers>;
let token: ReturnType<typeof tokenHandler>;
let introspect: ReturnType<typeof introspectionHandler>;
let revoke: ReturnType<typeof revocationHandler>;
let userinfo: ReturnType<typeof userinfoHandler>;
let api: { id: string; name: string };
/** read: optional; write: emphasized; audit: required. */
const scope = { read: "", write: "", audit: "" };
let email: string;
/** The client these tests sign in to (set up once the scopes exist): a confidential web app. */
let reportsApp: { name: string; redirectUris: string[]; allowedScopes: string[]; allowedGrantTypes: string[] };

/** A client as the protocol endpoints see it: its client_id, and its secret if it has one. */
interface Client {
  clientId: string;
  secret?: string;
}

/** The parameters of an authorization request: the file's defaults, `params` replacing (undefined: dropping) them. */
function authorizeParams(client: Client, params: Record<string, string | undefined> = {}) {
  const query = new URLSearchParams();
  const all: Record<string, string | undefined> = {
    response_type: "code",
    client_id: client.clientId,
    redirect_uri: REDIRECT,
    state: "state-123",
    ...params,
  };
  for (const [name, value] of Object.entries(all)) if (value !== undefined) query.set(name, value);
  return query;
}

const authorizeUrl = (client: Client, params: Record<string, string | undefined> = {}) =>
  `${ISSUER}/oauth/authorize?${authorizeParams(client, params)}`;

/** A browser: keeps the session cookie, sends forms as a same-origin page would. */
class Browser {
  cookie = "";
  /** Whose account signs in: the file's user unless told otherwise. */
  email = "";

  get(url: string) {
    return pages.authorize(new Request(url, { headers: { cookie: this.cookie } }));
  }

  /** The authorization request as a form POST (OpenID Connect Core 3.1.2.1), as a client's page sends it. */
  postAuthorize(body: string, contentType = "application/x-www-form-urlencoded") {
    return pages.authorize(
      new Request(`${ISSUER}/oauth/authorize`, {
        method: "POST",
        headers: { "content-type": contentType, cookie: this.cookie, origin: "https://app.example" },
        body,
      }),
    );
  }

  async post(path: string, fields: [string, string][], headers: Record<string, string> = {}) {
    const handler = path === SIGN_IN_PATH ? pages.signIn : pages.consent;
    const response = await handler(
      new Request(`${ISSUER}${path}`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          cookie: this.cookie,
          origin: ISSUER,
          ...headers,
        },
        body: new URLSearchParams(fields).toString(),
      }),
    );
    const setCookie = response.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0];
    return response;
  }

  signIn(page: string, password = PASSWORD) {
    return this.post(SIGN_IN_PATH, [
      ["request", hidden(page, "request")],
      ["email", this.email || email],
      ["password", password],
    ]);
  }

  consent(page: string, decision: "allow" | "deny", ticked: string[]) {
    return this.post(CONSENT_PATH, [
      ["request", hidden(page, "request")],
      ["csrf", hidden(page, "csrf")],
      ["decision", decision],
      ...ticked.map((name): [string, string] => ["scope", name]),
    ]);
  }
}

const CHECKBOX = /<input type="checkbox"[^>]*value="([^"]+)"/g;

function redirectParams(response: Response) {
  expect(response.status).toBe(303);
  const location = new URL(response.headers.get("location") ?? "");
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
  return Object.fromEntries(location.searchParams);
}

/** Signs in and allows what the consent page offers (minus `untick`), returning the code. */
async function authorize(
  client: Client,
  params: Record<string, string | undefined>,
  browser = new Browser(),
  untick: string[] = [],
) {
  let response = await browser.get(authorizeUrl(client, params));
  if (response.status === 200) {
    let page = await response.text();
    if (page.includes('action="/oauth/authorize/sign-in"')) {
      response = await browser.signIn(page);
      if (response.status === 303) return { code: redirectParams(response).code, browser };
      page = await response.text();
    }
    const offered = [...page.matchAll(CHECKBOX)].map((m) => m[1]);
    response = await browser.consent(
      page,
      "allow",
      offered.filter((name) => !untick.includes(name)),
    );
  }
  const redirect = redirectParams(response);
  expect(redirect.state).toBe(params.state ?? "state-123");
  expect(redirect.iss).toBe(ISSUER);
  return { code: redirect.code, browser };
}

/** A form POST to a protocol endpoint as the client: Basic with its secret, else client_id alone. */
function clientRequest(path: string, client: Client, params: Record<string, string>) {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  const body = new URLSearchParams(params);
  const { clientId, secret } = client;
  if (secret) headers.authorization = `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`;
  else body.set("client_id", clientId);
  return new Request(`${ISSUER}${path}`, { method: "POST", headers, body: body.toString() });
}

async function exchange(client: Client, params: Record<string, string>) {
  const response = await token(clientRequest("/oauth/token", client, params));
  // biome-ignore lint/suspicious/noExplicitAny: token responses are inspected field by field
  return { status: response.status, json: (await response.json()) as any, headers: response.headers };
}

const exchangeCode = (client: Client, code: string, verifier?: string) =>
  exchange(client, {
    grant_type: "authorization_code",
    code,
    redirect_uri: REDIRECT,
    ...(verifier ? { code_verifier: verifier } : {}),
  });

const refresh = (client: Client, refreshToken: string, extra: Record<string, string> = {}) =>
  exchange(client, { grant_type: "refresh_token", refresh_token: refreshToken, ...extra });

async function introspectAs(client: Client, value: string) {
  const response = await introspect(clientRequest("/oauth/introspect", client, { token: value }));
  return response.json();
}

/** A full sign-in with PKCE, returning the token response. */
async function tokensFor(client: Client, scopes: string, browser = new Browser()) {
  const { verifier, challenge } = pkce();
  const { code } = await authorize(
    client,
    { scope: scopes, code_challenge: challenge, code_challenge_method: "S256" },
    browser,
  );
  const result = await exchangeCode(client, code, verifier);
  expect(result.status, JSON.stringify(result.json)).toBe(200);
  return result.json;
}

beforeAll(async () => {
  context = await testOAuthContext(ISSUER, () => clock);
  pages = authorizeHandlers(context);
  token = tokenHandler(context);
  introspect = introspectionHandler(context);
  revoke = revocationHandler(context);
  userinfo = userinfoHandler(context);
  api = await createApi({ name: unique("reports") });
  scope.read = unique("read");
  scope.write = unique("write");
  scope.audit = unique("audit");
  await createScope(api.id, { name: scope.read, displayName: "Read reports", description: "See every report." });
  await createScope(api.id, { name: scope.write, displayName: "Write reports", emphasize: true });
  await createScope(api.id, { name: scope.audit, displayName: "Audit trail", required: true });
  for (const name of ["openid", "email", "offline_access"]) {
    const existing = await db().apiScope.findUnique({ where: { name } });
    if (!existing) await createScope(api.id, { name });
  }
  reportsApp = {
    name: "Reports app",
    redirectUris: [REDIRECT],
    allowedScopes: ["openid", "email", "offline_access", scope.read, scope.write, scope.audit],
    allowedGrantTypes: ["authorization_code", "refresh_token"],
  };
  email = (await createUser({ email: `${unique("ada")}@example.com`, password: PASSWORD })).email;
});

describe("GET /oauth/authorize: errors", () => {
  it("shows an error page, never a redirect, for an unknown client or an unregistered redirect URI", async () => {
    const client = await createClient(reportsApp);
    for (const url of [
      authorizeUrl({ clientId: "unknown-client" }),
      authorizeUrl(client, { redirect_uri: "https://evil.example/callback" }),
      authorizeUrl(client, { redirect_uri: `${REDIRECT}/` }),
      authorizeUrl(client, { redirect_uri: `${REDIRECT}?x=1` }),
      authorizeUrl(client, { redirect_uri: undefined }),
    ]) {
      const response = await new Browser().get(url);
      expect(response.status, url).toBe(400);
      expect(response.headers.get("location")).toBeNull();
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(await response.text()).toContain("This request cannot continue");
    }
  });

  it.each([
    [{ response_type: "token" }, "unsupported_response_type"],
    [{ response_type: undefined }, "invalid_request"],
    [{ code_challenge: pkce().challenge, code_challenge_method: "plain" }, "invalid_request"],
    [{ code_challenge: pkce().challenge, code_challenge_method: undefined }, "invalid_request"],
    [{ code_challenge: "short", code_challenge_method: "S256" }, "invalid_request"],
    [{ scope: "no_such_scope" }, "invalid_scope"],
    [{ prompt: "none login" }, "invalid_request"],
    [{ request: "eyJ..." }, "request_not_supported"],
  ])("redirects %o with error=%s, the state and the issuer", async (params, error) => {
    const client = await createClient(reportsApp);
    const redirect = redirectParams(await new Browser().get(authorizeUrl(client, params)));
    expect(redirect).toMatchObject({ error, state: "state-123", iss: ISSUER });
    expect(redirect.code).toBeUndefined();
  });

  it("requires PKCE of a public client and refuses a client without the authorization_code grant", async () => {
    const publicClient = await createClient({ ...reportsApp, type: "public" });
    expect(redirectParams(await new Browser().get(authorizeUrl(publicClient)))).toMatchObject({
      error: "invalid_request",
    });
    const machine = await createClient({ ...reportsApp, allowedGrantTypes: ["client_credentials"] });
    expect(redirectParams(await new Browser().get(authorizeUrl(machine)))).toMatchObject({
      error: "unauthorized_client",
    });
  });

  it("answers prompt=none without a session with login_required", async () => {
    const client = await createClient(reportsApp);
    expect(redirectParams(await new Browser().get(authorizeUrl(client, { prompt: "none" })))).toMatchObject({
      error: "login_required",
    });
  });
});

describe("text the database cannot hold", () => {
  it("a NUL in the nonce is invalid_request, and in the sign-in form a refused form: never a 500", async () => {
    const client = await createClient(reportsApp);
    const refused = redirectParams(
      await new Browser().get(authorizeUrl(client, { scope: "openid", nonce: "n\u0000" })),
    );
    expect(refused).toMatchObject({ error: "invalid_request", state: "state-123" });

    const browser = new Browser();
    const page = await (await browser.get(authorizeUrl(client, { scope: "openid" }))).text();
    const response = await browser.post(SIGN_IN_PATH, [
      ["request", hidden(page, "request")],
      ["email", "ada\u0000@example.com"],
      ["password", PASSWORD],
    ]);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("The sign-in form could not be read.");
  });
});

describe("sign-in and consent", () => {
  it("asks for a password, then shows the consent page: emphasized first, required locked", async () => {
    const client = await createClient(reportsApp);
    const browser = new Browser();
    const signIn = await browser.get(authorizeUrl(client, { scope: `openid ${scope.read} ${scope.write}` }));
    expect(signIn.status).toBe(200);
    expect(signIn.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const signInPage = await signIn.text();
    expect(signInPage).toContain("Sign in");

    const wrong = await browser.signIn(signInPage, "not the password");
    expect(wrong.status).toBe(200);
    expect(await wrong.text()).toContain("The email or password is incorrect.");
    expect(browser.cookie).toBe("");

    const consent = await browser.signIn(signInPage);
    expect(consent.headers.get("set-cookie")).toMatch(/HttpOnly; SameSite=Lax/);
    const page = await consent.text();
    const order = [...page.matchAll(CHECKBOX)].map((m) => m[1]);
    expect(order[0]).toBe(scope.write);
    expect(order).toEqual(expect.arrayContaining(["openid", scope.read, scope.audit]));
    expect(page).toMatch(new RegExp(`<input type="checkbox" disabled=""[^>]*value="${scope.audit}"`));
    expect(page).toContain("See every report.");
    expect(page).toContain("Important");
  });

  it("issues a code for what the user left ticked, and remembers it per user and client", async () => {
    const client = await createClient(reportsApp);
    const { code, browser } = await authorize(client, { scope: `${scope.read} ${scope.write}` }, new Browser(), [
      scope.read,
    ]);
    const tokens = (await exchangeCode(client, code)).json;
    expect(tokens.scope.split(" ").sort()).toEqual([scope.audit, scope.write].sort());

    // Within what was allowed: no consent page.
    const again = await browser.get(authorizeUrl(client, { scope: scope.write }));
    expect(redirectParams(again).code).toEqual(expect.any(String));
    // Wider than what was allowed: the consent page again.
    const wider = await browser.get(authorizeUrl(client, { scope: `${scope.read} ${scope.write}` }));
    expect(wider.status).toBe(200);
    expect(await wider.text()).toContain("wants access");
    // prompt=none cannot show it.
    const silent = await browser.get(authorizeUrl(client, { scope: scope.read, prompt: "none" }));
    expect(redirectParams(silent).error).toBe("consent_required");
  });

  it("Deny redirects with access_denied", async () => {
    const client = await createClient(reportsApp);
    const browser = new Browser();
    const page = await (await browser.signIn(await (await browser.get(authorizeUrl(client))).text())).text();
    expect(redirectParams(await browser.consent(page, "deny", []))).toMatchObject({
      error: "access_denied",
      state: "state-123",
    });
  });

  it("refuses a consent form from another site or without the session's anti-forgery value", async () => {
    const client = await createClient(reportsApp);
    const browser = new Browser();
    const page = await (await browser.signIn(await (await browser.get(authorizeUrl(client))).text())).text();
    const fields: [string, string][] = [
      ["request", hidden(page, "request")],
      ["csrf", hidden(page, "csrf")],
      ["decision", "allow"],
    ];
    expect((await browser.post(CONSENT_PATH, fields, { origin: "https://evil.example" })).status).toBe(403);
    expect((await browser.post(CONSENT_PATH, fields, { origin: "null" })).status).toBe(403);
    const forged: [string, string][] = [fields[0], ["csrf", "forged"], fields[2]];
    expect((await browser.post(CONSENT_PATH, forged)).status).toBe(403);
    // Another browser (no session) gets the sign-in page, not a code.
    const stranger = await new Browser().post(CONSENT_PATH, fields);
    expect(stranger.status).toBe(200);
    expect(await stranger.text()).toContain('action="/oauth/authorize/sign-in"');
  });
});

describe("POST /oauth/token - authorization_code", () => {
  it("issues tokens whose lifetimes the token preview predicts, an ID token and userinfo", async () => {
    const client = await createClient(reportsApp);
    const { verifier, challenge } = pkce();
    const { code } = await authorize(client, {
      scope: `openid email offline_access ${scope.read}`,
      code_challenge: challenge,
      code_challenge_method: "S256",
      nonce: "n-0S6_WzA2Mj",
    });
    const { status, json, headers } = await exchangeCode(client, code, verifier);
    expect(status, JSON.stringify(json)).toBe(200);
    expect(headers.get("cache-control")).toBe("no-store");
    expect(json.refresh_token).toEqual(expect.any(String));
    const preview = await call(previewRoute.POST, "POST", "/api/token-preview", {
      body: { clientId: client.clientId, scopes: json.scope.split(" "), grantType: "authorization_code" },
    });
    expect(json.expires_in).toBe(preview.json.accessToken.lifetime);
    expect(json.refresh_expires_in).toBe(preview.json.refreshToken.lifetime);
    expect(json.refresh_expires_in).toBe(DEFAULT_SERVICE_SETTINGS.offlineRefreshTokenLifetime);

    const jwks = createLocalJWKSet(await (await jwksHandler(context)(new Request(`${ISSUER}/oauth/jwks`))).json());
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    const idToken = await jwtVerify(json.id_token, jwks, {
      issuer: ISSUER,
      audience: client.clientId,
      currentDate: dateOf(clock),
    });
    expect(idToken.protectedHeader.alg).toBe("RS256");
    expect(idToken.payload).toMatchObject({ sub: user.id, nonce: "n-0S6_WzA2Mj", email, auth_time: clock });
    const access = await jwtVerify(json.access_token, jwks, { issuer: ISSUER, currentDate: dateOf(clock) });
    expect(access.payload).toMatchObject({
      sub: user.id,
      client_id: client.clientId,
      aud: [api.name],
      gid: expect.any(String),
    });

    const info = await userinfo(
      new Request(`${ISSUER}/oauth/userinfo`, { headers: { authorization: `Bearer ${json.access_token}` } }),
    );
    expect(await info.json()).toEqual({ sub: user.id, email });
  });

  it("a code works once: a second use fails and revokes what the first issued", async () => {
    const client = await createClient(reportsApp);
    const { code } = await authorize(client, { scope: `offline_access ${scope.read}` });
    const first = await exchangeCode(client, code);
    expect(first.status).toBe(200);
    expect((await introspectAs(client, first.json.access_token)).active).toBe(true);
    const second = await exchangeCode(client, code);
    expect(second).toMatchObject({ status: 400, json: { error: "invalid_grant" } });
    expect(await introspectAs(client, first.json.access_token)).toEqual({ active: false });
    expect((await refresh(client, first.json.refresh_token)).json.error).toBe("invalid_grant");
  });

  it("two exchanges of one code in parallel: exactly one succeeds, and its tokens are revoked", async () => {
    const client = await createClient(reportsApp);
    const { code } = await authorize(client, { scope: scope.read });
    const results = await Promise.all([exchangeCode(client, code), exchangeCode(client, code)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
    const winner = results.find((r) => r.status === 200);
    expect(await introspectAs(client, winner?.json.access_token)).toEqual({ active: false });
  });

  it("refuses a PKCE mismatch, a missing verifier, a downgrade and another redirect_uri", async () => {
    const client = await createClient(reportsApp);
    const { verifier, challenge } = pkce();
    const withPkce = { code_challenge: challenge, code_challenge_method: "S256" };
    const cases: [string, (code: string) => Promise<{ status: number; json: { error: string } }>][] = [
      ["wrong verifier", (code) => exchangeCode(client, code, pkce().verifier)],
      ["no verifier", (code) => exchangeCode(client, code)],
      [
        "other redirect_uri",
        (code) =>
          exchange(client, {
            grant_type: "authorization_code",
            code,
            redirect_uri: `${REDIRECT}/x`,
            code_verifier: verifier,
          }),
      ],
    ];
    for (const [label, attempt] of cases) {
      const { code } = await authorize(client, withPkce);
      expect(await attempt(code), label).toMatchObject({ status: 400, json: { error: "invalid_grant" } });
    }
    const { code } = await authorize(client, {});
    expect(await exchangeCode(client, code, verifier)).toMatchObject({ status: 400, json: { error: "invalid_grant" } });
  });

  it("a code expires after authorizationCodeLifetime; another client cannot use it", async () => {
    const client = await createClient(reportsApp);
    const other = await createClient(reportsApp);
    const { code } = await authorize(client, {});
    expect((await exchangeCode(other, code)).json.error).toBe("invalid_grant");
    clock += DEFAULT_SERVICE_SETTINGS.authorizationCodeLifetime;
    expect(await exchangeCode(client, code)).toMatchObject({ status: 400, json: { error: "invalid_grant" } });
  });

  it("a public client exchanges with PKCE and its client_id alone; a confidential one must authenticate", async () => {
    const publicClient = await createClient({ ...reportsApp, type: "public" });
    const tokens = await tokensFor(publicClient, scope.read);
    expect(tokens.access_token).toEqual(expect.any(String));
    const confidential = await createClient(reportsApp);
    const { code } = await authorize(confidential, {});
    const unauthenticated = await exchangeCode({ clientId: confidential.clientId }, code);
    expect(unauthenticated).toMatchObject({ status: 401, json: { error: "invalid_client" } });
    expect(unauthenticated.headers.get("www-authenticate")).toMatch(/^Basic/);
    const wrongSecret = await exchangeCode({ clientId: confidential.clientId, secret: "wrong" }, code);
    expect(wrongSecret.status).toBe(401);
  });
});

describe("POST /oauth/token - refresh_token", () => {
  it("rotates: the new token works, the old one fails and revokes the whole grant", async () => {
    const client = await createClient(reportsApp);
    const first = await tokensFor(client, `offline_access ${scope.read}`);
    const second = await refresh(client, first.refresh_token);
    expect(second.status, JSON.stringify(second.json)).toBe(200);
    expect(second.json.refresh_token).not.toBe(first.refresh_token);
    expect(second.json.refresh_expires_in).toBe(DEFAULT_SERVICE_SETTINGS.offlineRefreshTokenLifetime);
    // Introspected by its client, the new token is in use: presenting the old one is reuse, not a retry.
    expect((await introspectAs(client, second.json.refresh_token)).active).toBe(true);

    const replay = await refresh(client, first.refresh_token);
    expect(replay).toMatchObject({ status: 400, json: { error: "invalid_grant" } });
    expect((await refresh(client, second.json.refresh_token)).json.error).toBe("invalid_grant");
    expect(await introspectAs(client, second.json.access_token)).toEqual({ active: false });
    expect(await introspectAs(client, first.access_token)).toEqual({ active: false });
  });

  it("two refreshes of one token in parallel, within the reuse interval: one chain lives on", async () => {
    const client = await createClient(reportsApp);
    const first = await tokensFor(client, scope.read);
    const results = await Promise.all([refresh(client, first.refresh_token), refresh(client, first.refresh_token)]);
    // The later one is refused (invalid_grant) or, had the first already committed, a retry.
    const answered = results.filter((r) => r.status === 200);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    const working = [];
    for (const answer of answered)
      if ((await introspectAs(client, answer.json.refresh_token)).active) working.push(answer);
    expect(working).toHaveLength(1);
    expect((await refresh(client, working[0].json.refresh_token)).status).toBe(200);
  });

  it("may narrow the scope, never widen it; another client cannot use the token", async () => {
    const client = await createClient(reportsApp);
    const first = await tokensFor(client, `${scope.read} ${scope.write}`);
    const wider = await refresh(client, first.refresh_token, { scope: `${scope.read} openid` });
    expect(wider).toMatchObject({ status: 400, json: { error: "invalid_scope" } });
    const narrower = await refresh(client, first.refresh_token, { scope: scope.read });
    expect(narrower.status).toBe(200);
    expect(narrower.json.scope).toBe(scope.read);
    // The grant keeps its scopes: the next refresh may ask for all of them again.
    const full = await refresh(client, narrower.json.refresh_token);
    expect(full.json.scope.split(" ").sort()).toEqual([scope.audit, scope.read, scope.write].sort());
    const other = await createClient(reportsApp);
    expect((await refresh(other, full.json.refresh_token)).json.error).toBe("invalid_grant");
  });

  it("a refresh token expires, and the grant ends at its absolute lifetime", async () => {
    const client = await createClient(reportsApp);
    const idle = await tokensFor(client, scope.read);
    clock += idle.refresh_expires_in;
    expect((await refresh(client, idle.refresh_token)).json.error).toBe("invalid_grant");

    const settings = DEFAULT_SERVICE_SETTINGS;
    let current = await tokensFor(client, scope.read);
    const start = clock;
    // Refresh just before each token expires until the absolute lifetime runs out.
    while (clock + current.refresh_expires_in < start + settings.refreshAbsoluteLifetime) {
      clock += current.refresh_expires_in - 1;
      const next = await refresh(client, current.refresh_token);
      expect(next.status, JSON.stringify(next.json)).toBe(200);
      current = next.json;
    }
    // The last token was capped by the absolute lifetime.
    expect(clock + current.refresh_expires_in).toBe(start + settings.refreshAbsoluteLifetime);
    clock += current.refresh_expires_in;
    expect((await refresh(client, current.refresh_token)).json.error).toBe("invalid_grant");
  });

  it("revoking a refresh token revokes its grant", async () => {
    const client = await createClient(reportsApp);
    const tokens = await tokensFor(client, scope.read);
    const response = await revoke(
      clientRequest("/oauth/revoke", client, { token: tokens.refresh_token, token_type_hint: "refresh_token" }),
    );
    expect(response.status).toBe(200);
    expect((await refresh(client, tokens.refresh_token)).json.error).toBe("invalid_grant");
    expect(await introspectAs(client, tokens.access_token)).toEqual({ active: false });
  });
});

const discoveryDocument = async () =>
  (await discoveryHandler(context)(new Request(`${ISSUER}/.well-known/openid-configuration`))).json();

const askUserinfo = (accessToken: string) =>
  userinfo(new Request(`${ISSUER}/oauth/userinfo`, { headers: { authorization: `Bearer ${accessToken}` } }));

describe("deleting a client", () => {
  it("ends its grants, remembered consent and tokens, for introspection and userinfo alike", async () => {
    const client = await createClient(reportsApp);
    const resourceServer = await createClient(reportsApp);
    const tokens = await tokensFor(client, `openid email ${scope.read}`);
    expect((await introspectAs(resourceServer, tokens.access_token)).active).toBe(true);
    expect((await askUserinfo(tokens.access_token)).status).toBe(200);
    const deleted = await call(clientRoute.DELETE, "DELETE", `/api/clients/${client.id}`, {
      params: { id: client.id },
    });
    expect(deleted.status).toBe(204);
    expect(await introspectAs(resourceServer, tokens.access_token)).toEqual({ active: false });
    const claims = await askUserinfo(tokens.access_token);
    expect(claims.status).toBe(401);
    expect(claims.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect((await refresh(client, tokens.refresh_token)).status).toBe(401);
    expect(await db().grant.count({ where: { clientId: client.clientId } })).toBe(0);
    expect(await db().consent.count({ where: { clientId: client.clientId } })).toBe(0);
  });
});

describe("ending a user's access", () => {
  async function anotherUser() {
    const user = await createUser({ password: PASSWORD });
    const browser = new Browser();
    browser.email = user.email;
    return { id: user.id, browser };
  }

  const endAccess = {
    "disabling the account": (id: string) =>
      call(userRoute.PATCH, "PATCH", `/api/users/${id}`, { params: { id }, body: { disabled: true, version: 1 } }),
    "resetting the password": (id: string) =>
      call(passwordRoute.PUT, "PUT", `/api/users/${id}/password`, {
        params: { id },
        body: { password: "a new password nobody knows" },
      }),
  };

  it.each(Object.keys(endAccess) as (keyof typeof endAccess)[])(
    "%s stops a code issued just before, the refresh tokens and the access tokens at once",
    async (how) => {
      const client = await createClient(reportsApp);
      const resourceServer = await createClient(reportsApp);
      const user = await anotherUser();
      const tokens = await tokensFor(client, `openid email offline_access ${scope.read}`, user.browser);
      // Signed in and consented already: the next request gets its code at once.
      const { verifier, challenge } = pkce();
      const { code } = await authorize(
        client,
        { scope: `openid ${scope.read}`, code_challenge: challenge, code_challenge_method: "S256" },
        user.browser,
      );
      expect((await askUserinfo(tokens.access_token)).status).toBe(200);

      expect((await endAccess[how](user.id)).status).toBe(200);

      const redeemed = await exchangeCode(client, code, verifier);
      expect(redeemed.json.error, JSON.stringify(redeemed.json)).toBe("invalid_grant");
      expect(await db().grant.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
      expect((await refresh(client, tokens.refresh_token)).json.error).toBe("invalid_grant");
      expect(await introspectAs(resourceServer, tokens.access_token)).toEqual({ active: false });
      expect(await introspectAs(client, tokens.refresh_token)).toEqual({ active: false });
      expect((await askUserinfo(tokens.access_token)).status).toBe(401);
    },
  );

  it("a disabled user's tokens stay inactive even where the grant was not revoked", async () => {
    const client = await createClient(reportsApp);
    const resourceServer = await createClient(reportsApp);
    const user = await anotherUser();
    const tokens = await tokensFor(client, `openid ${scope.read}`, user.browser);
    // Disabled behind the console's back (a script, an operator): the tokens ask about the user.
    await changeRevocations(db(), (tx) => tx.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } }));
    expect(await introspectAs(resourceServer, tokens.access_token)).toEqual({ active: false });
    expect((await askUserinfo(tokens.access_token)).status).toBe(401);
    expect((await refresh(client, tokens.refresh_token)).json.error).toBe("invalid_grant");
  });
});

describe("the OAuth sign-in page", () => {
  it("ends the browser's previous session, as the console's sign-in does", async () => {
    const client = await createClient(reportsApp);
    const browser = new Browser();
    await authorize(client, { scope: scope.read }, browser);
    const before = browser.cookie;
    const page = await (await browser.get(authorizeUrl(client, { scope: scope.read, prompt: "login" }))).text();
    expect((await browser.signIn(page)).status).toBe(303);
    expect(browser.cookie).not.toBe(before);
    const previous = new Browser();
    previous.cookie = before;
    const response = await previous.get(authorizeUrl(client, { scope: scope.read, prompt: "none" }));
    expect(redirectParams(response).error).toBe("login_required");
  });
});

describe("userinfo and discovery", () => {
  it("userinfo needs a valid token with openid", async () => {
    const client = await createClient(reportsApp);
    const withoutOpenid = await tokensFor(client, scope.read);
    const ask = (value: string) =>
      userinfo(new Request(`${ISSUER}/oauth/userinfo`, { headers: { authorization: `Bearer ${value}` } }));
    expect((await ask(withoutOpenid.access_token)).status).toBe(403);
    const invalid = await ask("not-a-token");
    expect(invalid.status).toBe(401);
    expect(invalid.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect((await userinfo(new Request(`${ISSUER}/oauth/userinfo`))).status).toBe(401);
  });

  it("discovery lists every endpoint and what they support", async () => {
    const metadata = await discoveryDocument();
    expect(metadata).toMatchObject({
      issuer: ISSUER,
      authorization_endpoint: `${ISSUER}/oauth/authorize`,
      token_endpoint: `${ISSUER}/oauth/token`,
      userinfo_endpoint: `${ISSUER}/oauth/userinfo`,
      jwks_uri: `${ISSUER}/oauth/jwks`,
      introspection_endpoint: `${ISSUER}/oauth/introspect`,
      revocation_endpoint: `${ISSUER}/oauth/revoke`,
      response_types_supported: ["code"],
      code_challenge_methods_supported: ["S256"],
      id_token_signing_alg_values_supported: ["RS256"],
    });
    expect(metadata.grant_types_supported.sort()).toEqual([
      "authorization_code",
      "client_credentials",
      "refresh_token",
    ]);
    expect(metadata.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(["client_secret_basic", "client_secret_post"]),
    );
  });
});

describe("OpenID Connect conformance (issue 16)", () => {
  const SIGN_IN_FORM = 'action="/oauth/authorize/sign-in"';

  /** A user of their own, signed in and consented to `client` for openid, in a browser of their own. */
  async function consentedUser(client: Client) {
    const user = await createUser({ password: PASSWORD });
    const browser = new Browser();
    browser.email = user.email;
    const { verifier, challenge } = pkce();
    const { code } = await authorize(
      client,
      { scope: "openid", code_challenge: challenge, code_challenge_method: "S256" },
      browser,
    );
    const { json } = await exchangeCode(client, code, verifier);
    return { id: user.id, browser, idToken: json.id_token as string };
  }

  describe("max_age (Core 3.1.2.1, 15.1)", () => {
    it("a session older than max_age signs in again, and the ID token's auth_time is the new sign-in's", async () => {
      const client = await createClient(reportsApp);
      const { browser } = await consentedUser(client);
      const signedInAt = clock;
      clock += 120;
      const silent = await browser.get(authorizeUrl(client, { scope: "openid", max_age: "60", prompt: "none" }));
      expect(redirectParams(silent)).toMatchObject({ error: "login_required", state: "state-123" });

      const { verifier, challenge } = pkce();
      const params = { scope: "openid", max_age: "60", code_challenge: challenge, code_challenge_method: "S256" };
      const page = await browser.get(authorizeUrl(client, params));
      expect(page.status).toBe(200);
      const signIn = await page.text();
      expect(signIn).toContain(SIGN_IN_FORM);
      const { code } = redirectParams(await browser.signIn(signIn));
      const { json } = await exchangeCode(client, code, verifier);
      expect(decodeJwt(json.id_token).auth_time).toBe(clock);
      expect(clock).toBeGreaterThan(signedInAt);

      // Within max_age of the new sign-in: no sign-in page, and auth_time is still in the ID token.
      clock += 30;
      const again = pkce();
      const within = redirectParams(
        await browser.get(
          authorizeUrl(client, { ...params, code_challenge: again.challenge, prompt: "none", max_age: "60" }),
        ),
      );
      const next = await exchangeCode(client, within.code, again.verifier);
      expect(decodeJwt(next.json.id_token).auth_time).toBe(clock - 30);
    });

    it("max_age=0 always signs in again; prompt=none with it is login_required", async () => {
      const client = await createClient(reportsApp);
      const { browser } = await consentedUser(client);
      const page = await browser.get(authorizeUrl(client, { scope: "openid", max_age: "0" }));
      expect(await page.text()).toContain(SIGN_IN_FORM);
      const silent = await browser.get(authorizeUrl(client, { scope: "openid", max_age: "0", prompt: "none" }));
      expect(redirectParams(silent).error).toBe("login_required");
    });

    it.each(["-1", "abc", "1.5", "", "99999999999999999999"])("max_age=%j is invalid_request", async (maxAge) => {
      const client = await createClient(reportsApp);
      const redirect = redirectParams(await new Browser().get(authorizeUrl(client, { max_age: maxAge })));
      expect(redirect).toMatchObject({ error: "invalid_request", state: "state-123" });
    });
  });

  describe("POST /oauth/authorize (Core 3.1.2.1)", () => {
    it("takes the request as a form: sign-in, consent and a code, as with GET", async () => {
      const client = await createClient(reportsApp);
      const browser = new Browser();
      const { verifier, challenge } = pkce();
      const form = authorizeParams(client, {
        scope: `openid ${scope.read}`,
        code_challenge: challenge,
        code_challenge_method: "S256",
      });
      const signIn = await browser.postAuthorize(form.toString());
      expect(signIn.status).toBe(200);
      expect(signIn.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      const consent = await (await browser.signIn(await signIn.text())).text();
      expect(consent).toContain('action="/oauth/authorize/consent"');
      const redirect = redirectParams(await browser.consent(consent, "allow", ["openid", scope.read]));
      expect(redirect).toMatchObject({ state: "state-123", iss: ISSUER });
      const tokens = await exchangeCode(client, redirect.code, verifier);
      expect(tokens.status, JSON.stringify(tokens.json)).toBe(200);
      expect(tokens.json.id_token).toEqual(expect.any(String));

      // Signed in and consented: a posted request gets its code at once, or its error redirected.
      const again = await browser.postAuthorize(authorizeParams(client, { scope: scope.read }).toString());
      expect(redirectParams(again).code).toEqual(expect.any(String));
      const refused = await browser.postAuthorize(authorizeParams(client, { response_type: "token" }).toString());
      expect(redirectParams(refused)).toMatchObject({ error: "unsupported_response_type", state: "state-123" });
    });

    it("checks the client and redirect URI first, and reads only a form", async () => {
      const client = await createClient(reportsApp);
      const browser = new Browser();
      const forms = [
        authorizeParams({ clientId: "unknown-client" }).toString(),
        authorizeParams(client, { redirect_uri: "https://evil.example/callback" }).toString(),
      ];
      for (const form of forms) {
        const response = await browser.postAuthorize(form);
        expect(response.status, form).toBe(400);
        expect(response.headers.get("location")).toBeNull();
      }
      const json = await browser.postAuthorize(JSON.stringify({ client_id: client.clientId }), "application/json");
      expect(json.status).toBe(400);
      expect(json.headers.get("location")).toBeNull();
      const tooLarge = await browser.postAuthorize(authorizeParams(client, { nonce: "n".repeat(20_000) }).toString());
      expect(tooLarge.status).toBe(400);
      expect(tooLarge.headers.get("location")).toBeNull();
      const repeated = `${authorizeParams(client)}&scope=${scope.read}&scope=${scope.write}`;
      expect(redirectParams(await browser.postAuthorize(repeated)).error).toBe("invalid_request");
    });

    it("is routed by the lean path beside GET, apart from the consent form", async () => {
      const client = await createClient(reportsApp);
      const lean = createLeanApp(context);
      const response = await lean.request(`${ISSUER}/oauth/authorize`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://app.example" },
        body: authorizeParams(client, { scope: scope.read }).toString(),
      });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain(SIGN_IN_FORM);
      // The consent form still refuses a post from another site.
      const consent = await lean.request(`${ISSUER}${CONSENT_PATH}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://app.example" },
        body: new URLSearchParams({ request: authorizeParams(client).toString(), decision: "allow" }).toString(),
      });
      expect(consent.status).toBe(403);
    });
  });

  it("discovery publishes what is true where OpenID Connect Discovery 3 has a default", async () => {
    const metadata = await discoveryDocument();
    expect(metadata).toMatchObject({
      request_uri_parameter_supported: false,
      request_parameter_supported: false,
      claims_parameter_supported: false,
      response_modes_supported: ["query", "form_post"],
      prompt_values_supported: ["none", "login", "consent"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
    });
    expect(metadata.grant_types_supported).not.toContain("implicit");
  });

  it("prompt=select_account is account_selection_required: one session per browser", async () => {
    const client = await createClient(reportsApp);
    const { browser } = await consentedUser(client);
    for (const prompt of ["select_account", "select_account consent"]) {
      for (const who of [browser, new Browser()]) {
        const redirect = redirectParams(await who.get(authorizeUrl(client, { scope: "openid", prompt })));
        expect(redirect).toMatchObject({ error: "account_selection_required", state: "state-123" });
      }
    }
  });

  describe("id_token_hint (Core 3.1.2.1)", () => {
    it("with prompt=none, a hint for another user is login_required, the user's own hint a code, expired or not", async () => {
      const client = await createClient(reportsApp);
      const ada = await consentedUser(client);
      const grace = await consentedUser(client);
      const silently = (who: Browser, hint: string) =>
        who.get(authorizeUrl(client, { scope: "openid", prompt: "none", id_token_hint: hint }));
      expect(redirectParams(await silently(grace.browser, ada.idToken))).toMatchObject({
        error: "login_required",
        state: "state-123",
      });
      expect(redirectParams(await silently(ada.browser, ada.idToken)).code).toEqual(expect.any(String));
      // Without prompt=none, another user's hint asks for a sign-in; signing in as someone else is login_required.
      const page = await grace.browser.get(authorizeUrl(client, { scope: "openid", id_token_hint: ada.idToken }));
      expect(await page.clone().text()).toContain(SIGN_IN_FORM);
      expect(redirectParams(await grace.browser.signIn(await page.text())).error).toBe("login_required");

      // An expired hint still names its user (Core 3.1.2.1 asks only that we issued it).
      clock += DEFAULT_SERVICE_SETTINGS.accessTokenLifetime + 1;
      const later = await consentedUser(client);
      const adaAgain = new Browser();
      adaAgain.email = (await db().user.findUniqueOrThrow({ where: { id: ada.id } })).email;
      await authorize(client, { scope: "openid" }, adaAgain);
      expect(redirectParams(await silently(adaAgain, ada.idToken)).code).toEqual(expect.any(String));
      expect(redirectParams(await silently(later.browser, ada.idToken)).error).toBe("login_required");
    });

    it("a hint that is not our ID token for this client is invalid_request", async () => {
      const client = await createClient(reportsApp);
      const other = await createClient(reportsApp);
      const ada = await consentedUser(client);
      const forOther = (await consentedUser(other)).idToken;
      const { privateKey } = await generateKeyPair("RS256");
      const forged = await new SignJWT({ auth_time: clock })
        .setProtectedHeader({ alg: "RS256", kid: decodeJwtHeader(ada.idToken).kid })
        .setIssuer(ISSUER)
        .setSubject(ada.id)
        .setAudience(client.clientId)
        .setIssuedAt(clock)
        .setExpirationTime(clock + 600)
        .sign(privateKey);
      const accessToken = (await tokensFor(client, scope.read)).access_token;
      for (const hint of [forOther, forged, accessToken, "not-a-jwt", `${ada.idToken}x`]) {
        const redirect = redirectParams(
          await ada.browser.get(authorizeUrl(client, { scope: "openid", prompt: "none", id_token_hint: hint })),
        );
        expect(redirect, hint).toMatchObject({ error: "invalid_request", state: "state-123" });
      }
    });
  });

  it.each(["fragment", "garbage", "query form_post"])("response_mode=%s is invalid_request", async (mode) => {
    const client = await createClient(reportsApp);
    const { browser } = await consentedUser(client);
    const refused = redirectParams(await browser.get(authorizeUrl(client, { scope: "openid", response_mode: mode })));
    expect(refused).toMatchObject({ error: "invalid_request", state: "state-123", iss: ISSUER });
    const query = redirectParams(await browser.get(authorizeUrl(client, { scope: "openid", response_mode: "query" })));
    expect(query.code).toEqual(expect.any(String));
  });

  describe("response_mode=form_post (OAuth 2.0 Form Post Response Mode)", () => {
    /** The fields the page posts, after checking it posts them to the redirect URI by its nonce's script only. */
    async function posted(response: Response) {
      expect(response.status).toBe(200);
      expect(response.headers.get("location")).toBeNull();
      expect(response.headers.get("cache-control")).toBe("no-store");
      const policy = response.headers.get("content-security-policy") ?? "";
      expect(policy).toContain("frame-ancestors 'none'");
      const nonce = policy.match(/script-src 'nonce-([^']+)'/)?.[1];
      const page = await response.text();
      expect(page).toContain(`<form action="${REDIRECT}" method="post">`);
      expect(page).toContain(`<script nonce="${nonce}">document.forms[0].submit();</script>`);
      expect(page.match(/<script/g)).toHaveLength(1);
      const fields = Object.fromEntries(
        [...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [
          m[1],
          decodeEntities(m[2]),
        ]),
      );
      expect(fields).toMatchObject({ state: "state-123", iss: ISSUER });
      return fields;
    }

    it("posts the code, or the error, to the redirect URI instead of redirecting", async () => {
      const client = await createClient(reportsApp);
      const browser = new Browser();
      const { verifier, challenge } = pkce();
      const params = {
        scope: "openid",
        response_mode: "form_post",
        code_challenge: challenge,
        code_challenge_method: "S256",
      };
      expect(await posted(await browser.get(authorizeUrl(client, { ...params, prompt: "none" })))).toMatchObject({
        error: "login_required",
      });
      expect(await posted(await browser.get(authorizeUrl(client, { ...params, prompt: "garbage" })))).toMatchObject({
        error: "invalid_request",
      });
      const signIn = await (await browser.get(authorizeUrl(client, params))).text();
      const consent = await (await browser.signIn(signIn)).text();
      const { code } = await posted(await browser.consent(consent, "allow", ["openid"]));
      const tokens = await exchangeCode(client, code, verifier);
      expect(tokens.status, JSON.stringify(tokens.json)).toBe(200);
      // Consented already: the code at once, posted as well.
      const again = await posted(await browser.get(authorizeUrl(client, { ...params, prompt: "none" })));
      expect(again.code).toEqual(expect.any(String));
    });
  });

  it("introspecting a refresh token names no token_type: RFC 7662 means an access token's type there", async () => {
    const client = await createClient(reportsApp);
    const tokens = await tokensFor(client, scope.read);
    const answer = await introspectAs(client, tokens.refresh_token);
    expect(answer).toMatchObject({ active: true, client_id: client.clientId });
    expect(answer).not.toHaveProperty("token_type");
    expect((await introspectAs(client, tokens.access_token)).token_type).toBe("Bearer");
  });

  it("a required OpenID Connect scope is granted only when asked for", async () => {
    // `address`: an OpenID Connect scope that no other test's client is allowed.
    const existing = await db().apiScope.findUnique({ where: { name: "address" } });
    if (existing) await db().apiScope.update({ where: { name: "address" }, data: { required: true } });
    else await createScope(api.id, { name: "address", required: true });
    const client = await createClient({ ...reportsApp, allowedScopes: [...reportsApp.allowedScopes, "address"] });
    const plain = await tokensFor(client, scope.read);
    expect(plain.scope.split(" ").sort()).toEqual([scope.audit, scope.read].sort());
    const asked = await tokensFor(client, `openid address ${scope.read}`);
    expect(asked.scope.split(" ").sort()).toEqual(["address", "openid", scope.audit, scope.read].sort());
  });
});
