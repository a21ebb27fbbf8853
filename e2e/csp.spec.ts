// The console's Content Security Policy as a browser meets it: each page answers a policy with a
// nonce of its own and puts it on every script; the pages work without the policy blocking anything;
// what an attacker injects does not run; no other site can frame the console or the OAuth pages.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { createApi, createScope, uniqueName, watchPolicy } from "./support";
import { E2E_USER, SIGNED_OUT } from "./user";

/** The directives of a Content Security Policy header, each with its sources. */
const directives = (policy: string) =>
  Object.fromEntries(
    policy.split(";").map((directive) => {
      const [name, ...sources] = directive.trim().split(/\s+/);
      return [name, sources];
    }),
  );

interface Answer {
  status: number;
  /** Every Content-Security-Policy header of the response. */
  policies: string[];
  html: string;
}

/** A page's policy, its nonce and its HTML; the policy must come in exactly one header. */
async function pageOf(get: (path: string) => Promise<Answer>, path: string) {
  const { status, policies, html } = await get(path);
  expect(status, path).toBe(200);
  expect(policies, `${path} has one policy`).toHaveLength(1);
  const policy = directives(policies[0]);
  const nonce = /^'nonce-([A-Za-z0-9+/]+={0,2})'$/.exec(policy["script-src"]?.[1] ?? "")?.[1];
  expect(nonce, `${path}: ${policies[0]}`).toBeDefined();
  return { policy, nonce: nonce as string, html };
}

test("[CSP] every console page answers a policy with a nonce of its own, carried by each of its scripts", async ({
  request,
  baseURL,
}) => {
  const api = await createApi(request, "CSP API");
  const signedIn = async (path: string): Promise<Answer> => {
    const response = await request.get(path, { maxRedirects: 0 });
    const policies = response.headersArray().filter(({ name }) => name.toLowerCase() === "content-security-policy");
    return { status: response.status(), policies: policies.map(({ value }) => value), html: await response.text() };
  };
  // Signed out, as a signed-in admin is sent on from /sign-in to the console.
  const signedOut = async (path: string): Promise<Answer> => {
    const response = await fetch(`${baseURL}${path}`, { redirect: "manual" });
    const policies = response.headers.get("content-security-policy")?.split(",") ?? [];
    return { status: response.status, policies, html: await response.text() };
  };
  const pages: [string, (path: string) => Promise<Answer>][] = [
    ["/sign-in", signedOut],
    ["/apis", signedIn],
    [`/apis/${api.id}?tab=scopes`, signedIn],
    ["/clients", signedIn],
    ["/settings", signedIn],
    ["/users", signedIn],
    ["/audit", signedIn],
    ["/api-reference", signedIn],
  ];
  for (const [path, get] of pages) {
    const first = await pageOf(get, path);
    const second = await pageOf(get, path);
    expect(second.nonce, path).not.toBe(first.nonce);
    expect(first.policy, path).toEqual({
      "default-src": ["'self'"],
      "script-src": ["'self'", `'nonce-${first.nonce}'`, "'strict-dynamic'"],
      "style-src": ["'self'", `'nonce-${first.nonce}'`],
      "connect-src": ["'self'"],
      "img-src": ["'self'", "data:"],
      "object-src": ["'none'"],
      "base-uri": ["'self'"],
      "form-action": ["'self'"],
      "frame-ancestors": ["'none'"],
    });
    const scripts = first.html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const script of scripts) expect(script, path).toContain(` nonce="${first.nonce}"`);
  }
});

test("[CSP] the console works under its policy and the policy blocks nothing of it", async ({ page, request }) => {
  const blocked = await watchPolicy(page);
  const api = await createApi(request, "CSP API");
  const scope = uniqueName("csp_read");
  await createScope(request, api.id, { name: scope, displayName: "Read under CSP" });

  // The list hydrates: a dialog opens (Radix locks the page's scrolling with a style of its own)
  // and its form saves.
  await page.goto("/apis");
  await page.getByRole("button", { name: "Add API" }).click();
  const dialog = page.getByRole("dialog", { name: "API" });
  await dialog.getByLabel("Name", { exact: true }).fill(uniqueName("csp"));
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toContainText("added.");

  // The Edit API page: its scopes load, its tabs switch.
  await page.goto(`/apis/${api.id}?tab=scopes`);
  await expect(page.getByRole("table", { name: "API scopes" })).toContainText(scope);
  await page.getByRole("tab", { name: "Settings" }).click();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(api.name);

  await page.goto("/clients");
  await page.getByRole("button", { name: "Add client" }).click();
  await expect(page.getByRole("dialog", { name: "Client" }).getByLabel("Name")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog", { name: "Client" })).toBeHidden();

  // The settings form validates in the browser (zod, which must not try eval) and saves nothing.
  await page.goto("/settings");
  await page.getByLabel("Authorization code lifetime").fill("1 h");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByLabel("Authorization code lifetime")).toHaveAccessibleDescription(/at most 10 min/);

  // The Users dialog and the Audit log's filters.
  await page.goto("/users");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("dialog", { name: "User" }).getByLabel("Role")).toBeVisible();
  await page.keyboard.press("Escape");
  await page.goto("/audit");
  await page.getByLabel("Resource").selectOption({ label: "API" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("table", { name: "Audit log" })).toContainText("API");

  // A page that does not exist is rendered per request too, with the nonce on its scripts.
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.getByRole("link", { name: "Go to the APIs" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "APIs" })).toBeVisible();

  expect(blocked).toEqual([]);
});

