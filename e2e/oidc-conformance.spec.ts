// OpenID Connect as oauth4webapi sees it: a strict client library that checks the discovery
// document, the `iss` of every authorization response, `auth_time` against `max_age`, the nonce,
// and every token response's shape. Chromium signs in; oauth4webapi judges what comes back. The
// cases are issue 16's conformance defects (the protocol details are in
// tests/integration/authorization.test.ts, "OpenID Connect conformance").
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import * as oauth from "oauth4webapi";
import { signInOnPage, uniqueName } from "./support";

// The flow's own sign-in page is under test: the browser starts signed out (the request fixture
// that sets up data stays the signed-in admin).
test.beforeEach(async ({ context }) => context.clearCookies());

const insecure = { [oauth.allowInsecureRequests]: true };

interface Relying {
  as: oauth.AuthorizationServer;
  client: oauth.Client;
  auth: oauth.ClientAuth;
  redirectUri: string;
}

/** A confidential client of the openid scope, discovered and described for oauth4webapi. */
async function relyingParty(request: APIRequestContext, baseURL: string | undefined): Promise<Relying> {
  const redirectUri = `${baseURL}/e2e-callback`;
  const created = await request.post("/api/clients", {
    data: {
      name: uniqueName("oidc"),
      type: "confidential",
      redirectUris: [redirectUri],
      allowedScopes: ["openid", "email"],
      allowedGrantTypes: ["authorization_code", "refresh_token"],
    },
  });
  expect(created.status()).toBe(201);
  const { clientId, clientSecret } = await created.json();
  const issuer = new URL(baseURL as string);
  const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, insecure));
  return { as, client: { client_id: clientId }, auth: oauth.ClientSecretBasic(clientSecret), redirectUri };
}

interface Attempt {
  url: URL;
  state: string;
  nonce: string;
  verifier: string;
}

/** An authorization request with PKCE, state and nonce, and `extra` parameters. */
async function attempt(rp: Relying, extra: Record<string, string> = {}): Promise<Attempt> {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const url = new URL(rp.as.authorization_endpoint as string);
  url.search = new URLSearchParams({
    client_id: rp.client.client_id,
    redirect_uri: rp.redirectUri,
    response_type: "code",
    scope: "openid email",
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
    ...extra,
  }).toString();
  return { url, state, nonce, verifier };
}

/** Where the browser lands back at the client, after signing in and consenting when asked. */
async function callback(page: Page, { signIn = false, consent = false } = {}): Promise<URL> {
  if (signIn) await signInOnPage(page);
  if (consent) await page.getByRole("button", { name: "Allow" }).click();
  await page.waitForURL((url) => url.pathname === "/e2e-callback");
  return new URL(page.url());
}

/** The code of `landed` redeemed, and the response checked by oauth4webapi (`maxAge` included). */
async function redeem(rp: Relying, tried: Attempt, landed: URL | URLSearchParams, maxAge?: number) {
  const params = oauth.validateAuthResponse(rp.as, rp.client, landed, tried.state);
  const response = await oauth.authorizationCodeGrantRequest(
    rp.as,
    rp.client,
    rp.auth,
    params,
    rp.redirectUri,
    tried.verifier,
    insecure,
  );
  return oauth.processAuthorizationCodeResponse(rp.as, rp.client, response, {
    expectedNonce: tried.nonce,
    maxAge,
    requireIdToken: true,
  });
}

test("[OIDC] discovery publishes what is true; max_age asks for the password again, and auth_time says when", async ({
  page,
  request,
  baseURL,
}) => {
  const rp = await relyingParty(request, baseURL);
  // Defaults of OpenID Connect Discovery 3 that would be false claims if left out.
  expect(rp.as).toMatchObject({
    request_uri_parameter_supported: false,
    request_parameter_supported: false,
    claims_parameter_supported: false,
    authorization_response_iss_parameter_supported: true,
  });
  expect(rp.as.response_modes_supported).toEqual(expect.arrayContaining(["query", "form_post"]));
  expect(rp.as.response_modes_supported).not.toContain("fragment");
  expect(rp.as.prompt_values_supported).not.toContain("select_account");

  const first = await attempt(rp);
  await page.goto(first.url.href);
  const signedIn = await redeem(rp, first, await callback(page, { signIn: true, consent: true }), 300);
  const authTime = oauth.getValidatedIdTokenClaims(signedIn)?.auth_time as number;
  expect(authTime).toEqual(expect.any(Number));

  // Within max_age: the session answers at once, with the same auth_time.
  const within = await attempt(rp, { max_age: "300" });
  await page.goto(within.url.href);
  const again = await redeem(rp, within, await callback(page), 300);
  expect(oauth.getValidatedIdTokenClaims(again)?.auth_time).toBe(authTime);

  // max_age=0: the password again, though the session is alive; a fresh auth_time that oauth4webapi accepts.
  const zero = await attempt(rp, { max_age: "0" });
  await page.goto(zero.url.href);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  const fresh = await redeem(rp, zero, await callback(page, { signIn: true }), 0);
  expect(oauth.getValidatedIdTokenClaims(fresh)?.auth_time).toBeGreaterThanOrEqual(authTime);

  // prompt=none cannot ask: login_required, an error oauth4webapi reads from the redirect.
  const silent = await attempt(rp, { max_age: "0", prompt: "none" });
  await page.goto(silent.url.href);
  const refused = await callback(page);
  expect(() => oauth.validateAuthResponse(rp.as, rp.client, refused, silent.state)).toThrow(
    expect.objectContaining({ error: "login_required" }),
  );
});

