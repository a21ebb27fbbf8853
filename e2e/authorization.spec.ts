// The authorization code flow as a person and a real OAuth client library see it: openid-client
// builds the request, Chromium signs in and consents, openid-client redeems, refreshes and checks.
import { expect, test } from "@playwright/test";
import { createRemoteJWKSet, jwtVerify } from "jose";
import * as oauth from "openid-client";
import { createApi, createScope, createSignInClient, signInOnPage, uniqueName } from "./support";
import { E2E_USER } from "./user";

// The flow's own sign-in page is under test: its browser starts signed out (the request fixture
// that sets up data stays the signed-in admin).
test.beforeEach(async ({ context }) => context.clearCookies());

test("[OAUTH] authorization code + PKCE through sign-in and consent, refresh, userinfo, introspection, revocation", async ({
  page,
  request,
  baseURL,
}) => {
  const api = await createApi(request);
  const read = uniqueName("read");
  const write = uniqueName("write");
  const audit = uniqueName("audit");
  await createScope(request, api.id, { name: read, displayName: "Read reports", description: "See every report." });
  await createScope(request, api.id, {
    name: write,
    displayName: "Write reports",
    emphasize: true,
    accessTokenLifetime: "15 min",
  });
  // Required scopes join every request that may use them, so this one sets no lifetime that
  // would change what the other specs' requests get from the shared database.
  await createScope(request, api.id, { name: audit, displayName: "Audit trail", required: true });
  const redirectUri = `${baseURL}/e2e-callback`;
  const created = await request.post("/api/clients", {
    data: {
      name: "Reports app",
      type: "confidential",
      redirectUris: [redirectUri],
      allowedScopes: ["openid", "email", "offline_access", read, write, audit],
      allowedGrantTypes: ["authorization_code", "refresh_token"],
    },
  });
  expect(created.status()).toBe(201);
  const { clientId, clientSecret } = await created.json();

  const server = new URL(baseURL as string);
  const config = await oauth.discovery(server, clientId, undefined, oauth.ClientSecretBasic(clientSecret), {
    execute: [oauth.allowInsecureRequests],
  });
  const metadata = config.serverMetadata();
  expect(metadata.code_challenge_methods_supported).toEqual(["S256"]);
  expect(metadata.grant_types_supported).toEqual(expect.arrayContaining(["authorization_code", "refresh_token"]));

  const verifier = oauth.randomPKCECodeVerifier();
  const state = oauth.randomState();
  const nonce = oauth.randomNonce();
  const authorizationUrl = oauth.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: `openid email offline_access ${read} ${write}`,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });

  await page.goto(authorizationUrl.href);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await signInOnPage(page, { password: "not the password" });
  await expect(page.getByRole("alert")).toHaveText("The email or password is incorrect.");
  await signInOnPage(page);

  await expect(page.getByRole("heading", { name: "Reports app wants access" })).toBeVisible();
  const scopes = page.getByRole("list", { name: "Requested scopes" }).getByRole("checkbox");
  // Emphasized scopes come first and are marked (the demo data emphasizes offline_access too).
  await expect(scopes.first()).toHaveAccessibleName(/Important/);
  await expect(page.getByRole("checkbox", { name: /Write reports/ })).toHaveAccessibleName(/Important/);
  const required = page.getByRole("checkbox", { name: /Audit trail/ });
  await expect(required).toBeChecked();
  await expect(required).toBeDisabled();
  const optional = page.getByRole("checkbox", { name: /Read reports/ });
  await expect(optional).toHaveAccessibleDescription("See every report.");
  await optional.uncheck();
  await page.getByRole("button", { name: "Allow" }).click();
  await page.waitForURL((url) => url.pathname === "/e2e-callback");

  const tokens = await oauth.authorizationCodeGrant(config, new URL(page.url()), {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
  });
  expect(tokens.scope?.split(" ").sort()).toEqual(["email", "offline_access", "openid", audit, write].sort());
  expect(tokens.expires_in).toBe(900);
  expect(tokens.refresh_token).toEqual(expect.any(String));
  const claims = tokens.claims();
  expect(claims).toMatchObject({ email: E2E_USER.email, nonce, aud: clientId });
  expect(claims?.auth_time).toEqual(expect.any(Number));

  const preview = await request.post("/api/token-preview", {
    data: { clientId, scopes: tokens.scope?.split(" "), grantType: "authorization_code" },
  });
  const predicted = await preview.json();
  expect(tokens.expires_in).toBe(predicted.accessToken.lifetime);
  expect(tokens.refresh_expires_in).toBe(predicted.refreshToken.lifetime);

  const jwks = createRemoteJWKSet(new URL(metadata.jwks_uri as string));
  const access = await jwtVerify(tokens.access_token, jwks, { issuer: metadata.issuer, typ: "at+jwt" });
  expect(access.payload).toMatchObject({ sub: claims?.sub, client_id: clientId });
  expect(access.payload.aud).toContain(api.name);

  const userinfo = await oauth.fetchUserInfo(config, tokens.access_token, claims?.sub as string);
  expect(userinfo).toMatchObject({ sub: claims?.sub, email: E2E_USER.email });

  // Refresh: a new refresh token each time; once the new one is used, the old one revokes the whole
  // grant (before, within the reuse interval, it would be a retry after a lost response).
  const refreshed = await oauth.refreshTokenGrant(config, tokens.refresh_token as string, { scope: `openid ${write}` });
  expect(refreshed.scope).toBe(`openid ${write}`);
  expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
  const next = await oauth.refreshTokenGrant(config, refreshed.refresh_token as string);
  expect(await oauth.tokenIntrospection(config, next.access_token)).toMatchObject({ active: true });
  await expect(oauth.refreshTokenGrant(config, tokens.refresh_token as string)).rejects.toMatchObject({
    error: "invalid_grant",
  });
  expect(await oauth.tokenIntrospection(config, next.access_token)).toEqual({ active: false });
  await expect(oauth.refreshTokenGrant(config, next.refresh_token as string)).rejects.toMatchObject({
    error: "invalid_grant",
  });

  // The consent is remembered: the same scopes again go straight back to the client.
  const again = oauth.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: `openid ${write}`,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
  });
  await page.goto(again.href);
  await page.waitForURL((url) => url.pathname === "/e2e-callback");
  const second = await oauth.authorizationCodeGrant(config, new URL(page.url()), {
    pkceCodeVerifier: verifier,
    expectedState: state,
  });
  await oauth.tokenRevocation(config, second.refresh_token as string);
  await expect(oauth.refreshTokenGrant(config, second.refresh_token as string)).rejects.toMatchObject({
    error: "invalid_grant",
  });
});

