// Signing out: RP-initiated logout as a real client library drives it (openid-client builds the
// end-session URL, Chromium confirms), and the Sessions page ending another browser's session.
import { type Browser, expect, type Page, test } from "@playwright/test";
import * as oauth from "openid-client";
import { uniqueName } from "./support";
import { E2E_USER, SIGNED_OUT } from "./user";

const FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("[LOGOUT] openid-client: sign in, end the session at end_session_endpoint, back with the state", async ({
  browser,
  request,
  baseURL,
}) => {
  // A browser of its own: ending its session must not end the admin session the other specs share.
  const context = await browser.newContext({ storageState: SIGNED_OUT, baseURL });
  const page = await context.newPage();
  const redirectUri = `${baseURL}/e2e-callback`;
  const loggedOut = `${baseURL}/e2e-logged-out`;
  const created = await request.post("/api/clients", {
    data: {
      name: uniqueName("Logout app"),
      type: "confidential",
      redirectUris: [redirectUri],
      postLogoutRedirectUris: [loggedOut],
      allowedScopes: ["openid"],
      allowedGrantTypes: ["authorization_code", "refresh_token"],
    },
  });
  expect(created.status()).toBe(201);
  const { clientId, clientSecret, postLogoutRedirectUris } = await created.json();
  expect(postLogoutRedirectUris).toEqual([loggedOut]);

  const config = await oauth.discovery(
    new URL(baseURL as string),
    clientId,
    undefined,
    oauth.ClientSecretBasic(clientSecret),
    { execute: [oauth.allowInsecureRequests] },
  );
  expect(config.serverMetadata().end_session_endpoint).toBe(`${baseURL}/oauth/end-session`);

  const verifier = oauth.randomPKCECodeVerifier();
  const state = oauth.randomState();
  await page.goto(
    oauth.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: "openid",
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state,
    }).href,
  );
  await signIn(page, E2E_USER.email, E2E_USER.password);
  const allow = page.getByRole("button", { name: "Allow" });
  // Consent is remembered per user and client: a fresh client always asks.
  await allow.click();
  await page.waitForURL((url) => url.pathname === "/e2e-callback");
  const tokens = await oauth.authorizationCodeGrant(config, new URL(page.url()), {
    pkceCodeVerifier: verifier,
    expectedState: state,
  });
  expect(tokens.claims()?.sid).toEqual(expect.any(String));
  expect(tokens.refresh_token).toEqual(expect.any(String));

  const logoutState = oauth.randomState();
  await page.goto(
    oauth.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token as string,
      post_logout_redirect_uri: loggedOut,
      state: logoutState,
    }).href,
  );
  await expect(page.getByRole("heading", { name: "Sign out?" })).toBeVisible();
  await page.setViewportSize({ width: 375, height: 700 });
  await page.screenshot({ path: ".test-results/logout-375.png", fullPage: true });
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/e2e-logged-out");
  expect(new URL(page.url()).searchParams.get("state")).toBe(logoutState);

  // The session's grant (no offline_access) is revoked, and the browser is signed out.
  await expect(oauth.refreshTokenGrant(config, tokens.refresh_token as string)).rejects.toMatchObject({
    error: "invalid_grant",
  });
  expect(await oauth.tokenIntrospection(config, tokens.access_token)).toEqual({ active: false });
  await page.goto("/apis");
  await expect(page).toHaveURL(/\/sign-in/);
  await context.close();
});

async function signedInBrowser(
  browser: Browser,
  baseURL: string | undefined,
  who: { email: string; password: string },
  userAgent?: string,
) {
  const context = await browser.newContext({ storageState: SIGNED_OUT, baseURL, ...(userAgent ? { userAgent } : {}) });
  const page = await context.newPage();
  await page.goto("/apis");
  await signIn(page, who.email, who.password);
  await expect(page.getByRole("heading", { name: "APIs" })).toBeVisible();
  return { context, page };
}

test("[SESSIONS] the Sessions page lists this person's browsers and ends another one, which is signed out", async ({
  browser,
  request,
  baseURL,
}) => {
  const who = { email: `${uniqueName("sessions")}@example.com`, password: "a long enough password for e2e" };
  expect((await request.post("/api/users", { data: { ...who, role: "admin" } })).status()).toBe(201);
  const here = await signedInBrowser(browser, baseURL, who);
  const there = await signedInBrowser(browser, baseURL, who, FIREFOX_ON_WINDOWS);

  const { page } = here;
  await page.getByRole("link", { name: "Sessions" }).click();
  await expect(page.getByRole("heading", { name: "Sessions", level: 1 })).toBeVisible();
  const sessions = page.getByRole("list", { name: "Sessions" }).getByRole("listitem");
  await expect(sessions).toHaveCount(2);
  const current = sessions.filter({ hasText: "This browser" });
  await expect(current).toHaveCount(1);
  const firefox = page.getByRole("listitem", { name: "Firefox on Windows" });
  await expect(firefox).toBeVisible();
  await expect(firefox).not.toContainText("This browser");

  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: `.test-results/sessions-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });

  await firefox.getByRole("button", { name: "End session" }).click();
  const dialog = page.getByRole("alertdialog", { name: "End this session?" });
  await expect(dialog).toContainText("Firefox on Windows will be signed out");
  await dialog.getByRole("button", { name: "End session" }).click();
  await expect(dialog).toBeHidden();
  await expect(sessions).toHaveCount(1);
  await expect(sessions.first()).toContainText("This browser");

  // The other browser is signed out: its next page asks it to sign in.
  await there.page.reload();
  await expect(there.page).toHaveURL(/\/sign-in/);
  // This one is not.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Sessions", level: 1 })).toBeVisible();

  // The audit log says who ended which.
  const audit = await request.get(`/api/audit?resourceType=session&actor=${encodeURIComponent(who.email)}`);
  expect((await audit.json()).items).toEqual([expect.objectContaining({ action: "delete", resourceType: "session" })]);
  await here.context.close();
  await there.context.close();
});