test("[OIDC] the authorization endpoint takes POST; form_post posts the answer; select_account and fragment are refused", async ({
  page,
  request,
  baseURL,
}) => {
  const rp = await relyingParty(request, baseURL);

  // A form posted from the client's own page (OpenID Connect Core 3.1.2.1: GET and POST).
  const posted = await attempt(rp);
  const fields = [...posted.url.searchParams]
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${value}">`)
    .join("");
  await page.goto(`${baseURL}/sign-in`);
  await page.setContent(
    `<form method="post" action="${rp.as.authorization_endpoint}">${fields}<button>Continue</button></form>`,
  );
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  const tokens = await redeem(rp, posted, await callback(page, { signIn: true, consent: true }));
  expect(tokens.scope?.split(" ").sort()).toEqual(["email", "openid"]);

  // response_mode=form_post: the code reaches the redirect URI in a POST body, never in the URL.
  const viaPost = await attempt(rp, { response_mode: "form_post" });
  const arrival = page.waitForRequest((sent) => sent.url() === rp.redirectUri && sent.method() === "POST");
  await page.goto(viaPost.url.href);
  const body = new URLSearchParams((await arrival).postData() ?? "");
  expect(body.get("code")).toEqual(expect.any(String));
  await redeem(rp, viaPost, body);

  for (const [extra, error] of [
    [{ prompt: "select_account" }, "account_selection_required"],
    [{ response_mode: "fragment" }, "invalid_request"],
  ] as const) {
    const refused = await attempt(rp, extra);
    await page.goto(refused.url.href);
    const landed = await callback(page);
    expect(landed.hash).toBe("");
    expect(() => oauth.validateAuthResponse(rp.as, rp.client, landed, refused.state)).toThrow(
      expect.objectContaining({ error }),
    );
  }
});

test("[OIDC] id_token_hint of the signed-in user lets prompt=none answer; a refresh token's introspection has no token_type", async ({
  page,
  request,
  baseURL,
}) => {
  const rp = await relyingParty(request, baseURL);
  const first = await attempt(rp);
  await page.goto(first.url.href);
  const tokens = await redeem(rp, first, await callback(page, { signIn: true, consent: true }));

  const hinted = await attempt(rp, { prompt: "none", id_token_hint: tokens.id_token as string });
  await page.goto(hinted.url.href);
  const silent = await redeem(rp, hinted, await callback(page));
  expect(oauth.getValidatedIdTokenClaims(silent)?.sub).toBe(oauth.getValidatedIdTokenClaims(tokens)?.sub);

  const forged = await attempt(rp, { prompt: "none", id_token_hint: `${tokens.id_token}x` });
  await page.goto(forged.url.href);
  const refused = await callback(page);
  expect(() => oauth.validateAuthResponse(rp.as, rp.client, refused, forged.state)).toThrow(
    expect.objectContaining({ error: "invalid_request" }),
  );

  const introspected = await oauth.processIntrospectionResponse(
    rp.as,
    rp.client,
    await oauth.introspectionRequest(rp.as, rp.client, rp.auth, silent.refresh_token as string, insecure),
  );
  expect(introspected.active).toBe(true);
  expect(introspected).not.toHaveProperty("token_type");
  const access = await oauth.processIntrospectionResponse(
    rp.as,
    rp.client,
    await oauth.introspectionRequest(rp.as, rp.client, rp.auth, silent.access_token, insecure),
  );
  expect(access).toMatchObject({ active: true, token_type: "Bearer" });

  // A refresh: oauth4webapi checks the rotated response and the ID token it carries.
  const refreshed = await oauth.processRefreshTokenResponse(
    rp.as,
    rp.client,
    await oauth.refreshTokenGrantRequest(rp.as, rp.client, rp.auth, silent.refresh_token as string, insecure),
  );
  expect(refreshed.refresh_token).not.toBe(silent.refresh_token);
});