test("[OAUTH] an unregistered redirect URI gets an error page, a denial goes back with access_denied", async ({
  page,
  request,
  baseURL,
}) => {
  const { clientId, redirectUri } = await createSignInClient(request, baseURL, { name: "Mobile app", type: "public" });
  const config = await oauth.discovery(new URL(baseURL as string), clientId, undefined, oauth.None(), {
    execute: [oauth.allowInsecureRequests],
  });
  const verifier = oauth.randomPKCECodeVerifier();
  const params = {
    scope: "openid",
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state: oauth.randomState(),
  };

  await page.goto(oauth.buildAuthorizationUrl(config, { ...params, redirect_uri: `${redirectUri}/other` }).href);
  await expect(page.getByRole("heading", { name: "This request cannot continue" })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveText("The redirect URI is not registered for this application.");
  expect(new URL(page.url()).pathname).toBe("/oauth/authorize");

  await page.goto(oauth.buildAuthorizationUrl(config, { ...params, redirect_uri: redirectUri, prompt: "login" }).href);
  await signInOnPage(page);
  await page.getByRole("button", { name: "Deny" }).click();
  await page.waitForURL((url) => url.pathname === "/e2e-callback");
  const callback = new URL(page.url());
  expect(callback.searchParams.get("error")).toBe("access_denied");
  expect(callback.searchParams.get("state")).toBe(params.state);
  await expect(
    oauth.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: params.state }),
  ).rejects.toMatchObject({ error: "access_denied" });
});
