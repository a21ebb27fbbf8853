// Failed sign-ins per account, as a person meets the limit. The test servers are shared and every
// test signs in from 127.0.0.1: this one uses an email of its own and stays far below the limit
// per address (50 failures), using up only its account's 5.
import { expect, test } from "@playwright/test";
import { SIGN_IN_ACCOUNT_LIMIT } from "@/lib/accounts/sign-in-limits";
import { createSignInClient, uniqueName } from "./support";

// The flow's sign-in page is under test: the browser starts signed out (the request fixture stays the admin).
test.beforeEach(async ({ context }) => context.clearCookies());

test("[SIGN-IN] after the account's failed sign-ins are used up, the page answers 429 with Retry-After and says when to try again", async ({
  page,
  request,
  baseURL,
}) => {
  const { clientId, redirectUri } = await createSignInClient(request, baseURL, {
    name: "Limited app",
    type: "confidential",
  });
  const email = `${uniqueName("locked")}@example.com`;
  const authorize = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: "openid",
    state: "state-123",
  });

  await page.goto(`/oauth/authorize?${authorize}`);
  const attempt = async () => {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("not the password");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/oauth/authorize/sign-in")),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    return response;
  };
  for (let i = 0; i < SIGN_IN_ACCOUNT_LIMIT; i++) {
    expect((await attempt()).status()).toBe(200);
    await expect(page.getByRole("alert")).toHaveText("The email or password is incorrect.");
  }
  const refused = await attempt();
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
  await expect(page.getByRole("alert")).toHaveText(/^Too many failed sign-ins\. Try again in \d+ minutes?\.$/);
});