test.describe("signed out", () => {
  test.use({ storageState: SIGNED_OUT });

  test("[CSP] signing in through /sign-in works under the policy and it blocks nothing", async ({ page }) => {
    const blocked = await watchPolicy(page);
    await page.goto("/sign-in?next=%2Fclients");
    await page.getByLabel("Email").fill(E2E_USER.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "incorrect" })).toBeVisible();
    await page.getByLabel("Password").fill(E2E_USER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Clients" })).toBeVisible();
    expect(blocked).toEqual([]);
  });
});

test("[CSP] script injected into a console page does not run", async ({ page }) => {
  await page.goto("/apis");
  await expect(page.getByRole("heading", { level: 1, name: "APIs" })).toBeVisible();
  // An inline event handler, as an HTML injection would bring it: the image fails to load, and
  // the policy refuses to run its onerror.
  const violated = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        document.addEventListener("securitypolicyviolation", (event) => resolve(event.violatedDirective), {
          once: true,
        });
        document.body.insertAdjacentHTML(
          "beforeend",
          '<img alt="" src="/no-such-image.png" onerror="window.injectedRan = true">',
        );
      }),
  );
  expect(violated).toBe("script-src-attr");
  expect(await page.evaluate(() => "injectedRan" in window)).toBe(false);
});

/** The query of an authorization request by a new client for a new scope, which nobody consented to. */
async function newAuthorizationRequest(request: APIRequestContext) {
  const api = await createApi(request, "CSP OAuth API");
  const scope = uniqueName("csp_oauth");
  await createScope(request, api.id, { name: scope });
  const created = await request.post("/api/clients", {
    data: {
      name: "CSP app",
      type: "confidential",
      redirectUris: [REDIRECT_URI],
      allowedScopes: [scope],
      allowedGrantTypes: ["authorization_code"],
    },
  });
  expect(created.status()).toBe(201);
  const { clientId } = await created.json();
  return new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: REDIRECT_URI, scope });
}

const REDIRECT_URI = "https://app.example/callback";

test("[CSP] the OAuth sign-in and consent pages forbid framing", async ({ request, baseURL }) => {
  const query = await newAuthorizationRequest(request);
  // Nobody signed in: the sign-in page.
  const signIn = await fetch(`${baseURL}/oauth/authorize?${query}`);
  expect(signIn.status).toBe(200);
  expect(await signIn.text()).toContain('action="/oauth/authorize/sign-in"');
  // The admin, signed in, has not consented to this client: the consent page.
  const consent = await request.get(`/oauth/authorize?${query}`);
  expect(consent.status()).toBe(200);
  expect(await consent.text()).toContain('action="/oauth/authorize/consent"');
  for (const headers of [Object.fromEntries(signIn.headers), consent.headers()]) {
    expect(directives(headers["content-security-policy"])["frame-ancestors"]).toEqual(["'none'"]);
    expect(headers["x-frame-options"]).toBe("DENY");
  }
});

test("[CSP] another site cannot frame a console page or the OAuth consent page", async ({ page, request, baseURL }) => {
  const consentUrl = `${baseURL}/oauth/authorize?${await newAuthorizationRequest(request)}`;
  // A site of its own on another port (a loopback address, as the browser lets only a loopback page
  // frame one), framing one page of its own and two of the console's, for the signed-in admin.
  const otherSite = createServer((incoming, response) => {
    response.setHeader("content-type", "text/html");
    response.end(
      incoming.url === "/own"
        ? "<p>A page of the other site</p>"
        : `<iframe title="own" src="/own"></iframe>
           <iframe title="console" src="${baseURL}/apis"></iframe>
           <iframe title="consent" src="${consentUrl.replace(/&/g, "&amp;")}"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => otherSite.listen(0, "127.0.0.1", resolve));
  try {
    const refusals: string[] = [];
    page.on("console", (message) => {
      if (message.text().includes(`directive: "frame-ancestors 'none'"`)) refusals.push(message.text());
    });
    const refused = [`${baseURL}/apis`, consentUrl].map((url) =>
      page.waitForEvent("requestfailed", (failed) => failed.url() === url),
    );
    await page.goto(`http://127.0.0.1:${(otherSite.address() as AddressInfo).port}/`);
    // The other site's own frame shows; the console answers both of its frames' requests, and the
    // browser refuses to show either answer, for the Content Security Policy's frame-ancestors.
    await expect(page.frameLocator('iframe[title="own"]').getByText("A page of the other site")).toBeVisible();
    for (const failed of await Promise.all(refused)) {
      expect((await failed.response())?.status(), failed.url()).toBe(200);
      expect(failed.failure()?.errorText, failed.url()).toBe("net::ERR_BLOCKED_BY_RESPONSE");
    }
    await expect.poll(() => refusals.length).toBe(2);
    await expect(page.frameLocator('iframe[title="console"]').getByRole("heading", { name: "APIs" })).toHaveCount(0);
    await expect(page.frameLocator('iframe[title="consent"]').getByRole("button", { name: "Allow" })).toHaveCount(0);
  } finally {
    otherSite.closeAllConnections();
    await new Promise((resolve) => otherSite.close(resolve));
  }
});
