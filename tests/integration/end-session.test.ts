// RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0) and the ID token's `sid`, through
// the lean app as the server serves it: the confirmation, the exact match of
// post_logout_redirect_uri, the state, and what ending the session does to its tokens.
import { decodeJwt, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import * as sessionRoute from "@/app/api/session/route";
import { db } from "@/lib/db/client";
import type { OAuthContext } from "@/lib/oauth/context";
import { CONSENT_PATH, END_SESSION_CONFIRM_PATH, END_SESSION_PATH, SIGN_IN_PATH } from "@/lib/oauth/pages";
import { createLeanApp } from "@/lib/server/lean-app";
import { CONSOLE_ORIGIN, unique } from "./call";
import { createApi, createClient, createScope, createUser } from "./factories";
import { testOAuthContext } from "./oauth-context";
import { hidden, pkce } from "./oauth-pages";

const ISSUER = "https://issuer.test";
const REDIRECT = "https://app.example/callback";
const LOGGED_OUT = "https://app.example/logged-out";
const PASSWORD = "correct horse battery staple";

let clock = 1_960_000_000;
let context: OAuthContext;
let app: ReturnType<typeof createLeanApp>;
let email: string;
let readScope: string;
/** A client with a post-logout redirect URI, and one without. */
let client: { clientId: string; secret: string };
let other: { clientId: string; secret: string };

const CHECKBOX = /<input type="checkbox"[^>]*value="([^"]+)"/g;

/** A browser: keeps the session cookie; its forms come from the server's own pages. */
class Browser {
  cookie = "";

  async send(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set("cookie", this.cookie);
    const response = await app.fetch(new Request(`${ISSUER}${path}`, { ...init, headers }));
    const setCookie = response.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0].endsWith("=") ? "" : setCookie.split(";")[0];
    return response;
  }

  form(path: string, fields: [string, string][], origin = ISSUER) {
    return this.send(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin },
      body: new URLSearchParams(fields).toString(),
    });
  }
}

