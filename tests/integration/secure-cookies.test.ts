// Session cookies carry Secure exactly when the console is served over HTTPS, which it knows from
// ISSUER alone (behind a TLS-terminating proxy too: X-Forwarded-Proto is not trusted). Both ways
// to sign in: the console's (POST and DELETE /api/session) and the OAuth sign-in page.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as sessionRoute from "@/app/api/session/route";
import { authorizeHandlers } from "@/lib/oauth/authorize";
import { SIGN_IN_PATH } from "@/lib/oauth/pages";
import { systemClock } from "@/lib/time/epoch";
import { CONSOLE_ORIGIN } from "./call";
import { createClient, createScope, createUser } from "./factories";
import { testOAuthContext } from "./oauth-context";

const PASSWORD = "a long enough password";
const REDIRECT = "https://app.example/callback";
const SECURE = /;\s*Secure\s*(;|$)/i;

const issuerBefore = process.env.ISSUER;
afterEach(() => {
  if (issuerBefore === undefined) delete process.env.ISSUER;
  else process.env.ISSUER = issuerBefore;
});

function setIssuer(issuer: string | undefined) {
  if (issuer === undefined) delete process.env.ISSUER;
  else process.env.ISSUER = issuer;
}

const CASES: [string | undefined, boolean][] = [
  ["https://console.example", true],
  ["http://console.example", false],
  [undefined, false],
];

describe("console sign-in: POST and DELETE /api/session", () => {
  it.each(CASES)("with ISSUER=%s the session cookie is Secure: %s", async (issuer, secure) => {
    setIssuer(issuer);
    const { email } = await createUser({ password: PASSWORD, role: "admin" });
    const headers = { "content-type": "application/json", origin: CONSOLE_ORIGIN };
    const signIn = await sessionRoute.POST(
      new Request(`${CONSOLE_ORIGIN}/api/session`, {
        method: "POST",
        headers,
        body: JSON.stringify({ email, password: PASSWORD }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(signIn.status).toBe(200);
    const setCookie = signIn.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly; SameSite=Lax/);
    expect(SECURE.test(setCookie)).toBe(secure);

    const signOut = await sessionRoute.DELETE(
      new Request(`${CONSOLE_ORIGIN}/api/session`, {
        method: "DELETE",
        headers: { origin: CONSOLE_ORIGIN, cookie: setCookie.split(";")[0] },
      }),
      { params: Promise.resolve({}) },
    );
    expect(signOut.status).toBe(204);
    const cleared = signOut.headers.get("set-cookie") ?? "";
    expect(cleared).toMatch(/Max-Age=0/);
    expect(SECURE.test(cleared)).toBe(secure);
  });
});

describe("OAuth sign-in page: POST /oauth/authorize/sign-in", () => {
  let query: string;
  let email: string;

  beforeAll(async () => {
    const scope = (await createScope()).name;
    const client = await createClient({
      name: "Cookie app",
      type: "confidential",
      redirectUris: [REDIRECT],
      allowedScopes: [scope],
      allowedGrantTypes: ["authorization_code"],
    });
    query = new URLSearchParams({
      response_type: "code",
      client_id: client.clientId,
      redirect_uri: REDIRECT,
      scope,
      state: "state-123",
    }).toString();
    email = (await createUser({ password: PASSWORD })).email;
  });

  it.each(CASES.slice(0, 2))("with the issuer %s the session cookie is Secure: %s", async (issuer, secure) => {
    const context = await testOAuthContext(issuer as string, systemClock);
    const response = await authorizeHandlers(context).signIn(
      new Request(`${issuer}${SIGN_IN_PATH}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: issuer as string },
        body: new URLSearchParams({ request: query, email, password: PASSWORD }).toString(),
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("consent");
    const setCookie = response.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly; SameSite=Lax/);
    expect(SECURE.test(setCookie)).toBe(secure);
  });
});
