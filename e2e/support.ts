// Small helpers of the end-to-end tests: data made through the JSON API, each test its own.
import { type APIRequestContext, expect, type Page } from "@playwright/test";
import { E2E_USER } from "./user";

/**
 * The next-router-state-tree header of a client on another console page, as Next.js's router sends
 * it: the console layout counts as rendered.
 */
export const routerState = (segment: string) =>
  encodeURIComponent(
    JSON.stringify(["", { children: ["(console)", { children: [segment, { children: ["__PAGE__", {}] }] }] }]),
  );

export const uniqueName = (prefix: string) => `${prefix}_${Math.random().toString(36).slice(2, 9)}`;

export interface TestApi {
  id: string;
  name: string;
  displayName: string;
}

export async function createApi(request: APIRequestContext, displayName = "E2E API"): Promise<TestApi> {
  const response = await request.post("/api/apis", { data: { name: uniqueName("api"), displayName } });
  expect(response.status()).toBe(201);
  return response.json();
}

export async function createScope(request: APIRequestContext, apiId: string, scope: Record<string, unknown>) {
  const response = await request.post(`/api/apis/${apiId}/scopes`, { data: scope });
  expect(response.status()).toBe(201);
  return response.json();
}

/** A client that may sign users in with the openid scope, redirecting to BASE/e2e-callback. */
export async function createSignInClient(
  request: APIRequestContext,
  baseURL: string | undefined,
  client: { name: string; type: "confidential" | "public" },
): Promise<{ clientId: string; clientSecret: string | null; redirectUri: string }> {
  const redirectUri = `${baseURL}/e2e-callback`;
  const response = await request.post("/api/clients", {
    data: {
      ...client,
      redirectUris: [redirectUri],
      allowedScopes: ["openid"],
      allowedGrantTypes: ["authorization_code"],
    },
  });
  expect(response.status()).toBe(201);
  return { ...(await response.json()), redirectUri };
}

export async function openScopesTab(page: Page, apiId: string) {
  await page.goto(`/apis/${apiId}?tab=scopes`);
  await expect(page.getByRole("tab", { name: "Scopes" })).toHaveAttribute("aria-selected", "true");
  return page.getByRole("table", { name: "API scopes" });
}

/** The table row whose first cell is exactly `name` (never an empty-state row that quotes it). */
const rowNamed = (page: Page, table: string, name: string) =>
  page
    .getByRole("table", { name: table })
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name, exact: true }) });

export const scopeRow = (page: Page, name: string) => rowNamed(page, "API scopes", name);
export const apiRow = (page: Page, name: string) => rowNamed(page, "APIs", name);

/**
 * Everything the page's policy blocks from now on, in every document the page loads: the
 * `securitypolicyviolation` events and the console's reports of them.
 */
export async function watchPolicy(page: Page): Promise<string[]> {
  const blocked: string[] = [];
  await page.exposeFunction("reportPolicyViolation", (report: string) => blocked.push(report));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = `${event.violatedDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`;
      (window as unknown as { reportPolicyViolation(report: string): void }).reportPolicyViolation(report);
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
  });
  return blocked;
}

/** Signs in on the sign-in page the browser shows (the console's or the authorization server's). */
export async function signInOnPage(page: Page, { email = E2E_USER.email, password = E2E_USER.password } = {}) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