async function basic(path: string, as: { clientId: string; secret: string }, params: Record<string, string>) {
  const response = await app.fetch(
    new Request(`${ISSUER}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${as.clientId}:${as.secret}`).toString("base64")}`,
      },
      body: new URLSearchParams(params).toString(),
    }),
  );
  // biome-ignore lint/suspicious/noExplicitAny: token responses are inspected field by field
  return { status: response.status, json: (await response.json()) as any };
}

/** Signs in (when the browser has no session) and consents: the token response of `scopes`. */
async function signInFor(as: { clientId: string; secret: string }, scopes: string, browser: Browser) {
  const { verifier, challenge } = pkce();
  const query = new URLSearchParams({
    response_type: "code",
    client_id: as.clientId,
    redirect_uri: REDIRECT,
    scope: scopes,
    state: "s",
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  let response = await browser.send(`/oauth/authorize?${query}`);
  if (response.status === 200) {
    let page = await response.text();
    if (page.includes(`action="${SIGN_IN_PATH}"`)) {
      response = await browser.form(SIGN_IN_PATH, [
        ["request", hidden(page, "request")],
        ["email", email],
        ["password", PASSWORD],
      ]);
      page = response.status === 200 ? await response.text() : "";
    }
    if (response.status === 200) {
      const offered = [...page.matchAll(CHECKBOX)].map((m) => m[1]);
      response = await browser.form(CONSENT_PATH, [
        ["request", hidden(page, "request")],
        ["csrf", hidden(page, "csrf")],
        ["decision", "allow"],
        ...offered.map((name): [string, string] => ["scope", name]),
      ]);
    }
  }
  expect(response.status).toBe(303);
  const code = new URL(response.headers.get("location") ?? "").searchParams.get("code") ?? "";
  const tokens = await basic("/oauth/token", as, {
    grant_type: "authorization_code",
    code,
    redirect_uri: REDIRECT,
    code_verifier: verifier,
  });
  expect(tokens.status, JSON.stringify(tokens.json)).toBe(200);
  return tokens.json as { access_token: string; refresh_token?: string; id_token: string };
}

const endSessionUrl = (params: Record<string, string>) => `${END_SESSION_PATH}?${new URLSearchParams(params)}`;

/** Confirms the logout page's form with `decision`. */
async function confirm(browser: Browser, page: string, decision = "logout", origin = ISSUER) {
  return browser.form(
    END_SESSION_CONFIRM_PATH,
    [
      ["request", hidden(page, "request")],
      ["csrf", hidden(page, "csrf")],
      ["decision", decision],
    ],
    origin,
  );
}

const sessionsOf = async (browser: Browser) => {
  const value = browser.cookie.split("=")[1];
  return value ? db().session.count({ where: { userId: (await db().user.findUnique({ where: { email } }))?.id } }) : 0;
};

beforeAll(async () => {
  context = await testOAuthContext(ISSUER, () => clock);
  app = createLeanApp(context);
  const api = await createApi({ name: unique("logout") });
  readScope = unique("read");
  await createScope(api.id, { name: readScope });
  for (const name of ["openid", "offline_access"]) {
    if (!(await db().apiScope.findUnique({ where: { name } }))) await createScope(api.id, { name });
  }
  const fields = {
    type: "confidential" as const,
    redirectUris: [REDIRECT],
    allowedScopes: ["openid", "offline_access", readScope],
    allowedGrantTypes: ["authorization_code", "refresh_token"],
  };
  client = (await createClient({ ...fields, postLogoutRedirectUris: [LOGGED_OUT] })) as typeof client;
  other = (await createClient(fields)) as typeof other;
  email = (await createUser({ email: `${unique("grace")}@example.com`, password: PASSWORD })).email;
});

describe("discovery and the ID token", () => {
  it("publishes end_session_endpoint and no front- or back-channel logout", async () => {
    const metadata = await (await app.fetch(new Request(`${ISSUER}/.well-known/openid-configuration`))).json();
    expect(metadata.end_session_endpoint).toBe(`${ISSUER}${END_SESSION_PATH}`);
    expect(metadata.claims_supported).toContain("sid");
    for (const key of Object.keys(metadata)) expect(key).not.toMatch(/frontchannel|backchannel|check_session/);
  });

  it("carries sid: the session's public id, not its cookie hash; the grant remembers it", async () => {
    const browser = new Browser();
    const tokens = await signInFor(client, `openid ${readScope}`, browser);
    const { sid, sub } = decodeJwt(tokens.id_token);
    const session = await db().session.findFirst({ where: { userId: String(sub) }, orderBy: { createdAt: "desc" } });
    expect(typeof sid).toBe("string");
    expect(sid).toBe(session?.publicId);
    expect(sid).not.toBe(session?.id);
    const { gid } = decodeJwt(tokens.access_token);
    expect((await db().grant.findUnique({ where: { id: String(gid) } }))?.sid).toBe(sid);
  });

  it("keeps the sid when the same user signs in again in the browser (prompt=login)", async () => {
    const browser = new Browser();
    const first = decodeJwt((await signInFor(client, "openid", browser)).id_token).sid;
    const { verifier: _v, challenge } = pkce();
    const query = new URLSearchParams({
      response_type: "code",
      client_id: client.clientId,
      redirect_uri: REDIRECT,
      scope: "openid",
      prompt: "login",
      code_challenge: challenge,
      code_challenge_method: "S256",
    });
    const page = await (await browser.send(`/oauth/authorize?${query}`)).text();
    const before = browser.cookie;
    await browser.form(SIGN_IN_PATH, [
      ["request", hidden(page, "request")],
      ["email", email],
      ["password", PASSWORD],
    ]);
    expect(browser.cookie).not.toBe(before);
    const second = decodeJwt((await signInFor(client, "openid", browser)).id_token).sid;
    expect(second).toBe(first);
  });
});

describe(`GET ${END_SESSION_PATH}`, () => {
  it("asks to confirm, then ends the session and returns to the registered URI with the state", async () => {
    const browser = new Browser();
    const online = await signInFor(client, `openid ${readScope}`, browser);
    const offline = await signInFor(client, `openid offline_access ${readScope}`, browser);
    const ask = await browser.send(
      endSessionUrl({ id_token_hint: online.id_token, post_logout_redirect_uri: LOGGED_OUT, state: "st-42" }),
    );
    expect(ask.status).toBe(200);
    expect(ask.headers.get("location")).toBeNull();
    const page = await ask.text();
    expect(page).toContain("Sign out?");
    expect(page).toContain(email);
    // Nothing ended yet: asking is not signing out.
    expect(await sessionsOf(browser)).toBeGreaterThan(0);
    const sid = decodeJwt(online.id_token).sid as string;
    expect(await db().session.count({ where: { publicId: sid } })).toBe(1);

    const done = await confirm(browser, page);
    expect(done.status).toBe(303);
    const location = new URL(done.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(LOGGED_OUT);
    expect(Object.fromEntries(location.searchParams)).toEqual({ state: "st-42" });
    expect(done.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    expect(await db().session.count({ where: { publicId: sid } })).toBe(0);

    // The grant without offline_access is revoked: its refresh and access tokens stop working.
    expect(
      (await basic("/oauth/token", client, { grant_type: "refresh_token", refresh_token: online.refresh_token ?? "" }))
        .json.error,
    ).toBe("invalid_grant");
    expect((await basic("/oauth/introspect", client, { token: online.access_token })).json.active).toBe(false);
    // The offline one outlives the sign-in, as offline_access asks.
    expect((await basic("/oauth/introspect", client, { token: offline.access_token })).json.active).toBe(true);
    const refreshed = await basic("/oauth/token", client, {
      grant_type: "refresh_token",
      refresh_token: offline.refresh_token ?? "",
    });
    expect(refreshed.status).toBe(200);
    // The browser is signed out: authorizing again asks for the password.
    const again = await browser.send(
      `/oauth/authorize?${new URLSearchParams({ response_type: "code", client_id: client.clientId, redirect_uri: REDIRECT, scope: "openid", prompt: "none", code_challenge: pkce().challenge, code_challenge_method: "S256" })}`,
    );
    expect(new URL(again.headers.get("location") ?? "").searchParams.get("error")).toBe("login_required");
  });

  it("without a hint asks too; client_id names the client; without state nothing is added", async () => {
    const browser = new Browser();
    await signInFor(client, "openid", browser);
    const ask = await browser.send(endSessionUrl({ client_id: client.clientId, post_logout_redirect_uri: LOGGED_OUT }));
    expect(ask.status).toBe(200);
    const done = await confirm(browser, await ask.text());
    expect(done.headers.get("location")).toBe(LOGGED_OUT);
  });

  it("with no post_logout_redirect_uri ends on the signed-out page", async () => {
    const browser = new Browser();
    await signInFor(client, "openid", browser);
    const ask = await browser.send(END_SESSION_PATH);
    const page = await ask.text();
    expect(page).not.toContain(client.clientId);
    const done = await confirm(browser, page);
    expect(done.status).toBe(200);
    expect(done.headers.get("location")).toBeNull();
    expect(await done.text()).toContain("You are signed out");
    expect(browser.cookie).toBe("");
  });

  it("accepts an expired hint; a browser without a session goes straight back with the state", async () => {
    const browser = new Browser();
    const tokens = await signInFor(client, "openid", browser);
    const saved = clock;
    clock += 2 * 86_400;
    try {
      expect(decodeJwt(tokens.id_token).exp).toBeLessThan(clock);
      const response = await browser.send(
        endSessionUrl({ id_token_hint: tokens.id_token, post_logout_redirect_uri: LOGGED_OUT, state: "late" }),
      );
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe(`${LOGGED_OUT}?state=late`);
    } finally {
      clock = saved;
    }
  });

  it("refuses on a page, never redirecting, what it cannot trust", async () => {
    const browser = new Browser();
    const tokens = await signInFor(client, "openid", browser);
    const otherTokens = await signInFor(other, "openid", browser);
    const [header, payload] = tokens.id_token.split(".");
    const forged = await new SignJWT({ sub: "x" })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer(ISSUER)
      .setAudience(client.clientId)
      .sign(new Uint8Array(32));
    const cases: Record<string, string>[] = [
      // Not registered: a prefix, a trailing slash, another query, another host.
      { id_token_hint: tokens.id_token, post_logout_redirect_uri: `${LOGGED_OUT}/` },
      { id_token_hint: tokens.id_token, post_logout_redirect_uri: `${LOGGED_OUT}?next=1` },
      { id_token_hint: tokens.id_token, post_logout_redirect_uri: "https://evil.example/logged-out" },
      { client_id: client.clientId, post_logout_redirect_uri: REDIRECT },
      // Registered on another client than the one the hint names.
      { id_token_hint: otherTokens.id_token, post_logout_redirect_uri: LOGGED_OUT },
      // No client to match against.
      { post_logout_redirect_uri: LOGGED_OUT, state: "x" },
      // A hint that is not ours, or altered.
      { id_token_hint: forged, post_logout_redirect_uri: LOGGED_OUT },
      { id_token_hint: `${header}.${payload}.AAAA`, post_logout_redirect_uri: LOGGED_OUT },
      { id_token_hint: "not-a-jwt" },
      // client_id other than the hint's audience, or unknown.
      { id_token_hint: tokens.id_token, client_id: other.clientId, post_logout_redirect_uri: LOGGED_OUT },
      { client_id: "no-such-client" },
    ];
    for (const params of cases) {
      const response = await browser.send(endSessionUrl(params));
      expect(response.status, JSON.stringify(params)).toBe(400);
      expect(response.headers.get("location")).toBeNull();
      expect(await response.text()).toContain("This request cannot continue");
    }
    const repeated = await browser.send(`${END_SESSION_PATH}?state=a&state=b`);
    expect(repeated.status).toBe(400);
    // None of them ended the session.
    expect(await sessionsOf(browser)).toBeGreaterThan(0);
  });
});

describe(`POST ${END_SESSION_PATH} and its confirmation`, () => {
  it("takes the request as a form body", async () => {
    const browser = new Browser();
    const tokens = await signInFor(client, "openid", browser);
    const ask = await browser.form(
      END_SESSION_PATH,
      [
        ["id_token_hint", tokens.id_token],
        ["post_logout_redirect_uri", LOGGED_OUT],
        ["state", "posted"],
      ],
      "https://app.example",
    );
    expect(ask.status).toBe(200);
    const done = await confirm(browser, await ask.text());
    expect(done.headers.get("location")).toBe(`${LOGGED_OUT}?state=posted`);
  });

  it("ends nothing from another site, with a wrong anti-forgery value, or when the user stays", async () => {
    const browser = new Browser();
    const tokens = await signInFor(client, "openid", browser);
    const sid = decodeJwt(tokens.id_token).sid as string;
    const params = { id_token_hint: tokens.id_token, post_logout_redirect_uri: LOGGED_OUT, state: "keep" };
    const page = await (await browser.send(endSessionUrl(params))).text();

    expect((await confirm(browser, page, "logout", "https://evil.example")).status).toBe(403);
    const forged = await browser.form(END_SESSION_CONFIRM_PATH, [
      ["request", hidden(page, "request")],
      ["csrf", "forged"],
      ["decision", "logout"],
    ]);
    expect(forged.status).toBe(403);
    // A link to the confirmation is no confirmation.
    expect((await browser.send(`${END_SESSION_CONFIRM_PATH}?${new URLSearchParams(params)}`)).status).toBe(404);
    expect(await db().session.count({ where: { publicId: sid } })).toBe(1);

    const stay = await confirm(browser, page, "stay");
    expect(stay.headers.get("location")).toBe(`${LOGGED_OUT}?state=keep`);
    expect(await db().session.count({ where: { publicId: sid } })).toBe(1);
    expect((await basic("/oauth/introspect", client, { token: tokens.access_token })).json.active).toBe(true);
  });
});

describe("signing out of the console", () => {
  it("is the same rule: the session's grants without offline_access are revoked", async () => {
    const browser = new Browser();
    const tokens = await signInFor(client, `openid ${readScope}`, browser);
    const response = await sessionRoute.DELETE(
      new Request(`${CONSOLE_ORIGIN}/api/session`, {
        method: "DELETE",
        headers: { cookie: browser.cookie, origin: CONSOLE_ORIGIN },
      }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(204);
    expect((await basic("/oauth/introspect", client, { token: tokens.access_token })).json.active).toBe(false);
  });
});
